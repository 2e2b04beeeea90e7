//! Enactment: delays, origins, failed dispatches, the queue that never refuses, calls
//! that no longer decode or fit.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn passed_proposal_is_enacted_with_the_chain_origin_after_the_delay_only() {
	test(|| {
		staked_chain();
		// A standard-track call that needs the chain origin: a spend within the cap.
		let spend = || Box::new(RuntimeCall::Dao(Call::spend { to: 9, amount: 700 }));
		let id = propose(3, chain(), spend());
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
		let id = propose(3, chain(), spend());
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
		assert_eq!(Balances::free_balance(9), 10_000, "not before the delay");
		assert_eq!(held(3), DEPOSIT);
		run_to(29);
		assert_eq!(Balances::free_balance(9), 10_700);
		assert_eq!(proposal(id).status, ProposalStatus::Enacted { ok: true });
		assert!(dao_events().contains(&Event::Enacted { id, result: Ok(()), locks_until: 49 }));
		assert_eq!(held(3), 0);
		// The first attempt never reached quorum: that deposit went to the treasury.
		assert_eq!(Balances::free_balance(3), 10_000 - DEPOSIT);
		assert_eq!(frozen(3), 3_000, "the stake stays frozen");
	});
}

#[test]
fn a_failed_dispatch_is_reported_and_the_deposit_still_returned() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		// A treasury spend needs the chain origin: the model DAO's fails it.
		let call = Box::new(RuntimeCall::Dao(Call::spend { to: 9, amount: 1 }));
		let id = propose(1, DaoScope::Model(MODEL_A), call);
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_000));
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		run_to(15);
		assert_eq!(proposal(id).status, ProposalStatus::Enacted { ok: false });
		assert!(dao_events().contains(&Event::Enacted {
			id,
			result: Err(DispatchError::BadOrigin),
			locks_until: 15 + 15
		}));
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

		// Through enactment: model A's DAO passes a chain-only call (critical: 20 blocks of
		// voting, 10 of delay); it fails with BadOrigin.
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		let id = propose(1, DaoScope::Model(MODEL_A), set_rules_call(chain(), 5));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_000));
		close_and_enact(id);
		assert!(dao_events().contains(&Event::Enacted {
			id,
			result: Err(DispatchError::BadOrigin),
			locks_until: 32 + 40
		}));
		assert_eq!(standard_period(chain()), 10);
	});
}

/// Model `MODEL_A` owned by account 1 (1,000 shares), with a proposal of `call` that
/// account 1 passes alone. Returns the proposal, closed and queued.
fn queued_model_proposal(call: Box<RuntimeCall>) -> ProposalId {
	let id = propose(1, DaoScope::Model(MODEL_A), call);
	assert_ok!(Dao::vote(RuntimeOrigin::signed(1), id, VoteChoice::Aye, 1_000));
	id
}

#[test]
fn closing_never_fails_on_a_full_queue_and_the_backlog_enacts_in_order() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		// Five proposals all due at block 15 (voting ends 12, delay 3); two slots per block.
		let ids: Vec<_> = (0..5).map(|_| queued_model_proposal(remark())).collect();
		run_to(13);
		for id in &ids {
			assert_ok!(Dao::close(RuntimeOrigin::signed(9), *id));
			assert_eq!(proposal(*id).status, ProposalStatus::Approved { enact_at: 15 });
		}
		assert_eq!(Enactments::<Test>::get(15).into_inner(), vec![ids[0], ids[1]]);
		assert_eq!(BacklogEnds::<Test>::get(Lane::Models(Track::Standard)), (0, 3));
		run_to(14);
		assert!(ids
			.iter()
			.all(|id| matches!(proposal(*id).status, ProposalStatus::Approved { .. })));
		// At 15: the bucket (2) and up to MaxEnactmentsPerBlock (2) of the backlog.
		run_to(15);
		let enacted =
			|id: &ProposalId| proposal(*id).status == ProposalStatus::Enacted { ok: true };
		assert_eq!(ids.iter().filter(|id| enacted(id)).count(), 4);
		assert!(!enacted(&ids[4]));
		assert_eq!(BacklogEnds::<Test>::get(Lane::Models(Track::Standard)), (2, 3));
		run_to(16);
		assert!(ids.iter().all(enacted));
		assert_eq!(BacklogEnds::<Test>::get(Lane::Models(Track::Standard)), (3, 3));
		assert_eq!(Backlog::<Test>::iter().count(), 0);
	});
}

