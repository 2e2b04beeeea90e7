//! Test runtime of the lending pallet: System, the real Timestamp (interest and price age
//! follow it), the real Balances and Assets pallets joined into one `fungibles` view by
//! `UnionOf` exactly as in the runtime, and the lending pallet with Root as admin.
//!
//! Prices come from a table the test writes, standing in for the oracle pallet (the
//! runtime's tests and the end-to-end tests use the real oracle). Markets:
//! - `Native`: 12 decimals, $2;
//! - `Asset(USD)`: a 6-decimal stablecoin, $1;
//! - `Asset(RWA)`: a 6-decimal tokenised real-world asset, $100, in risk category
//!   `RWA_CATEGORY` (LTV 50 %, threshold 60 %, USD only up to 50,000 USD).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate as pallet_lending;
use crate::{MarketParams, RateModel};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::UnionOf, AsEnsureOriginWithArg, ConstU128, ConstU32},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use modelchain_primitives::{
	AssetId, AssetOrShares, Balance, LendingAsset, ModelId, Moment, NativeOrOther, NonNative,
	OnPriceChange, Price, PriceFeed, PricePoint, ShareLockId,
};
use sp_arithmetic::{FixedPointNumber, Permill};
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Lending: pallet_lending,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = u64;
	type Lookup = sp_runtime::traits::IdentityLookup<u64>;
	type AccountData = pallet_balances::AccountData<u128>;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = frame_support::traits::ConstU64<1>;
	type WeightInfo = ();
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
	type Freezer = ();
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<1>;
	type MetadataDepositBase = ConstU128<1>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
}

/// The native token, the assets and model shares, as one `fungibles` view (as in the
/// runtime, with [`MockShares`] standing in for the models pallet).
pub type NativeAndAssets = UnionOf<
	Balances,
	frame_support::traits::fungibles::UnionOf<Assets, MockShares, AssetOrShares, NonNative, u64>,
	NativeOrOther,
	LendingAsset,
	u64,
>;

/// A model's shares in a share market (model 7).
pub const MODEL: ModelId = 7;
/// Oracle key of model 7's share price.
pub const MODEL_KEY: AssetId = 70;
/// The risk category of model 7's shares: LTV 20 %, threshold 30 %, USD only up to 10,000.
pub const SHARE_CATEGORY: crate::CategoryId = 3;

/// The mock share ledger lives in storage (raw keys), so a failed call's changes roll back
/// as the models pallet's do.
mod share_store {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::storage::unhashed;

	fn key(kind: &[u8], id: impl Encode) -> Vec<u8> {
		let mut k = b"mock/shares/".to_vec();
		k.extend_from_slice(kind);
		k.extend(id.encode());
		k
	}
	pub fn get<V: Decode + Default>(kind: &[u8], id: impl Encode) -> V {
		unhashed::get(&key(kind, id)).unwrap_or_default()
	}
	pub fn put<V: Encode>(kind: &[u8], id: impl Encode, value: V) {
		unhashed::put(&key(kind, id), &value);
	}
	pub fn kill(kind: &[u8], id: impl Encode) {
		unhashed::kill(&key(kind, id));
	}
	/// Lock ids a holder has (a list kept beside the locks).
	pub fn lock_ids(model: ModelId, who: u64) -> Vec<ShareLockId> {
		get(b"ids", (model, who))
	}
}

