//! Unit tests of the lending pallet, with exact amounts, one test per attack the issue
//! names, and a seeded randomised run of 10,000 operations checking every invariant after
//! each one.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate::{
	mock::*, types::SECONDS_PER_YEAR, Error, Event, FlashLoanActive, Health, Market, MarketCache,
	Markets, Pallet, Positions, PriceKeyMarkets, PriceMode, RateModel,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::Preservation,
	},
};
use modelchain_primitives::{LendingAsset, Price, PricePoint};
use sp_arithmetic::{
	traits::{One, Zero},
	FixedPointNumber, Permill,
};
use sp_runtime::traits::Dispatchable;

fn market(asset: LendingAsset) -> Market {
	Markets::<Test>::get(asset).unwrap()
}

fn price(n: u128, d: u128) -> Price {
	Price::from_rational(n, d)
}

fn health(who: u64) -> Health {
	let positions = Positions::<Test>::get(who);
	let mut markets = MarketCache::<Test>::new(Timestamp::get());
	Pallet::<Test>::health(&positions, &mut markets, PriceMode::BestEffort).unwrap()
}

fn debt(who: u64, asset: LendingAsset) -> u128 {
	let m = market(asset).accrued(Timestamp::get());
	Positions::<Test>::get(who)
		.iter()
		.find(|p| p.asset == asset)
		.map(|p| m.state.debt_of(p.principal, p.borrow_index))
		.unwrap_or_default()
}

fn shares(who: u64, asset: LendingAsset) -> u128 {
	Positions::<Test>::get(who)
		.iter()
		.find(|p| p.asset == asset)
		.map(|p| p.shares)
		.unwrap_or_default()
}

fn balance(asset: LendingAsset, who: u64) -> u128 {
	NativeAndAssets::balance(asset, &who)
}

/// Equal to the last of 18 decimals (FixedU128 division rounds down).
fn assert_close(a: Price, b: Price) {
	let (a, b) = (a.into_inner(), b.into_inner());
	assert!(a.abs_diff(b) <= 1, "{a} vs {b}");
}

fn supply_collateral(who: u64, asset: LendingAsset, amount: u128) {
	assert_ok!(Lending::supply(RuntimeOrigin::signed(who), asset, amount));
	assert_ok!(Lending::enable_collateral(RuntimeOrigin::signed(who), asset));
}

/// CHARLIE liquidates ALICE's USD debt against her MDL collateral.
fn charlie_liquidates_alice(
	max_repay: u128,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	Lending::liquidate(RuntimeOrigin::signed(CHARLIE), ALICE, usd(), native(), max_repay)
}

/// ALICE: 1,000 MDL ($2,000) as collateral, 1,500 USD borrowed (her whole borrow limit).
/// BOB supplied 10,000 USD.
fn alice_borrows_her_limit() {
	supply_collateral(ALICE, native(), 1_000 * MDL);
	assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
	assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR));
}

// ---------------------------------------------------------------- markets and admin

#[test]
fn markets_need_the_admin_and_consistent_parameters() {
	new_test_ext().execute_with(|| {
		let good = params(USD, 6);
		assert_noop!(
			Lending::add_market(RuntimeOrigin::signed(ALICE), usd(), good),
			sp_runtime::DispatchError::BadOrigin
		);
		let broken: [fn(&mut crate::MarketParams); 6] = [
			|p| p.collateral_factor = Permill::from_percent(80),
			|p| p.liquidation_threshold = Permill::one(),
			|p| p.liquidation_bonus = Permill::from_percent(30),
			|p| p.rate_model.kink = Permill::zero(),
			|p| p.rate_model.max_rate = Price::saturating_from_integer(11u32),
			|p| p.max_price_age = 0,
		];
		for breaks in broken {
			let mut p = good;
			breaks(&mut p);
			assert_noop!(
				Lending::add_market(RuntimeOrigin::root(), usd(), p),
				Error::<Test>::InvalidParams
			);
		}
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), usd(), good));
		System::assert_last_event(Event::MarketAdded { asset: usd(), params: good }.into());
		assert_noop!(
			Lending::add_market(RuntimeOrigin::root(), usd(), good),
			Error::<Test>::MarketExists
		);
		assert_eq!(market(usd()).state.borrow_index, Price::one());
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn kinked_rate_curve() {
	let model = rate_model();
	assert_eq!(model.borrow_rate(Price::zero()), price(2, 100));
	assert_eq!(model.borrow_rate(price(1, 2)), price(7, 100));
	assert_eq!(model.borrow_rate(price(8, 10)), price(10, 100));
	assert_eq!(model.borrow_rate(price(9, 10)), price(40, 100));
	assert_eq!(model.borrow_rate(Price::one()), price(70, 100));
	let capped = RateModel { max_rate: price(1, 2), ..model };
	assert_eq!(capped.borrow_rate(Price::one()), price(1, 2));
}

// ---------------------------------------------------------------- supply side

#[test]
fn supply_and_withdraw_exact_amounts() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), usd(), 1_000 * DOLLAR));
		System::assert_last_event(
			Event::Supplied {
				who: ALICE,
				asset: usd(),
				amount: 1_000 * DOLLAR,
				shares: 1_000 * DOLLAR,
			}
			.into(),
		);
		assert_eq!(market(usd()).state.cash, 1_000 * DOLLAR);
		assert_eq!(balance(usd(), ALICE), 999_000 * DOLLAR);
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(ALICE), usd(), 0),
			Error::<Test>::ZeroAmount
		);
		assert_ok!(Lending::withdraw(RuntimeOrigin::signed(ALICE), usd(), 400 * DOLLAR));
		assert_eq!(shares(ALICE, usd()), 600 * DOLLAR);
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(ALICE), usd(), 601 * DOLLAR),
			Error::<Test>::InsufficientShares
		);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_eq!(balance(usd(), ALICE), 1_000_000 * DOLLAR);
		assert!(Positions::<Test>::get(ALICE).is_empty());
		assert_eq!(market(usd()).state.total_shares, 0);
	});
}

#[test]
fn empty_market_inflation_attack_fails() {
	test(|| {
		// The attacker supplies one unit, then donates 1,000 MDL straight to the pool.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), native(), 1));
		let pool = Pallet::<Test>::pool_account();
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&CHARLIE,
			&pool,
			1_000 * MDL,
			Preservation::Preserve
		));
		assert_eq!(market(native()).state.cash, 1, "donations are not cash");
		// The victim's 100 MDL mint exactly 100 MDL of shares and redeem in full.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), native(), 100 * MDL));
		assert_eq!(shares(BOB, native()), 100 * MDL);
		let before = balance(native(), BOB);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(BOB), native()));
		assert_eq!(balance(native(), BOB) - before, 100 * MDL);
		// The attacker's one share is still worth one unit: the donation is lost to them.
		let before = balance(native(), CHARLIE);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(CHARLIE), native()));
		assert_eq!(balance(native(), CHARLIE) - before, 1);
	});
}