#[test]
fn a_backlogged_proposal_waits_for_its_own_block_and_a_vetoed_one_is_skipped() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		let ids: Vec<_> = (0..3).map(|_| queued_model_proposal(remark())).collect();
		// Fill block 15's bucket from elsewhere so that the third goes to the backlog.
		run_to(13);
		for id in &ids {
			assert_ok!(Dao::close(RuntimeOrigin::signed(9), *id));
		}
		assert_eq!(
			Backlog::<Test>::get(Lane::Models(Track::Standard), 0),
			Some(Backlogged { id: ids[2], due: 15 })
		);
		assert_ok!(Dao::veto(RuntimeOrigin::root(), ids[2], Hash::zero()));
		run_to(15);
		assert_eq!(proposal(ids[2]).status, ProposalStatus::Vetoed);
		assert_eq!(
			BacklogEnds::<Test>::get(Lane::Models(Track::Standard)),
			(1, 1),
			"popped and skipped"
		);
	});
}

#[test]
fn when_the_enactment_weight_is_spent_the_rest_waits_for_the_next_block() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		let ids: Vec<_> = (0..2).map(|_| queued_model_proposal(remark())).collect();
		run_to(13);
		for id in &ids {
			assert_ok!(Dao::close(RuntimeOrigin::signed(9), *id));
		}
		// Room for one enactment per block (the first of a block always runs).
		MaxEnactmentWeight::set(Weight::from_parts(1, 1));
		run_to(15);
		assert_eq!(proposal(ids[0]).status, ProposalStatus::Enacted { ok: true });
		assert!(matches!(proposal(ids[1]).status, ProposalStatus::Approved { .. }));
		assert!(dao_events().contains(&Event::EnactmentDeferred { id: ids[1] }));
		assert_eq!(
			Backlog::<Test>::get(Lane::Models(Track::Standard), 0),
			Some(Backlogged { id: ids[1], due: 15 })
		);
		run_to(16);
		assert_eq!(proposal(ids[1]).status, ProposalStatus::Enacted { ok: true });
	});
}

#[test]
fn a_call_that_no_longer_decodes_ends_with_an_event_and_its_deposit_back() {
	test(|| {
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(2);
		let id = queued_model_proposal(remark());
		run_to(13);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		// As after a runtime upgrade that removed the call: the stored bytes no longer
		// decode (here, a trailing byte that `decode_all` refuses).
		Proposals::<Test>::mutate(id, |p| {
			let p = p.as_mut().unwrap();
			let mut bytes = remark().encode();
			bytes.push(0);
			p.call = ProposalCall::Inline(bytes.try_into().unwrap());
		});
		assert_eq!(held(1), DEPOSIT);
		run_to(15);
		assert_eq!(proposal(id).status, ProposalStatus::Unenactable);
		assert!(dao_events().contains(&Event::NotEnacted { id, reason: Unenactable::Undecodable }));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(1), 10_000);
		// Nothing took effect: the ayes are free at once.
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(1), id));
	});
}

#[test]
fn a_flood_of_model_proposals_does_not_delay_a_chain_proposal() {
	test(|| {
		staked_chain();
		for who in 4..=7 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		// The real proposal: voting ends 13, enacted at 18.
		let real =
			propose(3, chain(), Box::new(RuntimeCall::Dao(Call::spend { to: 9, amount: 10 })));
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), real, VoteChoice::Aye, 5_000));
		}
		// The flood: account 1 owns model A outright and times three proposals to 18 too.
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(5);
		let flood: Vec<_> = (0..3).map(|_| queued_model_proposal(remark())).collect();
		run_to(16);
		// The attacker closes first and takes both slots of block 18.
		for id in &flood {
			assert_ok!(Dao::close(RuntimeOrigin::signed(1), *id));
		}
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), real));
		assert_eq!(proposal(real).status, ProposalStatus::Approved { enact_at: 18 });
		assert_eq!(Enactments::<Test>::get(18).into_inner(), vec![flood[0], flood[1]]);
		assert_eq!(
			Backlog::<Test>::get(Lane::Chain(Track::Standard), 0),
			Some(Backlogged { id: real, due: 18 })
		);
		// Even with room for only one enactment in the block, the chain's lane goes first.
		MaxEnactmentWeight::set(Weight::from_parts(1, 1));
		run_to(18);
		assert_eq!(proposal(real).status, ProposalStatus::Enacted { ok: true });
		assert_eq!(Balances::free_balance(9), 10_010);
		assert!(flood
			.iter()
			.all(|id| matches!(proposal(*id).status, ProposalStatus::Approved { .. })));
		run_to(21);
		assert!(flood
			.iter()
			.all(|id| proposal(*id).status == ProposalStatus::Enacted { ok: true }));
	});
}

