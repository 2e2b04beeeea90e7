//! # Lending pallet
//!
//! Over-collateralised, multi-asset lending: the native token and `pallet-assets` assets
//! through one `fungibles` view, keyed by [`LendingAsset`]. See `docs/pallets/lending.md`
//! for the formulas; each rule lives in the file named after it:
//!
//! | file | what it holds |
//! |---|---|
//! | `lib.rs` | config, storage, events, errors, and thin calls (origin, then `Self::do_*`) |
//! | [`types`] | plain data (markets, positions, health) and pure share/value conversion |
//! | [`math`] | fixed-point products and powers |
//! | [`rate_model`] | the kinked rate curve and per-second compounding |
//! | `supply.rs` | supply, withdraw, enabling and disabling collateral |
//! | `borrow.rs` | borrow, repay, counting a category's debt ceiling |
//! | `categories.rs` | risk categories (eMode): values, debt ceilings, membership |
//! | `health.rs` | valuing an account in the three price modes |
//! | `liquidation.rs` | quote, apply, write-off |
//! | `flash_loan.rs` | flash loans, counted as cash in flight |
//! | `leverage.rs` | one-shot leveraged positions through the DEX: open and close |
//! | `leveraged_token.rs` | leveraged tokens (2×): mint and redeem at NAV, rebalance, ripcord |
//! | `share_collateral.rs` | model shares as collateral: pledges, seizure, flags, bounded price |
//! | `deficit.rs` | covering and socialising bad debt |
//! | `admin.rs` | markets, pauses, reserves, parameter checks |
//! | `price_sync.rs` | the oracle's price push, subscriptions, when a price is current |
//! | `transfer.rs` | the one way tokens move: [`AssetTransfer`], `pay_in`, `pay_out` |
//! | `views.rs` | the runtime API's read-only views |
//! | `invariants.rs` | `try_state` |
//! | [`migrations`] | storage migrations |
//!
//! ## Invariants (`try_state`)
//! Per market: the borrow index ≥ 1 and ≥ every position's snapshot index; Σ account
//! debts ≥ total borrows; Σ position shares = total shares; what the shares redeem for ≤
//! cash + in flight + borrows − reserves (so Σ claims ≤ that + deficit); reserves ≤ cash +
//! in flight + borrows; nothing in flight outside a flash loan; the pool account holds at
//! least `cash` plus the asset's minimum balance (its seed); every market's `halted` flag
//! equals `PalletPaused`; every market's category exists and each category counts its
//! markets; debt is counted only against a category with a ceiling; every leveraged
//! token's markets and asset exist and its vault holds nothing else; every market's
//! price point equals the oracle's (a share market's may lag a rise), its last price
//! follows it, and the market is listed under its price key; a model-share market lends
//! nothing, books cash = pledges + reserves, and each pledge equals its position;
//! `MarketCount` counts the markets, at most `MaxMarkets`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod admin;
mod borrow;
mod categories;
mod deficit;
mod flash_loan;
mod health;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod leverage;
pub mod leveraged_token;
pub mod liquidation;
mod market_cache;
pub mod math;
pub mod migrations;
mod positions;
mod price_sync;
pub mod rate_model;
pub mod share_collateral;
mod supply;
pub mod transfer;
pub mod types;
mod views;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use liquidation::LiquidationQuote;
pub use market_cache::MarketCache;
pub use transfer::{AssetTransfer, FungiblesTransfer};
pub use types::*;
pub use weights::WeightInfo;

use alloc::{boxed::Box, vec::Vec};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungibles::{Inspect, Mutate},
		Time,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{AssetId, Balance, LendingAsset, Moment, Price, PriceFeed, PricePoint};
use sp_arithmetic::{
	traits::{Saturating, Zero},
	Permill,
};
use sp_runtime::traits::Dispatchable;

/// Helps the benchmarks set up assets and prices in a concrete runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Registers a model whose `shares` shares are all `holder`'s, and returns its id.
	fn model_with_shares(holder: &AccountId, shares: Balance) -> modelchain_primitives::ModelId;
	/// Makes `asset` exist so that accounts can hold it.
	fn create_asset(asset: LendingAsset);
	/// Makes `PriceFeed::price(key)` return `price`, observed now.
	fn set_price(key: modelchain_primitives::AssetId, price: Price);
	/// Moves the clock (`Config::Time`) forward by `ms`.
	fn advance_time(ms: Moment);
	/// Makes `Config::Swap` able to swap `a` for `b` and back at about 1:1, `depth` tokens
	/// deep on every hop.
	fn create_swap_route(a: LendingAsset, b: LendingAsset, depth: Balance);
}