/// The models pallet as lending sees it: balances, pledges (own locks, overlapping) that add
/// to DAO vote locks, a seizure of pledged shares, flags. Its own tests cover the real ledger.
pub struct MockShares;
impl MockShares {
	/// Registers `model` with `supply` shares, all held by `owner`.
	pub fn register(model: ModelId, owner: u64, supply: Balance) {
		share_store::put(b"supply", model, supply);
		share_store::put(b"bal", (model, owner), supply);
	}
	/// Moves unlocked shares (a holder's transfer).
	pub fn transfer(
		model: ModelId,
		from: u64,
		to: u64,
		amount: Balance,
	) -> Result<(), &'static str> {
		use modelchain_primitives::ModelShares;
		let free = Self::balance(model, &from).saturating_sub(Self::locked(model, &from));
		if free < amount {
			return Err("locked or insufficient");
		}
		Self::force_move(model, from, to, amount);
		Ok(())
	}
	fn force_move(model: ModelId, from: u64, to: u64, amount: Balance) {
		let a: Balance = share_store::get(b"bal", (model, from));
		share_store::put(b"bal", (model, from), a - amount);
		let b: Balance = share_store::get(b"bal", (model, to));
		share_store::put(b"bal", (model, to), b + amount);
	}
	/// A DAO vote lock on `who`'s shares.
	pub fn set_vote_lock(model: ModelId, who: u64, amount: Balance) {
		share_store::put(b"vote", (model, who), amount);
	}
	/// Flags (or clears) `model`.
	pub fn set_flagged(model: ModelId, flagged: bool) {
		share_store::put(b"flag", model, flagged);
	}
	/// An ownership ruling: every share and lock of `from` goes, and lending is told.
	pub fn reassign(model: ModelId, from: u64, to: u64) {
		use modelchain_primitives::ModelShareHooks;
		let all = <Self as modelchain_primitives::ModelShares<u64>>::balance(model, &from);
		Self::force_move(model, from, to, all);
		for id in share_store::lock_ids(model, from) {
			share_store::kill(b"lock", (model, from, id));
		}
		share_store::kill(b"ids", (model, from));
		Lending::on_shares_forfeited(model, &from);
	}
}

impl modelchain_primitives::ModelShares<u64> for MockShares {
	fn model_exists(model: ModelId) -> bool {
		share_store::get::<Balance>(b"supply", model) > 0
	}
	fn total_supply(model: ModelId) -> Balance {
		share_store::get(b"supply", model)
	}
	fn total_supply_at(model: ModelId, _at: modelchain_primitives::BlockNumber) -> Balance {
		Self::total_supply(model)
	}
	fn balance(model: ModelId, who: &u64) -> Balance {
		share_store::get(b"bal", (model, *who))
	}
	fn balance_at(model: ModelId, who: &u64, _at: modelchain_primitives::BlockNumber) -> Balance {
		Self::balance(model, who)
	}
	fn set_lock(
		model: ModelId,
		who: &u64,
		id: ShareLockId,
		amount: Balance,
	) -> sp_runtime::DispatchResult {
		if amount > Self::balance(model, who) {
			return Err("lock above holding".into());
		}
		let mut ids = share_store::lock_ids(model, *who);
		if !ids.contains(&id) {
			ids.push(id);
			share_store::put(b"ids", (model, *who), ids);
		}
		share_store::put(b"lock", (model, *who, id), amount);
		Ok(())
	}
	fn remove_lock(model: ModelId, who: &u64, id: ShareLockId) {
		let mut ids = share_store::lock_ids(model, *who);
		ids.retain(|i| *i != id);
		share_store::put(b"ids", (model, *who), ids);
		share_store::kill(b"lock", (model, *who, id));
	}
	fn locked(model: ModelId, who: &u64) -> Balance {
		Self::pledged(model, who).saturating_add(Self::externally_locked(model, who))
	}
	fn pledged(model: ModelId, who: &u64) -> Balance {
		share_store::lock_ids(model, *who)
			.into_iter()
			.map(|id| Self::lock_of(model, who, id))
			.max()
			.unwrap_or(0)
	}
	fn externally_locked(model: ModelId, who: &u64) -> Balance {
		share_store::get(b"vote", (model, *who))
	}
	fn lock_of(model: ModelId, who: &u64, id: ShareLockId) -> Balance {
		share_store::get(b"lock", (model, *who, id))
	}
	fn seize_locked(
		model: ModelId,
		from: &u64,
		to: &u64,
		id: ShareLockId,
		amount: Balance,
	) -> sp_runtime::DispatchResult {
		let pledged = Self::lock_of(model, from, id);
		if amount > pledged || amount > Self::balance(model, from) {
			return Err("seizure above the lock".into());
		}
		Self::force_move(model, *from, *to, amount);
		if pledged == amount {
			Self::remove_lock(model, from, id);
		} else {
			share_store::put(b"lock", (model, *from, id), pledged - amount);
		}
		Ok(())
	}
}

