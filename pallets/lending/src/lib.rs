//! # Lending pallet
//!
//! Over-collateralised, multi-asset lending: the native token and `pallet-assets` assets
//! through one `fungibles` view, keyed by [`LendingAsset`].
//!
//! ## Design
//! - **Markets.** One storage item per market holds its risk parameters and state
//!   ([`Market`]), so a call reads one item per market it touches. The admin origin opens,
//!   updates and pauses markets; the whole pallet can be paused too.
//! - **Supply.** Suppliers receive shares. The exchange rate is
//!   `(cash + borrows − reserves + V) / (shares + V)` with `V` virtual units
//!   ([`types::VIRTUAL_LIQUIDITY`]), never above the real pro-rata rate. `cash` is the pool's
//!   own bookkeeping: a transfer to the pool account outside a call (a donation) changes
//!   nothing. Together these defeat the empty-market inflation attack, and a supply that
//!   would mint 0 shares fails.
//! - **Interest.** A global borrow index per market compounds per second,
//!   `index · (1 + rate/year)^Δt`, accrued lazily whenever a call touches the market. An
//!   account's debt is `principal · index / index_at_borrow`, rounded up; total borrows
//!   are rounded down, so Σ debts ≥ total borrows. The rate follows a kinked curve capped
//!   by the market's `max_rate`, itself capped by `MaxBorrowRate`; every step saturates.
//! - **Health.** `HF = Σ collateral value × liquidation threshold ÷ Σ debt value`. A call
//!   that increases risk (borrow, withdraw collateral while in debt, disable collateral
//!   while in debt) must leave debt within `Σ collateral value × collateral factor`, which
//!   implies HF > 1, or it fails with [`Error::InsufficientCollateral`].
//! - **Prices** come from the oracle, which pushes every change of a stored price into the
//!   markets valued with it ([`OnPriceChange`], indexed by [`PriceKeyMarkets`]); a new
//!   market starts from [`PriceFeed::price_point`]. So each market carries the oracle's
//!   price point and valuing a position reads nothing but its market. A point the oracle
//!   no longer serves, or older than the market's `max_price_age`, or none at all, fails
//!   every risk-increasing call and liquidation with [`Error::PriceStale`] /
//!   [`Error::PriceUnavailable`]. Supply and repay never need a price. All pricing goes
//!   through `Pallet::current_price`, the one place new collateral kinds (tokenised
//!   real-world assets, model shares) plug into.
//! - **Liquidation.** Anyone may repay part of the debt of an account with HF < 1 and
//!   seize its collateral plus a bonus, as supply shares; the protocol keeps its share of
//!   the bonus as reserves. The close factor is `CloseFactor` (50 %), or 100 % when HF <
//!   `FullCloseHealthFactor` (0.95) or the debt or collateral position is worth less than
//!   `SmallPositionValue`. It applies to the debt at the first liquidation of the block,
//!   so chained liquidations cannot exceed it. A liquidation may not leave less than half
//!   of `SmallPositionValue` of debt (no unprofitable dust), and must raise HF or close
//!   the position. When the account has no collateral left but still owes, the debt is
//!   written off: reserves cover what they can, the rest is recorded as the market's
//!   `deficit` (suppliers bear it, with an event), and anyone may cover a deficit later.
//! - **Flash loans.** `flash_loan` lends to the caller, dispatches a call as the caller,
//!   and pulls back the amount plus `FlashLoanFee` within the same extrinsic; otherwise
//!   the whole extrinsic fails and nothing it did remains. A storage flag rejects nested
//!   flash loans. The fee goes to suppliers, its reserve-factor share to reserves.
//! - **Tokens** move through [`Config::Transfer`] ([`AssetTransfer`]) under the ledger's
//!   own rules. The pool account holds each market asset's minimum balance as a seed
//!   outside the books (required by `add_market`, minted at genesis), so it pays out any
//!   amount up to `cash` without dying or burning dust.
//! - **Pausing.** `set_pallet_paused` stamps the flag on every market (`halted`, at most
//!   `MaxMarkets`), so user calls learn of it from the market they read anyway.
//! - **Isolation.** A market with an isolation debt ceiling can only be an account's sole
//!   collateral, and debt backed by it is capped in value.
//!
//! ## Invariants (`try_state`)
//! Per market: the borrow index ≥ 1 and ≥ every position's snapshot index; Σ account
//! debts ≥ total borrows; Σ position shares = total shares; what the shares redeem for ≤
//! cash + borrows − reserves; reserves ≤ cash + borrows; the pool account holds at least
//! `cash` plus the asset's minimum balance (its seed); every market's `halted` flag equals
//! `PalletPaused`; every market's price point equals the oracle's and the market is listed
//! under its price key; `MarketCount` counts the markets, at most `MaxMarkets`. Caps are checked on the calls that could
//! break them (interest may exceed them).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

use alloc::{boxed::Box, vec::Vec};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::Preservation,
		Time,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{
	lending::{AccountHealth, Borrowable, MarketSummary, PositionSummary},
	AssetId, Balance, LendingAsset, Moment, OnPriceChange, Price, PriceFeed, PricePoint,
};
use sp_arithmetic::{
	traits::{Bounded, CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, Permill,
};
use sp_runtime::traits::{AccountIdConversion, Dispatchable, UniqueSaturatedInto};

/// Helps the benchmarks set up assets and prices in a concrete runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Makes `asset` exist so that accounts can hold it.
	fn create_asset(asset: LendingAsset);
	/// Makes `PriceFeed::price(key)` return `price`, observed now.
	fn set_price(key: modelchain_primitives::AssetId, price: Price);
	/// Moves the clock (`Config::Time`) forward by `ms`.
	fn advance_time(ms: Moment);
}

