//! Stake: the freeze and its history.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn stake_freezes_tokens_and_keeps_a_history() {
	test(|| {
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 4_000));
		assert_eq!(last_event(), Event::Staked { who: 1, amount: 4_000, total: 4_000 });
		assert_eq!(frozen(1), 4_000);
		assert_eq!(Balances::free_balance(1), 10_000, "frozen, not moved");
		// Frozen: only 6,000 of 10,000 can move.
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 6_001),
			TokenError::Frozen
		);
		run_to(5);
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 1_000));
		assert_eq!(frozen(1), 5_000);
		run_to(8);
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(1), 2_000));
		assert_eq!(last_event(), Event::Unstaked { who: 1, amount: 2_000, total: 3_000 });
		assert_eq!(frozen(1), 3_000);
		assert_eq!(Dao::stake_at(&1, 0), 0);
		assert_eq!(Dao::stake_at(&1, 1), 4_000);
		assert_eq!(Dao::stake_at(&1, 4), 4_000);
		assert_eq!(Dao::stake_at(&1, 5), 5_000);
		assert_eq!(Dao::stake_at(&1, 7), 5_000);
		assert_eq!(Dao::stake_at(&1, 8), 3_000);
		assert_noop!(
			Dao::stake(RuntimeOrigin::signed(1), 7_001),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Dao::unstake(RuntimeOrigin::signed(1), 3_001),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(1), 3_000));
		assert_eq!(frozen(1), 0);
		assert!(pallet_balances::Freezes::<Test>::get(1).is_empty(), "thawed, not set to 0");
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(1), 2, 10_000));
	});
}