#[test]
fn a_supply_minting_no_shares_fails() {
	test(|| {
		alice_borrows_her_limit();
		advance(SECONDS_PER_YEAR);
		TestPrices::set(NATIVE_KEY, Price::saturating_from_integer(2u32));
		TestPrices::set(USD, Price::one());
		assert!(market(usd()).accrued(Timestamp::get()).state.exchange_rate() > Price::one());
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 1),
			Error::<Test>::NothingToMint
		);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 2));
	});
}

// ---------------------------------------------------------------- borrowing and health

#[test]
fn borrow_up_to_the_borrow_limit_exactly() {
	test(|| {
		supply_collateral(ALICE, native(), 1_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR + 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR));
		System::assert_last_event(
			Event::Borrowed {
				who: ALICE,
				asset: usd(),
				amount: 1_500 * DOLLAR,
				debt: 1_500 * DOLLAR,
			}
			.into(),
		);
		assert_eq!(balance(usd(), ALICE), 1_001_500 * DOLLAR);
		let h = health(ALICE);
		assert_eq!(h.collateral_value, Price::saturating_from_integer(2_000u32));
		assert_eq!(h.borrow_limit, Price::saturating_from_integer(1_500u32));
		assert_eq!(h.debt_value, Price::saturating_from_integer(1_500u32));
		// HF = 2,000 × 0.8 / 1,500.
		assert_close(h.health_factor().unwrap(), price(16, 15));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(ALICE), native(), 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_noop!(
			Lending::disable_collateral(RuntimeOrigin::signed(ALICE), native()),
			Error::<Test>::InsufficientCollateral
		);
		// Repay half, then a third of the collateral can go.
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), 750 * DOLLAR));
		assert_eq!(debt(ALICE, usd()), 750 * DOLLAR);
		assert_ok!(Lending::withdraw(RuntimeOrigin::signed(ALICE), native(), 500 * MDL));
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_eq!(debt(ALICE, usd()), 0);
		assert_ok!(Lending::disable_collateral(RuntimeOrigin::signed(ALICE), native()));
		assert_eq!(market(usd()).state.total_borrows, 0);
		assert_eq!(market(usd()).state.cash, 10_000 * DOLLAR);
	});
}

#[test]
fn borrow_on_a_stale_or_missing_price_fails_but_repay_and_supply_work() {
	test(|| {
		supply_collateral(ALICE, native(), 1_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 100 * DOLLAR));
		// 61 s later the prices are older than the markets' 60 s limit.
		advance(61);
		for call in [
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Lending::withdraw(RuntimeOrigin::signed(ALICE), native(), MDL),
			Lending::disable_collateral(RuntimeOrigin::signed(ALICE), native()),
		] {
			assert_eq!(call.map_err(|e| e.error), Err(Error::<Test>::PriceStale.into()));
		}
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), 10 * DOLLAR));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), native(), MDL));
		assert_noop!(
			Lending::liquidate(RuntimeOrigin::signed(BOB), ALICE, usd(), native(), DOLLAR),
			Error::<Test>::PriceStale
		);
		// A fresh price makes borrowing possible again; a missing one does not.
		TestPrices::set(NATIVE_KEY, Price::saturating_from_integer(2u32));
		TestPrices::set(USD, Price::one());
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR));
		TestPrices::remove(USD);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::PriceUnavailable
		);
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
	});
}

#[test]
fn a_price_the_oracle_no_longer_serves_is_stale_even_within_the_market_age() {
	test(|| {
		supply_collateral(ALICE, native(), 1_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		let now = pallet_timestamp::Now::<Test>::get();
		// The oracle stops serving the USD price 10 s from now (its feeds run out), well
		// within the market's own 60 s limit.
		TestPrices::set_point(
			USD,
			PricePoint { price: Price::one(), observed_at: now, expires_at: now + 10_000 },
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR));
		advance(10);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::PriceStale
		);
		// Reports still show the last price, marked as not fresh.
		let report = Lending::account_health(&ALICE);
		assert!(!report.prices_fresh);
		// At $1 each: the dollar borrowed plus 10 s of interest, rounded up to a unit.
		assert_eq!(debt(ALICE, usd()), DOLLAR + 1);
		assert_eq!(report.debt_value, price(DOLLAR + 1, DOLLAR));
	});
}

#[test]
fn price_changes_reach_every_market_on_the_key_and_keys_are_bounded() {
	new_test_ext().execute_with(|| {
		let (a, b, c) = (LendingAsset::Asset(1_000), LendingAsset::Asset(1_001), usd());
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), a, params(USD, 6)));
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), b, params(USD, 6)));
		// The mock allows two markets per price key.
		assert_noop!(
			Lending::add_market(RuntimeOrigin::root(), c, params(USD, 6)),
			Error::<Test>::TooManyMarketsOnPriceKey
		);
		assert_eq!(PriceKeyMarkets::<Test>::get(USD).into_inner(), vec![a, b]);
		// A new market starts from the oracle's current point.
		let start =
			PricePoint { price: Price::one(), observed_at: GENESIS_MS, expires_at: u64::MAX };
		assert_eq!(market(a).state.price, Some(start));
		advance(6);
		TestPrices::set(USD, price(99, 100));
		let moved = PricePoint {
			price: price(99, 100),
			observed_at: GENESIS_MS + 6_000,
			expires_at: u64::MAX,
		};
		for asset in [a, b] {
			assert_eq!(market(asset).state.price, Some(moved));
			System::assert_has_event(
				Event::<Test>::MarketPriceChanged { asset, point: Some(moved) }.into(),
			);
		}
		// An unused market can move to another key; the lists follow.
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), b, params(RWA, 6)));
		assert_eq!(PriceKeyMarkets::<Test>::get(USD).into_inner(), vec![a]);
		assert_eq!(PriceKeyMarkets::<Test>::get(RWA).into_inner(), vec![b]);
		assert_eq!(market(b).state.price.unwrap().price, Price::saturating_from_integer(100u32));
		TestPrices::remove(USD);
		assert_eq!(market(a).state.price, None);
		assert_eq!(market(b).state.price.unwrap().price, Price::saturating_from_integer(100u32));
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), c, params(USD, 6)));
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn interest_compounds_per_second_and_reserves_take_their_share() {
	test(|| {
		supply_collateral(ALICE, native(), 900_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 500_000 * DOLLAR));
		// 80 % utilisation: 2 % + 10 % × 0.8 = 10 % a year.
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 400_000 * DOLLAR));
		advance(SECONDS_PER_YEAR);
		TestPrices::set(NATIVE_KEY, Price::saturating_from_integer(2u32));
		TestPrices::set(USD, Price::one());
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), DOLLAR));
		let state = market(usd()).state;
		// (1 + 0.1 / 31,536,000)^31,536,000 = e^0.1 − 1.75e-10 = 1.105170918...
		let index = state.borrow_index.into_inner();
		assert!(index > 1_105_170_917_000_000_000 && index < 1_105_170_918_100_000_000, "{index}");
		// 400,000 × (e^0.1 − 1.75e-10 − 1) = 42,068.36716 USD.
		let interest = state.total_borrows - 400_000 * DOLLAR;
		assert!(interest > 42_068_366_000 && interest < 42_068_368_000, "{interest}");
		assert_eq!(state.total_reserves, interest / 10);
		// The account's debt rounds up, the total down: never less than the total.
		let owed = debt(ALICE, usd());
		assert!(owed >= state.total_borrows && owed <= state.total_borrows + 1);
		// Suppliers earn the rest: BOB's shares are worth 500,000 + 90 % of the interest,
		// less what the 1,000 virtual shares earned (1,000 × 0.0757 = 76 units).
		let bob = state.underlying_of(shares(BOB, usd()));
		let pro_rata = 500_000 * DOLLAR + interest - interest / 10;
		assert!(bob <= pro_rata && bob + 80 >= pro_rata, "{bob} vs {pro_rata}");
		let before = balance(usd(), ALICE);
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_eq!(before - balance(usd(), ALICE), owed);
		assert_eq!(market(usd()).state.total_borrows, 0);
	});
}