impl modelchain_primitives::ModelRisk for MockShares {
	fn is_flagged(model: ModelId) -> bool {
		share_store::get(b"flag", model)
	}
	fn is_flagged_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(1_000, 0)
	}
}

impl frame_support::traits::fungibles::Inspect<u64> for MockShares {
	type AssetId = ModelId;
	type Balance = Balance;
	fn total_issuance(model: ModelId) -> Balance {
		<Self as modelchain_primitives::ModelShares<u64>>::total_supply(model)
	}
	fn minimum_balance(_: ModelId) -> Balance {
		0
	}
	fn total_balance(model: ModelId, who: &u64) -> Balance {
		<Self as modelchain_primitives::ModelShares<u64>>::balance(model, who)
	}
	fn balance(model: ModelId, who: &u64) -> Balance {
		<Self as modelchain_primitives::ModelShares<u64>>::balance(model, who)
	}
	fn reducible_balance(
		model: ModelId,
		who: &u64,
		_: frame_support::traits::tokens::Preservation,
		_: frame_support::traits::tokens::Fortitude,
	) -> Balance {
		use modelchain_primitives::ModelShares;
		<Self as ModelShares<u64>>::balance(model, who)
			.saturating_sub(<Self as ModelShares<u64>>::locked(model, who))
	}
	fn can_deposit(
		_: ModelId,
		_: &u64,
		_: Balance,
		_: frame_support::traits::tokens::Provenance,
	) -> frame_support::traits::tokens::DepositConsequence {
		frame_support::traits::tokens::DepositConsequence::CannotCreate
	}
	fn can_withdraw(
		_: ModelId,
		_: &u64,
		_: Balance,
	) -> frame_support::traits::tokens::WithdrawConsequence<Balance> {
		frame_support::traits::tokens::WithdrawConsequence::Frozen
	}
	fn asset_exists(model: ModelId) -> bool {
		<Self as modelchain_primitives::ModelShares<u64>>::model_exists(model)
	}
}

/// Raw writes are refused, as in the models pallet.
impl frame_support::traits::fungibles::Unbalanced<u64> for MockShares {
	fn handle_dust(_: frame_support::traits::fungibles::Dust<u64, Self>) {}
	fn write_balance(
		_: ModelId,
		_: &u64,
		_: Balance,
	) -> Result<Option<Balance>, sp_runtime::DispatchError> {
		Err(sp_runtime::TokenError::Unsupported.into())
	}
	fn set_total_issuance(_: ModelId, _: Balance) {}
}
/// A transfer is the ledger's own (locks kept), as the models pallet's `transfer_shares`.
impl frame_support::traits::fungibles::Mutate<u64> for MockShares {
	fn transfer(
		model: ModelId,
		source: &u64,
		dest: &u64,
		amount: Balance,
		_: frame_support::traits::tokens::Preservation,
	) -> Result<Balance, sp_runtime::DispatchError> {
		MockShares::transfer(model, *source, *dest, amount)?;
		Ok(amount)
	}
}

pub const ED: u128 = 1_000;
pub const USD: AssetId = 1;
pub const RWA: AssetId = 2;
/// Oracle key of the native token's price.
pub const NATIVE_KEY: AssetId = 0;
/// One whole native token.
pub const MDL: Balance = 1_000_000_000_000;
/// One whole stablecoin / RWA token.
pub const DOLLAR: Balance = 1_000_000;

pub const ALICE: u64 = 1;
pub const BOB: u64 = 2;
pub const CHARLIE: u64 = 3;
pub const DAVE: u64 = 4;

