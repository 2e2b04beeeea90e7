//! Voting: tallies, quorum and approval, the attacks on voting power, delegation.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn votes_tally_power_and_can_be_changed() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		// Power held at the snapshot but unstaked since cannot be locked.
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(2), 500));
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Dao::stake(RuntimeOrigin::signed(2), 500));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Nay, 1_500));
		assert_eq!(proposal(id).tally, Tally { aye: 2_000, nay: 1_500, abstain: 0 });
		// Account 3 changes its mind and locks all of its stake.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Abstain, 3_000));
		assert_eq!(proposal(id).tally, Tally { aye: 2_000, nay: 0, abstain: 3_000 });
		assert_eq!(proposal(id).voters, 2);
		assert_eq!(
			last_event(),
			Event::Voted { id, who: 3, choice: VoteChoice::Abstain, power: 3_000 }
		);
		// Power is the stake at the snapshot: staking more later does not let one vote more.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 5_000));
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_001),
			Error::<Test>::ExceedsVotingPower
		);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_000));
		assert_eq!(Votes::<Test>::get(id, 1).unwrap().power, 1_000);
		// Cannot unstake below the locked 1,000 while the vote is open.
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(1), 5_000));
		assert_noop!(Dao::unstake(RuntimeOrigin::signed(1), 1), Error::<Test>::StakeLocked);
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_001),
			Error::<Test>::ExceedsVotingPower
		);
	});
}

#[test]
fn close_applies_quorum_and_approval_exactly() {
	test(|| {
		staked_chain();
		// Electorate 95,000, quorum 20% = 19,000. Stake enough to matter.
		for who in 4..=6 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 8_000));
		}
		run_to(3);
		let id = propose(1, chain(), remark());
		for who in 4..=5 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 8_000));
		}
		assert_ok!(Dao::vote(RuntimeOrigin::signed(6), id, VoteChoice::Abstain, 2_999));
		// aye + abstain = 18,999 < 19,000: no quorum.
		assert_noop!(Dao::close(RuntimeOrigin::signed(9), id), Error::<Test>::VotingOpen);
		run_to(14);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Rejected);
		assert_eq!(held(1), 0, "no quorum: the deposit went to the treasury");
		assert_eq!(Balances::total_balance(&1), 10_000 - DEPOSIT);

		let id = propose(1, chain(), remark());
		for who in 4..=5 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 8_000));
		}
		assert_ok!(Dao::vote(RuntimeOrigin::signed(6), id, VoteChoice::Nay, 8_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Abstain, 3_000));
		// aye 16,000 > 50% of 24,000; aye + abstain 19,000 reaches the quorum exactly.
		run_to(25);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		// Voting ended at 24; delay 5 → 29.
		assert_eq!(proposal(id).status, ProposalStatus::Approved { enact_at: 29 });
		assert_eq!(
			last_event(),
			Event::Approved {
				id,
				tally: Tally { aye: 16_000, nay: 8_000, abstain: 3_000 },
				enact_at: 29
			}
		);
	});
}

// ---------------------------------------------------------------- attacks

#[test]
fn flash_loan_in_one_block_gains_no_voting_power() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		// Account 9 "borrows" 50,000 from 4..=8 and stakes all, then tries to vote, all in
		// the proposal's block and after it: the snapshot (block 1) saw no stake.
		for lender in 4..=8 {
			assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(lender), 9, 9_000));
		}
		assert_ok!(Dao::stake(RuntimeOrigin::signed(9), 50_000));
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(9), id, VoteChoice::Aye, 50_000),
			Error::<Test>::NoVotingPower
		);
		run_to(5);
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(9), id, VoteChoice::Aye, 50_000),
			Error::<Test>::NoVotingPower
		);
		assert_eq!(proposal(id).tally, Tally::default());
	});
}

