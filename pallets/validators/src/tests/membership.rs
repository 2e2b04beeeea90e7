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
		SessionKeys::set(4);
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
		SessionKeys::set(4);
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
			SessionKeys::set(who);
		}
		for who in [6, 4, 5] {
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		assert_eq!(set(), vec![1, 2, 3, 4, 5, 6]);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 7),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn no_removal_goes_below_the_floor_even_in_a_batch() {
	test_with_invariants(|| {
		SessionKeys::set(4);
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
	});
}
