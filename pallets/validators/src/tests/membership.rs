//! Adding and removing validators: who may, who may join, the floor and the ceiling.

use super::*;

#[test]
fn genesis_sorts_the_set_and_marks_nothing_changed() {
	test_with_invariants(|| {
		assert_eq!(set(), vec![1, 2, 3]);
		assert!(!SetChanged::<Test>::get());
	});
}

#[test]
fn only_the_admin_changes_the_set() {
	test_with_invariants(|| {
		MockKeys::set(4);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(4), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_eq!(set(), vec![1, 2, 3]);
	});
}

#[test]
fn a_validator_must_have_session_keys_to_join() {
	test_with_invariants(|| {
		// Governance cannot seat an account that cannot author: it would hold a seat and
		// produce nothing.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 4),
			Error::<Test>::NoSessionKeys
		);
		MockKeys::set(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(set(), vec![1, 2, 3, 4]);
		assert!(SetChanged::<Test>::get());
		assert_eq!(events(), vec![Event::ValidatorAdded { who: 4 }]);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 4),
			Error::<Test>::AlreadyValidator
		);
	});
}

#[test]
fn the_set_is_bounded_above() {
	test_with_invariants(|| {
		for who in [4, 5, 6, 7] {
			MockKeys::set(who);
		}
		for who in [6, 4, 5] {
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		for who in [8, 9, 10] {
			MockKeys::set(who);
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		assert_eq!(set(), vec![1, 2, 3, 4, 5, 6, 8, 9, 10]);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn no_removal_goes_below_the_floor_even_in_a_batch() {
	test_with_invariants(|| {
		MockKeys::set(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_eq!(set(), vec![1, 3, 4]);
		// At the floor (3): the next removal fails, whichever validator it names, so a
		// batch of removals (or a proposal enacting several) stops at the floor too.
		for who in [1, 3, 4] {
			assert_noop!(
				ValidatorSet::remove_validator(RuntimeOrigin::root(), who),
				Error::<Test>::BelowMinimum
			);
		}
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
		assert_eq!(
			events(),
			vec![Event::ValidatorAdded { who: 4 }, Event::ValidatorRemoved { who: 2 }]
		);
	});
}

#[test]
fn invariants_catch_an_unsorted_set_or_one_below_the_floor() {
	new_test_ext().execute_with(|| {
		crate::Validators::<Test>::put(BoundedVec::try_from(vec![2, 1, 3]).unwrap());
		assert_eq!(ValidatorSet::do_try_state(), Err("validators not strictly sorted".into()));
		crate::Validators::<Test>::put(BoundedVec::try_from(vec![1, 2]).unwrap());
		assert_eq!(ValidatorSet::do_try_state(), Err("fewer validators than MinValidators".into()));
		crate::Validators::<Test>::put(BoundedVec::try_from(vec![1, 2, 4]).unwrap());
		assert_eq!(ValidatorSet::do_try_state(), Err("set differs from the plan, unmarked".into()));
		crate::Planned::<Test>::put(BoundedVec::try_from(vec![1, 3, 2]).unwrap());
		assert_eq!(ValidatorSet::do_try_state(), Err("planned set not strictly sorted".into()));
		crate::Planned::<Test>::put(BoundedVec::try_from(vec![1, 2, 4]).unwrap());
		crate::SessionPeriod::<Test>::put(0);
		assert_eq!(ValidatorSet::do_try_state(), Err("SessionPeriod is zero".into()));
		crate::SessionPeriod::<Test>::put(10);
		crate::MinValidators::<Test>::put(0);
		assert_eq!(ValidatorSet::do_try_state(), Err("MinValidators out of range".into()));
	});
}

#[test]
fn the_floor_moves_only_within_the_set_it_guards() {
	test_with_invariants(|| {
		assert_noop!(
			ValidatorSet::set_min_validators(RuntimeOrigin::signed(1), 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_min_validators(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidMinimum
		);
		// Four governed but three planned: a floor of 4 would leave the planned set below
		// it until the next session.
		MockKeys::set(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_noop!(
			ValidatorSet::set_min_validators(RuntimeOrigin::root(), 4),
			Error::<Test>::InvalidMinimum
		);
		assert_eq!(ValidatorSet::plan_session(1), Some(vec![1, 2, 3, 4]));
		assert_ok!(ValidatorSet::set_min_validators(RuntimeOrigin::root(), 4));
		assert_eq!(crate::MinValidators::<Test>::get(), 4);
		assert_eq!(events().last(), Some(&Event::MinValidatorsSet { min: 4 }));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 1),
			Error::<Test>::BelowMinimum
		);
		// Lowered, removals go on down to the new floor.
		assert_ok!(ValidatorSet::set_min_validators(RuntimeOrigin::root(), 2));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 2));
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 3),
			Error::<Test>::BelowMinimum
		);
	});
}