#[test]
fn shares_cannot_vote_twice_by_moving() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 600);
		MockShares::mint(MODEL_A, 2, 400);
		run_to(2);
		let id = propose(1, DaoScope::Model(MODEL_A), remark());
		assert_eq!(proposal(id).electorate, 1_000);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 600));
		// Voted shares are locked.
		assert!(MockShares::transfer(MODEL_A, 1, 3, 1).is_err());
		// Account 2 moves its unvoted shares to 3 after the snapshot: 3 has no power, and 2
		// can no longer lock what it gave away.
		assert_ok!(MockShares::transfer(MODEL_A, 2, 3, 400));
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 400),
			Error::<Test>::NoVotingPower
		);
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 400),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(proposal(id).tally.aye, 600);
		// The proposal passes; the ayes stay locked through enactment (15) and the lock
		// period (15 more).
		let enacted_at = close_and_enact(id);
		assert_eq!(enacted_at, 15);
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(2), id), Error::<Test>::NoVote);
		run_to(29);
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(1), id), Error::<Test>::LockPeriodNotOver);
		assert!(MockShares::transfer(MODEL_A, 1, 3, 1).is_err());
		run_to(30);
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(1), id));
		assert_eq!(<MockShares as ModelShares<u64>>::locked(MODEL_A, &1), 0);
		assert_ok!(MockShares::transfer(MODEL_A, 1, 3, 600));
	});
}

/// A pledge (lending collateral) can be seized by a liquidation, so a vote never locks
/// pledged shares: voting power is the snapshot, what a vote can lock is the unpledged rest.
#[test]
fn pledged_shares_cannot_be_locked_by_a_vote() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 600);
		MockShares::mint(MODEL_A, 2, 400);
		run_to(2);
		let id = propose(1, DaoScope::Model(MODEL_A), remark());
		assert_ok!(<MockShares as ModelShares<u64>>::set_lock(MODEL_A, &1, *b"lend/col", 450));
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 151),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 150));
		// The pledge and the vote add up to everything account 1 holds.
		assert_eq!(<MockShares as ModelShares<u64>>::locked(MODEL_A, &1), 600);
		assert!(MockShares::transfer(MODEL_A, 1, 3, 1).is_err());
	});
}

#[test]
fn share_vote_locks_live_in_the_dao() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 600);
		MockShares::mint(MODEL_A, 2, 400);
		run_to(2);
		let first = propose(1, DaoScope::Model(MODEL_A), remark());
		let second = propose(2, DaoScope::Model(MODEL_A), remark());
		// A vote records its lock in `LockedVotes` only; the models pallet reads it there.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), first, VoteChoice::Nay, 500));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), second, VoteChoice::Nay, 200));
		assert_eq!(
			LockedVotes::<Test>::get(DaoScope::Model(MODEL_A), 1).into_inner(),
			vec![(first, 500), (second, 200)]
		);
		assert_eq!(<Dao as ShareLockSource<u64>>::locked(MODEL_A, &1), 500);
		assert!(MockShares::transfer(MODEL_A, 1, 3, 101).is_err());
		// Lowering a vote lowers the lock at once.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), first, VoteChoice::Nay, 300));
		assert_eq!(<Dao as ShareLockSource<u64>>::locked(MODEL_A, &1), 300);
		let period = standard_period(DaoScope::Model(MODEL_A));
		run_to(3 + u64::from(period));
		assert_ok!(Dao::close(RuntimeOrigin::signed(4), first));
		assert_ok!(Dao::close(RuntimeOrigin::signed(4), second));
		// Both are rejected; the nay side of a rejected proposal stays locked for the lock
		// period.
		assert_eq!(proposal(first).status, ProposalStatus::Rejected);
		assert_eq!(proposal(second).status, ProposalStatus::Rejected);
		let until = proposal(first).locks_until.unwrap();
		run_to(u64::from(until) - 1);
		assert_noop!(
			Dao::unlock(RuntimeOrigin::signed(1), first),
			Error::<Test>::LockPeriodNotOver
		);
		run_to(u64::from(until));
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(1), first));
		assert_eq!(<MockShares as ModelShares<u64>>::locked(MODEL_A, &1), 200);
		assert!(MockShares::transfer(MODEL_A, 1, 3, 401).is_err());
		assert_ok!(MockShares::transfer(MODEL_A, 1, 3, 400));
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(1), second));
		assert_eq!(<MockShares as ModelShares<u64>>::locked(MODEL_A, &1), 0);
		assert!(!LockedVotes::<Test>::contains_key(DaoScope::Model(MODEL_A), 1));
	});
}