#[test]
fn extreme_utilisation_for_decades_neither_overflows_nor_bricks_the_market() {
	test(|| {
		// A constant 1,000 % a year (the pallet's cap) at 100 % utilisation.
		let mut p = params(USD, 6);
		p.rate_model = RateModel {
			base_rate: Price::saturating_from_integer(10u32),
			multiplier: Price::zero(),
			jump_multiplier: Price::zero(),
			kink: Permill::from_percent(50),
			max_rate: Price::saturating_from_integer(10u32),
		};
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), p));
		supply_collateral(ALICE, native(), 10_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 1_000 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_000 * DOLLAR));
		assert_eq!(market(usd()).state.utilisation(), Price::one());

		advance(SECONDS_PER_YEAR);
		let one_year = market(usd()).accrued(Timestamp::get());
		// e^10 = 22,026.47 (per-second compounding is 0.0016 % below it).
		let index = one_year.state.borrow_index.into_inner() / 1_000_000_000_000_000_000;
		assert!((22_026..=22_027).contains(&index), "{index}");

		advance(50 * SECONDS_PER_YEAR);
		TestPrices::set(NATIVE_KEY, Price::saturating_from_integer(2u32));
		TestPrices::set(USD, Price::one());
		let later = market(usd()).accrued(Timestamp::get());
		assert!(later.state.borrow_index >= one_year.state.borrow_index);
		Lending::do_try_state().unwrap();
		// The position is liquidated: all collateral goes, the rest is written off.
		assert_ok!(charlie_liquidates_alice(u128::MAX));
		assert_eq!(debt(ALICE, usd()), 0);
		assert_eq!(market(usd()).state.total_borrows, 0);
		// The market still works: supply, borrow, repay, withdraw.
		supply_collateral(DAVE, native(), 1_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 100 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(DAVE), usd(), 10 * DOLLAR));
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(DAVE), usd()));
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(BOB), usd()));
	});
}

// ---------------------------------------------------------------- fixed-point arithmetic

/// A random `u128` of a random bit length (0 to 128 bits), so small, mid-sized and
/// overflowing products all occur.
fn random_magnitude(rng: &mut Rng) -> u128 {
	let bits = rng.below(129) as u32;
	let full = (u128::from(rng.next()) << 64) | u128::from(rng.next());
	if bits == 0 {
		0
	} else {
		full >> (128 - bits)
	}
}

#[test]
fn mul_div_is_multiply_by_rational_bit_for_bit() {
	use sp_arithmetic::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};
	let mut rng = Rng(0x0DD_BA11);
	let roundings =
		[Rounding::Up, Rounding::Down, Rounding::NearestPrefUp, Rounding::NearestPrefDown];
	let mut fast = 0u32;
	for _ in 0..200_000 {
		let (a, b, c) =
			(random_magnitude(&mut rng), random_magnitude(&mut rng), random_magnitude(&mut rng));
		let rounding = rng.pick(&roundings);
		let expected = if c == 0 {
			0
		} else {
			multiply_by_rational_with_rounding(a, b, c, rounding).unwrap_or(u128::MAX)
		};
		assert_eq!(crate::mul_div(a, b, c, rounding), expected, "{a} × {b} ÷ {c} {rounding:?}");
		fast += u32::from(a.checked_mul(b).is_some());
	}
	// Both the 128-bit and the 256-bit paths were exercised.
	assert!(fast > 50_000 && fast < 150_000, "{fast}");
	// Rounding ties: 5 ÷ 2 = 2.5.
	assert_eq!(crate::mul_div(5, 1, 2, Rounding::NearestPrefDown), 2);
	assert_eq!(crate::mul_div(5, 1, 2, Rounding::NearestPrefUp), 3);
	assert_eq!(crate::mul_div(7, 1, 3, Rounding::Up), 3);
	assert_eq!(crate::mul_div(u128::MAX, u128::MAX, 1, Rounding::Down), u128::MAX);
}

