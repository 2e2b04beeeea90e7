//! Unit tests of the DAO, including the governance attacks it must defeat. Each test ends
//! with the pallet's invariants (`mock::test`).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{InspectFreeze, InspectHold, Mutate},
};
use sp_arithmetic::Perbill;
use sp_runtime::{DispatchError, TokenError};

fn remark() -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] }))
}

fn new_rules(period: u32) -> Rules {
	Rules {
		quorum: Perbill::from_percent(10),
		approval: Perbill::from_percent(60),
		voting_period: period,
		enactment_delay: 2,
		proposal_threshold: 0,
	}
}

fn set_rules_call(scope: DaoScope, period: u32) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::Dao(Call::set_rules { scope, rules: new_rules(period) }))
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Dao(e) = r.event { Some(e) } else { None })
		.next_back()
		.expect("a DAO event")
}

fn dao_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Dao(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Accounts 1..=3 stake 1,000, 2,000 and 3,000 at block 1; we move to block 2.
fn staked_chain() {
	for (who, amount) in [(1, 1_000), (2, 2_000), (3, 3_000)] {
		assert_ok!(Dao::stake(RuntimeOrigin::signed(who), amount));
	}
	run_to(2);
}

fn propose(who: u64, scope: DaoScope, call: Box<RuntimeCall>) -> ProposalId {
	let id = NextProposalId::<Test>::get();
	assert_ok!(Dao::propose(RuntimeOrigin::signed(who), scope, call, Hash::repeat_byte(9)));
	id
}

fn proposal(id: ProposalId) -> Proposal<u64, ConstU32<256>> {
	Proposals::<Test>::get(id).unwrap()
}

use frame_support::traits::ConstU32;

/// Native tokens of `who` held for proposal deposits.
fn held(who: u64) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProposalDeposit.into(), &who)
}

/// Native tokens of `who` frozen for its governance stake.
fn frozen(who: u64) -> Balance {
	Balances::balance_frozen(&FreezeReason::Stake.into(), &who)
}

// ---------------------------------------------------------------- stake

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

// ---------------------------------------------------------------- proposals

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

// ---------------------------------------------------------------- voting and tally

#[test]
fn votes_tally_power_and_can_be_changed() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
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
		// Power is capped by the stake at the snapshot, even if more is locked later.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 5_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 6_000));
		assert_eq!(Votes::<Test>::get(id, 1).unwrap().power, 1_000);
		// Cannot unstake below the locked 6,000 while the vote is open.
		assert_noop!(Dao::unstake(RuntimeOrigin::signed(1), 1), Error::<Test>::StakeLocked);
		assert_noop!(
			Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_001),
			Error::<Test>::InsufficientBalance
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
		assert_eq!(held(1), 0, "deposit returned on rejection");
		assert_eq!(Balances::free_balance(1), 10_000);

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

// ---------------------------------------------------------------- enactment

#[test]
fn passed_proposal_is_enacted_with_the_chain_origin_after_the_delay_only() {
	test(|| {
		staked_chain();
		let id = propose(3, chain(), set_rules_call(DaoScope::Model(MODEL_A), 77));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 3_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000));
		// 5,000 < 20% of 95,000: stake more before the snapshot of a second attempt.
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Rejected);

		for who in 4..=7 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 4_000));
		}
		run_to(14);
		let id = propose(3, chain(), set_rules_call(DaoScope::Model(MODEL_A), 77));
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 4_000));
		}
		// 16,000 from the new stakers plus 5,000 from accounts 2 and 3 reaches 19,000.
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 3_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000));
		run_to(25);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Approved { enact_at: 29 });
		run_to(28);
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_A)).voting_period, 10, "not before the delay");
		assert_eq!(held(3), DEPOSIT);
		run_to(29);
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_A)).voting_period, 77);
		assert_eq!(proposal(id).status, ProposalStatus::Enacted { ok: true });
		assert!(dao_events().contains(&Event::Enacted { id, result: Ok(()) }));
		assert_eq!(held(3), 0);
		assert_eq!(Balances::free_balance(3), 10_000);
		assert_eq!(frozen(3), 3_000, "the stake stays frozen");
	});
}