// The pallet macros expand to `expect` on values they construct themselves; our code in
// this module uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The storage layout's version (see [`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

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
		/// The DEX one-shot leverage swaps through.
		type Swap: modelchain_primitives::AssetSwap<Self::AccountId>;
		/// Most leverage `open_leveraged_position` takes (collateral ÷ own funds).
		#[pallet::constant]
		type MaxLeverage: Get<Price>;
		/// Creates the assets of leveraged tokens (`pallet-assets`), owned by the pool
		/// account.
		type TokenAssets: frame_support::traits::fungibles::Create<
			Self::AccountId,
			AssetId = AssetId,
			Balance = Balance,
		>;
		/// Least health factor a leveraged position may open with: a margin above 1, so
		/// that a small price move does not liquidate it at once.
		#[pallet::constant]
		type LeverageSafetyMargin: Get<Price>;
		/// Model shares (pledged as collateral, seized by liquidations) and whether a model
		/// is flagged.
		type ModelShares: modelchain_primitives::ModelShares<Self::AccountId>
			+ modelchain_primitives::ModelRisk;
		/// Most a model-share market's price copy may rise per block (see
		/// `share_collateral.rs`).
		#[pallet::constant]
		type SharePriceMaxRise: Get<Permill>;
		/// Weights.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
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

	/// Risk categories by id: values, debt counted against the ceiling, market count.
	#[pallet::storage]
	pub type Categories<T: Config> = StorageMap<_, Twox64Concat, CategoryId, Category>;

	/// Leveraged tokens by id: each one's vault is `vault_account(id)`.
	#[pallet::storage]
	pub type LeveragedTokens<T: Config> =
		StorageMap<_, Twox64Concat, LeveragedTokenId, LeveragedTokenParams>;

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
		/// `(id, values)` of each risk category, created before the markets.
		pub categories: Vec<(CategoryId, RiskCategory)>,
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
			for (id, params) in &self.categories {
				assert!(
					Pallet::<T>::validate_category(params).is_ok(),
					"a genesis risk category has invalid values"
				);
				Categories::<T>::insert(
					id,
					Category { params: *params, scaled_debt: 0, markets: 0 },
				);
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
				if let Some(id) = params.category {
					let category = Categories::<T>::get(id);
					assert!(category.is_some(), "a genesis lending market's category is missing");
					Categories::<T>::mutate(id, |c| {
						if let Some(c) = c {
							c.markets.saturating_inc();
						}
					});
				}
				let state = MarketState::new(0, T::PriceFeed::price_point(params.price_key));
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
		/// `who`'s debt was written off with `shares` of `asset` collateral still pledged but
		/// worth nothing to a liquidation: they were burnt into reserves (redeeming for
		/// `amount`), not returned.
		CollateralSwept { who: T::AccountId, asset: LendingAsset, shares: Balance, amount: Balance },
		/// `who` paid `amount` towards the market's deficit.
		DeficitCovered { who: T::AccountId, asset: LendingAsset, amount: Balance },
		/// The admin socialised the market's whole deficit of `amount`: suppliers bear it
		/// pro rata, and the exchange rate fell by it at once.
		DeficitSocialised { asset: LendingAsset, amount: Balance },
		/// The admin withdrew `amount` of reserves to `to`.
		ReservesWithdrawn { asset: LendingAsset, amount: Balance, to: T::AccountId },
		/// `who` took a flash loan of `amount`, repaid it and paid `fee`.
		FlashLoan { who: T::AccountId, asset: LendingAsset, amount: Balance, fee: Balance },
		/// Risk category `id` was created or its values replaced.
		CategorySet { id: CategoryId, params: RiskCategory },
		/// Risk category `id` was removed.
		CategoryRemoved { id: CategoryId },
		/// `who` opened (or added to) a leveraged position: `supplied` of `collateral` in
		/// all (their own and what the swap bought), `borrowed` of `debt` spent on the swap;
		/// the account's health factor is now `health_factor`.
		LeveragedPositionOpened {
			who: T::AccountId,
			collateral: LendingAsset,
			debt: LendingAsset,
			supplied: Balance,
			borrowed: Balance,
			health_factor: Price,
		},
		/// Leveraged token `id` was created.
		LeveragedTokenCreated { id: LeveragedTokenId, params: LeveragedTokenParams },
		/// `who` deposited `deposit` of collateral and received `tokens` at NAV.
		LeveragedTokenMinted {
			who: T::AccountId,
			id: LeveragedTokenId,
			deposit: Balance,
			tokens: Balance,
		},
		/// `who` burnt `tokens` and received `paid` of collateral: their slice, less the
		/// `sold` collateral that bought back their slice of debt.
		LeveragedTokenRedeemed {
			who: T::AccountId,
			id: LeveragedTokenId,
			tokens: Balance,
			paid: Balance,
			sold: Balance,
		},
		/// `who` rebalanced token `id` from `leverage_before` to `leverage_after`, trading
		/// `traded_value` (USD) and earning `reward` of collateral; `ripcord` if it was past
		/// the ripcord.
		LeveragedTokenRebalanced {
			id: LeveragedTokenId,
			who: T::AccountId,
			leverage_before: Price,
			leverage_after: Price,
			traded_value: Price,
			reward: Balance,
			ripcord: bool,
		},
		/// `who` closed a leveraged position: `sold` of `collateral` bought the `repaid`
		/// `debt`, and `returned` of `collateral` went back to their account.
		LeveragedPositionClosed {
			who: T::AccountId,
			collateral: LendingAsset,
			debt: LendingAsset,
			repaid: Balance,
			sold: Balance,
			returned: Balance,
		},
		/// The flag of a model-share market was synced with the model's (flagged collateral
		/// lends no borrowing power).
		ModelFlagSynced { asset: LendingAsset, flagged: bool },
		/// An ownership ruling took `who`'s pledged shares: `amount` left the market's books
		/// (the debt stays).
		CollateralForfeited { who: T::AccountId, asset: LendingAsset, amount: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no market for this asset; list markets with the `lending_market` RPC.
		MarketNotFound,
		/// A market for this asset exists already; use `update_market`.
		MarketExists,
		/// The market has supply or debt, so its decimals and price key cannot change: that
		/// would revalue every position in it at once; nor, with supply, its risk category.
		/// Keep them, or wind the market down (pause it, let positions close) and change
		/// them when it is empty (or change the category's own values with `set_category`).
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
		/// between 0 and 100 %, base rate ≤ max rate ≤ `MaxBorrowRate`, a non-zero price age,
		/// at most 24 decimals, minimum borrow ≤ borrow cap, and a write-down schedule (if
		/// any) that writes something down each day after a grace of at most 30 days.
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
		/// wait for a fresh price (supply, repay and liquidation still work).
		PriceStale,
		/// The oracle key of a market this call must value is paused after an abnormal jump;
		/// its confirmed price serves liquidations only. Wait until governance resumes the
		/// key (supply, repay and liquidation still work).
		PriceLiquidationOnly,
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
		/// Collateral in a risk category with a debt ceiling can be combined only with
		/// collateral of the same category, and an account in debt can't newly enter such a
		/// category; disable the other collateral or repay first.
		CategoryConflict,
		/// Debt backed by this risk category's collateral would exceed the category's
		/// ceiling; borrow less, or wait for other borrowers to repay.
		CategoryDebtCeilingReached,
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
		/// The borrow would leave a debt in this market below its minimum borrow (see the
		/// market's `min_borrow`); borrow more.
		BorrowTooSmall,
		/// Your collateral is in a risk category with a debt ceiling, which backs borrowing
		/// of the ceiling's debt asset alone; borrow that asset, or use other collateral.
		CategoryBorrowNotAllowed,
		/// That collateral has never had a price, so it cannot be seized; liquidate against
		/// another collateral (the account's debt is written off once no priced collateral
		/// is left).
		CollateralUnpriced,
		/// You have no supply in this market; supply first.
		NoSupply,
		/// That supply is not collateral.
		NotCollateral,
		/// That supply is collateral already.
		AlreadyCollateral,
		/// There is no risk category with that id; create it with `set_category` first.
		CategoryNotFound,
		/// The category is in use: markets are in it, so it can't be removed, nor can its
		/// ceiling be added, dropped or moved to another debt asset. Change the ceiling's
		/// amount or the other values instead, or create a new category for new markets.
		CategoryInUse,
		/// The category's values are inconsistent: need collateral factor < liquidation
		/// threshold < 100 % and threshold × (1 + bonus) < 100 %.
		InvalidCategory,
		/// Leverage must be above 1 and at most `MaxLeverage`, and large enough to buy
		/// something with the amount given; pick another leverage.
		InvalidLeverage,
		/// The collateral and the debt asset are the same; leverage needs two assets.
		SameAsset,
		/// The DEX has no pool (or not enough liquidity) to swap between these assets; use
		/// other assets, or wait for liquidity.
		NoSwapRoute,
		/// The swap would cost more than the oracle value plus your `max_slippage` (the pool
		/// fee counts): the pool is too thin or was moved. Use a smaller amount, allow more
		/// slippage, or try again later.
		SlippageExceeded,
		/// The leveraged position would open with a health factor below
		/// `LeverageSafetyMargin`; use less leverage or a safer collateral.
		BelowSafetyMargin,
		/// `max_slippage` may be at most 10 %: a wider bound is what a sandwich takes. Use a
		/// smaller amount in a thin pool instead.
		SlippageBoundTooWide,
		/// There is no leveraged token with that id.
		UnknownLeveragedToken,
		/// A leveraged token with that id exists already.
		LeveragedTokenExists,
		/// The token's parameters are inconsistent: need two different markets, 1 < min <
		/// target < max < ripcord ≤ `MaxLeverage`, max ≤ 1 ÷ (1 − the collateral's LTV),
		/// ripcord < 1 ÷ (1 − its liquidation threshold), a non-zero `max_trade` and a reward
		/// of at most 1 %.
		InvalidLeveragedToken,
		/// The token asset id is taken; pick an id no asset uses (the pallet creates it).
		TokenAssetTaken,
		/// The vault has no equity or is above its band; rebalance it first.
		RebalanceFirst,
		/// The token's leverage is inside its band; there is nothing to rebalance.
		RebalanceNotNeeded,
		/// Model shares are collateral only: nobody may borrow them, flash-borrow them, or
		/// build a leveraged token on them. Borrow another asset.
		SharesNotBorrowable,
		/// A market of model shares needs: an existing model, a borrow cap and minimum borrow
		/// of 0, no protocol share of the liquidation bonus, and a risk category with a debt
		/// ceiling. Fix the parameters (create the category first).
		InvalidShareMarket,
		/// The model, or a model it derives from, is flagged by an upheld incident: its shares
		/// are not taken as new collateral. Wait until the flag is cleared.
		ModelFlagged,
		/// You hold fewer free shares of the model than you would have pledged (with what is
		/// pledged already; shares your open votes lock can't be pledged). Supply fewer, or
		/// wait for the vote locks to end.
		NotEnoughModelShares,
		/// That market is not a market of model shares.
		NotShareMarket,
		/// The market's flag already equals the model's; there is nothing to sync.
		FlagInSync,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPositions::get() >= 2, "an account needs collateral and a debt");
			assert!(T::CloseFactor::get() > Permill::zero(), "liquidations must be possible");
			assert!(T::FullCloseHealthFactor::get() < <Price as sp_arithmetic::traits::One>::one());
			assert!(T::MaxMarketsPerPriceKey::get() >= 1, "a market needs its price key");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Opens a market for `asset`. Admin origin. The pool account must hold the asset's
		/// minimum balance first.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_market().saturating_add(Pallet::<T>::flag_check_weight(asset)))]
		pub fn add_market(
			origin: OriginFor<T>,
			asset: LendingAsset,
			params: MarketParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_market(asset, params)
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
			Self::do_update_market(asset, params)
		}

		/// Pauses or resumes one market. Admin. A paused market takes no supply, borrow,
		/// withdrawal or flash loan; repay and liquidation go on.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_market_paused())]
		pub fn set_market_paused(
			origin: OriginFor<T>,
			asset: LendingAsset,
			paused: bool,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_market_paused(asset, paused)
		}

		/// Pauses or resumes the whole pallet. Admin. Stamps the flag on every market
		/// (at most `MaxMarkets`), so that user calls find it in the market they read.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_pallet_paused(T::MaxMarkets::get()))]
		pub fn set_pallet_paused(origin: OriginFor<T>, paused: bool) -> DispatchResultWithPostInfo {
			T::AdminOrigin::ensure_origin(origin)?;
			Ok(Some(Self::do_set_pallet_paused(paused)).into())
		}

		/// Supplies `amount` of `asset` and mints supply shares. Needs no price.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::supply().saturating_add(Pallet::<T>::flag_check_weight(asset)))]
		pub fn supply(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			Self::do_supply(who, asset, amount)
		}

		/// Withdraws `amount` of underlying, burning the shares it takes (rounded up). If the
		/// supply is collateral and you owe anything, every price must be current and your
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

		/// Makes your supply of `asset` count as collateral. The market needs a current
		/// price. Collateral in a risk category with a debt ceiling combines only with
		/// collateral of that category, and can't be newly entered while you owe anything.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::enable_collateral(T::MaxPositions::get())
			.saturating_add(Pallet::<T>::flag_check_weight(asset)))]
		pub fn enable_collateral(
			origin: OriginFor<T>,
			asset: LendingAsset,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let n = Self::do_enable_collateral(who, asset)?;
			let flag = Self::flag_check_weight(&asset);
			Ok(Some(T::WeightInfo::enable_collateral(n).saturating_add(flag)).into())
		}

		/// Stops your supply of `asset` counting as collateral. If you owe anything, every
		/// price must be current and your debt must stay within your borrow limit.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::disable_collateral(T::MaxPositions::get()))]
		pub fn disable_collateral(
			origin: OriginFor<T>,
			asset: LendingAsset,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let n = Self::do_disable_collateral(who, asset)?;
			Ok(Some(T::WeightInfo::disable_collateral(n)).into())
		}

		/// Borrows `amount` of `asset`. Every price your positions need must be current,
		/// your debt must stay within your borrow limit, and the debt in this market must
		/// reach the market's minimum borrow.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::borrow(T::MaxPositions::get()))]
		pub fn borrow(
			origin: OriginFor<T>,
			asset: LendingAsset,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let n = Self::do_borrow(who, asset, amount)?;
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

		/// Liquidates `borrower` (health factor < 1, collateral without a current price
		/// counted as 0, or as written down by its market's schedule): repays up to
		/// `max_repay` of their `debt_asset` debt, within the close factor, and receives
		/// their `collateral_asset` supply shares worth the repaid value plus the
		/// liquidation bonus (less the protocol's share), at the last price. When no
		/// collateral is left to seize, the remaining debt is written off in the same call.
		#[pallet::call_index(12)]
		#[pallet::weight(Pallet::<T>::liquidate_weight(T::MaxPositions::get(), T::MaxPositions::get()))]
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
			let (n, pledges) =
				Self::do_liquidate(liquidator, borrower, debt_asset, collateral_asset, max_repay)?;
			Ok(Some(Self::liquidate_weight(n, pledges)).into())
		}

		/// Lends `amount` of `asset` to you, dispatches `call` as you, then takes back
		/// `amount` plus `FlashLoanFee`. If the call fails or the repayment cannot be taken,
		/// the whole extrinsic fails and nothing it did remains. Nested flash loans fail.
		/// While the loan is out, the market counts the amount as cash in flight: every
		/// exchange rate, cap and health check reads as without the loan.
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
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			Self::do_flash_loan(origin, who, asset, amount, *call)
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
			Self::do_cover_deficit(who, asset, amount)
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
			Self::do_withdraw_reserves(asset, amount, to)
		}

		/// Creates risk category `id`, or replaces its values. Admin. Every market in it is
		/// valued with the new values at once (lowering them can make accounts
		/// liquidatable, as with `update_market`).
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::set_category())]
		pub fn set_category(
			origin: OriginFor<T>,
			id: CategoryId,
			params: RiskCategory,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_category(id, params)
		}

		/// Removes risk category `id`, which no market may be in. Admin.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::remove_category())]
		pub fn remove_category(origin: OriginFor<T>, id: CategoryId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_category(id)
		}

		/// Opens (or adds to) a leveraged position in one call: supplies `amount` of
		/// `collateral`, borrows `debt`, swaps it on the DEX for `amount × (leverage − 1)`
		/// more collateral and supplies that as collateral too. The swap may cost at most
		/// its oracle value plus `max_slippage`; health is checked once, at the end: within
		/// the borrow limit, and a health factor of at least `LeverageSafetyMargin`.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::open_leveraged_position(T::MaxPositions::get()))]
		pub fn open_leveraged_position(
			origin: OriginFor<T>,
			collateral: LendingAsset,
			debt: LendingAsset,
			amount: Balance,
			leverage: Price,
			max_slippage: Permill,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let n = Self::do_open_leveraged_position(
				who,
				collateral,
				debt,
				amount,
				leverage,
				max_slippage,
			)?;
			Ok(Some(T::WeightInfo::open_leveraged_position(n)).into())
		}

		/// Closes a leveraged position in one call: withdraws all of your `collateral`
		/// supply, sells just enough of it on the DEX (at most its oracle value plus
		/// `max_slippage`) to repay your whole `debt` debt, repays it, and leaves the rest
		/// of the collateral in your account.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::close_leveraged_position(T::MaxPositions::get()))]
		pub fn close_leveraged_position(
			origin: OriginFor<T>,
			collateral: LendingAsset,
			debt: LendingAsset,
			max_slippage: Permill,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let n = Self::do_close_leveraged_position(who, collateral, debt, max_slippage)?;
			Ok(Some(T::WeightInfo::close_leveraged_position(n)).into())
		}

		/// Creates leveraged token `id` over two markets, and its token asset (owned by the
		/// pool account, so only this pallet mints it). Admin. The vault account
		/// (`vault_account(id)`) must hold the native existential deposit and both assets'
		/// minimum balances.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::create_leveraged_token())]
		pub fn create_leveraged_token(
			origin: OriginFor<T>,
			id: LeveragedTokenId,
			params: LeveragedTokenParams,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_create_leveraged_token(id, params)
		}

		/// Deposits `amount` of the token's collateral, levers it to the vault's leverage
		/// (the swap at most its oracle value plus `max_slippage`, ≤ 10 %) and mints tokens
		/// for the equity added. Needs current prices.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::mint_leveraged_token())]
		pub fn mint_leveraged_token(
			origin: OriginFor<T>,
			id: LeveragedTokenId,
			amount: Balance,
			max_slippage: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			Self::do_mint_leveraged_token(who, id, amount, max_slippage)
		}

		/// Burns `tokens` and pays their slice of the vault in collateral, less the slice of
		/// debt bought back (at most its oracle value plus `max_slippage`, ≤ 10 %).
		#[pallet::call_index(23)]
		#[pallet::weight(T::WeightInfo::redeem_leveraged_token())]
		pub fn redeem_leveraged_token(
			origin: OriginFor<T>,
			id: LeveragedTokenId,
			tokens: Balance,
			max_slippage: Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(!tokens.is_zero(), Error::<T>::ZeroAmount);
			Self::do_redeem_leveraged_token(who, id, tokens, max_slippage)
		}

		/// Rebalances token `id` toward its target leverage if it left its band; anyone,
		/// for a reward (doubled past the ripcord). Each call trades at most `max_trade`.
		#[pallet::call_index(24)]
		#[pallet::weight(T::WeightInfo::rebalance_leveraged_token())]
		pub fn rebalance_leveraged_token(
			origin: OriginFor<T>,
			id: LeveragedTokenId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_rebalance_leveraged_token(who, id)
		}

		/// Copies the flag of a model (an upheld incident on it or a model it derives from)
		/// into the market of its shares: flagged shares lend no borrowing power, and a
		/// cleared flag restores it. Anyone may call it; it fails if nothing changes.
		#[pallet::call_index(25)]
		#[pallet::weight(T::WeightInfo::sync_model_flag().saturating_add(Pallet::<T>::flag_check_weight(asset)))]
		pub fn sync_model_flag(origin: OriginFor<T>, asset: LendingAsset) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_sync_model_flag(asset)
		}

		/// Socialises a market's whole deficit: suppliers bear it pro rata, in one step.
		/// Admin (the chain DAO decides between covering and socialising).
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::socialise_deficit())]
		pub fn socialise_deficit(origin: OriginFor<T>, asset: LendingAsset) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_socialise_deficit(asset)
		}
	}
}