#[test]
fn fixed_mul_and_fixed_pow_are_saturating_mul_and_saturating_pow_bit_for_bit() {
	use sp_arithmetic::traits::{Bounded, Saturating};
	let mut rng = Rng(0xC0FF_EE00);
	for _ in 0..100_000 {
		let (a, b) = (
			Price::from_inner(random_magnitude(&mut rng)),
			Price::from_inner(random_magnitude(&mut rng)),
		);
		assert_eq!(crate::fixed_mul(a, b), a.saturating_mul(b), "{a:?} × {b:?}");
	}
	// Interest bases: one plus a per-second rate up to the 1,000 % cap, over up to 136
	// years; and arbitrary bases, which overflow and saturate.
	let cap_per_second = 10 * Price::accuracy() / u128::from(SECONDS_PER_YEAR);
	for round in 0..4_000 {
		let base = if round % 2 == 0 {
			Price::from_inner(Price::accuracy() + u128::from(rng.next()) % (cap_per_second + 1))
		} else {
			Price::from_inner(random_magnitude(&mut rng) >> rng.below(64))
		};
		let exponent = match round % 4 {
			0 | 1 => rng.below(u64::from(u32::MAX) + 1),
			2 => rng.below(2 * SECONDS_PER_YEAR),
			_ => rng.below(64),
		};
		assert_eq!(
			crate::fixed_pow(base, exponent),
			base.saturating_pow(exponent as usize),
			"{base:?} ^ {exponent}"
		);
	}
	// (1 + 10⁻⁶)^1,000,000 = e − e/(2·10⁶) + … = 2.718280469…
	let e_ish = crate::fixed_pow(Price::from_inner(1_000_001_000_000_000_000), 1_000_000);
	assert_eq!(e_ish.into_inner() / 1_000_000_000, 2_718_280_469);
	assert_eq!(crate::fixed_pow(price(3, 2), 0), Price::one());
	assert_eq!(crate::fixed_pow(price(3, 2), 3), price(3_375, 1_000));
	assert_eq!(crate::fixed_pow(Price::saturating_from_integer(2u32), 200), Price::max_value());
	// Past u32::MAX the exponent is kept whole (saturating_pow would truncate it to 0).
	assert_eq!(crate::fixed_pow(Price::saturating_from_integer(2u32), 1 << 32), Price::max_value());
}

// ---------------------------------------------------------------- liquidation

#[test]
fn liquidation_seizes_repay_plus_bonus_and_the_protocol_keeps_its_share() {
	test(|| {
		alice_borrows_her_limit();
		assert_noop!(charlie_liquidates_alice(DOLLAR), Error::<Test>::NotLiquidatable);
		// MDL falls to $1.80: HF = 1,800 × 0.8 / 1,500 = 0.96 (close factor 50 %).
		TestPrices::set(NATIVE_KEY, price(18, 10));
		assert_eq!(health(ALICE).health_factor(), Some(price(96, 100)));
		assert_noop!(
			Lending::liquidate(RuntimeOrigin::signed(ALICE), ALICE, usd(), native(), DOLLAR),
			Error::<Test>::SelfLiquidation
		);
		let charlie_usd = balance(usd(), CHARLIE);
		assert_ok!(charlie_liquidates_alice(1_000 * DOLLAR));
		// Repay capped at 750 USD; seize 750 × 1.05 / 1.8 = 437.5 MDL. The bonus is
		// 437.5 − 437.5 / 1.05 = 20.833... MDL, a tenth of it to the protocol.
		let seized = 437_500_000_000_000;
		let protocol_fee = 2_083_333_333_333;
		System::assert_last_event(
			Event::Liquidated {
				liquidator: CHARLIE,
				borrower: ALICE,
				debt_asset: usd(),
				collateral_asset: native(),
				repaid: 750 * DOLLAR,
				seized,
				seized_shares: seized,
				protocol_fee,
			}
			.into(),
		);
		assert_eq!(charlie_usd - balance(usd(), CHARLIE), 750 * DOLLAR);
		assert_eq!(shares(CHARLIE, native()), seized - protocol_fee);
		assert_eq!(shares(ALICE, native()), 1_000 * MDL - seized);
		assert_eq!(debt(ALICE, usd()), 750 * DOLLAR);
		let native_market = market(native()).state;
		assert_eq!(native_market.total_reserves, protocol_fee);
		assert_eq!(native_market.total_shares, 1_000 * MDL - protocol_fee);
		// HF rose to 562.5 × 1.8 × 0.8 / 750 = 1.08.
		assert_eq!(health(ALICE).health_factor(), Some(price(108, 100)));
		// The liquidator's shares redeem for MDL.
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(CHARLIE), native()));
	});
}

#[test]
fn chained_liquidations_cannot_exceed_the_close_factor_in_one_block() {
	test(|| {
		alice_borrows_her_limit();
		TestPrices::set(NATIVE_KEY, price(18, 10));
		assert_ok!(charlie_liquidates_alice(300 * DOLLAR));
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(DAVE),
			ALICE,
			usd(),
			native(),
			1_000 * DOLLAR
		));
		// Together they repaid 750 = 50 % of the 1,500 owed before the first.
		assert_eq!(debt(ALICE, usd()), 750 * DOLLAR);
		// The price falls again in the same block: HF < 1, but the window is used up.
		TestPrices::set(NATIVE_KEY, price(162, 100));
		assert!(health(ALICE).is_liquidatable());
		assert_noop!(charlie_liquidates_alice(DOLLAR), Error::<Test>::CloseFactorReached);
		// Next block: a new window of 50 % of 750.
		advance(6);
		TestPrices::set(NATIVE_KEY, price(162, 100));
		TestPrices::set(USD, Price::one());
		assert_ok!(charlie_liquidates_alice(1_000 * DOLLAR));
		let owed = debt(ALICE, usd());
		assert!(owed > 375 * DOLLAR && owed < 375 * DOLLAR + 10, "{owed}");
	});
}

#[test]
fn a_liquidation_that_lowers_the_health_factor_fails_unless_it_closes_the_position() {
	test(|| {
		alice_borrows_her_limit();
		// MDL at $1: HF = 1,000 × 0.8 / 1,500 = 0.533; seizing with a 5 % bonus lowers it.
		TestPrices::set(NATIVE_KEY, Price::one());
		assert_noop!(
			charlie_liquidates_alice(100 * DOLLAR),
			Error::<Test>::LiquidationDoesNotImproveHealth
		);
		// Liquidating everything is allowed (HF < 0.95): it closes the position.
		assert_ok!(charlie_liquidates_alice(u128::MAX));
		assert_eq!(shares(ALICE, native()), 0);
		assert_eq!(debt(ALICE, usd()), 0);
	});
}

