//! Tests: the deficit policy (covering and socialising can't be front-run).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

/// ALICE's 1,500 USD debt against 1,000 MDL goes bad when MDL falls to $1: 547.619047 USD
/// becomes deficit. BOB supplied 10,000 USD before.
fn a_deficit() -> Balance {
	supply_collateral(ALICE, native(), 1_000 * MDL);
	assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
	assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR));
	TestPrices::set(NATIVE_KEY, Price::one());
	assert_ok!(Lending::liquidate(
		RuntimeOrigin::signed(CHARLIE),
		ALICE,
		usd(),
		native(),
		u128::MAX
	));
	let deficit = market(usd()).state.deficit;
	assert_eq!(deficit, 547_619_047);
	deficit
}

fn redeemable(who: u64) -> Balance {
	market(usd()).state.underlying_of(shares(who, usd()))
}

#[test]
fn supplying_before_a_cover_and_withdrawing_after_gains_nothing() {
	test(|| {
		let deficit = a_deficit();
		// DAVE sees the DAO's cover_deficit in the pool and supplies just before it.
		let before = balance(usd(), DAVE);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 100_000 * DOLLAR));
		assert_ok!(Lending::cover_deficit(RuntimeOrigin::signed(CHARLIE), usd(), deficit));
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(DAVE), usd()));
		// He paid the booked rate (the deficit counted as owed), so the cover gave him no
		// part of it: he is down by rounding at most.
		let after = balance(usd(), DAVE);
		assert!(after <= before && after + 2 >= before, "{before} → {after}");
		// BOB got the whole cover: his 10,000 USD are whole again (less rounding).
		assert!(redeemable(BOB) >= 10_000 * DOLLAR - 2);
	});
}

#[test]
fn supplying_before_a_socialisation_loses_and_leaving_before_it_saves_nothing() {
	test(|| {
		let deficit = a_deficit();
		// BOB's claim is already valued without the deficit.
		let bob = redeemable(BOB);
		assert_eq!(bob, 10_000 * DOLLAR - deficit);
		// DAVE enters before the socialisation and leaves after it: he loses his share.
		let before = balance(usd(), DAVE);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 10_000 * DOLLAR));
		assert_ok!(Lending::socialise_deficit(RuntimeOrigin::root(), usd()));
		System::assert_last_event(
			Event::DeficitSocialised { asset: usd(), amount: deficit }.into(),
		);
		assert_eq!(market(usd()).state.deficit, 0);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(DAVE), usd()));
		assert!(balance(usd(), DAVE) < before);
		// BOB gains nothing by leaving first: the socialisation does not lower his claim
		// below what he could redeem before it (DAVE's loss lifted it).
		assert!(redeemable(BOB) >= bob);
	});
}

#[test]
fn only_the_admin_socialises_and_only_a_deficit() {
	test(|| {
		assert_noop!(
			Lending::socialise_deficit(RuntimeOrigin::root(), usd()),
			Error::<Test>::NoDeficit
		);
		a_deficit();
		assert_noop!(
			Lending::socialise_deficit(RuntimeOrigin::signed(BOB), usd()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}