#[test]
fn a_failed_dispatch_is_reported_and_the_deposit_still_returned() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		// remark_with_event needs a signed origin: the DAO origin fails it.
		let call = Box::new(RuntimeCall::System(frame_system::Call::remark_with_event {
			remark: vec![1],
		}));
		let id = propose(1, DaoScope::Model(MODEL_A), call);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_000));
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		run_to(15);
		assert_eq!(proposal(id).status, ProposalStatus::Enacted { ok: false });
		assert!(
			dao_events().contains(&Event::Enacted { id, result: Err(DispatchError::BadOrigin) })
		);
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(1), 10_000);
	});
}

#[test]
fn a_model_dao_cannot_act_for_another_model_or_the_chain() {
	test(|| {
		let a: RuntimeOrigin = DaoScope::Model(MODEL_A).into();
		assert!(<EnsureModelDao<Test> as EnsureOriginWithArg<_, _>>::try_origin(
			a.clone(),
			&MODEL_A
		)
		.is_ok());
		assert!(<EnsureModelDao<Test> as EnsureOriginWithArg<_, _>>::try_origin(
			a.clone(),
			&MODEL_B
		)
		.is_err());
		assert!(<EnsureChainDao<Test> as EnsureOrigin<_>>::try_origin(a).is_err());
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		assert!(<EnsureChainDao<Test> as EnsureOrigin<_>>::try_origin(chain_origin.clone()).is_ok());
		assert!(<EnsureModelDao<Test> as EnsureOriginWithArg<_, _>>::try_origin(
			chain_origin,
			&MODEL_A
		)
		.is_err());

		// Through enactment: model A's DAO passes a chain-only call; it fails with BadOrigin.
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		let id = propose(1, DaoScope::Model(MODEL_A), set_rules_call(chain(), 5));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_000));
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		run_to(15);
		assert!(
			dao_events().contains(&Event::Enacted { id, result: Err(DispatchError::BadOrigin) })
		);
		assert_eq!(Dao::rules(chain()).voting_period, 10);
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
		// After close, unlock releases the shares.
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(2), id), Error::<Test>::NoVote);
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(1), id));
		assert_eq!(<MockShares as ModelShares<u64>>::locked(MODEL_A, &1), 0);
		assert_ok!(MockShares::transfer(MODEL_A, 1, 3, 600));
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

// ---------------------------------------------------------------- cancel, veto, treasury

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

#[test]
fn the_chain_dao_spends_from_and_acts_as_the_treasury() {
	test(|| {
		assert_noop!(Dao::spend(RuntimeOrigin::signed(1), 5, 10), DispatchError::BadOrigin);
		assert_noop!(Dao::spend(RuntimeOrigin::root(), 5, 10), DispatchError::BadOrigin);
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		assert_ok!(Dao::spend(chain_origin.clone(), 5, 1_234));
		assert_eq!(Balances::free_balance(5), 11_234);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), 5_000 - 1_234);
		let transfer =
			Box::new(RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: 6,
				value: 700,
			}));
		assert_ok!(Dao::dispatch_as_treasury(chain_origin, transfer));
		assert_eq!(last_event(), Event::TreasuryDispatched { result: Ok(()) });
		assert_eq!(Balances::free_balance(6), 10_700);
		let model_origin: RuntimeOrigin = DaoScope::Model(MODEL_A).into();
		assert_noop!(Dao::spend(model_origin, 5, 1), DispatchError::BadOrigin);
	});
}

#[test]
fn rules_are_governed_and_validated() {
	test(|| {
		assert_noop!(
			Dao::set_rules(RuntimeOrigin::signed(1), chain(), new_rules(3)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Dao::set_rules(RuntimeOrigin::root(), chain(), new_rules(0)),
			Error::<Test>::InvalidRules
		);
		assert_ok!(Dao::set_rules(RuntimeOrigin::root(), chain(), new_rules(3)));
		assert_eq!(Dao::rules(chain()).voting_period, 3);
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_B)).voting_period, 10);
	});
}

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
		assert_eq!(last_event(), Event::Delegated { scope: chain(), who: 5, to: 3 });
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
		// Undelegating keeps the cast vote (locked) until close; 4 may still vote itself.
		assert_ok!(Dao::undelegate(RuntimeOrigin::signed(4), chain()));
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
		assert_ok!(Dao::delegate(RuntimeOrigin::signed(4), chain(), 3));
		run_to(3);
		let id = propose(1, chain(), remark());
		// 4 stakes only after the proposal: nothing to cast for it.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(4), 5_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Aye, 3_000));
		assert_eq!(proposal(id).tally.aye, 3_000);
		assert!(Votes::<Test>::get(id, 4).is_none());
		// At most MaxDelegators (3) per delegate.
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