// The pallet macros expand to `expect` on values they construct themselves; our code in
// this module uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The storage layout's version (see [`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Calls a flash loan may dispatch.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>;
		/// The native token and every other asset, as one `fungibles` view.
		type Assets: Inspect<Self::AccountId, AssetId = LendingAsset, Balance = Balance>
			+ Mutate<Self::AccountId>;
		/// Moves tokens of `Assets` (the same ledger): [`FungiblesTransfer<Self::Assets>`],
		/// or a runtime's direct route to each ledger's transfer.
		type Transfer: AssetTransfer<Self::AccountId>;
		/// Asset prices (the oracle).
		type PriceFeed: PriceFeed;
		/// Wall-clock time (ms), for interest and price age.
		type Time: Time<Moment = Moment>;
		/// Opens, updates and pauses markets; withdraws reserves (Root, or the chain DAO).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Derives the pool account that holds every market's cash.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Most markets one account may have positions in.
		#[pallet::constant]
		type MaxPositions: Get<u32>;
		/// Most markets the pallet may hold (bounds pausing the pallet and the per-market
		/// runtime API views).
		#[pallet::constant]
		type MaxMarkets: Get<u32>;
		/// Most markets that may be valued with one oracle price key (bounds the work of
		/// one price change, which the oracle pays for).
		#[pallet::constant]
		type MaxMarketsPerPriceKey: Get<u32>;
		/// Cap on any market's `max_rate` (annual).
		#[pallet::constant]
		type MaxBorrowRate: Get<Price>;
		/// Share of a debt position one block's liquidations may repay (50 %).
		#[pallet::constant]
		type CloseFactor: Get<Permill>;
		/// Below this health factor the whole position may be liquidated at once (0.95).
		#[pallet::constant]
		type FullCloseHealthFactor: Get<Price>;
		/// Debt or collateral positions worth less (USD) may be liquidated in full; a
		/// liquidation may not leave debt worth less than half of it.
		#[pallet::constant]
		type SmallPositionValue: Get<Price>;
		/// Fee on a flash loan.
		#[pallet::constant]
		type FlashLoanFee: Get<Permill>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Markets by asset: parameters and state.
	#[pallet::storage]
	pub type Markets<T: Config> = StorageMap<_, Twox64Concat, LendingAsset, Market>;

	/// How many markets exist (markets are never removed). Kept apart from `Markets`, so
	/// that writing a market back costs no counter check.
	#[pallet::storage]
	pub type MarketCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Each account's positions, one per market, all in one item.
	#[pallet::storage]
	pub type Positions<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<Position, T::MaxPositions>,
		ValueQuery,
	>;

	/// The markets valued with each oracle price key: where a price change is copied to.
	#[pallet::storage]
	pub type PriceKeyMarkets<T: Config> = StorageMap<
		_,
		Twox64Concat,
		AssetId,
		BoundedVec<LendingAsset, T::MaxMarketsPerPriceKey>,
		ValueQuery,
	>;

	/// The whole pallet is paused: only repay, collateral enabling and covering deficits
	/// work. Mirrored into every market's `state.halted`, which is what calls check.
	#[pallet::storage]
	pub type PalletPaused<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// A flash loan is in progress (reentrancy guard).
	#[pallet::storage]
	pub type FlashLoanActive<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Markets open from genesis. The pool account also receives the native existential
	/// deposit and, for each genesis market, the asset's minimum balance (minted), so that
	/// its cash can always leave it in full without the pool account dying.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(asset, parameters)` of each market.
		pub markets: Vec<(LendingAsset, MarketParams)>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let pool = Pallet::<T>::pool_account();
			let ed = T::Assets::minimum_balance(LendingAsset::Native);
			if T::Assets::balance(LendingAsset::Native, &pool) < ed {
				let minted = T::Assets::mint_into(LendingAsset::Native, &pool, ed);
				assert!(minted.is_ok(), "the lending pool must hold the existential deposit");
			}
			for (asset, params) in &self.markets {
				assert!(
					Pallet::<T>::validate_params(params).is_ok(),
					"a genesis lending market has invalid parameters"
				);
				let min = T::Assets::minimum_balance(*asset);
				let held = T::Assets::balance(*asset, &pool);
				if held < min {
					let minted = T::Assets::mint_into(*asset, &pool, min.saturating_sub(held));
					assert!(minted.is_ok(), "the lending pool must hold each asset's minimum");
				}
				assert!(
					MarketCount::<T>::get() < T::MaxMarkets::get(),
					"more genesis lending markets than MaxMarkets"
				);
				assert!(!Markets::<T>::contains_key(asset), "a genesis lending market repeats");
				assert!(
					Pallet::<T>::subscribe_to_price(*asset, params.price_key).is_ok(),
					"more genesis lending markets on one price key than MaxMarketsPerPriceKey"
				);
				let mut state = MarketState::new(0);
				state.price = T::PriceFeed::price_point(params.price_key);
				Markets::<T>::insert(asset, Market { params: *params, state });
				MarketCount::<T>::mutate(|count| count.saturating_inc());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A market was opened.
		MarketAdded { asset: LendingAsset, params: MarketParams },
		/// A market's parameters changed (interest was accrued first).
		MarketUpdated { asset: LendingAsset, params: MarketParams },
		/// The oracle changed the price a market is valued with (`None`: it has none).
		MarketPriceChanged { asset: LendingAsset, point: Option<PricePoint> },
		/// A market was paused or resumed.
		MarketPauseSet { asset: LendingAsset, paused: bool },
		/// The pallet was paused or resumed.
		PalletPauseSet { paused: bool },
		/// `who` supplied `amount` and received `shares`.
		Supplied { who: T::AccountId, asset: LendingAsset, amount: Balance, shares: Balance },
		/// `who` burnt `shares` and withdrew `amount`.
		Withdrawn { who: T::AccountId, asset: LendingAsset, amount: Balance, shares: Balance },
		/// `who`'s supply of `asset` now counts as collateral.
		CollateralEnabled { who: T::AccountId, asset: LendingAsset },
		/// `who`'s supply of `asset` no longer counts as collateral.
		CollateralDisabled { who: T::AccountId, asset: LendingAsset },
		/// `who` borrowed `amount`; they now owe `debt` of `asset`.
		Borrowed { who: T::AccountId, asset: LendingAsset, amount: Balance, debt: Balance },
		/// `who` repaid `amount`; `remaining` is still owed.
		Repaid { who: T::AccountId, asset: LendingAsset, amount: Balance, remaining: Balance },
		/// `liquidator` repaid `repaid` of `borrower`'s `debt_asset` debt and received
		/// `seized_shares` of `collateral_asset` (worth `seized`); the protocol kept
		/// `protocol_fee` of underlying as reserves.
		Liquidated {
			liquidator: T::AccountId,
			borrower: T::AccountId,
			debt_asset: LendingAsset,
			collateral_asset: LendingAsset,
			repaid: Balance,
			seized: Balance,
			seized_shares: Balance,
			protocol_fee: Balance,
		},
		/// `who` had no collateral left and owed `debt`: reserves covered
		/// `covered_by_reserves`, and `deficit` was added to the market's deficit, which
		/// suppliers bear until it is covered.
		BadDebtWrittenOff {
			who: T::AccountId,
			asset: LendingAsset,
			debt: Balance,
			covered_by_reserves: Balance,
			deficit: Balance,
		},
		/// `who` paid `amount` towards the market's deficit.
		DeficitCovered { who: T::AccountId, asset: LendingAsset, amount: Balance },
		/// The admin withdrew `amount` of reserves to `to`.
		ReservesWithdrawn { asset: LendingAsset, amount: Balance, to: T::AccountId },
		/// `who` took a flash loan of `amount`, repaid it and paid `fee`.
		FlashLoan { who: T::AccountId, asset: LendingAsset, amount: Balance, fee: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no market for this asset; list markets with the `lending_market` RPC.
		MarketNotFound,
		/// A market for this asset exists already; use `update_market`.
		MarketExists,
		/// The market has supply or debt, so its decimals and price key cannot change: that
		/// would revalue every position in it at once. Keep them, or wind the market down
		/// (pause it, let positions close) and change them when it is empty.
		MarketInUse,
		/// The pool account holds less than the asset's minimum balance. Transfer that much
		/// of the asset to the pool account (`pool_account`, the `mdl/lend` pallet account)
		/// first: it stays there, outside the market's books, so that the market's cash can
		/// always be paid out in full without the pool account dying.
		PoolNotSeeded,
		/// The pallet holds `MaxMarkets` markets already; a runtime upgrade must raise the
		/// bound before another market can open.
		TooManyMarkets,
		/// `MaxMarketsPerPriceKey` markets are valued with that oracle price key already.
		/// Configure a price key of the market's own in the oracle and use it, or raise the
		/// bound with a runtime upgrade.
		TooManyMarketsOnPriceKey,
		/// The parameters are inconsistent: need collateral factor < liquidation threshold
		/// < 100 %, threshold × (1 + bonus) < 100 %, reserve factor < 100 %, kink strictly
		/// between 0 and 100 %, base rate ≤ max rate ≤ `MaxBorrowRate`, a non-zero price age
		/// and at most 24 decimals.
		InvalidParams,
		/// The market is paused; only repay and liquidation work. Wait for governance.
		MarketPaused,
		/// Lending is paused; only repay, enabling collateral and covering deficits work.
		PalletPaused,
		/// The amount is zero; pass a positive amount.
		ZeroAmount,
		/// The amount is too small to mint a single share; supply more.
		NothingToMint,
		/// The market's supply cap would be exceeded; supply less.
		SupplyCapReached,
		/// The market's borrow cap would be exceeded; borrow less.
		BorrowCapReached,
		/// The pool does not hold that much cash now; try a smaller amount or wait for
		/// repayments.
		InsufficientCash,
		/// You do not hold enough supply shares in this market for that withdrawal.
		InsufficientShares,
		/// The call would leave your debt above your borrow limit (collateral × collateral
		/// factor); add collateral, repay, or use a smaller amount.
		InsufficientCollateral,
		/// A market this call must value has no oracle price; wait for the feeders.
		PriceUnavailable,
		/// A market this call must value has a price older than its maximum age; risky calls
		/// wait for a fresh price (supply and repay still work).
		PriceStale,
		/// You already have positions in `MaxPositions` markets; close one first.
		TooManyPositions,
		/// There is no debt to repay in this market.
		NoDebt,
		/// The account's health factor is not below 1; it cannot be liquidated.
		NotLiquidatable,
		/// You cannot liquidate yourself; repay instead.
		SelfLiquidation,
		/// The borrower has no collateral in that market; pick another collateral asset.
		NoCollateralToSeize,
		/// This block's liquidations already repaid the close factor of this debt; try in a
		/// later block.
		CloseFactorReached,
		/// The repayment is too small to seize anything; repay more.
		LiquidationTooSmall,
		/// The liquidation would leave a debt too small to liquidate profitably; repay the
		/// whole debt (the close factor allows it for small positions) or less.
		LiquidationLeavesDust,
		/// The liquidation would lower the borrower's health factor without closing the
		/// position; liquidate the whole position (allowed below the full-close health
		/// factor).
		LiquidationDoesNotImproveHealth,
		/// Isolated collateral must be your only collateral; disable the others first (or
		/// disable the isolated one).
		IsolationConflict,
		/// Debt backed by this isolated collateral would exceed its ceiling; borrow less.
		IsolationDebtCeilingReached,
		/// A flash loan is already in progress; nested flash loans are not allowed.
		FlashLoanReentrancy,
		/// The flash loan plus its fee could not be taken back from you after the call;
		/// make sure the call leaves you holding them.
		FlashLoanNotRepaid,
		/// The market has no deficit to cover.
		NoDeficit,
		/// Reserves cannot be withdrawn while the market has a deficit; cover it first.
		DeficitOutstanding,
		/// The market's reserves (or cash) are smaller than that.
		InsufficientReserves,
		/// You have no supply in this market; supply first.
		NoSupply,
		/// That supply is not collateral.
		NotCollateral,
		/// That supply is collateral already.
		AlreadyCollateral,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPositions::get() >= 2, "an account needs collateral and a debt");
			assert!(T::CloseFactor::get() > Permill::zero(), "liquidations must be possible");
			assert!(T::FullCloseHealthFactor::get() < Price::one());
			assert!(T::MaxMarketsPerPriceKey::get() >= 1, "a market needs its price key");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Opens a market for `asset`. Admin origin.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_market())]
		pub fn add_market(
			origin: OriginFor<T>,
			asset: LendingAsset,
			params: MarketParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!Markets::<T>::contains_key(asset), Error::<T>::MarketExists);
			ensure!(MarketCount::<T>::get() < T::MaxMarkets::get(), Error::<T>::TooManyMarkets);
			Self::validate_params(&params)?;
			ensure!(
				T::Assets::balance(asset, &Self::pool_account())
					>= T::Assets::minimum_balance(asset),
				Error::<T>::PoolNotSeeded
			);
			Self::subscribe_to_price(asset, params.price_key)?;
			let mut state = MarketState::new(Self::now());
			state.halted = PalletPaused::<T>::get();
			state.price = T::PriceFeed::price_point(params.price_key);
			Markets::<T>::insert(asset, Market { params, state });
			MarketCount::<T>::mutate(|count| count.saturating_inc());
			Self::deposit_event(Event::MarketAdded { asset, params });
			Ok(())
		}

		/// Replaces a market's parameters, after accruing interest at the old rate. Admin.
		/// The decimals and price key of a market with supply or debt are fixed.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_market())]
		pub fn update_market(
			origin: OriginFor<T>,
			asset: LendingAsset,
			params: MarketParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::validate_params(&params)?;
			let mut market = Self::market_accrued(asset)?;
			let in_use =
				!market.state.total_shares.is_zero() || !market.state.total_borrows.is_zero();
			let revalues = params.decimals != market.params.decimals
				|| params.price_key != market.params.price_key;
			ensure!(!(in_use && revalues), Error::<T>::MarketInUse);
			if params.price_key != market.params.price_key {
				Self::subscribe_to_price(asset, params.price_key)?;
				Self::unsubscribe_from_price(asset, market.params.price_key);
				market.state.price = T::PriceFeed::price_point(params.price_key);
			}
			market.params = params;
			Markets::<T>::insert(asset, market);
			Self::deposit_event(Event::MarketUpdated { asset, params });
			Ok(())
		}

		/// Pauses or resumes one market. Admin.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_market_paused())]
		pub fn set_market_paused(
			origin: OriginFor<T>,
			asset: LendingAsset,
			paused: bool,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let mut market = Self::market_accrued(asset)?;
			market.state.paused = paused;
			Markets::<T>::insert(asset, market);
			Self::deposit_event(Event::MarketPauseSet { asset, paused });
			Ok(())
		}

		/// Pauses or resumes the whole pallet. Admin. Stamps the flag on every market
		/// (at most `MaxMarkets`), so that user calls find it in the market they read.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_pallet_paused(T::MaxMarkets::get()))]
		pub fn set_pallet_paused(origin: OriginFor<T>, paused: bool) -> DispatchResultWithPostInfo {
			T::AdminOrigin::ensure_origin(origin)?;
			PalletPaused::<T>::put(paused);
			let mut stamped: u32 = 0;
			// `translate` rewrites each market in place; interest stays lazily accrued.
			Markets::<T>::translate_values(|mut market: Market| {
				market.state.halted = paused;
				stamped = stamped.saturating_add(1);
				Some(market)
			});
			Self::deposit_event(Event::PalletPauseSet { paused });
			Ok(Some(T::WeightInfo::set_pallet_paused(stamped)).into())
		}

		/// Supplies `amount` of `asset` and mints supply shares. Needs no price.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::supply())]
		pub fn supply(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut market = Self::market_accrued(asset)?;
			Self::ensure_not_halted(&market)?;
			ensure!(!market.state.paused, Error::<T>::MarketPaused);
			let shares = market.state.shares_for_supply(amount);
			ensure!(!shares.is_zero(), Error::<T>::NothingToMint);
			ensure!(
				market.state.supplied_assets().saturating_add(amount) <= market.params.supply_cap,
				Error::<T>::SupplyCapReached
			);
			let mut positions = Positions::<T>::get(&who);
			let position = Self::position_mut_or_insert(&mut positions, asset)?;
			position.shares = position.shares.saturating_add(shares);
			Self::pay_in(asset, &who, amount)?;
			market.state.cash = market.state.cash.saturating_add(amount);
			market.state.total_shares = market.state.total_shares.saturating_add(shares);
			Markets::<T>::insert(asset, market);
			Positions::<T>::insert(&who, positions);
			Self::deposit_event(Event::Supplied { who, asset, amount, shares });
			Ok(())
		}

		/// Withdraws `amount` of underlying, burning the shares it takes (rounded up). If the
		/// supply is collateral and you owe anything, every price must be fresh and your
		/// debt must stay within your borrow limit.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxPositions::get()))]
		pub fn withdraw(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let n = Self::do_withdraw(who, asset, Some(amount))?;
			Ok(Some(T::WeightInfo::withdraw(n)).into())
		}

		/// Withdraws everything your shares in `asset` redeem for, under the same rules as
		/// `withdraw`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::withdraw(T::MaxPositions::get()))]
		pub fn withdraw_all(
			origin: OriginFor<T>,
			asset: LendingAsset,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let n = Self::do_withdraw(who, asset, None)?;
			Ok(Some(T::WeightInfo::withdraw(n)).into())
		}

		/// Makes your supply of `asset` count as collateral. Needs no price (it only lowers
		/// risk). Isolated collateral must be your only collateral.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::enable_collateral(T::MaxPositions::get()))]
		pub fn enable_collateral(
			origin: OriginFor<T>,
			asset: LendingAsset,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let market = Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?;
			let mut positions = Positions::<T>::get(&who);
			let n = Self::weight_count(&positions);
			let isolated_new = market.params.isolation_debt_ceiling.is_some();
			let others = positions.iter().filter(|p| p.collateral && p.asset != asset);
			for other in others.filter(|p| !p.shares.is_zero()) {
				let other_market =
					Markets::<T>::get(other.asset).ok_or(Error::<T>::MarketNotFound)?;
				let isolated_other = other_market.params.isolation_debt_ceiling.is_some();
				ensure!(!isolated_new && !isolated_other, Error::<T>::IsolationConflict);
			}
			let position = positions
				.iter_mut()
				.find(|p| p.asset == asset && !p.shares.is_zero())
				.ok_or(Error::<T>::NoSupply)?;
			ensure!(!position.collateral, Error::<T>::AlreadyCollateral);
			position.collateral = true;
			Positions::<T>::insert(&who, positions);
			Self::deposit_event(Event::CollateralEnabled { who, asset });
			Ok(Some(T::WeightInfo::enable_collateral(n)).into())
		}

		/// Stops your supply of `asset` counting as collateral. If you owe anything, every
		/// price must be fresh and your debt must stay within your borrow limit.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::disable_collateral(T::MaxPositions::get()))]
		pub fn disable_collateral(
			origin: OriginFor<T>,
			asset: LendingAsset,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut positions = Positions::<T>::get(&who);
			let n = Self::weight_count(&positions);
			let position =
				positions.iter_mut().find(|p| p.asset == asset).ok_or(Error::<T>::NoSupply)?;
			ensure!(position.collateral, Error::<T>::NotCollateral);
			position.collateral = false;
			let mut markets = MarketCache::<T>::new(Self::now());
			Self::ensure_not_halted(&markets.get(asset)?)?;
			if Self::has_debt(&positions) {
				let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
				ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
			}
			Positions::<T>::insert(&who, positions);
			Self::deposit_event(Event::CollateralDisabled { who, asset });
			Ok(Some(T::WeightInfo::disable_collateral(n)).into())
		}

		/// Borrows `amount` of `asset`. Every price your positions need must be fresh, and
		/// your debt must stay within your borrow limit afterwards.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::borrow(T::MaxPositions::get()))]
		pub fn borrow(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut markets = MarketCache::<T>::new(Self::now());
			let mut market = markets.get(asset)?;
			Self::ensure_not_halted(&market)?;
			ensure!(!market.state.paused, Error::<T>::MarketPaused);
			ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
			let total_borrows = market.state.total_borrows.saturating_add(amount);
			ensure!(total_borrows <= market.params.borrow_cap, Error::<T>::BorrowCapReached);

			let mut positions = Positions::<T>::get(&who);
			let position = Self::position_mut_or_insert(&mut positions, asset)?;
			let debt = market
				.state
				.debt_of(position.principal, position.borrow_index)
				.saturating_add(amount);
			position.principal = debt;
			position.borrow_index = market.state.borrow_index;
			market.state.total_borrows = total_borrows;
			market.state.cash = market.state.cash.saturating_sub(amount);
			markets.put(asset, market);

			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
			if let Some(isolated) = Self::isolated_collateral(&positions, &mut markets)? {
				let price = markets.price(asset)?;
				let mut backing = markets.get(isolated)?;
				let ceiling = backing.params.isolation_debt_ceiling.unwrap_or_default();
				let added = market.value_of(amount, price);
				backing.state.isolated_debt = backing.state.isolated_debt.saturating_add(added);
				ensure!(
					backing.state.isolated_debt <= ceiling,
					Error::<T>::IsolationDebtCeilingReached
				);
				markets.put(isolated, backing);
			}

			let n = Self::weight_count(&positions);
			Self::pay_out(asset, &who, amount)?;
			markets.commit();
			Positions::<T>::insert(&who, positions);
			Self::deposit_event(Event::Borrowed { who, asset, amount, debt });
			Ok(Some(T::WeightInfo::borrow(n)).into())
		}

		/// Repays up to `amount` of your `asset` debt (never more than you owe). Always
		/// works: no price, no pause.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::repay(T::MaxPositions::get()))]
		pub fn repay(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let n = Self::do_repay(who, asset, Some(amount))?;
			Ok(Some(T::WeightInfo::repay(n)).into())
		}

		/// Repays your whole `asset` debt, interest to this second included.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::repay(T::MaxPositions::get()))]
		pub fn repay_all(origin: OriginFor<T>, asset: LendingAsset) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let n = Self::do_repay(who, asset, None)?;
			Ok(Some(T::WeightInfo::repay(n)).into())
		}

		/// Liquidates `borrower` (health factor < 1): repays up to `max_repay` of their
		/// `debt_asset` debt, within the close factor, and receives their `collateral_asset`
		/// supply shares worth the repaid value plus the liquidation bonus (less the
		/// protocol's share). Every price the borrower's positions need must be fresh.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::liquidate(T::MaxPositions::get()))]
		pub fn liquidate(
			origin: OriginFor<T>,
			borrower: T::AccountId,
			debt_asset: LendingAsset,
			collateral_asset: LendingAsset,
			max_repay: Balance,
		) -> DispatchResultWithPostInfo {
			let liquidator = ensure_signed(origin)?;
			ensure!(liquidator != borrower, Error::<T>::SelfLiquidation);
			ensure!(!max_repay.is_zero(), Error::<T>::ZeroAmount);
			let n =
				Self::do_liquidate(liquidator, borrower, debt_asset, collateral_asset, max_repay)?;
			Ok(Some(T::WeightInfo::liquidate(n)).into())
		}

		/// Lends `amount` of `asset` to you, dispatches `call` as you, then takes back
		/// `amount` plus `FlashLoanFee`. If the call fails or the repayment cannot be taken,
		/// the whole extrinsic fails and nothing it did remains. Nested flash loans fail.
		#[pallet::call_index(13)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			T::WeightInfo::flash_loan().saturating_add(info.total_weight())
		})]
		pub fn flash_loan(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin.clone())?;
			ensure!(!FlashLoanActive::<T>::get(), Error::<T>::FlashLoanReentrancy);
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut market = Self::market_accrued(asset)?;
			Self::ensure_not_halted(&market)?;
			ensure!(!market.state.paused, Error::<T>::MarketPaused);
			ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
			let fee = T::FlashLoanFee::get().mul_ceil(amount);

			Self::pay_out(asset, &who, amount)?;
			market.state.cash = market.state.cash.saturating_sub(amount);
			Markets::<T>::insert(asset, market);

			let declared_call_weight = call.get_dispatch_info().total_weight();
			FlashLoanActive::<T>::put(true);
			let result = call.dispatch(origin);
			FlashLoanActive::<T>::kill();
			let call_weight = match result {
				Ok(post) => post.actual_weight,
				Err(e) => return Err(e.error.into()),
			};

			let owed = amount.saturating_add(fee);
			T::Transfer::transfer(
				asset,
				&who,
				&Self::pool_account(),
				owed,
				Preservation::Expendable,
			)
			.map_err(|_| Error::<T>::FlashLoanNotRepaid)?;
			let mut market = Self::market_accrued(asset)?;
			market.state.cash = market.state.cash.saturating_add(owed);
			market.state.total_reserves = market
				.state
				.total_reserves
				.saturating_add(market.params.reserve_factor.mul_floor(fee));
			Markets::<T>::insert(asset, market);
			Self::deposit_event(Event::FlashLoan { who, asset, amount, fee });
			let call_weight = call_weight.unwrap_or(declared_call_weight);
			Ok(Some(T::WeightInfo::flash_loan().saturating_add(call_weight)).into())
		}

		/// Pays up to `amount` towards a market's deficit, restoring suppliers' value. Anyone
		/// (the treasury through the chain DAO, for example).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::cover_deficit())]
		pub fn cover_deficit(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut market = Self::market_accrued(asset)?;
			ensure!(!market.state.deficit.is_zero(), Error::<T>::NoDeficit);
			let amount = amount.min(market.state.deficit);
			Self::pay_in(asset, &who, amount)?;
			market.state.cash = market.state.cash.saturating_add(amount);
			market.state.deficit = market.state.deficit.saturating_sub(amount);
			Markets::<T>::insert(asset, market);
			Self::deposit_event(Event::DeficitCovered { who, asset, amount });
			Ok(())
		}

		/// Withdraws `amount` of a market's reserves to `to`. Admin. Not while the market
		/// has a deficit.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::withdraw_reserves())]
		pub fn withdraw_reserves(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
			to: T::AccountId,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut market = Self::market_accrued(asset)?;
			ensure!(market.state.deficit.is_zero(), Error::<T>::DeficitOutstanding);
			ensure!(
				amount <= market.state.total_reserves && amount <= market.state.cash,
				Error::<T>::InsufficientReserves
			);
			market.state.total_reserves = market.state.total_reserves.saturating_sub(amount);
			market.state.cash = market.state.cash.saturating_sub(amount);
			Self::pay_out(asset, &to, amount)?;
			Markets::<T>::insert(asset, market);
			Self::deposit_event(Event::ReservesWithdrawn { asset, amount, to });
			Ok(())
		}
	}
}