#[test]
fn the_chain_critical_track_enacts_as_root_and_a_model_never_does() {
	test(|| {
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 9_000));
		}
		MockShares::mint(MODEL_A, 1, 1_000);
		run_to(3);
		// A Root-only call, on the critical track.
		let root_only =
			|| Box::new(RuntimeCall::System(frame_system::Call::set_heap_pages { pages: 7 }));
		let chain_id = propose(3, chain(), root_only());
		let model_id = propose(1, DaoScope::Model(MODEL_A), root_only());
		assert_eq!(
			(proposal(chain_id).track, proposal(model_id).track),
			(Track::Critical, Track::Critical)
		);
		for who in 4..=8 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), chain_id, VoteChoice::Aye, 9_000));
		}
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), model_id, VoteChoice::Aye, 1_000));
		run_to(24);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), chain_id));
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), model_id));
		run_to(33);
		assert!(dao_events().contains(&Event::Enacted {
			id: chain_id,
			result: Ok(()),
			locks_until: 33 + 50
		}));
		assert!(dao_events().contains(&Event::Enacted {
			id: model_id,
			result: Err(DispatchError::BadOrigin),
			locks_until: 33 + 40
		}));
		// The standard track acts as the chain DAO, not as Root.
		assert!(<EnsureChainDao<Test> as EnsureOrigin<_>>::try_origin(Dao::enactment_origin(
			chain(),
			Track::Standard
		))
		.is_ok());
		assert!(<EnsureChainDao<Test> as EnsureOrigin<_>>::try_origin(Dao::enactment_origin(
			chain(),
			Track::Critical
		))
		.is_err());
	});
}

#[test]
fn a_call_the_runtime_now_puts_on_another_track_is_not_enacted() {
	test(|| {
		staked_chain();
		for who in 4..=7 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		// 900 is within the standard cap (1,000) when proposed and decided.
		let id =
			propose(3, chain(), Box::new(RuntimeCall::Dao(Call::spend { to: 9, amount: 900 })));
		assert_eq!(proposal(id).track, Track::Standard);
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 5_000));
		}
		run_to(14);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		// Before enactment the cap falls to 500: the same spend now needs the critical track.
		assert_ok!(Dao::set_spend_limit(
			RuntimeOrigin::root(),
			SpendLimit { period: 100, cap: 500 }
		));
		run_to(18);
		assert_eq!(proposal(id).status, ProposalStatus::Unenactable);
		assert!(dao_events().contains(&Event::NotEnacted { id, reason: Unenactable::TrackChanged }));
		assert_eq!(Balances::free_balance(9), 10_000);
		assert_eq!(held(3), 0, "the deposit is returned");
	});
}

#[test]
fn a_proposal_whose_call_vetoes_itself_is_settled_once() {
	test(|| {
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 9_000));
		}
		// Account 3 also has an unrelated open proposal whose deposit must stay held.
		run_to(3);
		let other = propose(3, chain(), remark());
		let id = NextProposalId::<Test>::get();
		let veto_self = Box::new(RuntimeCall::Dao(Call::veto { id, reason_hash: Hash::zero() }));
		assert_eq!(propose(3, chain(), veto_self), id);
		assert_eq!(held(3), DEPOSIT + 5 * DEPOSIT);
		for who in 4..=8 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 9_000));
		}
		close_and_enact(id);
		// Enacted as Root, the veto slashed the deposit and ended the proposal; enactment
		// does not release "its" deposit again out of the other proposal's hold.
		assert_eq!(proposal(id).status, ProposalStatus::Vetoed);
		assert_eq!(held(3), DEPOSIT);
		assert_eq!(proposal(other).status, ProposalStatus::Voting);
	});
}
