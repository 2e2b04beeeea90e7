//! Incidents: bonded reports, answers, rulings before the deadline, expiry after it, the
//! accountability bond that pays upheld reporters, and flags.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, Mutate},
		tokens::{Fortitude, Preservation},
		LockableCurrency, WithdrawReasons,
	},
};
use modelchain_primitives::{models::LineageEdge, ModelRisk};
use sp_runtime::DispatchError;

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn uphold(id: IncidentId) {
	assert_ok!(Registry::resolve_incident(root(), id, true));
}

// ------------------------------------------------------------------ reports

#[test]
fn any_model_can_be_reported_with_a_bond_scaled_by_severity() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let file = |who: u64, version, severity| {
			Registry::report_incident(signed(who), m, version, hash(70), severity)
		};
		assert_noop!(
			Registry::report_incident(signed(4), 99, None, hash(70), Severity::Low),
			Error::<Test>::UnknownModel
		);
		assert_noop!(file(4, Some(1), Severity::Low), Error::<Test>::UnknownVersion);
		assert_noop!(file(50, None, Severity::Low), Error::<Test>::InsufficientBalance);
		// A model with no version yet is reported as a whole.
		assert_ok!(file(4, None, Severity::Low));
		assert_eq!(
			last_event(),
			Event::IncidentReported {
				id: 0,
				model: m,
				version: None,
				reporter: 4,
				severity: Severity::Low,
				bond: 500,
				deadline: 2 + DEFAULT_DEADLINE,
			}
		);
		assert_eq!(
			Incidents::<Test>::get(0),
			Some(Incident {
				model: m,
				version: None,
				reporter: 4,
				evidence_hash: hash(70),
				severity: Severity::Low,
				bond: 500,
				response_hash: None,
				status: IncidentStatus::Open,
				reported_at: 2,
				deadline: 52,
			})
		);
		assert_eq!((held(HoldReason::IncidentBond, 4), free(4)), (500, START - 500));
		assert_ok!(file(5, None, Severity::Medium));
		assert_ok!(file(6, None, Severity::High));
		assert_ok!(file(7, None, Severity::Critical));
		assert_eq!(held(HoldReason::IncidentBond, 5), 1_000);
		assert_eq!(held(HoldReason::IncidentBond, 6), 2_000);
		assert_eq!(held(HoldReason::IncidentBond, 7), 4_000);
		assert_eq!(NextIncidentId::<Test>::get(), 4);
		assert_eq!(info(m).open_incidents, 4);
		// Once a version exists it can be named.
		publish(1, m, 1);
		assert_ok!(file(4, Some(1), Severity::Low));
		assert_eq!(Incidents::<Test>::get(4).unwrap().version, Some(1));
		assert_eq!(held(HoldReason::IncidentBond, 4), 1_000);
		assert_eq!(Registry::model_summary(m).unwrap().open_incidents, 5);
	});
}

#[test]
fn the_owner_or_governance_answers_an_open_report() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let id = report(4, m, None, Severity::Low);
		assert_noop!(
			Registry::respond_to_incident(signed(4), id, hash(71)),
			Error::<Test>::NotModelManager
		);
		assert_noop!(
			Registry::respond_to_incident(signed(1), 9, hash(71)),
			Error::<Test>::UnknownIncident
		);
		assert_ok!(Registry::respond_to_incident(signed(1), id, hash(71)));
		assert_eq!(last_event(), Event::IncidentAnswered { id, response_hash: hash(71) });
		assert_ok!(Registry::respond_to_incident(gov(m), id, hash(72)));
		assert_eq!(Incidents::<Test>::get(id).unwrap().response_hash, Some(hash(72)));
		assert_ok!(Registry::resolve_incident(root(), id, false));
		assert_noop!(
			Registry::respond_to_incident(signed(1), id, hash(73)),
			Error::<Test>::IncidentClosed
		);
	});
}

// ------------------------------------------------------------------ rulings

