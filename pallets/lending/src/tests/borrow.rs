//! Tests: borrowing and health.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

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
		// A liquidation is never blocked by a price: collateral without a current price
		// counts as 0, so Alice is liquidatable, and it is seized at its last price ($2):
		// 1 USD repaid at the last USD price ($1) takes 1.05 / 2 = 0.525 MDL.
		let owed = debt(ALICE, usd());
		assert_ok!(Lending::liquidate(RuntimeOrigin::signed(BOB), ALICE, usd(), native(), DOLLAR));
		assert_eq!(shares(ALICE, native()), 1_001 * MDL - 525_000_000_000);
		assert_eq!(debt(ALICE, usd()), owed - DOLLAR);
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
			PricePoint {
				price: Price::one(),
				observed_at: now,
				expires_at: now + 10_000,
				liquidation_only: false,
			},
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
		let start = PricePoint {
			price: Price::one(),
			observed_at: GENESIS_MS,
			expires_at: u64::MAX,
			liquidation_only: false,
		};
		assert_eq!(market(a).state.price, Some(start));
		advance(6);
		TestPrices::set(USD, price(99, 100));
		let moved = PricePoint {
			price: price(99, 100),
			observed_at: GENESIS_MS + 6_000,
			expires_at: u64::MAX,
			liquidation_only: false,
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
		// The write-off left a deficit larger than the market: new supply is priced with it
		// as a receivable, so nothing can be minted until it is covered or socialised.
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 100 * DOLLAR),
			Error::<Test>::NothingToMint
		);
		assert_ok!(Lending::socialise_deficit(RuntimeOrigin::root(), usd()));
		// The market works again: supply, borrow, repay, withdraw.
		supply_collateral(DAVE, native(), 1_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 100 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(DAVE), usd(), 10 * DOLLAR));
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(DAVE), usd()));
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(BOB), usd()));
	});
}