#[test]
fn votes_after_the_period_do_not_count() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		run_to(13);
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000),
			Error::<Test>::VotingClosed
		);
	});
}

// ---------------------------------------------------------------- delegation

#[test]
fn a_delegate_votes_for_its_delegators_who_may_override() {
	test(|| {
		staked_chain();
		// 4 and 5 delegate to 3 before the proposal; 6 stakes but does not delegate.
		for who in [4, 5, 6] {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 500));
		}
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(4), chain(), 3));
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(5), chain(), 3));
		assert_eq!(
			last_event(),
			Event::Delegated { scope: chain(), who: 5, to: 3, deposit: DELEGATION_DEPOSIT }
		);
		assert_eq!(delegation_held(5), DELEGATION_DEPOSIT);
		assert_noop!(
			Dao::delegate(RuntimeOrigin::signed(3), chain(), 3),
			Error::<Test>::SelfDelegation
		);
		run_to(3);
		let id = propose(1, chain(), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 3_000));
		// 3,000 of its own plus 500 for each delegator.
		assert_eq!(proposal(id).tally, Tally { aye: 4_000, nay: 0, abstain: 0 });
		assert_eq!(proposal(id).voters, 3);
		assert!(dao_events().contains(&Event::DelegatedVote {
			id,
			delegator: 4,
			delegate: 3,
			choice: VoteChoice::Aye,
			power: 500
		}));
		// The delegators' stakes are locked like their own votes.
		assert_noop!(Dao::unstake(RuntimeOrigin::signed(4), 1), Error::<Test>::StakeLocked);
		// 5 overrides with its own vote; the delegate's change of mind no longer moves it.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(5), id, VoteChoice::Nay, 500));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Abstain, 3_000));
		assert_eq!(proposal(id).tally, Tally { aye: 0, nay: 500, abstain: 3_500 });
		assert_eq!(proposal(id).voters, 3);
		// Undelegating keeps the cast vote (locked); 4 may still vote itself.
		assert_ok!(Dao::undelegate(RuntimeOrigin::signed(4), chain()));
		assert_eq!(delegation_held(4), 0, "the deposit is released");
		assert_noop!(
			Dao::undelegate(RuntimeOrigin::signed(4), chain()),
			Error::<Test>::NotDelegating
		);
		assert_eq!(Votes::<Test>::get(id, 4).unwrap().locked, 500);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(4), id, VoteChoice::Aye, 200));
		assert_eq!(proposal(id).tally, Tally { aye: 200, nay: 500, abstain: 3_000 });
	});
}

#[test]
fn delegated_power_is_read_at_the_snapshot_and_bounded() {
	test(|| {
		staked_chain();
		assert_ok!(Dao::stake(RuntimeOrigin::signed(4), 100));
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(4), chain(), 3));
		run_to(3);
		let id = propose(1, chain(), remark());
		// 4 stakes more only after the proposal: only the 100 of the snapshot is cast.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(4), 5_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 3_000));
		assert_eq!(proposal(id).tally.aye, 3_100);
		assert_eq!(Votes::<Test>::get(id, 4).unwrap().power, 100);
		// At most MaxDelegators (3) per delegate.
		for who in [5, 6, 7, 8] {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 10));
		}
		for who in [5, 6, 7] {
			assert_ok!(Dao::delegate(RuntimeOrigin::signed(who), chain(), 2));
		}
		assert_noop!(
			Dao::delegate(RuntimeOrigin::signed(8), chain(), 2),
			Error::<Test>::TooManyDelegators
		);
		// Re-delegating moves the delegator between lists.
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(5), chain(), 1));
		assert_eq!(Delegators::<Test>::get(chain(), 2).to_vec(), vec![6, 7]);
		assert_eq!(Delegators::<Test>::get(chain(), 1).to_vec(), vec![5]);
	});
}