#[test]
fn bad_debt_is_covered_by_reserves_then_recorded_as_a_deficit() {
	test(|| {
		alice_borrows_her_limit();
		// A 5,000 USD flash loan's 4.5 USD fee gives the USD market 0.45 USD of reserves.
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_ok!(Lending::flash_loan(
			RuntimeOrigin::signed(DAVE),
			usd(),
			5_000 * DOLLAR,
			Box::new(remark)
		));
		assert_eq!(market(usd()).state.total_reserves, 450_000);
		// MDL crashes to $1: 1,000 MDL is worth less than the debt plus bonus.
		TestPrices::set(NATIVE_KEY, Price::one());
		assert_ok!(charlie_liquidates_alice(u128::MAX));
		// All 1,000 MDL ($1,000) seized for 1,000 / 1.05 = 952.380952 USD repaid; the
		// remaining 547.619048 USD is bad debt: 0.45 from reserves, 547.169048 deficit.
		System::assert_has_event(
			Event::BadDebtWrittenOff {
				who: ALICE,
				asset: usd(),
				debt: 547_619_048,
				covered_by_reserves: 450_000,
				deficit: 547_169_048,
			}
			.into(),
		);
		let state = market(usd()).state;
		assert_eq!(state.deficit, 547_169_048);
		assert_eq!(state.total_borrows, 0);
		assert_eq!(state.total_reserves, 0);
		assert!(Positions::<Test>::get(ALICE).is_empty());
		// Suppliers bear it until someone covers it; reserves cannot leave meanwhile.
		assert_noop!(
			Lending::withdraw_reserves(RuntimeOrigin::root(), usd(), 1, DAVE),
			Error::<Test>::DeficitOutstanding
		);
		let bob_before = state.underlying_of(shares(BOB, usd()));
		assert_ok!(Lending::cover_deficit(RuntimeOrigin::signed(DAVE), usd(), 1_000 * DOLLAR));
		System::assert_last_event(
			Event::DeficitCovered { who: DAVE, asset: usd(), amount: 547_169_048 }.into(),
		);
		let state = market(usd()).state;
		assert_eq!(state.deficit, 0);
		let bob_after = state.underlying_of(shares(BOB, usd()));
		// BOB's 10,000 USD plus 90 % of the 4.5 USD fee, less the virtual-share rounding.
		assert_eq!(bob_after, 10_004_050_000 - 1);
		assert!((547_169_047..=547_169_048).contains(&(bob_after - bob_before)));
		assert_noop!(
			Lending::cover_deficit(RuntimeOrigin::signed(DAVE), usd(), 1),
			Error::<Test>::NoDeficit
		);
	});
}

#[test]
fn a_liquidation_may_not_leave_dust() {
	test(|| {
		supply_collateral(ALICE, native(), 200 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 300 * DOLLAR));
		// $1.75: HF = 350 × 0.8 / 300 = 0.933 < 0.95, so the whole debt may go at once.
		TestPrices::set(NATIVE_KEY, price(175, 100));
		// Repaying 280 would leave 20 USD, under half the $100 small-position value.
		assert_noop!(charlie_liquidates_alice(280 * DOLLAR), Error::<Test>::LiquidationLeavesDust);
		assert_ok!(charlie_liquidates_alice(300 * DOLLAR));
		assert_eq!(debt(ALICE, usd()), 0);
		// 300 × 1.05 / 1.75 = 180 MDL seized, 20 left.
		assert_eq!(shares(ALICE, native()), 20 * MDL);
	});
}

// ---------------------------------------------------------------- flash loans

#[test]
fn a_repaid_flash_loan_pays_its_fee_to_suppliers_and_reserves() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let dave = balance(usd(), DAVE);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		assert_ok!(Lending::flash_loan(
			RuntimeOrigin::signed(DAVE),
			usd(),
			100_000 * DOLLAR,
			Box::new(remark)
		));
		// Fee 0.09 % = 90 USD: 9 to reserves, 81 to suppliers.
		System::assert_last_event(
			Event::FlashLoan {
				who: DAVE,
				asset: usd(),
				amount: 100_000 * DOLLAR,
				fee: 90 * DOLLAR,
			}
			.into(),
		);
		assert_eq!(dave - balance(usd(), DAVE), 90 * DOLLAR);
		let state = market(usd()).state;
		assert_eq!(state.cash, 200_090 * DOLLAR);
		assert_eq!(state.total_reserves, 9 * DOLLAR);
		assert_eq!(state.supplied_assets(), 200_081 * DOLLAR);
		assert!(!FlashLoanActive::<Test>::get());
	});
}

#[test]
fn an_unrepaid_flash_loan_reverts_the_whole_extrinsic() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let before = (balance(usd(), DAVE), balance(usd(), CHARLIE), market(usd()));
		// The call gives the loan (and more) away, so it cannot be taken back.
		let run_off = RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: USD,
			target: CHARLIE,
			amount: 1_050_000 * DOLLAR,
		});
		let flash = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 100_000 * DOLLAR,
			call: Box::new(run_off),
		});
		let result = flash.dispatch(RuntimeOrigin::signed(DAVE));
		assert_eq!(result.map_err(|e| e.error), Err(Error::<Test>::FlashLoanNotRepaid.into()));
		assert_eq!((balance(usd(), DAVE), balance(usd(), CHARLIE), market(usd())), before);
		assert!(!FlashLoanActive::<Test>::get());
		// A failing inner call reverts too.
		let too_much = RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: USD,
			target: CHARLIE,
			amount: 5_000_000 * DOLLAR,
		});
		let flash = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 100_000 * DOLLAR,
			call: Box::new(too_much),
		});
		assert!(flash.dispatch(RuntimeOrigin::signed(DAVE)).is_err());
		assert_eq!((balance(usd(), DAVE), balance(usd(), CHARLIE), market(usd())), before);
	});
}

#[test]
fn a_nested_flash_loan_is_rejected() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let inner = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 1_000 * DOLLAR,
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		});
		let outer = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 1_000 * DOLLAR,
			call: Box::new(inner),
		});
		let before = market(usd());
		let result = outer.dispatch(RuntimeOrigin::signed(DAVE));
		assert_eq!(result.map_err(|e| e.error), Err(Error::<Test>::FlashLoanReentrancy.into()));
		assert_eq!(market(usd()), before);
		assert!(!FlashLoanActive::<Test>::get());
	});
}

// ---------------------------------------------------------------- isolation, caps, pause

#[test]
fn isolated_collateral_is_alone_and_its_debt_is_capped() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), native(), 10 * MDL));
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(ALICE), native()),
			Error::<Test>::IsolationConflict
		);
		// $100,000 of RWA at 50 % allows $50,000; the ceiling is $50,000 for everyone.
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 40_000 * DOLLAR));
		supply_collateral(BOB, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		assert_eq!(market(rwa()).state.isolated_debt, Price::saturating_from_integer(50_000u32));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 1),
			Error::<Test>::IsolationDebtCeilingReached
		);
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), 5_000 * DOLLAR));
		assert_eq!(market(rwa()).state.isolated_debt, Price::saturating_from_integer(45_000u32));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 5_000 * DOLLAR));
		// Non-isolated collateral cannot join isolated collateral either way round.
		supply_collateral(DAVE, native(), 10 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), rwa(), DOLLAR));
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(DAVE), rwa()),
			Error::<Test>::IsolationConflict
		);
	});
}

