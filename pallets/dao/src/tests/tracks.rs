//! Tracks: classification, each scope's rules per track, their bounds, and the limits a
//! track puts on a call.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::tracks::batch_track;

#[test]
fn a_batch_takes_its_most_demanding_track_and_is_emergency_only_if_all_are() {
	use Track::*;
	assert_eq!(batch_track([]), Standard);
	assert_eq!(batch_track([Standard, Standard]), Standard);
	assert_eq!(batch_track([Emergency, Emergency]), Emergency);
	// An emergency call cannot carry a standard one past the standard delay.
	assert_eq!(batch_track([Emergency, Standard]), Standard);
	assert_eq!(batch_track([Standard, Critical, Emergency]), Critical);
	assert_eq!(batch_track([Emergency, Critical]), Critical);
}

#[test]
fn rules_are_governed_and_validated() {
	test(|| {
		assert_noop!(
			Dao::set_rules(RuntimeOrigin::signed(1), chain(), Track::Standard, new_rules(3)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Dao::set_rules(RuntimeOrigin::root(), chain(), Track::Standard, new_rules(0)),
			Error::<Test>::InvalidRules
		);
		assert_ok!(Dao::set_rules(RuntimeOrigin::root(), chain(), Track::Standard, new_rules(3)));
		assert_eq!(standard_period(chain()), 3);
		assert_eq!(
			Dao::rules(chain(), Track::Critical),
			Some(chain_critical()),
			"other tracks kept"
		);
		// A model without its own rules follows the model defaults.
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_B), Track::Standard), Some(model_standard()));
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_B), Track::Emergency), None);
		assert_noop!(
			Dao::set_rules(
				RuntimeOrigin::root(),
				DaoScope::Model(99),
				Track::Standard,
				new_rules(3)
			),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn set_rules_refuses_anything_outside_the_bounds_and_accepts_their_edges() {
	test(|| {
		let root = || RuntimeOrigin::root();
		let with = |f: &dyn Fn(&mut TrackRules)| {
			let mut rules = new_rules(10);
			f(&mut rules);
			rules
		};
		// A voting period of u32::MAX would lock voters' tokens for ever.
		for bad in [
			with(&|r| r.voting_period = u32::MAX),
			with(&|r| r.voting_period = 1_001),
			with(&|r| r.voting_period = 0),
			with(&|r| r.enactment_delay = 0),
			with(&|r| r.enactment_delay = 1_001),
			with(&|r| r.lock_period = 2_001),
			with(&|r| r.late_quorum_extension = 11),
			with(&|r| r.quorum = Perbill::zero()),
			with(&|r| r.quorum = Perbill::from_parts(9_999_999)),
			with(&|r| r.approval = Perbill::from_parts(499_999_999)),
			with(&|r| r.deposit = 9),
			with(&|r| r.proposal_threshold = Perbill::from_parts(100_000_001)),
		] {
			assert_noop!(
				Dao::set_rules(root(), chain(), Track::Standard, bad),
				Error::<Test>::InvalidRules
			);
		}
		assert_eq!(Dao::rules(chain(), Track::Standard), Some(chain_standard()));
		// The edges themselves are inside.
		let edges = TrackRules {
			quorum: Perbill::from_percent(1),
			approval: Perbill::from_percent(50),
			voting_period: 1_000,
			enactment_delay: 1_000,
			lock_period: 2_000,
			late_quorum_extension: 100,
			deposit: 10,
			proposal_threshold: Perbill::from_percent(10),
		};
		assert_ok!(Dao::set_rules(root(), chain(), Track::Critical, edges));
		assert_eq!(
			last_event(),
			Event::RulesChanged { scope: chain(), track: Track::Critical, rules: edges }
		);
		MockShares::mint(MODEL_A, 1, 10);
		let shortest = TrackRules {
			voting_period: 1,
			enactment_delay: 1,
			lock_period: 0,
			late_quorum_extension: 1,
			..edges
		};
		assert_ok!(Dao::set_rules(root(), DaoScope::Model(MODEL_A), Track::Standard, shortest));
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_A), Track::Standard), Some(shortest));
		assert_eq!(Dao::rules(chain(), Track::Critical), Some(edges));
	});
}

#[test]
fn the_critical_track_decides_with_its_own_quorum_approval_and_periods() {
	test(|| {
		// Stakes: 1..=3 hold 6,000, 4..=8 stake 9,000 each (45,000). Electorate 95,000:
		// critical quorum 40% = 38,000, approval > 66%.
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 9_000));
		}
		MockShares::mint(MODEL_A, 1, 10);
		run_to(3);
		let id = propose(3, chain(), set_rules_call(DaoScope::Model(MODEL_A), 77));
		assert_eq!(proposal(id).voting_ends, 23, "20 blocks of voting");
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 9_000));
		}
		assert_ok!(Dao::vote(RuntimeOrigin::signed(8), id, VoteChoice::Nay, 9_000));
		// aye 36,000 of 45,000 decided = 80% > 66%, but turnout 36,000 < 38,000.
		assert!(!Dao::quorum_met(&proposal(id)));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Abstain, 2_000));
		assert!(Dao::passes(&proposal(id)));
		// Quorum reached at block 3 with 20 blocks left: no extension.
		assert_eq!(proposal(id).voting_ends, 23);
		run_to(24);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(proposal(id).status, ProposalStatus::Approved { enact_at: 33 });
		run_to(32);
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_A), Track::Standard), Some(model_standard()));
		run_to(33);
		assert_eq!(standard_period(DaoScope::Model(MODEL_A)), 77);
		assert_eq!(proposal(id).locks_until, Some(33 + 50), "the critical lock period");
	});
}

#[test]
fn a_call_heavier_than_its_track_allows_is_refused_at_proposal() {
	test(|| {
		staked_chain();
		// Root-only, but what matters here is its declared weight.
		let huge: Box<RuntimeCall> =
			Box::new(RuntimeCall::System(frame_system::Call::kill_prefix {
				prefix: vec![],
				subkeys: u32::MAX,
			}));
		assert!(!huge.get_dispatch_info().total_weight().all_lte(MaxCallWeight::get()));
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(1), chain(), huge, Hash::zero()),
			Error::<Test>::CallTooHeavy
		);
	});
}
