//! The chain DAO is the models pallet's arbiter (`IncidentOrigin`), and `resolve_incident`
//! goes on its critical track. A report that waits less than that track takes to decide
//! and enact would always expire first: its bond would come back and no model would ever
//! be flagged. Every preset must leave the DAO time to rule, and the arbiter cannot set a
//! shorter deadline later.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::Get};

#[test]
fn the_chain_dao_can_rule_before_a_report_expires_on_every_preset() {
	for (name, preset) in
		[("development", development_config_genesis()), ("local_testnet", local_config_genesis())]
	{
		ext_from_preset(preset).execute_with(|| {
			let deadline = pallet_modelchain_models::Pallet::<Runtime>::incident_deadline();
			let ruling = governance::ChainDaoRulingTime::get();
			assert!(
				deadline >= ruling,
				"{name}: reports expire after {deadline} blocks, a DAO ruling needs {ruling}"
			);
		});
	}
	// The numbers the docs state: voting + extension + delay, plus the block of the report.
	ext_from_preset(development_config_genesis()).execute_with(|| {
		assert_eq!(pallet_modelchain_models::Pallet::<Runtime>::incident_deadline(), 200);
		assert_eq!(governance::ChainDaoRulingTime::get(), 100 + 10 + 50 + 1);
	});
	ext_from_preset(local_config_genesis()).execute_with(|| {
		assert_eq!(pallet_modelchain_models::Pallet::<Runtime>::incident_deadline(), 14 * DAYS);
		assert_eq!(governance::ChainDaoRulingTime::get(), 12 * DAYS + 1);
	});
}

#[test]
fn the_arbiter_cannot_set_a_deadline_it_could_not_meet() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let root = RuntimeOrigin::root();
		assert_noop!(
			Models::set_incident_deadline(root.clone(), 160),
			pallet_modelchain_models::Error::<Runtime>::InvalidDeadline
		);
		assert_ok!(Models::set_incident_deadline(root, 161));
		assert_eq!(pallet_modelchain_models::Pallet::<Runtime>::incident_deadline(), 161);
	});
}
