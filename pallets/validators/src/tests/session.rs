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

#[test]
fn members_who_purged_their_keys_are_not_planned_and_never_below_the_floor() {
	test_with_invariants(|| {
		SessionKeys::set(4);
		SessionKeys::set(5);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 5));
		// Two members purge their keys: the other three are planned.
		SessionKeys::purge(1);
		SessionKeys::purge(4);
		assert_eq!(ValidatorSet::plan_session(3), Some(vec![2, 3, 5]));
		assert_eq!(events().last(), Some(&Event::NewSetPlanned { session: 3, validators: 3 }));
		// A third purge and a change: two members with keys, below the floor (3). The
		// current set stays and the change waits, so no purge can shrink the authorities
		// below the floor.
		SessionKeys::purge(5);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_eq!(ValidatorSet::plan_session(4), None);
		assert_eq!(events().last(), Some(&Event::PlanRefused { session: 4, with_keys: 2 }));
		assert!(SetChanged::<Test>::get());
		// Keys back: the waiting change is planned at the next session.
		SessionKeys::set(5);
		assert_eq!(ValidatorSet::plan_session(5), Some(vec![2, 3, 5]));
	});
}

#[test]
fn a_set_started_empty_is_not_planned_until_it_reaches_the_floor() {
	new_test_ext().execute_with(|| {
		crate::Validators::<Test>::kill();
		// One validator added to an empty set would replace every authority with one: the
		// plan waits for the floor.
		SessionKeys::set(7);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 7));
		assert_eq!(ValidatorSet::plan_session(1), None);
		assert_eq!(events().last(), Some(&Event::PlanRefused { session: 1, with_keys: 1 }));
	});
}
