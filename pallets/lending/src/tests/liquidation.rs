//! Tests: liquidation.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

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
fn a_liquidation_may_lower_the_health_factor_and_the_account_still_closes_out() {
	test(|| {
		alice_borrows_her_limit();
		// MDL at $1: HF = 1,000 × 0.8 / 1,500 = 0.533, below (1 + 5 %) × 0.8 = 0.84, so
		// every seizure at the bonus lowers it. The old "HF must improve" rule trapped such
		// an account; now any liquidation within the close factor is allowed.
		TestPrices::set(NATIVE_KEY, Price::one());
		let before = health(ALICE).health_factor().unwrap();
		assert_close(before, price(800, 1_500));
		assert_ok!(charlie_liquidates_alice(100 * DOLLAR));
		assert_eq!(debt(ALICE, usd()), 1_400 * DOLLAR);
		assert_eq!(shares(ALICE, native()), 895 * MDL);
		let after = health(ALICE).health_factor().unwrap();
		assert_close(after, price(716, 1_400));
		assert!(after < before);
		// The rest in one call (HF < 0.95: full close): all 895 MDL are seized for
		// 895 / 1.05 = 852.380953 USD (rounded up), and the 547.619047 USD left unbacked
		// is written off in the same call (no reserves: all of it becomes deficit).
		assert_ok!(charlie_liquidates_alice(u128::MAX));
		assert_eq!(shares(ALICE, native()), 0);
		assert_eq!(debt(ALICE, usd()), 0);
		System::assert_has_event(
			Event::BadDebtWrittenOff {
				who: ALICE,
				asset: usd(),
				debt: 547_619_047,
				covered_by_reserves: 0,
				deficit: 547_619_047,
			}
			.into(),
		);
		assert_eq!(market(usd()).state.deficit, 547_619_047);
		assert!(Positions::<Test>::get(ALICE).is_empty());
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
		// All 1,000 MDL ($1,000) seized for 1,000 / 1.05 = 952.380953 USD repaid (rounded
		// up); the remaining 547.619047 USD is bad debt: 0.45 from reserves, 547.169047
		// deficit.
		System::assert_has_event(
			Event::BadDebtWrittenOff {
				who: ALICE,
				asset: usd(),
				debt: 547_619_047,
				covered_by_reserves: 450_000,
				deficit: 547_169_047,
			}
			.into(),
		);
		let state = market(usd()).state;
		assert_eq!(state.deficit, 547_169_047);
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
			Event::DeficitCovered { who: DAVE, asset: usd(), amount: 547_169_047 }.into(),
		);
		let state = market(usd()).state;
		assert_eq!(state.deficit, 0);
		let bob_after = state.underlying_of(shares(BOB, usd()));
		// BOB's 10,000 USD plus 90 % of the 4.5 USD fee, less the virtual-share rounding.
		assert_eq!(bob_after, 10_004_050_000 - 1);
		assert!(
			(547_169_046..=547_169_047).contains(&(bob_after - bob_before)),
			"{}",
			bob_after - bob_before
		);
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

#[test]
fn a_two_debt_account_liquidates_down_to_no_debt() {
	test(|| {
		// CHARLIE: 10,000 USD of collateral; borrows 4,000 USD and 3,500 MDL at $1 (his
		// whole 7,500 limit). MDL rises 45 %: debt 4,000 + 5,075 = 9,075, HF = 8,000 /
		// 9,075 = 0.88, below (1 + 5 %) × 0.8 = 0.84? No: above it, yet every seizure at
		// the bonus still lowers HF for a two-debt account. Both liquidations used to fail
		// with LiquidationDoesNotImproveHealth.
		TestPrices::set(NATIVE_KEY, Price::one());
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 100_000 * DOLLAR));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), native(), 100_000 * MDL));
		supply_collateral(CHARLIE, usd(), 10_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(CHARLIE), usd(), 4_000 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(CHARLIE), native(), 3_500 * MDL));
		TestPrices::set(NATIVE_KEY, price(145, 100));
		assert_close(liquidation_health(CHARLIE).health_factor().unwrap(), price(8_000, 9_075));
		// HF < 0.95: the whole MDL debt may go. 3,500 MDL × $1.45 × 1.05 = 5,328.75 USD.
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(DAVE),
			CHARLIE,
			native(),
			usd(),
			u128::MAX
		));
		assert_eq!(debt(CHARLIE, native()), 0);
		assert_eq!(shares(CHARLIE, usd()), 4_671_250_000);
		// HF = 4,671.25 × 0.8 / 4,000 = 0.934: lower, and still liquidatable.
		assert_close(liquidation_health(CHARLIE).health_factor().unwrap(), price(3_737, 4_000));
		// The USD debt in full: 4,000 × 1.05 = 4,200 USD seized; 471.25 USD stay his.
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(DAVE),
			CHARLIE,
			usd(),
			usd(),
			u128::MAX
		));
		assert_eq!(debt(CHARLIE, usd()), 0);
		assert_eq!(shares(CHARLIE, usd()), 471_250_000);
		assert!(!liquidation_health(CHARLIE).is_liquidatable());
		assert_eq!(market(usd()).state.deficit, 0);
	});
}

