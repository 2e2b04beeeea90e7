//! Benchmarks of every lending call. Account-level calls take `p`, the number of markets
//! the account has positions in (2..=`MaxPositions`): every position's market and price is
//! read to value the account, so `p` is what makes them expensive. Each runs its costliest
//! path: a health check with every position priced, a new position where one can be made,
//! and a year of interest to compound in every market it touches (each market has
//! borrows, and the clock moves a year before the measured call). The caller's collateral
//! markets are in a risk category with a debt ceiling, so the category is read (and its
//! count written) as for the costliest account.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::rate_model::SECONDS_PER_YEAR;
use alloc::{boxed::Box, vec};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use modelchain_primitives::{AssetId, OnPriceChange};
use sp_arithmetic::{traits::One, FixedPointNumber};

/// One whole token of a benchmark asset (12 decimals).
const UNIT: Balance = 1_000_000_000_000;
/// First asset id the benchmarks create.
const FIRST_ASSET: AssetId = 1_001;

fn bench_asset(i: u32) -> LendingAsset {
	LendingAsset::Asset(FIRST_ASSET + i)
}

fn price_key(i: u32) -> AssetId {
	FIRST_ASSET + i
}

fn bench_params(i: u32) -> MarketParams {
	MarketParams {
		collateral_factor: Permill::from_percent(75),
		liquidation_threshold: Permill::from_percent(80),
		liquidation_bonus: Permill::from_percent(5),
		protocol_liquidation_share: Permill::from_percent(10),
		reserve_factor: Permill::from_percent(10),
		supply_cap: Balance::MAX / 4,
		borrow_cap: Balance::MAX / 4,
		rate_model: RateModel {
			base_rate: Price::from_rational(2, 100),
			multiplier: Price::from_rational(10, 100),
			jump_multiplier: Price::saturating_from_integer(3u32),
			kink: Permill::from_percent(80),
			max_rate: T_MAX_RATE,
		},
		max_price_age: u64::MAX / 4,
		price_key: price_key(i),
		decimals: 12,
		min_borrow: 0,
		category: None,
		stale_write_down: None,
	}
}

/// A modest maximum rate every runtime's `MaxBorrowRate` allows.
const T_MAX_RATE: Price = Price::from_inner(1_000_000_000_000_000_000);

fn fund<T: Config>(who: &T::AccountId, asset: LendingAsset, amount: Balance) {
	T::Assets::mint_into(asset, who, amount).unwrap();
}

/// Gives the pool account the asset's minimum balance, as `add_market` requires.
fn seed_pool<T: Config>(asset: LendingAsset) {
	let pool = Pallet::<T>::pool_account();
	let min = T::Assets::minimum_balance(asset);
	if T::Assets::balance(asset, &pool) < min {
		fund::<T>(&pool, asset, min);
	}
}

/// Opens market `i`, priced at $1, with no supply.
fn add_bench_market<T: Config>(i: u32) -> LendingAsset {
	let asset = bench_asset(i);
	T::BenchmarkHelper::create_asset(asset);
	T::BenchmarkHelper::set_price(price_key(i), Price::one());
	seed_pool::<T>(asset);
	if !Markets::<T>::contains_key(asset) {
		Pallet::<T>::add_market(RawOrigin::Root.into(), asset, bench_params(i)).unwrap();
	}
	asset
}

/// Opens market `i` priced at $1, has a whale supply 1,000,000 tokens to it and borrow
/// 1,000 back, so that the market has borrows and every accrual compounds interest.
fn open_market<T: Config>(i: u32) -> LendingAsset {
	let asset = add_bench_market::<T>(i);
	let whale: T::AccountId = account("whale", 0, 0);
	fund::<T>(&whale, asset, 2_000_000 * UNIT);
	let signed = || RawOrigin::Signed(whale.clone());
	Pallet::<T>::supply(signed().into(), asset, 1_000_000 * UNIT).unwrap();
	Pallet::<T>::enable_collateral(signed().into(), asset).unwrap();
	Pallet::<T>::borrow(signed().into(), asset, 1_000 * UNIT).unwrap();
	asset
}

