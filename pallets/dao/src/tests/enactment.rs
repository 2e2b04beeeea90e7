//! Enactment: delays, origins, failed dispatches.

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