/// Genesis timestamp used by the tests (some time in 2026), ms.
pub const GENESIS_MS: u64 = 1_780_000_000_000;
/// Price age limit of every test market, ms.
pub const MAX_PRICE_AGE: Moment = 60_000;

thread_local! {
	static PRICES: RefCell<BTreeMap<AssetId, PricePoint>> = const { RefCell::new(BTreeMap::new()) };
}

/// The oracle as the lending pallet sees it: whatever the test fed, with its time, pushed
/// to the lending pallet as the oracle pallet does. The oracle's own expiry is left out
/// (`expires_at` is the end of time) unless a test sets it with [`Self::set_point`].
pub struct TestPrices;
impl TestPrices {
	/// Sets `key`'s price, observed now.
	pub fn set(key: AssetId, price: Price) {
		let now = pallet_timestamp::Now::<Test>::get();
		Self::set_point(
			key,
			PricePoint {
				price,
				observed_at: now,
				expires_at: Moment::MAX,
				liquidation_only: false,
			},
		);
	}
	/// Sets `key`'s price point.
	pub fn set_point(key: AssetId, point: PricePoint) {
		PRICES.with(|p| p.borrow_mut().insert(key, point));
		Lending::on_price_change(key, Some(point));
	}
	/// Removes `key`'s price.
	pub fn remove(key: AssetId) {
		PRICES.with(|p| p.borrow_mut().remove(&key));
		Lending::on_price_change(key, None);
	}
}
impl PriceFeed for TestPrices {
	fn price(asset: AssetId) -> Option<(Price, Moment)> {
		let now = pallet_timestamp::Now::<Test>::get();
		Self::price_point(asset).and_then(|point| point.current_at(now))
	}
	fn price_point(asset: AssetId) -> Option<PricePoint> {
		PRICES.with(|p| p.borrow().get(&asset).copied())
	}
}

parameter_types! {
	pub const LendingPalletId: PalletId = PalletId(*b"mdl/lend");
	pub MaxBorrowRate: Price = Price::saturating_from_integer(10u32);
	pub const CloseFactor: Permill = Permill::from_percent(50);
	pub FullCloseHealthFactor: Price = Price::from_rational(95, 100);
	pub SmallPositionValue: Price = Price::saturating_from_integer(100u32);
}

parameter_types! {
	pub MaxLeverage: Price = Price::saturating_from_integer(5u32);
	pub LeverageSafetyMargin: Price = Price::from_rational(11, 10);
}

/// Constant-product pools (x·y = k, 0.3 % fee on the input, Uniswap v2's formulas, as
/// `pallet-asset-conversion` computes them), one per asset pair, each holding real tokens
/// in an account of its own: the leverage tests swap through them. The runtime's tests and
/// the end-to-end tests use the real `pallet-asset-conversion`.
pub struct TestAmm;

thread_local! {
	static AMM_POOLS: RefCell<Vec<((LendingAsset, LendingAsset), u64)>> = const { RefCell::new(Vec::new()) };
}

impl TestAmm {
	/// Opens a pool of `a` and `b`, minting its reserves into a new pool account.
	pub fn create_pool(a: LendingAsset, b: LendingAsset, reserve_a: Balance, reserve_b: Balance) {
		use frame_support::traits::fungibles::Mutate;
		let account = 1_000 + AMM_POOLS.with(|p| p.borrow().len() as u64);
		NativeAndAssets::mint_into(a, &account, reserve_a).unwrap();
		NativeAndAssets::mint_into(b, &account, reserve_b).unwrap();
		AMM_POOLS.with(|p| p.borrow_mut().push(((a, b), account)));
	}

	/// The pool account of `a`/`b`, either way round.
	pub fn pool(a: LendingAsset, b: LendingAsset) -> Option<u64> {
		AMM_POOLS.with(|p| {
			p.borrow()
				.iter()
				.find(|((x, y), _)| (*x, *y) == (a, b) || (*x, *y) == (b, a))
				.map(|(_, acc)| *acc)
		})
	}

