//! Tests: one-shot leverage (open, close, their bounds and the attacks on them).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

fn x(n: u128, d: u128) -> Price {
	Price::from_rational(n, d)
}

const ONE_PERCENT: Permill = Permill::from_percent(1);

/// An MDL/USD pool at the oracle's price ($2): 1,000,000 MDL and 2,000,000 USD; BOB
/// supplies 100,000 USD to lend.
fn pool_and_lenders() {
	TestAmm::create_pool(native(), usd(), 1_000_000 * MDL, 2_000_000 * DOLLAR);
	assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 100_000 * DOLLAR));
}

fn open(who: u64, amount: u128, leverage: Price, slippage: Permill) -> sp_runtime::DispatchResult {
	Lending::open_leveraged_position(
		RuntimeOrigin::signed(who),
		native(),
		usd(),
		amount,
		leverage,
		slippage,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn close(who: u64, slippage: Permill) -> sp_runtime::DispatchResult {
	Lending::close_leveraged_position(RuntimeOrigin::signed(who), native(), usd(), slippage)
		.map(|_| ())
		.map_err(|e| e.error)
}

#[test]
fn a_2x_position_opens_in_one_call_with_one_health_check() {
	test(|| {
		pool_and_lenders();
		let mdl_before = balance(native(), ALICE);
		let usd_before = balance(usd(), ALICE);
		// 1,000 MDL at 2×: buy 1,000 MDL more for USD. x·y = k with the 0.3 % fee:
		// 2,000,000 × 1,000 / (999,000 × 0.997) = 2,008.026081 USD (oracle value $2,000).
		assert_ok!(open(ALICE, 1_000 * MDL, x(2, 1), ONE_PERCENT));
		let borrowed = 2_008_026_081;
		assert_eq!(debt(ALICE, usd()), borrowed);
		assert_eq!(market(native()).state.underlying_of(shares(ALICE, native())), 2_000 * MDL);
		// Her wallet paid the 1,000 MDL and nothing else: the borrowed USD all went to the pool.
		assert_eq!(mdl_before - balance(native(), ALICE), 1_000 * MDL);
		assert_eq!(balance(usd(), ALICE), usd_before);
		// HF = $4,000 × 0.8 / $2,008.026081 = 1.5936…
		let h = health(ALICE);
		assert_eq!(h.collateral_value, Price::saturating_from_integer(4_000u32));
		assert_close(h.health_factor().unwrap(), x(3_200_000_000, borrowed));
		System::assert_last_event(
			Event::LeveragedPositionOpened {
				who: ALICE,
				collateral: native(),
				debt: usd(),
				supplied: 2_000 * MDL,
				borrowed,
				health_factor: h.health_factor().unwrap(),
			}
			.into(),
		);
		// A plain borrow of the same size would have failed at the borrow step (1,000 MDL
		// allow $1,500): the one check at the end is what makes it one call.
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(CHARLIE), usd(), 2_008 * DOLLAR),
			Error::<Test>::InsufficientCollateral
		);
	});
}

#[test]
fn close_repays_everything_and_returns_the_rest_in_the_collateral() {
	test(|| {
		pool_and_lenders();
		let mdl_before = balance(native(), ALICE);
		assert_ok!(open(ALICE, 1_000 * MDL, x(2, 1), ONE_PERCENT));
		assert_ok!(close(ALICE, ONE_PERCENT));
		// Sells 1,006.027108785858 MDL for the 2,008.026081 USD owed (pool after the open:
		// 999,000 MDL / 2,002,008.026081 USD); 993.972891214142 MDL come back.
		let sold = 1_006_027_108_785_858;
		System::assert_last_event(
			Event::LeveragedPositionClosed {
				who: ALICE,
				collateral: native(),
				debt: usd(),
				repaid: 2_008_026_081,
				sold,
				returned: 2_000 * MDL - sold,
			}
			.into(),
		);
		assert!(Positions::<Test>::get(ALICE).is_empty());
		// She lost the two pool fees and the price impact, 6.027 MDL (0.6 %), and no more.
		assert_eq!(mdl_before - balance(native(), ALICE), 6_027_108_785_858);
	});
}

#[test]
fn leverage_outside_its_bounds_fails_with_a_named_error_and_changes_nothing() {
	test(|| {
		pool_and_lenders();
		for (leverage, error) in [
			(x(1, 1), Error::<Test>::InvalidLeverage),
			(x(9, 10), Error::<Test>::InvalidLeverage),
			(x(501, 100), Error::<Test>::InvalidLeverage),
			// 3.8×: within the borrow limit ($5,640 of $5,700) but HF 1.078 < 1.1.
			(x(38, 10), Error::<Test>::BelowSafetyMargin),
			// 4×: $6,048 of debt against a $6,000 borrow limit.
			(x(4, 1), Error::<Test>::InsufficientCollateral),
		] {
			assert_noop!(open(ALICE, 1_000 * MDL, leverage, ONE_PERCENT), error);
		}
		assert_noop!(
			Lending::open_leveraged_position(
				RuntimeOrigin::signed(ALICE),
				usd(),
				usd(),
				DOLLAR,
				x(2, 1),
				ONE_PERCENT
			),
			Error::<Test>::SameAsset
		);
		// No RWA/USD pool.
		assert_noop!(
			Lending::open_leveraged_position(
				RuntimeOrigin::signed(ALICE),
				rwa(),
				usd(),
				DOLLAR,
				x(2, 1),
				ONE_PERCENT
			),
			Error::<Test>::NoSwapRoute
		);
		assert_noop!(open(ALICE, 0, x(2, 1), ONE_PERCENT), Error::<Test>::ZeroAmount);
		// A bound wider than 10 % is what a sandwich would take.
		assert_noop!(
			open(ALICE, 1_000 * MDL, x(2, 1), Permill::from_percent(11)),
			Error::<Test>::SlippageBoundTooWide
		);
		assert_noop!(close(ALICE, Permill::from_percent(11)), Error::<Test>::SlippageBoundTooWide);
		assert_noop!(close(ALICE, ONE_PERCENT), Error::<Test>::NoDebt);
	});
}