/// Whether valuation must use fresh prices (calls) or may fall back to the last one seen
/// (read-only views).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PriceMode {
	/// Fail on a missing or stale price.
	RequireFresh,
	/// Use whatever price exists; report whether all were fresh.
	BestEffort,
}

/// The markets one call works with, each read and accrued once, written back once; and
/// their fresh prices, each read from the oracle once.
pub struct MarketCache<T> {
	now: Moment,
	entries: Vec<(LendingAsset, Market, bool)>,
	prices: Vec<(LendingAsset, Price)>,
	_config: core::marker::PhantomData<T>,
}

impl<T: Config> MarketCache<T> {
	/// An empty cache for a call at `now`.
	pub fn new(now: Moment) -> Self {
		Self { now, entries: Vec::new(), prices: Vec::new(), _config: Default::default() }
	}

	/// The current price of `asset`'s market (see [`Pallet::current_price`]), read once per
	/// call. Only fresh prices are remembered, so a failure is reported again if asked again.
	pub fn price(&mut self, asset: LendingAsset) -> Result<Price, Error<T>> {
		if let Some((_, price)) = self.prices.iter().find(|(a, _)| *a == asset) {
			return Ok(*price);
		}
		let market = self.get(asset)?;
		let price = Pallet::<T>::current_price(&market, self.now)?;
		self.prices.push((asset, price));
		Ok(price)
	}

