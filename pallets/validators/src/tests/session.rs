//! Handing the set to the session pallet: only a changed set, whole, once.

use super::*;

#[test]
fn an_unchanged_set_keeps_the_current_one() {
	test_with_invariants(|| {
		assert_eq!(ValidatorSet::plan_session(1), None);
		assert_eq!(ValidatorSet::genesis_set(), vec![1, 2, 3]);
		assert!(events().is_empty());
	});
}

#[test]
fn changes_in_one_session_are_planned_together_and_once() {
	test_with_invariants(|| {
		SessionKeys::set(4);
		SessionKeys::set(5);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		// Nothing reaches the session pallet before it plans the next session.
		assert_eq!(ValidatorSet::genesis_set(), vec![2, 3, 4, 5]);
		assert_eq!(ValidatorSet::plan_session(7), Some(vec![2, 3, 4, 5]));
		assert_eq!(events().last(), Some(&Event::NewSetPlanned { session: 7, validators: 4 }));
		assert!(!SetChanged::<Test>::get());
		// The next plan keeps it.
		assert_eq!(ValidatorSet::plan_session(8), None);
	});
}

#[test]
fn a_change_undone_in_the_same_session_is_still_planned_whole() {
	test_with_invariants(|| {
		SessionKeys::set(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
		// The same members as before: planning it again is harmless and keeps the rule
		// simple (a changed flag, never a diff).
		assert_eq!(ValidatorSet::plan_session(2), Some(vec![1, 2, 3]));
	});
}