// ---------------------------------------------------------------- holds and freezes

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

/// Drains the treasury account until it no longer exists.
fn empty_the_treasury() {
	let treasury = Dao::treasury_account();
	<Balances as Mutate<u64>>::set_balance(&treasury, 0);
	assert!(!System::account_exists(&treasury));
}

#[test]
fn veto_pays_a_treasury_that_does_not_exist_yet() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		empty_the_treasury();
		let issuance = Balances::total_issuance();
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()));
		assert_eq!(last_event(), Event::Vetoed { id, reason_hash: Hash::zero(), slashed: DEPOSIT });
		assert_eq!(Balances::free_balance(Dao::treasury_account()), DEPOSIT);
		assert_eq!((held(1), Balances::total_balance(&1)), (0, 10_000 - DEPOSIT));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn veto_burns_a_deposit_an_empty_treasury_cannot_take() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		empty_the_treasury();
		// The treasury could only be created with at least 200; the deposit is 100.
		ExistentialDeposit::set(200);
		let issuance = Balances::total_issuance();
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()));
		assert_eq!(last_event(), Event::Vetoed { id, reason_hash: Hash::zero(), slashed: DEPOSIT });
		assert_eq!(proposal(id).status, ProposalStatus::Vetoed);
		assert!(!System::account_exists(&Dao::treasury_account()));
		assert_eq!((held(1), Balances::total_balance(&1)), (0, 10_000 - DEPOSIT));
		assert_eq!(Balances::total_issuance(), issuance - DEPOSIT, "burned");
	});
}

#[test]
fn spend_keeps_the_treasury_alive() {
	test(|| {
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		// Preservation::Preserve, as ExistenceRequirement::KeepAlive was.
		assert_noop!(Dao::spend(chain_origin.clone(), 5, 5_000), TokenError::NotExpendable);
		assert_ok!(Dao::spend(chain_origin, 5, 4_999));
		assert_eq!(last_event(), Event::TreasurySpent { to: 5, amount: 4_999 });
		assert_eq!(Balances::free_balance(Dao::treasury_account()), 1);
		assert_eq!(Balances::free_balance(5), 14_999);
	});
}

// ---------------------------------------------------------------- migration v0 → v1

mod migration {
	use super::*;
	use crate::migrations::v1::{MigrateToFungible, UncheckedMigrateToFungible, STAKE_LOCK};
	use frame_support::traits::{
		GetStorageVersion, LockableCurrency, OnRuntimeUpgrade, ReservableCurrency, StorageVersion,
		WithdrawReasons,
	};

	type Migration = MigrateToFungible<Test, Balances>;
	type Checks = UncheckedMigrateToFungible<Test, Balances>;

	fn old_proposal(proposer: u64, status: ProposalStatus) -> Proposal<u64, ConstU32<256>> {
		Proposal {
			scope: chain(),
			proposer,
			call: Default::default(),
			metadata_hash: Hash::zero(),
			deposit: DEPOSIT,
			snapshot: 0,
			electorate: 95_000,
			voting_ends: 10,
			enactment_delay: 5,
			quorum: Perbill::from_percent(20),
			approval: Perbill::from_percent(50),
			tally: Tally::default(),
			voters: 0,
			status,
		}
	}