#[test]
fn a_sandwich_gets_the_slippage_bound_or_nothing() {
	test(|| {
		pool_and_lenders();
		// An attacker front-runs: buys 20,000 MDL from the pool, pushing its price ~4 %.
		use modelchain_primitives::AssetSwap;
		assert_ok!(TestAmm::swap_exact_out(&DAVE, usd(), native(), 20_000 * MDL, u128::MAX));
		// ALICE's open prices the swap against the oracle ($2), not the pool: 4 % > 1 %.
		assert_noop!(
			open(ALICE, 1_000 * MDL, x(2, 1), ONE_PERCENT),
			Error::<Test>::SlippageExceeded
		);
		// With 5 % allowed it goes through, at no more than 5 % over the oracle value.
		assert_ok!(open(ALICE, 1_000 * MDL, x(2, 1), Permill::from_percent(5)));
		assert!(debt(ALICE, usd()) <= 2_100 * DOLLAR);
		// Closing into the pushed pool is bounded the same way: the attacker pushes the
		// MDL price down now, and a 1 % close fails rather than selling cheap.
		assert_ok!(TestAmm::swap_exact_in(&DAVE, native(), usd(), 60_000 * MDL, 1));
		assert_noop!(close(ALICE, ONE_PERCENT), Error::<Test>::SlippageExceeded);
		// She can still repay by hand: nothing is locked.
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
	});
}

#[test]
fn a_stale_price_stops_opening_and_closing_but_not_repaying() {
	test(|| {
		pool_and_lenders();
		assert_ok!(open(ALICE, 1_000 * MDL, x(2, 1), ONE_PERCENT));
		advance(MAX_PRICE_AGE / 1_000 + 1);
		assert_noop!(open(CHARLIE, 1_000 * MDL, x(2, 1), ONE_PERCENT), Error::<Test>::PriceStale);
		assert_noop!(close(ALICE, ONE_PERCENT), Error::<Test>::PriceStale);
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
	});
}

#[test]
fn leverage_respects_a_categorys_ceiling_and_debt_asset() {
	test(|| {
		TestAmm::create_pool(rwa(), usd(), 100_000 * DOLLAR, 10_000_000 * DOLLAR);
		TestAmm::create_pool(rwa(), native(), 100_000 * DOLLAR, 5_000_000 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), native(), 100_000 * MDL));
		// The RWA category backs USD only: leveraging RWA against MDL fails.
		assert_noop!(
			Lending::open_leveraged_position(
				RuntimeOrigin::signed(ALICE),
				rwa(),
				native(),
				100 * DOLLAR,
				x(15, 10),
				ONE_PERCENT
			),
			Error::<Test>::CategoryBorrowNotAllowed
		);
		// 600 RWA at 1.5× needs ~30,000 USD; the ceiling has 20,000 left after CHARLIE's.
		supply_collateral(CHARLIE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(CHARLIE), usd(), 30_000 * DOLLAR));
		assert_noop!(
			Lending::open_leveraged_position(
				RuntimeOrigin::signed(ALICE),
				rwa(),
				usd(),
				600 * DOLLAR,
				x(15, 10),
				ONE_PERCENT
			),
			Error::<Test>::CategoryDebtCeilingReached
		);
	});
}

/// Seeded random opens and closes: the health factor after an open is at least the
/// margin, and an open followed by a close returns the collateral less fees and price
/// impact, never more, and never less than twice the slippage bound allows.
#[test]
fn open_then_close_never_returns_more_than_was_put_in() {
	test(|| {
		pool_and_lenders();
		let mut rng = Rng(0x1e7e_4a9e);
		let mut opened = 0;
		for _ in 0..300 {
			let amount = (1 + rng.below(2_000) as u128) * MDL / 10;
			let leverage = x(101 + rng.below(300) as u128, 100);
			let slippage = Permill::from_parts(5_000 + rng.below(20_000) as u32);
			let before = balance(native(), ALICE);
			match open(ALICE, amount, leverage, slippage) {
				Ok(()) => {
					opened += 1;
					let hf = health(ALICE).health_factor().unwrap();
					assert!(hf >= LeverageSafetyMargin::get(), "HF {hf:?} below the margin");
					assert_ok!(close(ALICE, Permill::from_percent(3)));
					let after = balance(native(), ALICE);
					assert!(after <= before, "a round trip returned more than was put in");
					// At most the two swaps' bounds (3 % each) of the borrowed part.
					let extra = (leverage - Price::one()).saturating_mul_int(amount);
					assert!(before - after <= extra * 6 / 100, "lost more than the bounds");
				}
				Err(e) => assert!(
					[
						Error::<Test>::BelowSafetyMargin.into(),
						Error::<Test>::InsufficientCollateral.into(),
						Error::<Test>::InvalidLeverage.into(),
						Error::<Test>::SlippageExceeded.into(),
					]
					.contains(&e),
					"{e:?}"
				),
			}
			Lending::do_try_state().unwrap();
		}
		assert!(opened > 100, "only {opened} opened");
	});
}