	/// The market for `asset`, accrued to `now`.
	pub fn get(&mut self, asset: LendingAsset) -> Result<Market, Error<T>> {
		if let Some((_, market, _)) = self.entries.iter().find(|(a, _, _)| *a == asset) {
			return Ok(*market);
		}
		let market = Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?.accrued(self.now);
		self.entries.push((asset, market, false));
		Ok(market)
	}

	/// Replaces the cached market, to be written by [`Self::commit`].
	pub fn put(&mut self, asset: LendingAsset, market: Market) {
		match self.entries.iter_mut().find(|(a, _, _)| *a == asset) {
			Some(entry) => *entry = (asset, market, true),
			None => self.entries.push((asset, market, true)),
		}
	}

	/// Writes every changed market.
	pub fn commit(self) {
		for (asset, market, dirty) in self.entries {
			if dirty {
				Markets::<T>::insert(asset, market);
			}
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Adds `asset` to the markets that `key`'s price changes are copied to.
	pub(crate) fn subscribe_to_price(asset: LendingAsset, key: AssetId) -> DispatchResult {
		PriceKeyMarkets::<T>::try_mutate(key, |markets| {
			markets.try_push(asset).map_err(|_| Error::<T>::TooManyMarketsOnPriceKey)
		})?;
		Ok(())
	}

	/// Removes `asset` from the markets that `key`'s price changes are copied to.
	fn unsubscribe_from_price(asset: LendingAsset, key: AssetId) {
		PriceKeyMarkets::<T>::mutate_exists(key, |entry| {
			if let Some(markets) = entry {
				markets.retain(|a| *a != asset);
				if markets.is_empty() {
					*entry = None;
				}
			}
		});
	}

	/// The account holding every market's cash.
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Pays `amount` of `asset` from the pool's cash to `to`. The pool keeps the minimum
	/// balance it was seeded with (see [`Error::PoolNotSeeded`]), so it never dies and no
	/// dust is ever burnt from it: any `amount` ≤ cash can be paid.
	fn pay_out(asset: LendingAsset, to: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Transfer::transfer(asset, &Self::pool_account(), to, amount, Preservation::Preserve)
			.map(|_| ())
	}

	/// Takes `amount` of `asset` from `from` into the pool; `from` must stay alive.
	fn pay_in(asset: LendingAsset, from: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Transfer::transfer(asset, from, &Self::pool_account(), amount, Preservation::Preserve)
			.map(|_| ())
	}

	/// Now, in ms.
	pub fn now() -> Moment {
		T::Time::now()
	}

	/// Fails with [`Error::PalletPaused`] while the pallet is paused, read from the market
	/// the call works with (every market carries the flag).
	fn ensure_not_halted(market: &Market) -> DispatchResult {
		ensure!(!market.state.halted, Error::<T>::PalletPaused);
		Ok(())
	}

	fn market_accrued(asset: LendingAsset) -> Result<Market, Error<T>> {
		Ok(Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?.accrued(Self::now()))
	}

	/// Checks a market's parameters (see [`Error::InvalidParams`]).
	pub fn validate_params(params: &MarketParams) -> DispatchResult {
		let one = Permill::one();
		let threshold = Price::from(params.liquidation_threshold);
		let with_bonus =
			threshold.saturating_mul(Price::one().saturating_add(params.liquidation_bonus.into()));
		let rates = &params.rate_model;
		let valid = params.collateral_factor < params.liquidation_threshold
			&& params.liquidation_threshold < one
			&& with_bonus < Price::one()
			&& params.reserve_factor < one
			&& rates.kink > Permill::zero()
			&& rates.kink < one
			&& rates.base_rate <= rates.max_rate
			&& rates.max_rate <= T::MaxBorrowRate::get()
			&& params.max_price_age > 0
			&& params.decimals <= 24;
		ensure!(valid, Error::<T>::InvalidParams);
		Ok(())
	}

	/// The market's price if it is current: the oracle has one, still serves it, and it is
	/// no older than the market's `max_price_age`. Every valuation that gates a call goes
	/// through here. It reads the market's copy of the oracle's price point (see
	/// [`OnPriceChange`]), which always equals `PriceFeed::price_point`.
	pub fn current_price(market: &Market, now: Moment) -> Result<Price, Error<T>> {
		let point = market.state.price.ok_or(Error::<T>::PriceUnavailable)?;
		let (price, at) = point.current_at(now).ok_or(Error::<T>::PriceStale)?;
		ensure!(now.saturating_sub(at) <= market.params.max_price_age, Error::<T>::PriceStale);
		ensure!(!price.is_zero(), Error::<T>::PriceUnavailable);
		Ok(price)
	}

	fn price_for(
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		mode: PriceMode,
		all_fresh: &mut bool,
	) -> Result<Price, Error<T>> {
		match (markets.price(asset), mode) {
			(Ok(price), _) => Ok(price),
			(Err(e), PriceMode::RequireFresh) => Err(e),
			(Err(_), PriceMode::BestEffort) => {
				*all_fresh = false;
				Ok(markets.get(asset)?.last_price())
			}
		}
	}

	/// Values an account's positions with the cached markets.
	pub fn health(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		mode: PriceMode,
	) -> Result<Health, Error<T>> {
		Self::health_reporting(positions, markets, mode).map(|(h, _)| h)
	}

	fn health_reporting(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		mode: PriceMode,
	) -> Result<(Health, bool), Error<T>> {
		let mut health = Health::default();
		let mut all_fresh = true;
		for position in positions {
			let counts = position.collateral && !position.shares.is_zero();
			if !counts && position.principal.is_zero() {
				continue;
			}
			let market = markets.get(position.asset)?;
			let price = Self::price_for(markets, position.asset, mode, &mut all_fresh)?;
			if counts {
				let value = market.value_of(market.state.underlying_of(position.shares), price);
				health.collateral_value = health.collateral_value.saturating_add(value);
				health.borrow_limit = health
					.borrow_limit
					.saturating_add(fixed_mul(value, market.params.collateral_factor.into()));
				health.liquidation_limit = health
					.liquidation_limit
					.saturating_add(fixed_mul(value, market.params.liquidation_threshold.into()));
			}
			if !position.principal.is_zero() {
				let debt = market.state.debt_of(position.principal, position.borrow_index);
				health.debt_value = health.debt_value.saturating_add(market.value_of(debt, price));
			}
		}
		Ok((health, all_fresh))
	}

	fn has_debt(positions: &[Position]) -> bool {
		positions.iter().any(|p| !p.principal.is_zero())
	}

	/// The account's isolated collateral market, if it uses one.
	fn isolated_collateral(
		positions: &[Position],
		markets: &mut MarketCache<T>,
	) -> Result<Option<LendingAsset>, Error<T>> {
		for position in positions.iter().filter(|p| p.collateral) {
			if markets.get(position.asset)?.params.isolation_debt_ceiling.is_some() {
				return Ok(Some(position.asset));
			}
		}
		Ok(None)
	}

	/// Lowers the isolated debt backing by the value of `repaid` of `asset` (at the last
	/// price, fresh or not: repaying must never depend on the oracle).
	fn release_isolated_debt(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		repaid: Balance,
	) -> Result<(), Error<T>> {
		if let Some(isolated) = Self::isolated_collateral(positions, markets)? {
			let market = markets.get(asset)?;
			let price = market.last_price();
			let mut backing = markets.get(isolated)?;
			backing.state.isolated_debt =
				backing.state.isolated_debt.saturating_sub(market.value_of(repaid, price));
			markets.put(isolated, backing);
		}
		Ok(())
	}

	fn position_mut_or_insert(
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		asset: LendingAsset,
	) -> Result<&mut Position, Error<T>> {
		if !positions.iter().any(|p| p.asset == asset) {
			positions.try_push(Position::empty(asset)).map_err(|_| Error::<T>::TooManyPositions)?;
		}
		positions.iter_mut().find(|p| p.asset == asset).ok_or(Error::<T>::TooManyPositions)
	}

	/// The position count a weight is charged for (at least 1).
	fn weight_count(positions: &[Position]) -> u32 {
		u32::try_from(positions.len()).unwrap_or(u32::MAX).max(1)
	}

	fn store_positions(who: &T::AccountId, mut positions: BoundedVec<Position, T::MaxPositions>) {
		positions.retain(|p| !p.is_empty());
		if positions.is_empty() {
			Positions::<T>::remove(who);
		} else {
			Positions::<T>::insert(who, positions);
		}
	}

	fn do_withdraw(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut market = markets.get(asset)?;
		Self::ensure_not_halted(&market)?;
		ensure!(!market.state.paused, Error::<T>::MarketPaused);
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && !p.shares.is_zero())
			.ok_or(Error::<T>::NoSupply)?;
		let (amount, shares) = match amount {
			Some(amount) => (amount, market.state.shares_for_withdrawal(amount)),
			None => (market.state.underlying_of(position.shares), position.shares),
		};
		ensure!(shares <= position.shares, Error::<T>::InsufficientShares);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
		position.shares = position.shares.saturating_sub(shares);
		let was_collateral = position.collateral;
		market.state.total_shares = market.state.total_shares.saturating_sub(shares);
		market.state.cash = market.state.cash.saturating_sub(amount);
		markets.put(asset, market);
		if was_collateral && Self::has_debt(&positions) {
			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		}
		Self::pay_out(asset, &who, amount)?;
		markets.commit();
		Self::store_positions(&who, positions);
		Self::deposit_event(Event::Withdrawn { who, asset, amount, shares });
		Ok(n)
	}

	fn do_repay(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut market = markets.get(asset)?;
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && !p.principal.is_zero())
			.ok_or(Error::<T>::NoDebt)?;
		let debt = market.state.debt_of(position.principal, position.borrow_index);
		let paid = amount.map_or(debt, |a| a.min(debt));
		Self::pay_in(asset, &who, paid)?;
		let remaining = debt.saturating_sub(paid);
		position.principal = remaining;
		position.borrow_index = market.state.borrow_index;
		market.state.cash = market.state.cash.saturating_add(paid);
		market.state.total_borrows = market.state.total_borrows.saturating_sub(paid);
		markets.put(asset, market);
		Self::release_isolated_debt(&positions, &mut markets, asset, paid)?;
		markets.commit();
		Self::store_positions(&who, positions);
		Self::deposit_event(Event::Repaid { who, asset, amount: paid, remaining });
		Ok(n)
	}