	fn reserves(from: LendingAsset, to: LendingAsset) -> Option<(u64, Balance, Balance)> {
		use frame_support::traits::fungibles::Inspect;
		let pool = Self::pool(from, to)?;
		Some((pool, NativeAndAssets::balance(from, &pool), NativeAndAssets::balance(to, &pool)))
	}

	fn swap(
		who: &u64,
		from: LendingAsset,
		to: LendingAsset,
		paid: Balance,
		got: Balance,
	) -> Result<(), sp_runtime::DispatchError> {
		use frame_support::traits::{fungibles::Mutate, tokens::Preservation};
		let pool = Self::pool(from, to).ok_or(sp_runtime::DispatchError::Other("no pool"))?;
		let keep = if from == LendingAsset::Native {
			Preservation::Preserve
		} else {
			Preservation::Expendable
		};
		NativeAndAssets::transfer(from, who, &pool, paid, keep)?;
		NativeAndAssets::transfer(to, &pool, who, got, Preservation::Expendable)?;
		Ok(())
	}
}

impl modelchain_primitives::AssetSwap<u64> for TestAmm {
	fn swap_exact_in(
		who: &u64,
		from: LendingAsset,
		to: LendingAsset,
		amount_in: Balance,
		min_out: Balance,
	) -> Result<Balance, sp_runtime::DispatchError> {
		let out = Self::quote_exact_in(from, to, amount_in)
			.ok_or(sp_runtime::DispatchError::Other("no route"))?;
		if out < min_out || min_out == 0 {
			return Err(sp_runtime::DispatchError::Other("slippage"));
		}
		Self::swap(who, from, to, amount_in, out)?;
		Ok(out)
	}

	fn swap_exact_out(
		who: &u64,
		from: LendingAsset,
		to: LendingAsset,
		amount_out: Balance,
		max_in: Balance,
	) -> Result<Balance, sp_runtime::DispatchError> {
		let paid = Self::quote_exact_out(from, to, amount_out)
			.ok_or(sp_runtime::DispatchError::Other("no route"))?;
		if paid > max_in {
			return Err(sp_runtime::DispatchError::Other("slippage"));
		}
		Self::swap(who, from, to, paid, amount_out)?;
		Ok(paid)
	}

	fn quote_exact_in(from: LendingAsset, to: LendingAsset, amount_in: Balance) -> Option<Balance> {
		let (_, r_in, r_out) = Self::reserves(from, to)?;
		let with_fee = amount_in.checked_mul(997)?;
		let out = with_fee.checked_mul(r_out)? / r_in.checked_mul(1_000)?.checked_add(with_fee)?;
		(out > 0 && out < r_out).then_some(out)
	}

	fn quote_exact_out(
		from: LendingAsset,
		to: LendingAsset,
		amount_out: Balance,
	) -> Option<Balance> {
		let (_, r_in, r_out) = Self::reserves(from, to)?;
		if amount_out >= r_out {
			return None;
		}
		let numerator = r_in.checked_mul(amount_out)?.checked_mul(1_000)?;
		let denominator = (r_out - amount_out).checked_mul(997)?;
		Some(numerator / denominator + 1)
	}
}

parameter_types! {
	/// 0.09 %; a test may set it (`FlashLoanFee::set`).
	pub storage FlashLoanFee: Permill = Permill::from_parts(900);
}

