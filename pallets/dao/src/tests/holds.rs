//! Holds and freezes: what staked and deposited tokens can and cannot do.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn staked_tokens_cannot_be_moved_away() {
	test(|| {
		// Account 1 stakes all of its 10,000.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 10_000));
		assert_eq!(frozen(1), 10_000);
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 1),
			TokenError::Frozen
		);
		assert_noop!(
			Balances::transfer_keep_alive(RuntimeOrigin::signed(1), 2, 1),
			TokenError::Frozen
		);
		assert_noop!(
			<Balances as Mutate<u64>>::transfer(
				&1,
				&2,
				1,
				frame_support::traits::tokens::Preservation::Expendable
			),
			TokenError::Frozen
		);
		// `transfer_all` moves only what is reducible: nothing.
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(1), 2, false));
		assert_eq!(Balances::free_balance(1), 10_000);
		assert_eq!(Balances::free_balance(2), 10_000);
		// The stake cannot grow beyond the balance either.
		assert_noop!(Dao::stake(RuntimeOrigin::signed(1), 1), Error::<Test>::InsufficientBalance);
		// Unstaking part thaws exactly that part.
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(1), 2_500));
		assert_eq!(frozen(1), 7_500);
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 2_501),
			TokenError::Frozen
		);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 2_500));
		assert_eq!(Balances::free_balance(1), 7_500);
	});
}

/// What `pallet_balances` does when holds and freezes meet (checked here, not assumed):
///
/// - A freeze applies to the *total* balance (free + held), and `hold` ignores freezes
///   (`ensure_can_hold` reads `reducible_balance(.., Protect, Force)`): a proposer whose whole
///   balance is frozen by its stake still pays the deposit, from frozen funds. Nothing
///   becomes movable: the held deposit keeps counting towards the freeze.
/// - `hold` keeps the existential deposit free (`Protect`), so a deposit needs
///   `DEPOSIT + ED` of free balance (the old `reserve` could take the last unit).
/// - The veto's forced `transfer_on_hold` takes the held deposit through the freeze: the
///   proposer's total balance then falls below its stake (and its freeze). The stake, and the
///   voting power read from it, stay as recorded; unstaking thaws as usual.
#[test]
fn holds_and_freezes_overlap_a_frozen_stake_pays_the_deposit() {
	test(|| {
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 10_000));
		run_to(2);
		let id = propose(1, chain(), remark());
		assert_eq!(held(1), DEPOSIT);
		assert_eq!(frozen(1), 10_000);
		assert_eq!(Balances::free_balance(1), 10_000 - DEPOSIT);
		assert_eq!(Balances::total_balance(&1), 10_000);
		// Still nothing can leave the account.
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 1),
			TokenError::Frozen
		);
		// Vetoed: the deposit goes to the treasury despite the freeze.
		let treasury = Balances::free_balance(Dao::treasury_account());
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()));
		assert_eq!(last_event(), Event::Vetoed { id, reason_hash: Hash::zero(), slashed: DEPOSIT });
		assert_eq!(Balances::free_balance(Dao::treasury_account()), treasury + DEPOSIT);
		assert_eq!(held(1), 0);
		assert_eq!(Balances::total_balance(&1), 10_000 - DEPOSIT);
		assert_eq!(frozen(1), 10_000, "the freeze now exceeds the balance");
		assert_eq!(Stakes::<Test>::get(1).amount, 10_000);
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 1),
			TokenError::Frozen
		);
		// Unstaking releases everything that is left.
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(1), 10_000));
		assert_eq!(frozen(1), 0);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 10_000 - DEPOSIT));
	});
}

#[test]
fn the_deposit_needs_free_balance_above_the_existential_deposit() {
	test(|| {
		// Model scope: threshold 1 share; the native balance only pays the deposit.
		MockShares::mint(MODEL_A, 1, 10);
		MockShares::mint(MODEL_A, 2, 10);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(1), 9, 10_000 - DEPOSIT));
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(2),
			9,
			10_000 - DEPOSIT - 1
		));
		run_to(2);
		// 100 free: holding 100 would leave less than the existential deposit (1).
		assert_noop!(
			Dao::propose(
				RuntimeOrigin::signed(1),
				DaoScope::Model(MODEL_A),
				remark(),
				Hash::zero()
			),
			Error::<Test>::InsufficientDeposit
		);
		// 101 free: 100 held, 1 left.
		let id = propose(2, DaoScope::Model(MODEL_A), remark());
		assert_eq!(held(2), DEPOSIT);
		assert_eq!(Balances::free_balance(2), 1);
		assert_ok!(Dao::cancel(RuntimeOrigin::signed(2), id));
		assert_eq!((held(2), Balances::free_balance(2)), (0, DEPOSIT + 1));
	});
}