	fn do_liquidate(
		liquidator: T::AccountId,
		borrower: T::AccountId,
		debt_asset: LendingAsset,
		collateral_asset: LendingAsset,
		max_repay: Balance,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		Self::ensure_not_halted(&markets.get(debt_asset)?)?;
		let mut positions = Positions::<T>::get(&borrower);
		let n = Self::weight_count(&positions);
		let before = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
		ensure!(before.is_liquidatable(), Error::<T>::NotLiquidatable);
		let hf_before = before.health_factor().unwrap_or_else(Price::max_value);

		let mut debt_market = markets.get(debt_asset)?;
		let debt_price = markets.price(debt_asset)?;
		let collateral_market = markets.get(collateral_asset)?;
		let collateral_price = markets.price(collateral_asset)?;

		let debt_position = positions
			.iter()
			.find(|p| p.asset == debt_asset && !p.principal.is_zero())
			.copied()
			.ok_or(Error::<T>::NoDebt)?;
		let collateral_position = positions
			.iter()
			.find(|p| p.asset == collateral_asset && p.collateral && !p.shares.is_zero())
			.copied()
			.ok_or(Error::<T>::NoCollateralToSeize)?;
		let debt = debt_market.state.debt_of(debt_position.principal, debt_position.borrow_index);
		let collateral_available =
			collateral_market.state.underlying_of(collateral_position.shares);

		// The close factor, applied to the debt at this block's first liquidation.
		let small = T::SmallPositionValue::get();
		let full_close = hf_before < T::FullCloseHealthFactor::get()
			|| debt_market.value_of(debt, debt_price) < small
			|| collateral_market.value_of(collateral_available, collateral_price) < small;
		let block: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		let window = match debt_position.liquidation_window {
			Some(w) if w.block == block => w,
			_ => LiquidationWindow { block, debt_at_start: debt, repaid: 0 },
		};
		let allowed = if full_close {
			debt
		} else {
			T::CloseFactor::get()
				.mul_floor(window.debt_at_start)
				.saturating_sub(window.repaid)
				.min(debt)
		};
		ensure!(!allowed.is_zero(), Error::<T>::CloseFactorReached);
		let mut repay = max_repay.min(allowed);

		// Seize repay × (1 + bonus) of value, at most all of the collateral position.
		let bonus = Price::one().saturating_add(collateral_market.params.liquidation_bonus.into());
		let seize_value = debt_market.value_of(repay, debt_price).saturating_mul(bonus);
		let mut seized = collateral_market.amount_for_value(seize_value, collateral_price);
		let collateral_exhausted = seized >= collateral_available;
		if collateral_exhausted {
			seized = collateral_available;
			let available_value = collateral_market.value_of(seized, collateral_price);
			let repay_value = available_value.checked_div(&bonus).unwrap_or_default();
			repay = repay.min(debt_market.amount_for_value(repay_value, debt_price));
		}
		ensure!(!repay.is_zero() && !seized.is_zero(), Error::<T>::LiquidationTooSmall);
		let remaining = debt.saturating_sub(repay);
		let leftover_floor =
			small.checked_div(&Price::saturating_from_integer(2u32)).unwrap_or(small);
		ensure!(
			remaining.is_zero()
				|| collateral_exhausted
				|| debt_market.value_of(remaining, debt_price) >= leftover_floor,
			Error::<T>::LiquidationLeavesDust
		);

		// Shares: the borrower loses `seized_shares`; the protocol's part of the bonus is
		// burnt into reserves; the liquidator receives the rest.
		let mut collateral_market = collateral_market;
		let seized_shares =
			collateral_market.state.shares_for_withdrawal(seized).min(collateral_position.shares);
		let bonus_amount = seized.saturating_sub(
			sp_arithmetic::helpers_128bit::multiply_by_rational_with_rounding(
				seized,
				Price::accuracy(),
				bonus.into_inner(),
				sp_arithmetic::Rounding::Up,
			)
			.unwrap_or(seized),
		);
		let protocol_fee =
			collateral_market.params.protocol_liquidation_share.mul_floor(bonus_amount);
		let protocol_shares =
			types::mul_div(seized_shares, protocol_fee, seized, sp_arithmetic::Rounding::Down);
		let protocol_fee = collateral_market.state.underlying_of(protocol_shares);
		let liquidator_shares = seized_shares.saturating_sub(protocol_shares);
		collateral_market.state.total_shares =
			collateral_market.state.total_shares.saturating_sub(protocol_shares);
		collateral_market.state.total_reserves =
			collateral_market.state.total_reserves.saturating_add(protocol_fee);

		// Apply to the borrower.
		for position in positions.iter_mut() {
			if position.asset == collateral_asset {
				position.shares = position.shares.saturating_sub(seized_shares);
			}
		}
		if debt_asset == collateral_asset {
			debt_market.state = collateral_market.state;
		}
		debt_market.state.cash = debt_market.state.cash.saturating_add(repay);
		debt_market.state.total_borrows = debt_market.state.total_borrows.saturating_sub(repay);
		for position in positions.iter_mut().filter(|p| p.asset == debt_asset) {
			position.principal = remaining;
			position.borrow_index = debt_market.state.borrow_index;
			position.liquidation_window = Some(LiquidationWindow {
				block,
				debt_at_start: window.debt_at_start,
				repaid: window.repaid.saturating_add(repay),
			});
		}
		if debt_asset != collateral_asset {
			markets.put(collateral_asset, collateral_market);
		}
		markets.put(debt_asset, debt_market);
		Self::release_isolated_debt(&positions, &mut markets, debt_asset, repay)?;

		// A liquidation must raise the health factor or close the position.
		let after = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
		let closed = after.debt_value.is_zero() || after.collateral_value.is_zero();
		let improved = after.health_factor().is_none_or(|hf| hf > hf_before);
		ensure!(closed || improved, Error::<T>::LiquidationDoesNotImproveHealth);

		// Liquidator: pays the debt, receives the shares.
		Self::pay_in(debt_asset, &liquidator, repay)?;
		if !liquidator_shares.is_zero() {
			let mut theirs = Positions::<T>::get(&liquidator);
			let position = Self::position_mut_or_insert(&mut theirs, collateral_asset)?;
			position.shares = position.shares.saturating_add(liquidator_shares);
			Positions::<T>::insert(&liquidator, theirs);
		}

		let no_collateral_left = !positions.iter().any(|p| p.collateral && !p.shares.is_zero());
		if no_collateral_left && Self::has_debt(&positions) {
			Self::write_off_bad_debt(&borrower, &mut positions, &mut markets)?;
		}
		markets.commit();
		Self::store_positions(&borrower, positions);
		Self::deposit_event(Event::Liquidated {
			liquidator,
			borrower,
			debt_asset,
			collateral_asset,
			repaid: repay,
			seized,
			seized_shares,
			protocol_fee,
		});
		Ok(n)
	}