#[test]
fn unpriced_dust_collateral_does_not_shield_a_borrower() {
	test(|| {
		// ALICE borrows against 1,000 MDL and enables a dust USD position as collateral.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		supply_collateral(ALICE, native(), 1_000 * MDL);
		supply_collateral(ALICE, usd(), 10);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR));
		// The USD feed stops (paused, removed): borrowing is blocked...
		TestPrices::remove(USD);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::PriceUnavailable
		);
		// ...and MDL falls to $1.50: HF = 1,200 / 1,500 = 0.8 (the dust counts 0, the USD
		// debt is valued at its last price, $1). The liquidation goes through.
		TestPrices::set(NATIVE_KEY, price(150, 100));
		assert_close(liquidation_health(ALICE).health_factor().unwrap(), price(8, 10));
		assert_ok!(charlie_liquidates_alice(1_000 * DOLLAR));
		assert_eq!(debt(ALICE, usd()), 500 * DOLLAR);
		// 1,000 × 1.05 / 1.5 = 700 MDL seized.
		assert_eq!(shares(ALICE, native()), 300 * MDL);
	});
}

#[test]
fn new_collateral_needs_a_current_price() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), usd(), 10 * DOLLAR));
		TestPrices::remove(USD);
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(ALICE), usd()),
			Error::<Test>::PriceUnavailable
		);
		advance(61);
		TestPrices::set_point(
			USD,
			PricePoint {
				price: Price::one(),
				observed_at: GENESIS_MS,
				expires_at: u64::MAX,
				liquidation_only: false,
			},
		);
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(ALICE), usd()),
			Error::<Test>::PriceStale
		);
		TestPrices::set(USD, Price::one());
		assert_ok!(Lending::enable_collateral(RuntimeOrigin::signed(ALICE), usd()));
	});
}

#[test]
fn a_paused_oracle_key_serves_liquidations_but_not_borrows() {
	test(|| {
		alice_borrows_her_limit();
		// The oracle paused MDL after a jump to $1.60, and a quorum confirmed it: the point
		// is liquidation-only.
		let now = Timestamp::get();
		TestPrices::set_point(
			NATIVE_KEY,
			PricePoint {
				price: price(160, 100),
				observed_at: now,
				expires_at: u64::MAX,
				liquidation_only: true,
			},
		);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::PriceLiquidationOnly
		);
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(ALICE), native(), MDL),
			Error::<Test>::PriceLiquidationOnly
		);
		// HF = 1,600 × 0.8 / 1,500 = 0.853: liquidatable at the confirmed price.
		assert_close(liquidation_health(ALICE).health_factor().unwrap(), price(1_280, 1_500));
		assert_ok!(charlie_liquidates_alice(500 * DOLLAR));
		// 500 × 1.05 / 1.6 = 328.125 MDL.
		assert_eq!(shares(ALICE, native()), 671_875_000_000_000);
	});
}

#[test]
fn an_account_with_nothing_left_to_seize_is_written_off_in_one_call() {
	test(|| {
		// A collateral market that lost its only price ever (never served: last price 0)
		// is no collateral at all: the liquidation writes the debt off directly.
		alice_borrows_her_limit();
		Markets::<Test>::mutate(native(), |m| {
			let m = m.as_mut().unwrap();
			m.state.last_price = Price::zero();
		});
		TestPrices::remove(NATIVE_KEY);
		Markets::<Test>::mutate(native(), |m| m.as_mut().unwrap().state.last_price = Price::zero());
		assert!(liquidation_health(ALICE).is_liquidatable());
		assert_ok!(charlie_liquidates_alice(DOLLAR));
		assert_eq!(debt(ALICE, usd()), 0);
		System::assert_has_event(
			Event::BadDebtWrittenOff {
				who: ALICE,
				asset: usd(),
				debt: 1_500 * DOLLAR,
				covered_by_reserves: 0,
				deficit: 1_500 * DOLLAR,
			}
			.into(),
		);
		// Her pledged collateral does not come back to her once the debt is gone: it is
		// swept into the MDL market's reserves (so she can't withdraw it when the price
		// returns), and the liquidator got nothing.
		assert_eq!(shares(ALICE, native()), 0);
		System::assert_has_event(
			Event::CollateralSwept {
				who: ALICE,
				asset: native(),
				shares: 1_000 * MDL,
				amount: 1_000 * MDL,
			}
			.into(),
		);
		assert_eq!(market(native()).state.total_reserves, 1_000 * MDL);
		assert!(Positions::<Test>::get(CHARLIE).is_empty());
	});
}

#[test]
fn collateral_worth_less_than_the_smallest_value_cannot_block_a_write_off() {
	test(|| {
		// A 24-decimal token at $0.10: one unit is worth 10^-25 USD, which values to 0.
		const DUST: u32 = 7;
		let dust = LendingAsset::Asset(DUST);
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), DUST, 100, true, 1));
		assert_ok!(Assets::mint(RuntimeOrigin::signed(100), DUST, Lending::pool_account(), 1));
		assert_ok!(Assets::mint(RuntimeOrigin::signed(100), DUST, ALICE, 1_000));
		TestPrices::set(DUST, price(1, 10));
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), dust, params(DUST, 24)));
		alice_borrows_her_limit();
		supply_collateral(ALICE, dust, 1);
		// MDL collapses: her MDL is seized in full, and the one unit of dust left is worth
		// nothing to a liquidation, so the rest of the debt is written off in the same
		// call (it used to leave the account unliquidatable for ever: LiquidationTooSmall)
		// and the dust is swept into reserves.
		TestPrices::set(NATIVE_KEY, price(1, 10));
		assert_ok!(charlie_liquidates_alice(u128::MAX));
		assert_eq!(debt(ALICE, usd()), 0);
		assert_eq!(shares(ALICE, dust), 0);
		assert!(!liquidation_health(ALICE).is_liquidatable());
	});
}