#[test]
fn caps_hold() {
	test(|| {
		let mut p = params(USD, 6);
		p.supply_cap = 1_000 * DOLLAR;
		p.borrow_cap = 100 * DOLLAR;
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), p));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 1_000 * DOLLAR));
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(BOB), usd(), 1),
			Error::<Test>::SupplyCapReached
		);
		supply_collateral(ALICE, native(), 1_000 * MDL);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 100 * DOLLAR + 1),
			Error::<Test>::BorrowCapReached
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 100 * DOLLAR));
	});
}

#[test]
fn pausing_stops_risk_but_never_repayment() {
	test(|| {
		alice_borrows_her_limit();
		assert_ok!(Lending::set_market_paused(RuntimeOrigin::root(), usd(), true));
		System::assert_last_event(Event::MarketPauseSet { asset: usd(), paused: true }.into());
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(BOB), usd(), DOLLAR),
			Error::<Test>::MarketPaused
		);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::MarketPaused
		);
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), DOLLAR));
		assert_ok!(Lending::set_market_paused(RuntimeOrigin::root(), usd(), false));
		assert_ok!(Lending::set_pallet_paused(RuntimeOrigin::root(), true));
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(BOB), usd(), DOLLAR),
			Error::<Test>::PalletPaused
		);
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(BOB), usd(), DOLLAR),
			Error::<Test>::PalletPaused
		);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::PalletPaused
		);
		assert_noop!(
			Lending::disable_collateral(RuntimeOrigin::signed(ALICE), native()),
			Error::<Test>::PalletPaused
		);
		assert_noop!(charlie_liquidates_alice(DOLLAR), Error::<Test>::PalletPaused);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_noop!(
			Lending::flash_loan(RuntimeOrigin::signed(DAVE), usd(), DOLLAR, Box::new(remark)),
			Error::<Test>::PalletPaused
		);
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_noop!(
			Lending::set_pallet_paused(RuntimeOrigin::signed(ALICE), false),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_pallet_pause_is_stamped_on_every_market_and_keeps_market_pauses() {
	new_test_ext().execute_with(|| {
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), native(), params(NATIVE_KEY, 12)));
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), usd(), params(USD, 6)));
		assert_ok!(Lending::set_market_paused(RuntimeOrigin::root(), usd(), true));
		assert_ok!(Lending::set_pallet_paused(RuntimeOrigin::root(), true));
		System::assert_last_event(Event::PalletPauseSet { paused: true }.into());
		assert!(market(native()).state.halted && market(usd()).state.halted);
		// A market opened during the pause starts halted.
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), rwa(), params(RWA, 6)));
		assert!(market(rwa()).state.halted);
		Lending::do_try_state().unwrap();
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(BOB), rwa(), DOLLAR),
			Error::<Test>::PalletPaused
		);
		// Resuming the pallet leaves the USD market's own pause in place.
		assert_ok!(Lending::set_pallet_paused(RuntimeOrigin::root(), false));
		assert!([native(), usd(), rwa()].iter().all(|a| !market(*a).state.halted));
		assert!(market(usd()).state.paused && !market(native()).state.paused);
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(BOB), usd(), DOLLAR),
			Error::<Test>::MarketPaused
		);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), rwa(), DOLLAR));
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn a_market_in_use_keeps_its_decimals_and_price_key() {
	test(|| {
		// Empty: anything valid may change.
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), params(RWA, 12)));
		assert_eq!(market(usd()).params.price_key, RWA);
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), params(USD, 6)));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), DOLLAR));
		// In use: a new price key or new decimals would revalue every position.
		let mut other_key = params(USD, 6);
		other_key.price_key = RWA;
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), usd(), other_key),
			Error::<Test>::MarketInUse
		);
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), usd(), params(USD, 12)),
			Error::<Test>::MarketInUse
		);
		// Risk parameters still change.
		let mut safer = params(USD, 6);
		safer.collateral_factor = Permill::from_percent(50);
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), safer));
		assert_eq!(market(usd()).params.collateral_factor, Permill::from_percent(50));
	});
}

#[test]
fn the_pool_keeps_its_seed_when_a_market_is_drained() {
	new_test_ext().execute_with(|| {
		// An asset whose minimum balance is 10 units.
		const GEM: u32 = 77;
		let gem = LendingAsset::Asset(GEM);
		let pool = Pallet::<Test>::pool_account();
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), GEM, 0, true, 10));
		assert_ok!(Assets::mint(RuntimeOrigin::signed(0), GEM, BOB, 1_000 * DOLLAR));
		TestPrices::set(GEM, Price::one());
		assert_noop!(
			Lending::add_market(RuntimeOrigin::root(), gem, params(GEM, 6)),
			Error::<Test>::PoolNotSeeded
		);
		assert_ok!(NativeAndAssets::transfer(gem, &BOB, &pool, 10, Preservation::Preserve));
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), gem, params(GEM, 6)));
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), native(), params(NATIVE_KEY, 12)));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), gem, 100 * DOLLAR + 5));
		supply_collateral(ALICE, native(), 1_000 * MDL);
		// Borrowing all cash but 5 units (below the minimum balance) leaves the pool its
		// seed plus those 5; nothing is burnt and the books still match.
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), gem, 100 * DOLLAR));
		assert_eq!(market(gem).state.cash, 5);
		assert_eq!(balance(gem, pool), 15);
		assert_eq!(balance(gem, ALICE), 100 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), gem, 5));
		assert_eq!((market(gem).state.cash, balance(gem, pool)), (0, 10));
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn no_more_than_max_markets_can_open() {
	new_test_ext().execute_with(|| {
		// The mock allows 8 markets (and 2 per price key).
		for id in 0..8u32 {
			let asset = LendingAsset::Asset(1_000 + id);
			assert_ok!(Lending::add_market(RuntimeOrigin::root(), asset, params(1_000 + id, 6)));
		}
		assert_eq!(crate::MarketCount::<Test>::get(), 8);
		assert_noop!(
			Lending::add_market(RuntimeOrigin::root(), usd(), params(USD, 6)),
			Error::<Test>::TooManyMarkets
		);
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn reserves_can_be_withdrawn_by_the_admin() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_ok!(Lending::flash_loan(
			RuntimeOrigin::signed(DAVE),
			usd(),
			100_000 * DOLLAR,
			Box::new(remark)
		));
		assert_noop!(
			Lending::withdraw_reserves(RuntimeOrigin::root(), usd(), 9 * DOLLAR + 1, ALICE),
			Error::<Test>::InsufficientReserves
		);
		let alice = balance(usd(), ALICE);
		assert_ok!(Lending::withdraw_reserves(RuntimeOrigin::root(), usd(), 9 * DOLLAR, ALICE));
		assert_eq!(balance(usd(), ALICE) - alice, 9 * DOLLAR);
		assert_eq!(market(usd()).state.total_reserves, 0);
	});
}

