//! Proposals: threshold and deposit, cancel and veto.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn proposing_needs_power_at_the_snapshot_and_a_deposit() {
	test(|| {
		// Staked in the same block as the proposal: the snapshot (previous block) has none.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 500));
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(1), chain(), remark(), Hash::zero()),
			Error::<Test>::BelowProposalThreshold
		);
		run_to(2);
		let id = propose(1, chain(), remark());
		assert_eq!(held(1), DEPOSIT);
		assert_eq!(Balances::free_balance(1), 10_000 - DEPOSIT);
		let p = proposal(id);
		assert_eq!((p.snapshot, p.voting_ends, p.enactment_delay), (1, 12, 5));
		assert_eq!(p.electorate, Balances::total_issuance());
		assert_eq!(
			last_event(),
			Event::Proposed {
				id,
				scope: chain(),
				proposer: 1,
				snapshot: 1,
				voting_ends: 12,
				electorate: 95_000
			}
		);
		let long =
			Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 300] }));
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(1), chain(), long, Hash::zero()),
			Error::<Test>::CallTooLong
		);
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(2), DaoScope::Model(99), remark(), Hash::zero()),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn proposer_cancels_only_before_the_first_vote() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		assert_noop!(Dao::cancel(RuntimeOrigin::signed(2), id), Error::<Test>::CannotCancel);
		assert_ok!(Dao::cancel(RuntimeOrigin::signed(1), id));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(1), 10_000);
		assert_eq!(last_event(), Event::Cancelled { id });
		let id = propose(1, chain(), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Nay, 10));
		assert_noop!(Dao::cancel(RuntimeOrigin::signed(1), id), Error::<Test>::CannotCancel);
	});
}

#[test]
fn veto_slashes_the_deposit_to_the_treasury_and_unqueues() {
	test(|| {
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		let id = propose(1, chain(), remark());
		for who in 4..=8 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 5_000));
		}
		run_to(14);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_noop!(
			Dao::veto(RuntimeOrigin::signed(1), id, Hash::zero()),
			DispatchError::BadOrigin
		);
		let treasury = Balances::free_balance(Dao::treasury_account());
		let issuance = Balances::total_issuance();
		assert_eq!(held(1), DEPOSIT);
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::repeat_byte(4)));
		assert_eq!(
			last_event(),
			Event::Vetoed { id, reason_hash: Hash::repeat_byte(4), slashed: DEPOSIT }
		);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), treasury + DEPOSIT);
		assert_eq!(Balances::free_balance(1), 10_000 - DEPOSIT);
		assert_eq!(held(1), 0);
		assert_eq!(frozen(1), 1_000, "the stake is untouched");
		assert_eq!(Balances::total_issuance(), issuance, "moved, not burned");
		run_to(30);
		assert_eq!(proposal(id).status, ProposalStatus::Vetoed, "never enacted");
		assert_noop!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()), Error::<Test>::CannotVeto);
	});
}