	/// Writes off every debt of an account that has no collateral left: reserves cover
	/// what they can, the rest becomes the market's deficit. Each write-off is an event.
	fn write_off_bad_debt(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
	) -> Result<(), Error<T>> {
		let mut released = Vec::new();
		for position in positions.iter_mut().filter(|p| !p.principal.is_zero()) {
			let mut market = markets.get(position.asset)?;
			let debt = market.state.debt_of(position.principal, position.borrow_index);
			let written_off = debt.min(market.state.total_borrows);
			market.state.total_borrows = market.state.total_borrows.saturating_sub(written_off);
			let covered = written_off.min(market.state.total_reserves);
			market.state.total_reserves = market.state.total_reserves.saturating_sub(covered);
			let deficit = written_off.saturating_sub(covered);
			market.state.deficit = market.state.deficit.saturating_add(deficit);
			position.principal = 0;
			position.borrow_index = market.state.borrow_index;
			markets.put(position.asset, market);
			released.push((position.asset, written_off));
			Self::deposit_event(Event::BadDebtWrittenOff {
				who: who.clone(),
				asset: position.asset,
				debt,
				covered_by_reserves: covered,
				deficit,
			});
		}
		for (asset, amount) in released {
			Self::release_isolated_debt(positions, markets, asset, amount)?;
		}
		Ok(())
	}