#[test]
fn invariant_checks_catch_a_corrupted_market() {
	test(|| {
		alice_borrows_her_limit();
		Lending::do_try_state().unwrap();
		Markets::<Test>::mutate(usd(), |m| m.as_mut().unwrap().state.total_borrows += 1);
		assert!(Lending::do_try_state().is_err());
		Markets::<Test>::mutate(usd(), |m| {
			let m = m.as_mut().unwrap();
			m.state.total_borrows -= 1;
			m.state.total_shares += 1;
		});
		assert!(Lending::do_try_state().is_err());
		Markets::<Test>::mutate(usd(), |m| m.as_mut().unwrap().state.total_shares -= 1);
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn runtime_api_reports_health_and_market_state() {
	test(|| {
		alice_borrows_her_limit();
		let h = Lending::account_health(&ALICE);
		assert_eq!(h.collateral_value, Price::saturating_from_integer(2_000u32));
		assert_eq!(h.debt_value, Price::saturating_from_integer(1_500u32));
		assert_close(h.health_factor.unwrap(), price(16, 15));
		assert!(h.prices_fresh && !h.liquidatable);
		assert_eq!(h.positions.len(), 2);
		assert!(h.max_borrowable.iter().all(|b| b.amount == 0));
		let m = Lending::market_summary(usd()).unwrap();
		assert_eq!(m.utilisation, price(15, 100));
		// 2 % + 10 % × 0.15 = 3.5 %.
		assert_eq!(m.borrow_rate, price(35, 1_000));
		assert_eq!(m.cash, 8_500 * DOLLAR);
		assert_eq!(m.total_borrows, 1_500 * DOLLAR);
		assert!(m.borrow_apy > price(35, 1_000) && m.borrow_apy < price(357, 10_000));
		assert_eq!(m.price, Some(Price::one()));
		TestPrices::set(NATIVE_KEY, price(18, 10));
		let h = Lending::account_health(&ALICE);
		assert!(h.liquidatable);
		assert_eq!(h.health_factor, Some(price(96, 100)));
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), 1_000 * DOLLAR));
		let h = Lending::account_health(&ALICE);
		// Limit 1,800 × 0.75 = 1,350, debt 500: 850 USD more.
		let usd_borrowable = h.max_borrowable.iter().find(|b| b.asset == usd()).unwrap();
		assert_eq!(usd_borrowable.amount, 850 * DOLLAR);
	});
}

// ---------------------------------------------------------------- randomised invariants

/// xorshift64*: a tiny seeded PRNG, so every run replays the same 10,000 operations.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}
	fn pick<T: Copy>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize]
	}
}

#[derive(Default, Debug)]
struct Counts {
	ok: std::collections::BTreeMap<&'static str, u32>,
	failed: std::collections::BTreeMap<&'static str, u32>,
}

