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