#[test]
fn delegating_twice_to_the_same_delegate_fails_and_keeps_the_delegator_counted() {
	test(|| {
		staked_chain();
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(1), chain(), 3));
		// Before the fix, the second call removed 1 from 3's list while `Delegations` still
		// named 3: the delegator was silently dropped.
		assert_noop!(
			Dao::delegate(RuntimeOrigin::signed(1), chain(), 3),
			Error::<Test>::AlreadyDelegating
		);
		assert_eq!(Delegators::<Test>::get(chain(), 3).into_inner(), vec![1]);
		assert_eq!(Delegations::<Test>::get(chain(), 1).map(|d| d.to), Some(3));
		// The delegate's vote still carries the delegator's 1,000.
		let id = propose(2, chain(), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 3_000));
		assert_eq!(proposal(id).tally.aye, 4_000);
		assert_eq!(proposal(id).voters, 2);
		// Naming another delegate moves the entry, once.
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(1), chain(), 2));
		assert_eq!(
			last_event(),
			Event::Delegated { scope: chain(), who: 1, to: 2, deposit: DELEGATION_DEPOSIT }
		);
		assert!(Delegators::<Test>::get(chain(), 3).is_empty());
		assert_eq!(Delegators::<Test>::get(chain(), 2).into_inner(), vec![1]);
		assert_eq!(Delegations::<Test>::get(chain(), 1).map(|d| d.to), Some(2));
		assert_eq!(delegation_held(1), DELEGATION_DEPOSIT, "moved, not held twice");
	});
}

// ---------------------------------------------------------------- locks that outlast the vote

#[test]
fn a_rented_share_stake_cannot_be_handed_back_until_after_enactment_and_the_lock_period() {
	test(|| {
		// Alice (1) holds 700 shares, Eve (5) rents 300 (30%, the model quorum) one block
		// before proposing.
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		assert_ok!(MockShares::transfer(MODEL_A, 1, 5, 300));
		run_to(3);
		let id = propose(5, DaoScope::Model(MODEL_A), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(5), id, VoteChoice::Aye, 300));
		// The rental ends: she tries to hand the shares back.
		assert!(MockShares::transfer(MODEL_A, 5, 1, 300).is_err());
		run_to(14);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Approved { enact_at: 16 });
		// Passed but not enacted: the lock holds whatever the lock period.
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(5), id), Error::<Test>::LockPeriodNotOver);
		assert!(MockShares::transfer(MODEL_A, 5, 1, 300).is_err());
		run_to(16);
		assert_eq!(proposal(id).locks_until, Some(31));
		assert_eq!(Dao::lock_end(&proposal(id), VoteChoice::Aye), Some(31));
		run_to(30);
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(5), id), Error::<Test>::LockPeriodNotOver);
		assert!(MockShares::transfer(MODEL_A, 5, 1, 300).is_err());
		// The rental had to last from block 2 to 31: the whole lock period after enactment.
		run_to(31);
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(5), id));
		assert_ok!(MockShares::transfer(MODEL_A, 5, 1, 300));
	});
}

#[test]
fn the_losing_side_is_free_at_close_so_it_can_sell_during_the_delay() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 700);
		MockShares::mint(MODEL_A, 2, 300);
		run_to(2);
		let id = propose(1, DaoScope::Model(MODEL_A), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 700));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Nay, 300));
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(Dao::lock_end(&proposal(id), VoteChoice::Nay), None);
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(2), id));
		assert_ok!(MockShares::transfer(MODEL_A, 2, 3, 300));
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(1), id), Error::<Test>::LockPeriodNotOver);
	});
}