/// A year passes before the measured call: each market it touches compounds a year of
/// interest, the costliest accrual a call can meet in practice.
fn a_year_passes<T: Config>() {
	T::BenchmarkHelper::advance_time(SECONDS_PER_YEAR * 1_000);
}

/// The risk category the benchmarks' collateral is in.
const BENCH_CATEGORY: CategoryId = 1;

/// Puts the `collateral` markets into `BENCH_CATEGORY` (valued as their own parameters
/// value them, with a ceiling of `debt_asset` no benchmark reaches), written directly: the
/// markets have supply already, which `update_market` refuses to move.
fn into_ceiling_category<T: Config>(collateral: &[LendingAsset], debt_asset: LendingAsset) {
	let values = RiskCategory {
		collateral_factor: Permill::from_percent(75),
		liquidation_threshold: Permill::from_percent(80),
		liquidation_bonus: Permill::from_percent(5),
		zero_ltv: false,
		debt_ceiling: Some(DebtCeiling { debt_asset, ceiling: Balance::MAX / 4 }),
	};
	Pallet::<T>::set_category(RawOrigin::Root.into(), BENCH_CATEGORY, values).unwrap();
	for asset in collateral {
		Markets::<T>::mutate(asset, |m| m.as_mut().unwrap().params.category = Some(BENCH_CATEGORY));
		Categories::<T>::mutate(BENCH_CATEGORY, |c| c.as_mut().unwrap().markets += 1);
	}
}

/// The oracle key of the benchmarks' model shares.
const SHARE_KEY: AssetId = FIRST_ASSET + 50;
/// The risk category of the benchmarks' model shares.
const SHARE_CATEGORY: CategoryId = 2;

/// Registers a model whose 1,000 shares are `holder`'s and opens its share market ($1 a
/// share, LTV 75 %, in a category whose ceiling is in `debt_asset`).
fn share_market<T: Config>(holder: &T::AccountId, debt_asset: LendingAsset) -> LendingAsset {
	let model = T::BenchmarkHelper::model_with_shares(holder, 1_000 * UNIT);
	let shares = LendingAsset::ModelShares(model);
	T::BenchmarkHelper::set_price(SHARE_KEY, Price::one());
	let values = RiskCategory {
		collateral_factor: Permill::from_percent(75),
		liquidation_threshold: Permill::from_percent(80),
		liquidation_bonus: Permill::from_percent(5),
		zero_ltv: false,
		debt_ceiling: Some(DebtCeiling { debt_asset, ceiling: Balance::MAX / 4 }),
	};
	Pallet::<T>::set_category(RawOrigin::Root.into(), SHARE_CATEGORY, values).unwrap();
	let params = MarketParams {
		protocol_liquidation_share: Permill::zero(),
		borrow_cap: 0,
		price_key: SHARE_KEY,
		category: Some(SHARE_CATEGORY),
		..bench_params(50)
	};
	Pallet::<T>::add_market(RawOrigin::Root.into(), shares, params).unwrap();
	shares
}

/// Makes the swap route between `a` and `b` deep enough for the benchmarks' leverage.
fn swap_route<T: Config>(a: LendingAsset, b: LendingAsset) {
	T::BenchmarkHelper::create_swap_route(a, b, 10_000_000 * UNIT);
}

/// The whitelisted caller with `p` positions: 1,000 tokens of collateral in markets
/// `0..p-1` (market 0 left disabled if `enable_first` is false) and `debt` tokens borrowed
/// from market `p-1`. Returns the caller and the markets.
fn caller_with_positions<T: Config>(
	p: u32,
	enable_first: bool,
	debt: Balance,
) -> (T::AccountId, Vec<LendingAsset>) {
	caller_with_positions_in::<T>(p, enable_first, debt, true)
}