	/// An account's health and positions, accrued to now, for the runtime API.
	pub fn account_health(who: &T::AccountId) -> AccountHealth {
		let positions = Positions::<T>::get(who);
		let mut markets = MarketCache::<T>::new(Self::now());
		let (health, prices_fresh) =
			Self::health_reporting(&positions, &mut markets, PriceMode::BestEffort)
				.unwrap_or((Health::default(), false));
		let summaries = positions
			.iter()
			.filter_map(|p| {
				let market = markets.get(p.asset).ok()?;
				Some(PositionSummary {
					asset: p.asset,
					supplied: market.state.underlying_of(p.shares),
					collateral: p.collateral,
					debt: market.state.debt_of(p.principal, p.borrow_index),
				})
			})
			.collect();
		let headroom = health.borrow_limit.saturating_sub(health.debt_value);
		let max_borrowable = Markets::<T>::iter()
			.map(|(asset, market)| {
				let market = market.accrued(markets.now);
				let amount = match Self::current_price(&market, markets.now) {
					Ok(price) if prices_fresh && !market.state.paused => market
						.amount_for_value(headroom, price)
						.min(market.state.cash)
						.min(market.params.borrow_cap.saturating_sub(market.state.total_borrows)),
					_ => 0,
				};
				Borrowable { asset, amount }
			})
			.collect();
		AccountHealth {
			collateral_value: health.collateral_value,
			borrow_limit: health.borrow_limit,
			liquidation_limit: health.liquidation_limit,
			debt_value: health.debt_value,
			health_factor: health.health_factor(),
			prices_fresh,
			liquidatable: prices_fresh && health.is_liquidatable(),
			positions: summaries,
			max_borrowable,
		}
	}