#[cfg(feature = "runtime-benchmarks")]
pub struct TestBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for TestBenchmarkHelper {
	fn model_with_shares(holder: &u64, shares: Balance) -> ModelId {
		MockShares::register(MODEL, *holder, shares);
		MODEL
	}
	fn create_asset(asset: LendingAsset) {
		if let LendingAsset::Asset(id) = asset {
			if !pallet_assets::Asset::<Test>::contains_key(id) {
				Assets::force_create(RuntimeOrigin::root(), id, 0, true, 1).unwrap();
			}
		}
	}
	fn set_price(key: AssetId, price: Price) {
		TestPrices::set(key, price);
	}
	fn advance_time(ms: Moment) {
		pallet_timestamp::Now::<Test>::mutate(|now| *now = now.saturating_add(ms));
	}
	fn create_swap_route(a: LendingAsset, b: LendingAsset, depth: Balance) {
		TestAmm::create_pool(a, b, depth, depth);
	}
}

impl pallet_lending::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Assets = NativeAndAssets;
	type Transfer = crate::FungiblesTransfer<NativeAndAssets>;
	type PriceFeed = TestPrices;
	type Time = Timestamp;
	type AdminOrigin = EnsureRoot<u64>;
	type PalletId = LendingPalletId;
	type MaxPositions = ConstU32<4>;
	type MaxMarkets = ConstU32<8>;
	type MaxMarketsPerPriceKey = ConstU32<2>;
	type MaxBorrowRate = MaxBorrowRate;
	type CloseFactor = CloseFactor;
	type FullCloseHealthFactor = FullCloseHealthFactor;
	type SmallPositionValue = SmallPositionValue;
	type FlashLoanFee = FlashLoanFee;
	type Swap = TestAmm;
	type TokenAssets = Assets;
	type MaxLeverage = MaxLeverage;
	type LeverageSafetyMargin = LeverageSafetyMargin;
	type ModelShares = MockShares;
	type SharePriceMaxRise = SharePriceMaxRise;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TestBenchmarkHelper;
}

parameter_types! {
	/// A share price rises by at most 0.5 % per block.
	pub const SharePriceMaxRise: Permill = Permill::from_parts(5_000);
}

/// 2 % base, 10 % slope to an 80 % kink, then 300 %; at most 500 % a year.
pub fn rate_model() -> RateModel {
	RateModel {
		base_rate: Price::from_rational(2, 100),
		multiplier: Price::from_rational(10, 100),
		jump_multiplier: Price::saturating_from_integer(3u32),
		kink: Permill::from_percent(80),
		max_rate: Price::saturating_from_integer(5u32),
	}
}

/// A market with collateral factor 75 %, threshold 80 %, bonus 5 % (a tenth to the
/// protocol), reserve factor 10 %, generous caps.
pub fn params(price_key: AssetId, decimals: u8) -> MarketParams {
	MarketParams {
		collateral_factor: Permill::from_percent(75),
		liquidation_threshold: Permill::from_percent(80),
		liquidation_bonus: Permill::from_percent(5),
		protocol_liquidation_share: Permill::from_percent(10),
		reserve_factor: Permill::from_percent(10),
		supply_cap: Balance::MAX / 4,
		borrow_cap: Balance::MAX / 4,
		rate_model: rate_model(),
		max_price_age: MAX_PRICE_AGE,
		price_key,
		decimals,
		min_borrow: 0,
		category: None,
		stale_write_down: None,
	}
}

pub fn native() -> LendingAsset {
	LendingAsset::Native
}
pub fn usd() -> LendingAsset {
	LendingAsset::Asset(USD)
}
pub fn model_shares() -> LendingAsset {
	LendingAsset::ModelShares(MODEL)
}
pub fn rwa() -> LendingAsset {
	LendingAsset::Asset(RWA)
}