#[test]
fn a_quorum_reached_late_extends_voting_once() {
	test(|| {
		staked_chain();
		for who in 4..=7 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		// Voting ends at 13; the extension is 3 blocks.
		let id = propose(1, chain(), remark());
		for who in 4..=6 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 5_000));
		}
		run_to(12);
		// 15,000 + 5,000 = 20,000 ≥ 19,000 at block 12, one block before the end.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(7), id, VoteChoice::Aye, 5_000));
		assert_eq!(proposal(id).voting_ends, 15);
		assert!(proposal(id).quorum_reached);
		assert_eq!(last_event(), Event::VotingExtended { id, voting_ends: 15 });
		run_to(14);
		assert_noop!(Dao::close(RuntimeOrigin::signed(9), id), Error::<Test>::VotingOpen);
		// The answer comes in the extension; quorum was reached already, so no more.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Nay, 3_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Nay, 2_000));
		assert_eq!(proposal(id).voting_ends, 15);
		run_to(16);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Approved { enact_at: 20 });
	});
}

// ---------------------------------------------------------------- delegation attacks

#[test]
fn empty_accounts_cannot_fill_a_delegates_list() {
	test(|| {
		staked_chain();
		// Accounts with no stake (the attacker's throwaways) are refused; nothing changes.
		for who in [4, 5, 6, 7] {
			assert_noop!(
				Dao::delegate(RuntimeOrigin::signed(who), chain(), 3),
				Error::<Test>::NoVotingPower
			);
		}
		assert!(Delegators::<Test>::get(chain(), 3).is_empty());
		// Real holders still can.
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(1), chain(), 3));
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(2), chain(), 3));
		assert_eq!(Delegators::<Test>::get(chain(), 3).into_inner(), vec![1, 2]);
		// No shares in a model: no delegation in it either.
		MockShares::mint(MODEL_A, 1, 10);
		assert_noop!(
			Dao::delegate(RuntimeOrigin::signed(2), DaoScope::Model(MODEL_A), 3),
			Error::<Test>::NoVotingPower
		);
	});
}

#[test]
fn a_delegate_with_no_power_of_its_own_casts_its_delegators_votes() {
	test(|| {
		staked_chain();
		// 9 has no stake; 1 and 2 delegate to it.
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(1), chain(), 9));
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(2), chain(), 9));
		run_to(3);
		let id = propose(3, chain(), remark());
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(9), id, VoteChoice::Aye, 1),
			Error::<Test>::NoVotingPower
		);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(9), id, VoteChoice::Aye, 0));
		assert_eq!(proposal(id).tally, Tally { aye: 3_000, nay: 0, abstain: 0 });
		assert_eq!(proposal(id).voters, 2);
		assert!(Votes::<Test>::get(id, 9).is_none());
		// The delegated votes lock the delegators' stakes like their own.
		assert_noop!(Dao::unstake(RuntimeOrigin::signed(1), 1), Error::<Test>::StakeLocked);
		// Someone with neither power nor delegators votes nothing.
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(8), id, VoteChoice::Aye, 0),
			Error::<Test>::NoVotingPower
		);
	});
}

#[test]
fn a_quorum_withdrawn_and_sprung_again_late_still_extends_but_only_up_to_one_extension() {
	test(|| {
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		// Voting ends at 13; quorum 19,000; extension 3.
		let id = propose(1, chain(), remark());
		// Early quorum by abstention: nothing to extend.
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Abstain, 5_000));
		}
		assert!(proposal(id).quorum_reached);
		assert_eq!(proposal(id).voting_ends, 13);
		// The abstainers turn to nay: the proposal looks dead.
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Nay, 1));
		}
		assert!(!proposal(id).quorum_reached);
		// In the last block the same accounts turn out aye: quorum again, late: extended.
		run_to(13);
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 5_000));
		}
		assert_eq!(proposal(id).voting_ends, 16);
		assert_eq!(last_event(), Event::VotingExtended { id, voting_ends: 16 });
		// Withdrawn and sprung again in the extension: never past 13 + 3.
		run_to(16);
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Nay, 1));
		}
		assert_ok!(Dao::vote(RuntimeOrigin::signed(8), id, VoteChoice::Nay, 5_000));
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Abstain, 5_000));
		}
		assert_eq!(proposal(id).voting_ends, 16);
		run_to(17);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Rejected);
	});
}
