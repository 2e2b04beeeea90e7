//! Purging session keys: only for accounts whose keys no session uses or will use.

use super::*;

#[test]
fn a_member_cannot_purge_its_keys_to_shrink_the_authorities() {
	test_with_invariants(|| {
		assert_noop!(ValidatorSet::purge_keys(RuntimeOrigin::signed(2)), Error::<Test>::KeysInUse);
		assert!(MockKeys::has(2));
	});
}

#[test]
fn a_removed_validator_purges_only_once_the_plan_drops_it() {
	test_with_invariants(|| {
		MockKeys::set(4);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(ValidatorSet::plan_session(1), Some(vec![1, 2, 3, 4]));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
		// Still planned: the session pallet may yet make it an authority.
		assert_noop!(ValidatorSet::purge_keys(RuntimeOrigin::signed(4)), Error::<Test>::KeysInUse);
		assert_eq!(ValidatorSet::plan_session(2), Some(vec![1, 2, 3]));
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(4)));
		assert!(!MockKeys::has(4));
		assert_eq!(events().last(), Some(&Event::KeysPurged { who: 4 }));
	});
}

#[test]
fn a_non_member_purges_its_keys_and_errors_pass_through() {
	test_with_invariants(|| {
		MockKeys::set(9);
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(9)));
		assert!(!MockKeys::has(9));
		// No keys to purge: the session pallet's error reaches the caller.
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(9)),
			DispatchError::Other("no keys")
		);
		assert_noop!(ValidatorSet::purge_keys(RuntimeOrigin::root()), DispatchError::BadOrigin);
	});
}