#[test]
fn an_upheld_report_returns_the_bond_and_pays_a_reward_from_the_accountability_bond() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let owner_free = free(1);
		let id = report(4, m, None, Severity::Medium);
		assert_noop!(Registry::resolve_incident(signed(1), id, true), DispatchError::BadOrigin);
		assert_noop!(Registry::resolve_incident(gov(m), id, true), DispatchError::BadOrigin);
		assert_noop!(Registry::resolve_incident(root(), 9, true), Error::<Test>::UnknownIncident);
		uphold(id);
		assert_eq!(
			last_event(),
			Event::IncidentUpheld { id, model: m, reward: 1_000, flagged: false }
		);
		assert_eq!((free(4), held(HoldReason::IncidentBond, 4)), (START + 1_000, 0));
		// The reward came out of the bond, not the owner's free balance.
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 3_000);
		assert_eq!(free(1), owner_free);
		let model = info(m);
		assert_eq!((model.bond, model.upheld_incidents, model.open_incidents), (3_000, 1, 0));
		assert_eq!(model.flag, None);
		assert_eq!(Incidents::<Test>::get(id).unwrap().status, IncidentStatus::Upheld);
		assert_noop!(Registry::resolve_incident(root(), id, false), Error::<Test>::IncidentClosed);

		// Low does not flag either.
		let low = report(5, m, None, Severity::Low);
		uphold(low);
		assert_eq!(
			last_event(),
			Event::IncidentUpheld { id: low, model: m, reward: 500, flagged: false }
		);
		assert_eq!(info(m).bond, 2_500);
		// A critical report is paid what is left of the bond (2,500 of 4,000) and flags.
		let critical = report(6, m, None, Severity::Critical);
		uphold(critical);
		assert_eq!(
			last_event(),
			Event::IncidentUpheld { id: critical, model: m, reward: 2_500, flagged: true }
		);
		assert_eq!(free(6), START + 2_500);
		assert_eq!((info(m).bond, held(HoldReason::AccountabilityBond, 1)), (0, 0));
		assert_eq!(info(m).flag, Some(Flag { incident: critical, version: None }));
		assert_eq!(info(m).upheld_incidents, 3);
		// An empty bond pays no reward but still returns the reporter's bond.
		let again = report(7, m, None, Severity::Low);
		uphold(again);
		assert_eq!(
			last_event(),
			Event::IncidentUpheld { id: again, model: m, reward: 0, flagged: false }
		);
		assert_eq!(free(7), START);
		assert_eq!(free(1), owner_free);
	});
}

#[test]
fn high_severities_flag_the_version_they_name() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		publish(1, m, 1);
		let id = report(4, m, Some(1), Severity::High);
		uphold(id);
		assert_eq!(
			last_event(),
			Event::IncidentUpheld { id, model: m, reward: 2_000, flagged: true }
		);
		assert_eq!(info(m).flag, Some(Flag { incident: id, version: Some(1) }));
		// Lending (the hook) is told at once, for the flagged model only.
		assert_eq!(crate::mock::MockForfeits::calls(), vec![(m, u64::MAX)]);
		let summary = Registry::model_summary(m).unwrap();
		assert_eq!((summary.flagged, summary.flagged_version), (true, Some(1)));
		assert_eq!((summary.upheld_incidents, summary.accountability_bond), (1, 2_000));
	});
}

#[test]
fn an_owner_who_freezes_its_balance_still_pays_the_reward_in_full() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let id = report(4, m, None, Severity::Critical);
		// The owner locks everything it has, held funds included.
		<Balances as LockableCurrency<u64>>::set_lock(
			*b"frozen!!",
			&1,
			Balance::MAX,
			WithdrawReasons::all(),
		);
		assert_eq!(
			<Balances as InspectHold<u64>>::reducible_total_balance_on_hold(&1, Fortitude::Polite),
			0
		);
		assert!(<Balances as Mutate<u64>>::transfer(&1, &8, 1, Preservation::Preserve).is_err());
		uphold(id);
		assert_eq!(
			last_event(),
			Event::IncidentUpheld { id, model: m, reward: 4_000, flagged: true }
		);
		assert_eq!(free(4), START + 4_000);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 0);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 4_000);
		assert_eq!(held(HoldReason::Deposit, 1), MODEL_DEPOSIT);
	});
}

