//! `try_state` catches broken invariants.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn try_state_catches_a_forged_tally() {
	new_test_ext().execute_with(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000));
		assert_ok!(Dao::do_try_state());
		Proposals::<Test>::mutate(id, |p| p.as_mut().unwrap().tally.aye = 2_001);
		assert!(Dao::do_try_state().is_err());
	});
}