	/// A market's state accrued to now, for the runtime API.
	pub fn market_summary(asset: LendingAsset) -> Option<MarketSummary> {
		let now = Self::now();
		let market = Markets::<T>::get(asset)?.accrued(now);
		let state = &market.state;
		Some(MarketSummary {
			asset,
			utilisation: state.utilisation(),
			borrow_rate: market.params.rate_model.borrow_rate(state.utilisation()),
			borrow_apy: market.borrow_apy(),
			supply_apy: market.supply_apy(),
			borrow_index: state.borrow_index,
			exchange_rate: state.exchange_rate(),
			cash: state.cash,
			total_borrows: state.total_borrows,
			total_reserves: state.total_reserves,
			total_shares: state.total_shares,
			deficit: state.deficit,
			price: Self::current_price(&market, now).ok(),
			paused: state.paused,
		})
	}

	/// Checks the pallet's invariants (see the crate docs).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use sp_runtime::TryRuntimeError;
		let mut shares: BTreeMap<LendingAsset, Balance> = BTreeMap::new();
		let mut debts: BTreeMap<LendingAsset, Balance> = BTreeMap::new();
		for (_, positions) in Positions::<T>::iter() {
			for p in positions.iter() {
				let market = Markets::<T>::get(p.asset)
					.ok_or(TryRuntimeError::Other("a position in a market that does not exist"))?;
				if p.borrow_index > market.state.borrow_index {
					return Err(TryRuntimeError::Other(
						"a position's index is ahead of its market",
					));
				}
				let s = shares.entry(p.asset).or_default();
				*s = s.saturating_add(p.shares);
				let d = debts.entry(p.asset).or_default();
				*d = d.saturating_add(market.state.debt_of(p.principal, p.borrow_index));
			}
		}
		for (asset, market) in Markets::<T>::iter() {
			let state = &market.state;
			if state.borrow_index < Price::one() {
				return Err(TryRuntimeError::Other("borrow index below 1"));
			}
			if shares.get(&asset).copied().unwrap_or_default() != state.total_shares {
				return Err(TryRuntimeError::Other("Σ position shares ≠ total shares"));
			}
			if debts.get(&asset).copied().unwrap_or_default() < state.total_borrows {
				return Err(TryRuntimeError::Other("Σ account debts < total borrows"));
			}
			if state.underlying_of(state.total_shares) > state.supplied_assets() {
				return Err(TryRuntimeError::Other("shares redeem for more than the pool has"));
			}
			if state.total_reserves > state.cash.saturating_add(state.total_borrows) {
				return Err(TryRuntimeError::Other("reserves exceed cash + borrows"));
			}
			let floor = state.cash.saturating_add(T::Assets::minimum_balance(asset));
			if T::Assets::balance(asset, &Self::pool_account()) < floor {
				return Err(TryRuntimeError::Other(
					"the pool holds less than its cash plus the minimum balance",
				));
			}
			if state.halted != PalletPaused::<T>::get() {
				return Err(TryRuntimeError::Other(
					"a market's halted flag differs from PalletPaused",
				));
			}
			if state.price != T::PriceFeed::price_point(market.params.price_key) {
				return Err(TryRuntimeError::Other("a market's price differs from the oracle's"));
			}
			if !PriceKeyMarkets::<T>::get(market.params.price_key).contains(&asset) {
				return Err(TryRuntimeError::Other("a market is missing from its price key"));
			}
		}
		let count = MarketCount::<T>::get();
		if count > T::MaxMarkets::get() {
			return Err(TryRuntimeError::Other("more markets than MaxMarkets"));
		}
		if Markets::<T>::iter_keys().count() != count as usize {
			return Err(TryRuntimeError::Other("MarketCount differs from the markets"));
		}
		for (key, subscribed) in PriceKeyMarkets::<T>::iter() {
			if subscribed.is_empty() {
				return Err(TryRuntimeError::Other("an empty price key entry"));
			}
			for (i, asset) in subscribed.iter().enumerate() {
				let market = Markets::<T>::get(asset)
					.ok_or(TryRuntimeError::Other("a price key lists a missing market"))?;
				if market.params.price_key != key
					|| subscribed.iter().skip(i.saturating_add(1)).any(|a| a == asset)
				{
					return Err(TryRuntimeError::Other(
						"a price key lists a market twice or wrongly",
					));
				}
			}
		}
		Ok(())
	}
}

/// The oracle's push: every change of a stored price is copied into the markets valued with
/// it, so that valuing a position reads the market alone. At most `MaxMarketsPerPriceKey`
/// markets per price; the oracle charges [`OnPriceChange::max_weight`] for each price a
/// call may change.
impl<T: Config> OnPriceChange for Pallet<T> {
	fn on_price_change(key: AssetId, point: Option<PricePoint>) {
		for asset in PriceKeyMarkets::<T>::get(key) {
			if let Some(mut market) = Markets::<T>::get(asset) {
				market.state.price = point;
				Markets::<T>::insert(asset, market);
				Self::deposit_event(Event::MarketPriceChanged { asset, point });
			}
		}
	}

	fn max_weight() -> Weight {
		T::WeightInfo::on_price_change(T::MaxMarketsPerPriceKey::get())
	}
}