#[test]
fn a_dismissed_report_sends_its_bond_to_the_treasury() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let critical = report(4, m, None, Severity::Critical);
		assert_ok!(Registry::resolve_incident(root(), critical, false));
		assert_eq!(
			last_event(),
			Event::IncidentDismissed { id: critical, model: m, bond_to_treasury: 4_000 }
		);
		let low = report(4, m, None, Severity::Low);
		assert_ok!(Registry::resolve_incident(root(), low, false));
		assert_eq!(free(TREASURY), 4_500);
		assert_eq!((free(4), reserved(4)), (START - 4_500, 0));
		let model = info(m);
		assert_eq!((model.upheld_incidents, model.open_incidents, model.bond), (0, 0, 4_000));
		assert_eq!(model.flag, None);
		assert_eq!(Incidents::<Test>::get(low).unwrap().status, IncidentStatus::Dismissed);
	});
}

// ------------------------------------------------------------------ deadlines

#[test]
fn after_the_deadline_a_report_can_only_expire_and_its_bond_returns() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let id = report(4, m, None, Severity::Medium);
		assert_eq!(Incidents::<Test>::get(id).unwrap().deadline, 52);
		assert_noop!(Registry::expire_incident(signed(9), id), Error::<Test>::DeadlineNotReached);
		run_to(52);
		assert_noop!(Registry::expire_incident(signed(9), id), Error::<Test>::DeadlineNotReached);
		run_to(53);
		assert_noop!(Registry::resolve_incident(root(), id, true), Error::<Test>::DeadlinePassed);
		assert_noop!(Registry::expire_incident(signed(9), 7), Error::<Test>::UnknownIncident);
		assert_noop!(Registry::expire_incident(root(), id), DispatchError::BadOrigin);
		// Anyone returns the bond.
		assert_ok!(Registry::expire_incident(signed(9), id));
		assert_eq!(last_event(), Event::IncidentExpired { id, model: m, bond_returned: 1_000 });
		assert_eq!((free(4), reserved(4)), (START, 0));
		assert_eq!(Incidents::<Test>::get(id).unwrap().status, IncidentStatus::Expired);
		assert_eq!(info(m).open_incidents, 0);
		assert_eq!((info(m).bond, info(m).upheld_incidents), (4_000, 0));
		assert_noop!(Registry::expire_incident(signed(9), id), Error::<Test>::IncidentClosed);
		assert_noop!(Registry::resolve_incident(root(), id, true), Error::<Test>::IncidentClosed);
	});
}

#[test]
fn a_ruling_on_the_deadline_block_is_still_in_time() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let id = report(4, m, None, Severity::Low);
		run_to(52);
		uphold(id);
		assert_noop!(Registry::expire_incident(signed(9), id), Error::<Test>::IncidentClosed);
		run_to(53);
		assert_noop!(Registry::expire_incident(signed(9), id), Error::<Test>::IncidentClosed);
	});
}

#[test]
fn the_arbiter_sets_the_report_deadline() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let old = report(4, m, None, Severity::Low);
		assert_eq!(Registry::incident_deadline(), DEFAULT_DEADLINE);
		assert_noop!(Registry::set_incident_deadline(signed(1), 10), DispatchError::BadOrigin);
		assert_noop!(Registry::set_incident_deadline(root(), 0), Error::<Test>::InvalidDeadline);
		// Shorter than the arbiter needs to rule: every report would expire unruled.
		assert_noop!(
			Registry::set_incident_deadline(root(), MIN_DEADLINE - 1),
			Error::<Test>::InvalidDeadline
		);
		assert_ok!(Registry::set_incident_deadline(root(), 10));
		assert_eq!(last_event(), Event::IncidentDeadlineSet { blocks: 10 });
		assert_eq!(Registry::incident_deadline(), 10);
		let new = report(5, m, None, Severity::Low);
		assert_eq!(Incidents::<Test>::get(new).unwrap().deadline, 12);
		// An earlier report keeps its deadline.
		assert_eq!(Incidents::<Test>::get(old).unwrap().deadline, 52);
		run_to(13);
		assert_ok!(Registry::expire_incident(signed(9), new));
		assert_noop!(Registry::expire_incident(signed(9), old), Error::<Test>::DeadlineNotReached);
		uphold(old);
	});
}

// ------------------------------------------------------------------ flags

