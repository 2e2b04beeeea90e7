//! Tests: writing collateral down on its schedule while its price is stale.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::MS_PER_DAY;

#[test]
fn a_stale_price_writes_collateral_down_on_its_schedule_instead_of_to_zero() {
	test(|| {
		// RWA: 1 day of grace past the 60 s maximum age, then 10 % a day.
		let mut p = market(rwa()).params;
		p.stale_write_down =
			Some(crate::WriteDown { grace: MS_PER_DAY, per_day: Permill::from_percent(10) });
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), rwa(), p));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 30_000 * DOLLAR));
		// The RWA feed stops ($100 last, observed at genesis); USD keeps being fed.
		let fresh_usd = || TestPrices::set(USD, Price::one());
		// One day and the 60 s age later: still in the grace, full value, but no borrowing.
		advance(60 + 86_400);
		fresh_usd();
		assert_eq!(
			liquidation_health(ALICE).liquidation_limit,
			Price::saturating_from_integer(60_000u32)
		);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::PriceStale
		);
		// Three days past the grace: 70 % of $100,000 at the 60 % threshold.
		advance(3 * 86_400);
		fresh_usd();
		assert_eq!(
			liquidation_health(ALICE).liquidation_limit,
			Price::saturating_from_integer(42_000u32)
		);
		assert!(!liquidation_health(ALICE).is_liquidatable());
		// Nine days past: 10 % left, $6,000 of limit against ~$30,000: liquidatable. The
		// collateral is seized at its last price, $100: the write-down decides *whether* an
		// account can be liquidated, never hands the liquidator a discount.
		advance(6 * 86_400);
		fresh_usd();
		assert_eq!(
			liquidation_health(ALICE).liquidation_limit,
			Price::saturating_from_integer(6_000u32)
		);
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(CHARLIE),
			ALICE,
			usd(),
			rwa(),
			1_000 * DOLLAR
		));
		let seized = System::events()
			.into_iter()
			.rev()
			.find_map(|r| match r.event {
				RuntimeEvent::Lending(Event::Liquidated { repaid, seized, .. }) => {
					Some((repaid, seized))
				}
				_ => None,
			})
			.unwrap();
		// 1,000 USD × 1.05 ÷ $100 = 10.5 RWA.
		assert_eq!(seized, (1_000 * DOLLAR, 10_500_000));
		// Ten days past the grace: nothing left to count.
		advance(86_400);
		fresh_usd();
		assert_eq!(liquidation_health(ALICE).liquidation_limit, Price::zero());
	});
}

#[test]
fn a_write_down_schedule_must_write_something_down_soon_enough() {
	test(|| {
		let mut p = market(rwa()).params;
		p.stale_write_down = Some(crate::WriteDown { grace: MS_PER_DAY, per_day: Permill::zero() });
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), rwa(), p),
			Error::<Test>::InvalidParams
		);
		p.stale_write_down = Some(crate::WriteDown {
			grace: crate::MAX_WRITE_DOWN_GRACE + 1,
			per_day: Permill::from_percent(10),
		});
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), rwa(), p),
			Error::<Test>::InvalidParams
		);
	});
}

#[test]
fn a_schedule_is_turned_on_only_at_a_current_price() {
	test(|| {
		// RWA's price goes stale; a schedule turned on now would count from the old
		// observation and write the collateral down at once.
		advance(MAX_PRICE_AGE / 1_000 + 1);
		let mut p = market(rwa()).params;
		p.stale_write_down =
			Some(crate::WriteDown { grace: MS_PER_DAY, per_day: Permill::from_percent(10) });
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), rwa(), p),
			Error::<Test>::PriceStale
		);
		TestPrices::set(RWA, Price::saturating_from_integer(100u32));
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), rwa(), p));
	});
}
