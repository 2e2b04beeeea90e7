//! Rules per scope.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

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
fn set_rules_refuses_anything_outside_the_bounds_and_accepts_their_edges() {
	test(|| {
		let root = || RuntimeOrigin::root();
		let with = |f: &dyn Fn(&mut Rules)| {
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
			with(&|r| r.quorum = Perbill::zero()),
			with(&|r| r.quorum = Perbill::from_parts(9_999_999)),
			with(&|r| r.approval = Perbill::from_parts(499_999_999)),
		] {
			assert_noop!(Dao::set_rules(root(), chain(), bad), Error::<Test>::InvalidRules);
		}
		assert_eq!(ScopeRules::<Test>::get(chain()), None);
		// The edges themselves are inside.
		let edges = Rules {
			quorum: Perbill::from_percent(1),
			approval: Perbill::from_percent(50),
			voting_period: 1_000,
			enactment_delay: 1_000,
			proposal_threshold: 0,
		};
		assert_ok!(Dao::set_rules(root(), chain(), edges));
		assert_eq!(last_event(), Event::RulesChanged { scope: chain(), rules: edges });
		let shortest = Rules { voting_period: 1, enactment_delay: 1, ..edges };
		assert_ok!(Dao::set_rules(root(), DaoScope::Model(MODEL_A), shortest));
		assert_eq!(Dao::rules(DaoScope::Model(MODEL_A)), shortest);
		assert_eq!(Dao::rules(chain()), edges);
	});
}
