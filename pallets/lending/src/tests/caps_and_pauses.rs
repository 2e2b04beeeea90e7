//! Tests: caps, pause.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

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
