//! Handing the set to the session pallet: only a changed set, at most a third at a time,
//! never below the floor.

use super::*;
use sp_runtime::BuildStorage;

fn planned() -> Vec<u64> {
	crate::Planned::<Test>::get().into_inner()
}

fn add(who: u64) {
	MockKeys::set(who);
	assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
}

#[test]
fn an_unchanged_set_keeps_the_current_one() {
	test_with_invariants(|| {
		assert_eq!(ValidatorSet::plan_session(1), None);
		assert_eq!(ValidatorSet::genesis_set(), Some(vec![1, 2, 3]));
		assert_eq!(planned(), vec![1, 2, 3]);
		assert!(events().is_empty());
	});
}

#[test]
fn one_change_is_planned_once_at_the_next_session() {
	test_with_invariants(|| {
		add(4);
		// Nothing reaches the session pallet before it plans the next session.
		assert_eq!(planned(), vec![1, 2, 3]);
		assert_eq!(ValidatorSet::plan_session(7), Some(vec![1, 2, 3, 4]));
		assert_eq!(
			events().last(),
			Some(&Event::NewSetPlanned {
				session: 7,
				validators: 4,
				added: vec![4],
				removed: vec![],
				pending: false
			})
		);
		assert!(!SetChanged::<Test>::get());
		assert_eq!(ValidatorSet::plan_session(8), None);
	});
}

#[test]
fn at_most_a_third_of_the_set_changes_per_session_additions_first() {
	test_with_invariants(|| {
		// An attacker-or-mistake proposal: three accounts with keys (but perhaps no live
		// node) join three validators, and one leaves. Planned at once, GRANDPA would need
		// 4 of 5 with only 2 old members certain to vote.
		add(4);
		add(5);
		add(6);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		// Three planned: one change per session.
		assert_eq!(ValidatorSet::plan_session(1), Some(vec![1, 2, 3, 4]));
		assert_eq!(
			events().last(),
			Some(&Event::NewSetPlanned {
				session: 1,
				validators: 4,
				added: vec![4],
				removed: vec![],
				pending: true
			})
		);
		assert!(SetChanged::<Test>::get());
		// Four planned: still one (4 / 3 = 1).
		assert_eq!(ValidatorSet::plan_session(2), Some(vec![1, 2, 3, 4, 5]));
		// Five planned: one again; the last addition.
		assert_eq!(ValidatorSet::plan_session(3), Some(vec![1, 2, 3, 4, 5, 6]));
		// Six planned: two allowed, one left to do, the removal.
		assert_eq!(ValidatorSet::plan_session(4), Some(vec![2, 3, 4, 5, 6]));
		assert_eq!(
			events().last(),
			Some(&Event::NewSetPlanned {
				session: 4,
				validators: 5,
				added: vec![],
				removed: vec![1],
				pending: false
			})
		);
		assert!(!SetChanged::<Test>::get());
		assert_eq!(ValidatorSet::plan_session(5), None);
	});
}

#[test]
fn a_change_undone_in_the_same_session_plans_nothing() {
	test_with_invariants(|| {
		add(4);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 4));
		assert_eq!(ValidatorSet::plan_session(2), None);
		assert!(!SetChanged::<Test>::get());
		assert!(!events().iter().any(|e| matches!(e, Event::NewSetPlanned { .. })));
	});
}

#[test]
fn members_without_keys_leave_the_plan_and_never_below_the_floor() {
	test_with_invariants(|| {
		add(4);
		assert_eq!(ValidatorSet::plan_session(1), Some(vec![1, 2, 3, 4]));
		// A member's keys vanish (the runtime stops `session.purge_keys` for members, but
		// the rule holds whatever the cause): it is planned out like a removal.
		MockKeys::purge(4);
		assert_ok!(ValidatorSet::set_min_validators(RuntimeOrigin::root(), 3));
		SetChanged::<Test>::put(true);
		assert_eq!(ValidatorSet::plan_session(2), Some(vec![1, 2, 3]));
		// Still governed: the flag stays up, so it is planned again if it sets keys.
		assert!(SetChanged::<Test>::get());
		// Below the floor with keys: the current plan stays and the change waits.
		MockKeys::purge(3);
		add(5);
		MockKeys::purge(5);
		assert_eq!(ValidatorSet::plan_session(3), None);
		assert_eq!(events().last(), Some(&Event::PlanRefused { session: 3, with_keys: 2 }));
		assert_eq!(planned(), vec![1, 2, 3]);
		assert!(SetChanged::<Test>::get());
		// Keys back: the waiting change is planned.
		MockKeys::set(3);
		MockKeys::set(5);
		assert_eq!(ValidatorSet::plan_session(4), Some(vec![1, 2, 3, 5]));
	});
}

#[test]
fn a_genesis_without_validators_adopts_the_session_pallets_set() {
	let storage = RuntimeGenesisConfig {
		validator_set: crate::GenesisConfig {
			validators: vec![],
			min_validators: 2,
			session_period: 0,
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(ValidatorSet::genesis_set(), None);
		assert_eq!(crate::SessionPeriod::<Test>::get(), crate::DEFAULT_SESSION_PERIOD);
		ValidatorSet::note_genesis_session(vec![8, 7, 8]);
		assert_eq!(set(), vec![7, 8]);
		assert_eq!(planned(), vec![7, 8]);
		// Only once: a named set is never replaced.
		ValidatorSet::note_genesis_session(vec![9, 10]);
		assert_eq!(set(), vec![7, 8]);
		assert_eq!(ValidatorSet::do_try_state(), Ok(()));
	});
}

#[test]
fn the_session_length_comes_from_genesis_and_is_never_zero() {
	test_with_invariants(|| {
		use frame_support::traits::Get;
		assert_eq!(<crate::SessionLength<Test> as Get<u64>>::get(), 10);
		crate::SessionPeriod::<Test>::put(0);
		assert_eq!(<crate::SessionLength<Test> as Get<u64>>::get(), 1);
		crate::SessionPeriod::<Test>::put(10);
	});
}

#[test]
#[should_panic(expected = "genesis: no validators")]
fn a_genesis_without_any_validator_is_refused() {
	let storage = RuntimeGenesisConfig {
		validator_set: crate::GenesisConfig {
			validators: vec![],
			min_validators: 1,
			session_period: 0,
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	sp_io::TestExternalities::new(storage)
		.execute_with(|| ValidatorSet::note_genesis_session(vec![]));
}