#[test]
fn ten_thousand_random_operations_keep_every_invariant() {
	with_markets().execute_with(|| {
		let mut p = params(USD, 6);
		p.supply_cap = 3_000_000 * DOLLAR;
		p.borrow_cap = 1_500_000 * DOLLAR;
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), p));
		let accounts = [ALICE, BOB, CHARLIE, DAVE];
		let assets = [native(), usd(), rwa()];
		let unit = |a: LendingAsset| if a == native() { MDL } else { DOLLAR };
		let base_price = |a: LendingAsset| match a {
			LendingAsset::Native => Price::saturating_from_integer(2u32),
			LendingAsset::Asset(USD) => Price::one(),
			_ => Price::saturating_from_integer(100u32),
		};
		let key = |a: LendingAsset| match a {
			LendingAsset::Native => NATIVE_KEY,
			LendingAsset::Asset(id) => id,
		};
		let mut prices: Vec<Price> = assets.iter().map(|a| base_price(*a)).collect();
		let mut rng = Rng(0x6d6f_6465_6c63_6861);
		let mut counts = Counts::default();
		let mut last_index: Vec<Price> = assets.iter().map(|_| Price::one()).collect();

		for step in 0..10_000u32 {
			let who = rng.pick(&accounts);
			let asset = rng.pick(&assets);
			let scale = if asset == rwa() { 200 } else { 20_000 };
			let amount = (rng.below(scale) + 1) as u128 * unit(asset) / (1 + rng.below(4) as u128);
			let origin = RuntimeOrigin::signed(who);
			let was_collateral = Positions::<Test>::get(who)
				.iter()
				.any(|p| p.asset == asset && p.collateral && p.shares > 0);
			let fresh_for = |who: u64| {
				Positions::<Test>::get(who).iter().all(|p| {
					let m = market(p.asset);
					let needed = p.principal > 0 || (p.collateral && p.shares > 0);
					!needed || Pallet::<Test>::current_price(&m, Timestamp::get()).is_ok()
				})
			};
			let (name, result): (&'static str, Result<(), sp_runtime::DispatchError>) = match rng
				.below(100)
			{
				0..=19 => ("supply", Lending::supply(origin, asset, amount)),
				20..=27 => (
					"enable",
					Lending::enable_collateral(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				28..=30 => (
					"disable",
					Lending::disable_collateral(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				31..=45 => {
					// Borrow between half and all of what the account may borrow.
					let max = Lending::account_health(&who)
						.max_borrowable
						.iter()
						.find(|b| b.asset == asset)
						.map(|b| b.amount)
						.unwrap_or_default();
					let amount = if max > 1 && rng.below(4) > 0 {
						max / 2 + (rng.next() as u128 % (max / 2))
					} else {
						amount
					};
					(
						"borrow",
						Lending::borrow(origin, asset, amount).map(|_| ()).map_err(|e| e.error),
					)
				}
				46..=53 => (
					"withdraw",
					Lending::withdraw(origin, asset, amount).map(|_| ()).map_err(|e| e.error),
				),
				54..=56 => (
					"withdraw_all",
					Lending::withdraw_all(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				57..=64 => (
					"repay",
					Lending::repay(origin, asset, amount).map(|_| ()).map_err(|e| e.error),
				),
				65..=67 => (
					"repay_all",
					Lending::repay_all(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				68..=79 => {
					// Usually go after an account that is liquidatable, with one of its
					// debts and one of its collaterals; sometimes pick blindly.
					let targets: Vec<u64> = accounts
						.iter()
						.copied()
						.filter(|a| *a != who && health(*a).is_liquidatable())
						.collect();
					let (borrower, debt_asset, collateral) = if !targets.is_empty()
						&& rng.below(4) > 0
					{
						let borrower = rng.pick(&targets);
						let positions = Positions::<Test>::get(borrower);
						let debts: Vec<_> =
							positions.iter().filter(|p| p.principal > 0).map(|p| p.asset).collect();
						let collaterals: Vec<_> = positions
							.iter()
							.filter(|p| p.collateral && p.shares > 0)
							.map(|p| p.asset)
							.collect();
						let debt_asset = if debts.is_empty() { asset } else { rng.pick(&debts) };
						let collateral =
							if collaterals.is_empty() { asset } else { rng.pick(&collaterals) };
						(borrower, debt_asset, collateral)
					} else {
						(rng.pick(&accounts), asset, rng.pick(&assets))
					};
					let amount = if rng.below(2) == 0 { u128::MAX } else { amount };
					let before = health(borrower);
					let r = Lending::liquidate(origin, borrower, debt_asset, collateral, amount)
						.map(|_| ())
						.map_err(|e| e.error);
					if r.is_ok() {
						// Liquidations happen only below HF 1 and raise it or close out.
						assert!(
							before.is_liquidatable(),
							"step {step}: healthy account liquidated"
						);
						let after = health(borrower);
						let closed = after.debt_value.is_zero() || after.collateral_value.is_zero();
						assert!(
							closed || after.health_factor() > before.health_factor(),
							"step {step}: liquidation lowered HF"
						);
					}
					("liquidate", r)
				}
				80..=83 => {
					let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
					let call = RuntimeCall::Lending(crate::Call::flash_loan {
						asset,
						amount,
						call: Box::new(remark),
					});
					let cash = market(asset).state.cash;
					let r = call.dispatch(origin).map(|_| ()).map_err(|e| e.error);
					if r.is_ok() {
						assert!(market(asset).state.cash >= cash + amount * 9 / 10_000);
					}
					("flash_loan", r)
				}
				84..=91 => {
					// A price shock of −30 % … +30 %, within the oracle's bounds.
					let i = assets.iter().position(|a| *a == asset).unwrap();
					let factor = price(70 + rng.below(61) as u128, 100);
					let shocked = (prices[i] * factor)
						.max(base_price(asset) * price(1, 5))
						.min(base_price(asset) * Price::saturating_from_integer(5u32));
					prices[i] = shocked;
					TestPrices::set(key(asset), shocked);
					("price_shock", Ok(()))
				}
				_ => {
					// Time passes: seconds to a month; usually the feeders refresh prices.
					let seconds = if rng.below(10) == 0 { 30 * 86_400 } else { 1 + rng.below(600) };
					advance(seconds);
					if rng.below(5) > 0 {
						for (i, a) in assets.iter().enumerate() {
							TestPrices::set(key(*a), prices[i]);
						}
					}
					("time", Ok(()))
				}
			};
			let counter = if result.is_ok() { &mut counts.ok } else { &mut counts.failed };
			*counter.entry(name).or_default() += 1;

			if result.is_ok() && matches!(name, "borrow" | "withdraw" | "withdraw_all" | "disable")
			{
				// Risk-increasing calls succeed only on fresh prices and within the limit.
				// (Withdrawing or disabling collateral needs prices only when in debt.)
				let in_debt = Positions::<Test>::get(who).iter().any(|p| p.principal > 0);
				if name == "borrow" || (was_collateral && in_debt) {
					assert!(fresh_for(who), "step {step}: {name} succeeded on a stale price");
					let h = health(who);
					assert!(
						h.within_borrow_limit(),
						"step {step}: {name} left debt above the limit"
					);
					assert!(
						h.health_factor().is_none_or(|hf| hf >= Price::one()),
						"step {step}: HF < 1"
					);
				}
			}
			if result.is_ok() && name == "supply" {
				assert!(market(asset).state.supplied_assets() <= market(asset).params.supply_cap);
			}
			if result.is_ok() && name == "borrow" {
				assert!(market(asset).state.total_borrows <= market(asset).params.borrow_cap);
			}
			for (i, a) in assets.iter().enumerate() {
				let index = market(*a).state.borrow_index;
				assert!(index >= last_index[i], "step {step}: index fell");
				last_index[i] = index;
			}
			if let Err(e) = Lending::do_try_state() {
				panic!("step {step} ({name}): {e:?}");
			}
		}
		println!("{counts:#?}");
		// The run must exercise the interesting paths, not just fail everywhere.
		for (name, minimum) in [
			("supply", 1_000),
			("borrow", 300),
			("repay", 100),
			("withdraw", 100),
			("liquidate", 50),
			("flash_loan", 100),
		] {
			let done = counts.ok.get(name).copied().unwrap_or_default();
			assert!(done >= minimum, "only {done} successful {name} calls");
		}
	});
}

#[test]
fn migration_to_v1_gives_markets_their_price_and_moves_the_count() {
	use crate::migrations::v1::{CounterForMarkets, MarketStateV0, MarketV0, MigrateV0ToV1};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	new_test_ext().execute_with(|| {
		// Two markets as version 0 stored them, paused and accrued at different times.
		let state = |last_accrued, paused| MarketStateV0 {
			cash: 0,
			total_borrows: 0,
			total_reserves: 0,
			total_shares: 0,
			borrow_index: price(11, 10),
			last_accrued,
			deficit: 0,
			isolated_debt: Price::zero(),
			paused,
			halted: false,
		};
		let old_usd = MarketV0 { params: params(USD, 6), state: state(GENESIS_MS - 5_000, true) };
		let old_native =
			MarketV0 { params: params(NATIVE_KEY, 12), state: state(GENESIS_MS, false) };
		for (asset, old) in [(usd(), old_usd), (native(), old_native)] {
			frame_support::storage::unhashed::put(&Markets::<Test>::hashed_key_for(asset), &old);
		}
		CounterForMarkets::<Test>::put(2);
		StorageVersion::new(0).put::<Lending>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		let migrated = market(usd());
		assert_eq!(migrated.params, params(USD, 6));
		assert_eq!(migrated.state.last_accrued, GENESIS_MS - 5_000);
		assert_eq!(migrated.state.borrow_index, price(11, 10));
		assert!(migrated.state.paused);
		assert_eq!(migrated.state.price.unwrap().price, Price::one());
		assert_eq!(market(native()).state.price.unwrap().price, price(2, 1));
		assert_eq!(crate::MarketCount::<Test>::get(), 2);
		assert!(!CounterForMarkets::<Test>::exists());
		assert_eq!(PriceKeyMarkets::<Test>::get(USD).into_inner(), vec![usd()]);
		assert_eq!(Lending::on_chain_storage_version(), 1);
		Lending::do_try_state().unwrap();
		// Price changes reach the migrated markets; a second upgrade does nothing.
		TestPrices::set(USD, price(1, 2));
		assert_eq!(market(usd()).state.price.unwrap().price, price(1, 2));
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(market(usd()).state.price.unwrap().price, price(1, 2));
	});
}