/// Accounts 1..=4 hold 1,000,000 MDL, 1,000,000 USD and 10,000 RWA. The pool account holds
/// the existential deposit and one unit (the minimum balance) of USD and RWA. No markets yet; prices: MDL $2, USD $1, RWA $100.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let pool = crate::Pallet::<Test>::pool_account();
	let mut balances: Vec<(u64, u128)> = (1..=4).map(|a| (a, 1_000_000 * MDL)).collect();
	balances.push((pool, ED));
	pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
		.assimilate_storage(&mut t)
		.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, 100, true, 1), (RWA, 100, true, 1)],
		metadata: vec![],
		// The pool holds each asset's minimum balance (1 unit), as `add_market` requires.
		accounts: (1..=4)
			.flat_map(|a| [(USD, a, 1_000_000 * DOLLAR), (RWA, a, 10_000 * DOLLAR)])
			.chain([(USD, pool, 1), (RWA, pool, 1)])
			.collect(),
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(GENESIS_MS);
		PRICES.with(|p| p.borrow_mut().clear());
		AMM_POOLS.with(|p| p.borrow_mut().clear());
		TestPrices::set(NATIVE_KEY, Price::saturating_from_integer(2u32));
		TestPrices::set(USD, Price::one());
		TestPrices::set(RWA, Price::saturating_from_integer(100u32));
	});
	ext
}

/// The real-world-asset risk category.
pub const RWA_CATEGORY: crate::CategoryId = 1;

/// LTV 50 %, threshold 60 %, bonus 5 %; USD only, up to 50,000 USD.
pub fn rwa_category() -> crate::RiskCategory {
	crate::RiskCategory {
		collateral_factor: Permill::from_percent(50),
		liquidation_threshold: Permill::from_percent(60),
		liquidation_bonus: Permill::from_percent(5),
		zero_ltv: false,
		debt_ceiling: Some(crate::DebtCeiling { debt_asset: usd(), ceiling: 50_000 * DOLLAR }),
	}
}

/// Test externalities with the three markets open (RWA in `RWA_CATEGORY`).
pub fn with_markets() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		Lending::add_market(RuntimeOrigin::root(), native(), params(NATIVE_KEY, 12)).unwrap();
		Lending::add_market(RuntimeOrigin::root(), usd(), params(USD, 6)).unwrap();
		Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, rwa_category()).unwrap();
		let mut rwa_params = params(RWA, 6);
		rwa_params.category = Some(RWA_CATEGORY);
		Lending::add_market(RuntimeOrigin::root(), rwa(), rwa_params).unwrap();
	});
	ext
}

/// Runs `f` with the three markets open, then the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	with_markets().execute_with(|| {
		f();
		Lending::do_try_state().expect("lending invariants hold");
	});
}

/// LTV 20 %, threshold 30 %, bonus 10 %; USD only, up to 10,000 USD.
pub fn share_category() -> crate::RiskCategory {
	crate::RiskCategory {
		collateral_factor: Permill::from_percent(20),
		liquidation_threshold: Permill::from_percent(30),
		liquidation_bonus: Permill::from_percent(10),
		zero_ltv: false,
		debt_ceiling: Some(crate::DebtCeiling { debt_asset: usd(), ceiling: 10_000 * DOLLAR }),
	}
}

/// A share market's parameters: whole shares (0 decimals), in `SHARE_CATEGORY`, lending
/// nothing, no protocol share of the bonus, at most 5,000 shares pledged.
pub fn share_params() -> MarketParams {
	MarketParams {
		protocol_liquidation_share: Permill::zero(),
		borrow_cap: 0,
		supply_cap: 5_000,
		category: Some(SHARE_CATEGORY),
		..params(MODEL_KEY, 0)
	}
}

/// Model 7 registered with 10,000 shares, all ALICE's, priced at $10 a share, with its
/// share market open in `SHARE_CATEGORY`.
pub fn open_share_market() {
	MockShares::register(MODEL, ALICE, 10_000);
	TestPrices::set(MODEL_KEY, Price::saturating_from_integer(10u32));
	Lending::set_category(RuntimeOrigin::root(), SHARE_CATEGORY, share_category()).unwrap();
	Lending::add_market(RuntimeOrigin::root(), model_shares(), share_params()).unwrap();
}

/// Moves to the next block, `seconds` later.
pub fn advance(seconds: u64) {
	System::set_block_number(System::block_number() + 1);
	pallet_timestamp::Now::<Test>::mutate(|now| *now += seconds * 1_000);
}

use sp_arithmetic::traits::One;
