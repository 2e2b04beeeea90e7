//! Tests: supply side.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

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