	/// Version 0 state, made with the old `Currency` calls on Balances:
	/// - stakes: 1 → 3,000, 2 → 5,000 (locked), 4 → 0 (fully unstaked, no lock);
	/// - proposals: 0 and 1 by account 1 (voting, queued), 2 by account 2 (rejected), 3 by
	///   account 3 (voting), 4 by account 2 (enacted): 200 reserved from 1, 100 from 3;
	/// - another 30 reserved from account 1 by someone else, which must stay reserved.
	fn old_state() {
		StorageVersion::new(0).put::<Dao>();
		for (who, amount) in [(1, 3_000), (2, 5_000)] {
			Stakes::<Test>::insert(who, Stake { amount, history_len: 1 });
			StakeHistory::<Test>::insert(
				who,
				0,
				StakeCheckpoint { changed_at: 1, amount_before: 0 },
			);
			Balances::set_lock(STAKE_LOCK, &who, amount, WithdrawReasons::all());
		}
		Stakes::<Test>::insert(4, Stake { amount: 0, history_len: 2 });
		let statuses = [
			(1, ProposalStatus::Voting),
			(1, ProposalStatus::Approved { enact_at: 20 }),
			(2, ProposalStatus::Rejected),
			(3, ProposalStatus::Voting),
			(2, ProposalStatus::Enacted { ok: true }),
		];
		for (id, (who, status)) in statuses.into_iter().enumerate() {
			Proposals::<Test>::insert(id as ProposalId, old_proposal(who, status));
			if Dao::holds_deposit(status) {
				assert_ok!(Balances::reserve(&who, DEPOSIT));
			}
		}
		NextProposalId::<Test>::put(5);
		assert_ok!(Balances::reserve(&1, 30));
		assert_eq!(Balances::reserved_balance(1), 230);
		assert_eq!(Balances::locks(&1).len(), 1);
	}

	#[test]
	fn turns_reserves_and_the_stake_lock_into_holds_and_freezes() {
		new_test_ext().execute_with(|| {
			old_state();
			let totals: Vec<Balance> = (1..=4).map(|a| Balances::total_balance(&a)).collect();
			let issuance = Balances::total_issuance();
			let state = Checks::pre_check().unwrap();

			let weight = Migration::on_runtime_upgrade();

			assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(1));
			// 5 proposals read, 2 deposits moved (3 reads, 3 writes each), 3 stakes read, 2
			// frozen (6 reads, 4 writes each), and the version (1 read, 1 write).
			let db: frame_support::weights::RuntimeDbWeight =
				<Test as frame_system::Config>::DbWeight::get();
			assert_eq!(weight, db.reads_writes(5 + 6 + 3 + 12 + 1, 6 + 8 + 1));
			// Deposits: held exactly, and only those of open proposals.
			assert_eq!((held(1), held(2), held(3), held(4)), (200, 0, 100, 0));
			assert_eq!(Balances::reserved_balance(1), 230, "the other reserve stays");
			assert_eq!(Balances::free_balance(1), 10_000 - 230);
			// Stakes: frozen exactly, the old lock gone.
			assert_eq!((frozen(1), frozen(2), frozen(3), frozen(4)), (3_000, 5_000, 0, 0));
			for who in 1..=4 {
				assert!(Balances::locks(&who).is_empty());
			}
			assert_eq!(System::account(2).data.frozen, 5_000);
			// Nothing moved or was minted or burned.
			let after: Vec<Balance> = (1..=4).map(|a| Balances::total_balance(&a)).collect();
			assert_eq!(after, totals);
			assert_eq!(Balances::total_issuance(), issuance);
			assert_eq!(proposal(0).deposit, DEPOSIT);
			assert_ok!(Checks::post_check(state));

			// Running it again does nothing.
			assert_eq!(Migration::on_runtime_upgrade(), db.reads(1));
			assert_eq!((held(1), frozen(1)), (200, 3_000));

			// The pallet works on the migrated state: the frozen stake still binds, a cancel
			// releases the held deposit, unstaking thaws.
			assert_noop!(
				Balances::transfer_allow_death(RuntimeOrigin::signed(2), 1, 5_001),
				TokenError::Frozen
			);
			assert_ok!(Dao::cancel(RuntimeOrigin::signed(1), 0));
			assert_eq!(held(1), DEPOSIT);
			assert_ok!(Dao::unstake(RuntimeOrigin::signed(2), 5_000));
			assert_eq!(frozen(2), 0);
			assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(2), 1, 10_000));
			Dao::do_try_state().unwrap();
		});
	}

	#[test]
	fn the_checks_catch_a_wrong_result() {
		new_test_ext().execute_with(|| {
			old_state();
			let state = Checks::pre_check().unwrap();
			Migration::on_runtime_upgrade();
			// A hold that no longer matches its deposits.
			assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<u64>>::release(
				&HoldReason::ProposalDeposit.into(),
				&3,
				1,
				frame_support::traits::tokens::Precision::Exact
			));
			assert!(Checks::post_check(state).is_err());
		});
		new_test_ext().execute_with(|| {
			old_state();
			// A reserve below the deposits it should back.
			Balances::unreserve(&3, 1);
			assert!(Checks::pre_check().is_err());
		});
	}
}