#[test]
fn a_fixed_version_clears_the_flag_and_sales_resume_once_the_bond_is_whole() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		publish(1, m, 1);
		let id = report(4, m, Some(1), Severity::High);
		uphold(id);
		assert_noop!(Registry::purchase_license(signed(2), m, 1, 10), Error::<Test>::ModelFlagged);
		clear_events();
		publish(1, m, 2);
		assert_eq!(
			events(),
			vec![
				Event::VersionPublished {
					model: m,
					version: 2,
					content_hash: hash(102),
					contributors: 0,
					deposit: VERSION_DEPOSIT,
				},
				Event::FlagCleared { model: m, by_version: Some(2) },
			]
		);
		assert_eq!(info(m).flag, None);
		// The reward spent half the bond: top it up to sell again.
		assert_noop!(Registry::purchase_license(signed(2), m, 1, 10), Error::<Test>::BondTooLow);
		assert_ok!(Registry::post_bond(signed(1), m));
		assert_ok!(Registry::purchase_license(signed(2), m, 1, 10));
		// A version on an unflagged model clears nothing.
		clear_events();
		publish(1, m, 3);
		assert_eq!(events().len(), 1);
	});
}

#[test]
fn governance_publishing_a_fix_clears_the_flag_too() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		uphold(report(4, m, None, Severity::Critical));
		assert_ok!(Registry::publish_version(gov(m), m, 1, hash(60), None, vec![]));
		assert_eq!(last_event(), Event::FlagCleared { model: m, by_version: Some(1) });
	});
}

#[test]
fn only_the_arbiter_clears_a_flag() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		assert_noop!(Registry::clear_flag(root(), m), Error::<Test>::NotFlagged);
		uphold(report(4, m, None, Severity::Critical));
		assert_noop!(Registry::clear_flag(signed(1), m), DispatchError::BadOrigin);
		assert_noop!(Registry::clear_flag(gov(m), m), DispatchError::BadOrigin);
		assert_noop!(Registry::clear_flag(root(), 99), Error::<Test>::UnknownModel);
		assert_ok!(Registry::clear_flag(root(), m));
		assert_eq!(last_event(), Event::FlagCleared { model: m, by_version: None });
		assert_eq!(info(m).flag, None);
		assert_noop!(Registry::clear_flag(root(), m), Error::<Test>::NotFlagged);
	});
}

#[test]
fn derivatives_show_an_inherited_flag() {
	test(|| {
		let a = register(1, 1, &[], 10, free_terms());
		let child = register(2, 2, &[(a, 10)], 10, per_use(10));
		buy(3, child, 1);
		let grand = register(3, 3, &[(child, 10)], 10, per_use(10));
		let other = register(4, 4, &[], 10, per_use(10));
		uphold(report(5, a, None, Severity::High));

		assert_eq!(
			Registry::lineage(child),
			vec![LineageEdge {
				child,
				parent: a,
				relation: Relation::Finetune,
				distance: 1,
				parent_flagged: true
			}]
		);
		assert_eq!(
			Registry::lineage(grand),
			vec![
				LineageEdge {
					child: grand,
					parent: child,
					relation: Relation::Finetune,
					distance: 1,
					parent_flagged: false
				},
				LineageEdge {
					child,
					parent: a,
					relation: Relation::Finetune,
					distance: 2,
					parent_flagged: true
				},
			]
		);
		let summary = Registry::model_summary(child).unwrap();
		assert_eq!((summary.ancestor_flagged, summary.flagged), (true, false));
		assert!(Registry::model_summary(grand).unwrap().ancestor_flagged);
		let summary = Registry::model_summary(a).unwrap();
		assert_eq!((summary.ancestor_flagged, summary.flagged), (false, true));
		assert!(<Registry as ModelRisk>::is_flagged(a));
		assert!(<Registry as ModelRisk>::is_flagged(child));
		assert!(<Registry as ModelRisk>::is_flagged(grand));
		assert!(!<Registry as ModelRisk>::is_flagged(other));
		assert!(!<Registry as ModelRisk>::is_flagged(99));
		// The inherited flag is reported, not enforced: the derivative still sells.
		buy(6, child, 1);

		assert_ok!(Registry::clear_flag(root(), a));
		assert!(!Registry::model_summary(child).unwrap().ancestor_flagged);
		assert!(!<Registry as ModelRisk>::is_flagged(grand));
	});
}