/// [`caller_with_positions`], with the collateral in `BENCH_CATEGORY` or in none.
fn caller_with_positions_in<T: Config>(
	p: u32,
	enable_first: bool,
	debt: Balance,
	in_category: bool,
) -> (T::AccountId, Vec<LendingAsset>) {
	let caller: T::AccountId = whitelisted_caller();
	let markets: Vec<LendingAsset> = (0..p).map(open_market::<T>).collect();
	for (i, asset) in markets.iter().take(p as usize - 1).enumerate() {
		fund::<T>(&caller, *asset, 2_000 * UNIT);
		Pallet::<T>::supply(RawOrigin::Signed(caller.clone()).into(), *asset, 1_000 * UNIT)
			.unwrap();
		if i > 0 || enable_first {
			Pallet::<T>::enable_collateral(RawOrigin::Signed(caller.clone()).into(), *asset)
				.unwrap();
		}
	}
	let debt_market = markets[p as usize - 1];
	if in_category {
		into_ceiling_category::<T>(&markets[..p as usize - 1], debt_market);
	}
	fund::<T>(&caller, debt_market, 1_000 * UNIT);
	if debt > 0 {
		Pallet::<T>::borrow(RawOrigin::Signed(caller.clone()).into(), debt_market, debt).unwrap();
	}
	(caller, markets)
}

/// The token asset id of the benchmarks' leveraged token (created with the token).
const TOKEN_ASSET: AssetId = FIRST_ASSET + 9;

fn leveraged_token_params(
	collateral: LendingAsset,
	debt: LendingAsset,
	token: AssetId,
) -> LeveragedTokenParams {
	LeveragedTokenParams {
		collateral,
		debt,
		token,
		target: Price::saturating_from_integer(2u32),
		min_leverage: Price::from_rational(17, 10),
		max_leverage: Price::from_rational(23, 10),
		ripcord: Price::from_rational(27, 10),
		max_trade: Balance::MAX / 4,
		reward: Permill::from_parts(1_000),
	}
}

/// Every benchmark market's price fed again at $1, after the clock moved.
fn refresh_prices<T: Config>() {
	for i in 0..2 {
		T::BenchmarkHelper::set_price(price_key(i), Price::one());
	}
}

/// Gives token 1's vault the native existential deposit and both assets' minimum balance.
fn seed_vault<T: Config>(collateral: LendingAsset, debt: LendingAsset) {
	let vault = Pallet::<T>::vault_account(1);
	for asset in [LendingAsset::Native, collateral, debt] {
		fund::<T>(&vault, asset, T::Assets::minimum_balance(asset).max(1));
	}
}

/// Leveraged token 1 over markets 0 (collateral) and 1 (debt) with a deep swap route, its
/// vault seeded, and the caller holding 1,000 tokens minted from 1,000 collateral (1×).
fn minted_token<T: Config>() -> (T::AccountId, AssetId) {
	let (collateral, debt) = (open_market::<T>(0), open_market::<T>(1));
	swap_route::<T>(collateral, debt);
	let token = TOKEN_ASSET;
	seed_vault::<T>(collateral, debt);
	Pallet::<T>::create_leveraged_token(
		RawOrigin::Root.into(),
		1,
		leveraged_token_params(collateral, debt, token),
	)
	.unwrap();
	let caller: T::AccountId = whitelisted_caller();
	fund::<T>(&caller, collateral, 10_000 * UNIT);
	// The token is not a sufficient asset: its holders keep a native balance.
	fund::<T>(&caller, LendingAsset::Native, 1_000 * UNIT);
	Pallet::<T>::mint_leveraged_token(
		RawOrigin::Signed(caller.clone()).into(),
		1,
		1_000 * UNIT,
		Permill::from_percent(5),
	)
	.unwrap();
	(caller, token)
}

