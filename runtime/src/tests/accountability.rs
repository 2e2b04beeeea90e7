//! The chain DAO is the models pallet's arbiter (`IncidentOrigin`), and `resolve_incident`
//! goes on its critical track. A report that waits less than that track takes to decide
//! and enact would always expire first: its bond would come back and no model would ever
//! be flagged. Every preset must leave the DAO time to rule.

use super::*;
use modelchain_primitives::{DaoScope, Track};

/// The most blocks a critical chain proposal made in the report's block takes to enact.
fn critical_ruling_blocks() -> u32 {
	let rules =
		pallet_modelchain_dao::ScopeTrackRules::<Runtime>::get(DaoScope::Chain, Track::Critical)
			.expect("every preset sets the chain's critical track");
	rules
		.voting_period
		.saturating_add(rules.late_quorum_extension)
		.saturating_add(rules.enactment_delay)
}

#[test]
fn the_chain_dao_can_rule_before_a_report_expires_on_every_preset() {
	for (name, preset) in
		[("development", development_config_genesis()), ("local_testnet", local_config_genesis())]
	{
		ext_from_preset(preset).execute_with(|| {
			let deadline = pallet_modelchain_models::Pallet::<Runtime>::incident_deadline();
			let ruling = critical_ruling_blocks();
			assert!(
				deadline > ruling,
				"{name}: reports expire after {deadline} blocks, a DAO ruling needs {ruling}"
			);
		});
	}
	// The numbers the docs state.
	ext_from_preset(development_config_genesis()).execute_with(|| {
		assert_eq!(pallet_modelchain_models::Pallet::<Runtime>::incident_deadline(), 200);
		assert_eq!(critical_ruling_blocks(), 160);
	});
	ext_from_preset(local_config_genesis()).execute_with(|| {
		assert_eq!(pallet_modelchain_models::Pallet::<Runtime>::incident_deadline(), 14 * DAYS);
		assert_eq!(critical_ruling_blocks(), 12 * DAYS);
	});
}