/// [`minted_token`], levered to 2× by a rebalance.
fn levered_token<T: Config>() -> (T::AccountId, AssetId) {
	let minted = minted_token::<T>();
	let keeper: T::AccountId = account("keeper", 0, 0);
	Pallet::<T>::rebalance_leveraged_token(RawOrigin::Signed(keeper).into(), 1).unwrap();
	minted
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_market() {
		let asset = bench_asset(0);
		T::BenchmarkHelper::create_asset(asset);
		seed_pool::<T>(asset);

		#[extrinsic_call]
		_(RawOrigin::Root, asset, bench_params(0));

		assert!(Markets::<T>::contains_key(asset));
	}

	/// The costlier of the two paths: moving an unused market to another price key (the
	/// key lists of both prices and the new price are read and written). Accruing an
	/// in-use market instead costs computation only.
	#[benchmark]
	fn update_market() {
		let asset = add_bench_market::<T>(0);
		let mut params = bench_params(0);
		params.reserve_factor = Permill::from_percent(20);
		params.price_key = price_key(1);
		T::BenchmarkHelper::set_price(price_key(1), Price::saturating_from_integer(2u32));

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Root, asset, params);

		let market = Markets::<T>::get(asset).unwrap();
		assert_eq!(market.params.reserve_factor, params.reserve_factor);
		assert_eq!(market.state.price.unwrap().price, Price::saturating_from_integer(2u32));
	}

	#[benchmark]
	fn set_market_paused() {
		let asset = open_market::<T>(0);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Root, asset, true);

		assert!(Markets::<T>::get(asset).unwrap().state.paused);
	}

	/// `m` markets to stamp the pause on.
	#[benchmark]
	fn set_pallet_paused(m: Linear<0, { T::MaxMarkets::get() }>) {
		// Genesis may have opened markets of its own; top up to `m` in all.
		let mut i = 0;
		while MarketCount::<T>::get() < m {
			add_bench_market::<T>(i);
			i += 1;
		}

		#[extrinsic_call]
		_(RawOrigin::Root, true);

		assert!(PalletPaused::<T>::get());
		assert!(Markets::<T>::iter_values().all(|market| market.state.halted));
	}

	#[benchmark]
	fn supply() {
		let asset = open_market::<T>(0);
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller, asset, 2_000 * UNIT);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), asset, 1_000 * UNIT);

		assert_eq!(Positions::<T>::get(&caller).len(), 1);
	}

	#[benchmark]
	fn withdraw(p: Linear<2, { T::MaxPositions::get() }>) {
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), markets[0], 10 * UNIT);

		assert!(Positions::<T>::get(&caller)[0].shares < 1_000 * UNIT);
	}

	#[benchmark]
	fn enable_collateral(p: Linear<2, { T::MaxPositions::get() }>) {
		// Supply in all p markets, every one but market 0 already collateral: enabling
		// market 0 checks each of them for its risk category.
		let (caller, markets) = caller_with_positions_in::<T>(p, false, 0, false);
		let last = markets[p as usize - 1];
		Pallet::<T>::supply(RawOrigin::Signed(caller.clone()).into(), last, 500 * UNIT).unwrap();
		Pallet::<T>::enable_collateral(RawOrigin::Signed(caller.clone()).into(), last).unwrap();
		// All p markets in one category with a ceiling: each check reads it (cached).
		into_ceiling_category::<T>(&markets, last);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), markets[0]);

		assert!(Positions::<T>::get(&caller)[0].collateral);
	}

	#[benchmark]
	fn disable_collateral(p: Linear<3, { T::MaxPositions::get() }>) {
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), markets[0]);

		assert!(!Positions::<T>::get(&caller)[0].collateral);
	}

	#[benchmark]
	fn borrow(p: Linear<2, { T::MaxPositions::get() }>) {
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);
		let debt_market = markets[p as usize - 1];

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), debt_market, 100 * UNIT);

		// 100 borrowed a year ago, with its interest, and 100 now.
		let position = Positions::<T>::get(&caller)[p as usize - 1];
		assert!(position.principal > 200 * UNIT && position.principal < 210 * UNIT);
	}

	/// Scale (an `extra` benchmark, run by `scripts/scale-check.sh`, not a weight): the
	/// costliest borrow (`MaxPositions` positions, a year of interest) by one account among
	/// `a` other accounts, each supplying one market and borrowing from another, with `m`
	/// more markets open (as many as `MaxMarkets` leaves room for after the genesis
	/// preset's and the caller's). A borrow reads the caller's positions and their markets
	/// only, so the cost at `a = 10,000` and every market open must equal the cost at
	/// `a = 10` and the fewest.
	#[benchmark(extra)]
	fn borrow_among(
		a: Linear<10, 10_000>,
		m: Linear<0, { T::MaxMarkets::get() - T::MaxPositions::get() }>,
	) {
		let p = T::MaxPositions::get();
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);
		for i in p..p + m {
			if (Markets::<T>::iter_keys().count() as u32) < T::MaxMarkets::get() {
				add_bench_market::<T>(i);
			}
		}
		let (collateral, debt_market) = (markets[0], markets[p as usize - 1]);
		for i in 0..a {
			let who: T::AccountId = account("borrower", i, 0);
			let signed = || RawOrigin::Signed(who.clone());
			fund::<T>(&who, collateral, 20 * UNIT);
			Pallet::<T>::supply(signed().into(), collateral, 10 * UNIT).unwrap();
			Pallet::<T>::enable_collateral(signed().into(), collateral).unwrap();
			Pallet::<T>::borrow(signed().into(), debt_market, UNIT).unwrap();
		}
		if m == T::MaxMarkets::get() - p {
			assert_eq!(Markets::<T>::iter_keys().count() as u32, T::MaxMarkets::get());
		}

		a_year_passes::<T>();

		#[extrinsic_call]
		borrow(RawOrigin::Signed(caller.clone()), debt_market, 100 * UNIT);

		let position = Positions::<T>::get(&caller)[p as usize - 1];
		assert!(position.principal > 200 * UNIT && position.principal < 210 * UNIT);
	}

	/// The control for [`borrow_among`] (an `extra` benchmark): the same borrow among `a`
	/// accounts that only hold a balance of the collateral asset and have no position.
	/// Lending's storage does not grow with `a`, only the state does, so whatever this
	/// one's cost does with `a` is the state's (its trie's depth), not lending's.
	#[benchmark(extra)]
	fn borrow_among_holders(a: Linear<10, 10_000>) {
		let p = T::MaxPositions::get();
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);
		let (collateral, debt_market) = (markets[0], markets[p as usize - 1]);
		for i in 0..a {
			let who: T::AccountId = account("holder", i, 0);
			fund::<T>(&who, collateral, 20 * UNIT);
		}

		a_year_passes::<T>();

		#[extrinsic_call]
		borrow(RawOrigin::Signed(caller.clone()), debt_market, 100 * UNIT);

		let position = Positions::<T>::get(&caller)[p as usize - 1];
		assert!(position.principal > 200 * UNIT && position.principal < 210 * UNIT);
	}

	#[benchmark]
	fn repay(p: Linear<2, { T::MaxPositions::get() }>) {
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);
		let debt_market = markets[p as usize - 1];

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), debt_market, 50 * UNIT);

		// 100 borrowed a year ago, with its interest, less 50.
		let principal = Positions::<T>::get(&caller)[p as usize - 1].principal;
		assert!(principal > 50 * UNIT && principal < 60 * UNIT);
	}

	/// The costliest liquidation: every position valued, the only collateral taken in full,
	/// and every other debt written off in the same call. The borrower has collateral in
	/// market 0 and debt in each of the `p − 1` others; market 0's price falls by 90 %, so
	/// liquidating the debt in market 1 takes all the collateral and writes off the debts
	/// of markets 2..p (one write-off and one event per market).
	#[benchmark]
	fn liquidate(p: Linear<2, { T::MaxPositions::get() }>) {
		let markets: Vec<LendingAsset> = (0..p).map(open_market::<T>).collect();
		let borrower: T::AccountId = whitelisted_caller();
		let signed = || RawOrigin::Signed(borrower.clone());
		fund::<T>(&borrower, markets[0], 2_000 * UNIT);
		Pallet::<T>::supply(signed().into(), markets[0], 1_000 * UNIT).unwrap();
		Pallet::<T>::enable_collateral(signed().into(), markets[0]).unwrap();
		// 700 of the 750 the collateral allows, spread over the debt markets.
		let each = 700 * UNIT / Balance::from(p - 1);
		for asset in markets.iter().skip(1) {
			Pallet::<T>::borrow(signed().into(), *asset, each).unwrap();
		}
		let liquidator: T::AccountId = account("liquidator", 0, 0);
		fund::<T>(&liquidator, markets[1], 1_000_000 * UNIT);

		a_year_passes::<T>();
		for i in 0..p {
			T::BenchmarkHelper::set_price(price_key(i), Price::one());
		}
		T::BenchmarkHelper::set_price(price_key(0), Price::from_rational(1, 10));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(liquidator.clone()),
			borrower.clone(),
			markets[1],
			markets[0],
			u128::MAX,
		);

		assert!(!Positions::<T>::get(&liquidator).is_empty());
		// The collateral is gone and every debt is repaid or written off.
		assert!(Positions::<T>::get(&borrower).iter().all(|position| position.principal == 0));
		assert!(!Markets::<T>::get(markets[1]).unwrap().state.deficit.is_zero());
	}

	/// A liquidation against pledged model shares: the borrower's only collateral is
	/// 1,000 shares in a category whose ceiling is in the debt market (so one debt, the
	/// category's asset); the share price falls by 90 %, so the liquidation seizes every
	/// share (moved through the models pallet: settlement and history on both sides) and
	/// writes off what is left.
	#[benchmark]
	fn liquidate_shares() {
		let debt_market = open_market::<T>(1);
		let borrower: T::AccountId = whitelisted_caller();
		let signed = || RawOrigin::Signed(borrower.clone());
		let shares = share_market::<T>(&borrower, debt_market);
		Pallet::<T>::supply(signed().into(), shares, 1_000 * UNIT).unwrap();
		Pallet::<T>::enable_collateral(signed().into(), shares).unwrap();
		Pallet::<T>::borrow(signed().into(), debt_market, 700 * UNIT).unwrap();
		let liquidator: T::AccountId = account("liquidator", 0, 0);
		fund::<T>(&liquidator, debt_market, 1_000_000 * UNIT);

		a_year_passes::<T>();
		T::BenchmarkHelper::set_price(price_key(1), Price::one());
		T::BenchmarkHelper::set_price(SHARE_KEY, Price::from_rational(1, 10));

		#[extrinsic_call]
		liquidate(
			RawOrigin::Signed(liquidator.clone()),
			borrower.clone(),
			debt_market,
			shares,
			u128::MAX,
		);

		let model = shares.model().unwrap();
		assert_eq!(
			<T::ModelShares as modelchain_primitives::ModelShares<T::AccountId>>::balance(
				model,
				&liquidator
			),
			1_000 * UNIT
		);
		assert!(Positions::<T>::get(&borrower).is_empty());
	}

	/// Copying a changed flag into a share market (the lineage walk that reads the flag
	/// is charged apart, by `ModelRisk::is_flagged_weight`).
	#[benchmark]
	fn sync_model_flag() {
		let debt_market = open_market::<T>(1);
		let holder: T::AccountId = account("holder", 0, 0);
		let shares = share_market::<T>(&holder, debt_market);
		Markets::<T>::mutate(shares, |m| m.as_mut().unwrap().state.shares_flagged = true);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), shares);

		assert!(!Markets::<T>::get(shares).unwrap().state.shares_flagged);
	}

	#[benchmark]
	fn flash_loan() {
		let asset = open_market::<T>(0);
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller, asset, 1_000 * UNIT);
		let call: Box<<T as Config>::RuntimeCall> =
			Box::new(frame_system::Call::<T>::remark { remark: vec![] }.into());

		a_year_passes::<T>();
		let cash_before = Markets::<T>::get(asset).unwrap().state.cash;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset, 100_000 * UNIT, call);

		// The 0.09 % fee stays in the pool.
		assert_eq!(Markets::<T>::get(asset).unwrap().state.cash, cash_before + 90 * UNIT);
	}

	#[benchmark]
	fn cover_deficit() {
		let asset = open_market::<T>(0);
		Markets::<T>::mutate(asset, |m| m.as_mut().unwrap().state.deficit = 10 * UNIT);
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller, asset, 1_000 * UNIT);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), asset, 10 * UNIT);

		assert_eq!(Markets::<T>::get(asset).unwrap().state.deficit, 0);
	}

	#[benchmark]
	fn withdraw_reserves() {
		let asset = open_market::<T>(0);
		Markets::<T>::mutate(asset, |m| m.as_mut().unwrap().state.total_reserves = 10 * UNIT);
		let to: T::AccountId = account("treasury", 0, 0);

		a_year_passes::<T>();
		let accrued = Markets::<T>::get(asset).unwrap().accrued(Pallet::<T>::now());
		// A year of interest on the whale's debt added reserves of its own.
		assert!(accrued.state.total_reserves > 10 * UNIT);

		#[extrinsic_call]
		_(RawOrigin::Root, asset, 10 * UNIT, to);

		assert_eq!(
			Markets::<T>::get(asset).unwrap().state.total_reserves,
			accrued.state.total_reserves - 10 * UNIT
		);
	}

	#[benchmark]
	fn socialise_deficit() {
		let asset = open_market::<T>(0);
		Markets::<T>::mutate(asset, |m| m.as_mut().unwrap().state.deficit = 10 * UNIT);

		a_year_passes::<T>();

		#[extrinsic_call]
		_(RawOrigin::Root, asset);

		assert_eq!(Markets::<T>::get(asset).unwrap().state.deficit, 0);
	}

	/// Creating a category with a ceiling (replacing one costs the same read and write).
	#[benchmark]
	fn set_category() {
		let values = RiskCategory {
			collateral_factor: Permill::from_percent(50),
			liquidation_threshold: Permill::from_percent(60),
			liquidation_bonus: Permill::from_percent(5),
			zero_ltv: false,
			debt_ceiling: Some(DebtCeiling { debt_asset: bench_asset(0), ceiling: UNIT }),
		};

		#[extrinsic_call]
		_(RawOrigin::Root, 7, values);

		assert_eq!(Categories::<T>::get(7).unwrap().params, values);
	}

	#[benchmark]
	fn remove_category() {
		let values = RiskCategory {
			collateral_factor: Permill::from_percent(50),
			liquidation_threshold: Permill::from_percent(60),
			liquidation_bonus: Permill::from_percent(5),
			zero_ltv: false,
			debt_ceiling: None,
		};
		Pallet::<T>::set_category(RawOrigin::Root.into(), 7, values).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Root, 7);

		assert!(Categories::<T>::get(7).is_none());
	}

	/// A 2× position on market 0's collateral against market p−1's debt: two supplies, a
	/// borrow counted against the category's ceiling, a two-hop swap through the DEX, and
	/// one health check over all `p` positions.
	#[benchmark]
	fn open_leveraged_position(p: Linear<2, { T::MaxPositions::get() }>) {
		let (caller, markets) = caller_with_positions::<T>(p, true, 100 * UNIT);
		let (collateral, debt) = (markets[0], markets[p as usize - 1]);
		swap_route::<T>(collateral, debt);

		a_year_passes::<T>();
		for i in 0..p {
			T::BenchmarkHelper::set_price(price_key(i), Price::one());
		}

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			collateral,
			debt,
			100 * UNIT,
			Price::saturating_from_integer(2u32),
			Permill::from_percent(5),
		);

		// 1,000 supplied before, 200 now.
		let position = Positions::<T>::get(&caller)[0];
		let market = Markets::<T>::get(collateral).unwrap();
		assert!(market.state.underlying_of(position.shares) >= 1_199 * UNIT);
	}

	/// Closing a 2× position while another debt remains, so the health check runs over
	/// all `p` positions after the swap and the repayment. (Collateral in a category with
	/// a ceiling could have no other debt: the category costs one read and write, less
	/// than the health check it rules out.)
	#[benchmark]
	fn close_leveraged_position(p: Linear<3, { T::MaxPositions::get() }>) {
		let (caller, markets) = caller_with_positions_in::<T>(p, true, 100 * UNIT, false);
		let (collateral, debt) = (markets[0], markets[p as usize - 1]);
		swap_route::<T>(collateral, debt);
		let signed = || RawOrigin::Signed(caller.clone());
		Pallet::<T>::open_leveraged_position(
			signed().into(),
			collateral,
			debt,
			100 * UNIT,
			Price::saturating_from_integer(2u32),
			Permill::from_percent(5),
		)
		.unwrap();
		// Another debt, outside the leverage: the close values the account after.
		Pallet::<T>::borrow(signed().into(), markets[1], 10 * UNIT).unwrap();

		a_year_passes::<T>();
		for i in 0..p {
			T::BenchmarkHelper::set_price(price_key(i), Price::one());
		}

		#[extrinsic_call]
		_(signed(), collateral, debt, Permill::from_percent(5));

		assert!(Positions::<T>::get(&caller).iter().all(|p| p.asset != debt || p.principal == 0));
	}

	/// Creating a leveraged token over two markets (both read, the vault's three
	/// balances checked).
	#[benchmark]
	fn create_leveraged_token() {
		let (collateral, debt) = (open_market::<T>(0), open_market::<T>(1));
		let token = TOKEN_ASSET;
		seed_vault::<T>(collateral, debt);

		#[extrinsic_call]
		_(RawOrigin::Root, 1, leveraged_token_params(collateral, debt, token));

		assert!(LeveragedTokens::<T>::contains_key(1));
	}

	/// A mint into a levered vault, in kind (NAV before and after, a supply, a borrow, a
	/// two-hop swap, a second supply, the token minted).
	#[benchmark]
	fn mint_leveraged_token() {
		let (caller, _) = levered_token::<T>();

		a_year_passes::<T>();
		refresh_prices::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), 1, 100 * UNIT, Permill::from_percent(5));

		assert!(T::Assets::balance(bench_asset(9), &caller) > 1_000 * UNIT);
	}

	/// A redemption from a levered vault: withdraw, buy the debt slice back through the
	/// DEX (two hops), repay, pay out, burn.
	#[benchmark]
	fn redeem_leveraged_token() {
		let (caller, _) = levered_token::<T>();

		a_year_passes::<T>();
		refresh_prices::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), 1, 500 * UNIT, Permill::from_percent(5));

		assert_eq!(T::Assets::balance(bench_asset(9), &caller), 500 * UNIT);
	}

	/// Levering a 1× vault up to 2× (the costlier direction: a borrow, a two-hop swap, a
	/// supply, the keeper's reward and a health check).
	#[benchmark]
	fn rebalance_leveraged_token() {
		let (caller, _) = minted_token::<T>();
		let keeper: T::AccountId = account("keeper", 0, 0);

		a_year_passes::<T>();
		refresh_prices::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(keeper.clone()), 1);

		let _ = caller;
		assert!(T::Assets::balance(bench_asset(0), &keeper) > 0);
	}

	/// The oracle's push of one price into `m` markets valued with it.
	#[benchmark]
	fn on_price_change(m: Linear<1, { T::MaxMarketsPerPriceKey::get() }>) {
		let shared_key = price_key(0);
		let markets: Vec<LendingAsset> = (0..m)
			.map(|i| {
				let asset = bench_asset(i);
				T::BenchmarkHelper::create_asset(asset);
				seed_pool::<T>(asset);
				let mut params = bench_params(i);
				params.price_key = shared_key;
				Pallet::<T>::add_market(RawOrigin::Root.into(), asset, params).unwrap();
				asset
			})
			.collect();
		let point = PricePoint {
			price: Price::saturating_from_integer(3u32),
			observed_at: Pallet::<T>::now(),
			expires_at: Moment::MAX,
			liquidation_only: false,
		};

		#[block]
		{
			Pallet::<T>::on_price_change(shared_key, Some(point));
		}

		for asset in markets {
			assert_eq!(Markets::<T>::get(asset).unwrap().state.price, Some(point));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
