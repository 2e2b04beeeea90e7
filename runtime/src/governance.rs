//! Governance parameters of the runtime: which track each call is decided on, the rules
//! of each track for the `development` preset (short, so that tests run) and for
//! production-like chains (`local_testnet`, and chains upgraded from spec 105), and the
//! bounds `set_rules` keeps them in.

use crate::{Runtime, RuntimeCall, DAYS, HOURS, UNIT};
use alloc::{vec, vec::Vec};
use frame_support::parameter_types;
use modelchain_primitives::{models::ModelStatus, Track};
use pallet_modelchain_dao::{
	tracks::batch_track, ClassifyCall, RulesBounds, SpendLimit, TrackRules,
};
use sp_runtime::Perbill;

/// Maps each runtime call to its track. A call not named here is standard.
///
/// Critical: anything in `System` but remarks (runtime upgrades, storage writes), model
/// ownership and ownership disputes, incident rulings and flags, retiring a model, licence terms that change the
/// royalty floor, the contributor share or whether derivatives are allowed, oracle
/// feeders and keys (resuming a paused key included), lending market parameters and risk
/// categories,
/// reserves and deficits, DEX pool fees, the DAO's rules
/// and spend limit, acting as the treasury, spends above the standard cap, who validates
/// (adding and removing validators, the floor), and anything
/// only Root may call (sudo, scheduler, forced balance changes).
///
/// Emergency: pausing one lending market or the whole pallet (resuming is standard),
/// switching a risk category's zero-LTV flag on, and suspending a real-world asset's
/// record (reinstating it is critical).
pub struct RuntimeTracks;

impl ClassifyCall<RuntimeCall> for RuntimeTracks {
	fn track(call: &RuntimeCall) -> Track {
		use pallet_modelchain_dao::Call as Dao;
		use pallet_modelchain_lending::Call as Lending;
		use pallet_modelchain_models::Call as Models;
		use pallet_modelchain_oracle::Call as Oracle;
		use pallet_utility::Call as Utility;
		match call {
			RuntimeCall::Utility(
				Utility::batch { calls }
				| Utility::batch_all { calls }
				| Utility::force_batch { calls },
			) => batch_track(calls.iter().map(Self::track)),
			RuntimeCall::Utility(_) => Track::Critical,
			RuntimeCall::System(
				frame_system::Call::remark { .. } | frame_system::Call::remark_with_event { .. },
			) => Track::Standard,
			RuntimeCall::System(_)
			| RuntimeCall::Sudo(_)
			| RuntimeCall::Scheduler(_)
			| RuntimeCall::ValidatorSet(_) => Track::Critical,
			RuntimeCall::Balances(
				pallet_balances::Call::force_transfer { .. }
				| pallet_balances::Call::force_set_balance { .. }
				| pallet_balances::Call::force_unreserve { .. }
				| pallet_balances::Call::force_adjust_total_issuance { .. },
			) => Track::Critical,
			RuntimeCall::Models(
				Models::set_model_owner { .. }
				| Models::resolve_ownership_dispute { .. }
				| Models::resolve_incident { .. }
				| Models::clear_flag { .. }
				| Models::set_incident_deadline { .. },
			) => Track::Critical,
			RuntimeCall::Models(Models::set_model_status {
				status: ModelStatus::Retired, ..
			}) => Track::Critical,
			RuntimeCall::Models(Models::set_license_terms { model, terms }) => {
				let protected_change = pallet_modelchain_models::Models::<Runtime>::get(model)
					.map(|info| {
						info.terms.derivative_royalty_floor != terms.derivative_royalty_floor
							|| info.terms.contributor_share != terms.contributor_share
							|| info.terms.derivatives_allowed != terms.derivatives_allowed
					})
					.unwrap_or(true);
				if protected_change {
					Track::Critical
				} else {
					Track::Standard
				}
			}
			RuntimeCall::Oracle(
				Oracle::add_feeder { .. }
				| Oracle::remove_feeder { .. }
				| Oracle::set_key_config { .. }
				| Oracle::remove_key { .. }
				| Oracle::resume_key { .. },
			) => Track::Critical,
			RuntimeCall::Lending(
				Lending::set_market_paused { paused: true, .. }
				| Lending::set_pallet_paused { paused: true },
			) => Track::Emergency,
			RuntimeCall::Lending(Lending::set_category { id, params }) => {
				// Only switching a category's zero-LTV flag on (nothing else changed) is as
				// urgent as a pause; any other change of its values is a market parameter.
				let tightens_only = pallet_modelchain_lending::Categories::<Runtime>::get(id)
					.is_some_and(|c| {
						!c.params.zero_ltv
							&& params.zero_ltv && pallet_modelchain_lending::RiskCategory {
							zero_ltv: false,
							..*params
						} == c.params
					});
				if tightens_only {
					Track::Emergency
				} else {
					Track::Critical
				}
			}
			RuntimeCall::Lending(
				Lending::add_market { .. }
				| Lending::update_market { .. }
				| Lending::withdraw_reserves { .. }
				| Lending::socialise_deficit { .. }
				| Lending::remove_category { .. }
				| Lending::create_leveraged_token { .. },
			) => Track::Critical,
			RuntimeCall::Rwa(pallet_modelchain_rwa::Call::set_status { status, .. }) => {
				match status {
					pallet_modelchain_rwa::RwaStatus::Suspended => Track::Emergency,
					pallet_modelchain_rwa::RwaStatus::Active => Track::Critical,
				}
			}
			RuntimeCall::AssetConversion(
				pallet_asset_conversion::Call::set_pool_fee { .. }
				| pallet_asset_conversion::Call::create_pool_with_fee { .. },
			) => Track::Critical,
			RuntimeCall::Dao(Dao::spend { amount, .. }) => {
				if *amount > pallet_modelchain_dao::TreasurySpendLimit::<Runtime>::get().cap {
					Track::Critical
				} else {
					Track::Standard
				}
			}
			RuntimeCall::Dao(
				Dao::set_rules { .. }
				| Dao::set_spend_limit { .. }
				| Dao::dispatch_as_treasury { .. }
				| Dao::veto { .. },
			) => Track::Critical,
			_ => Track::Standard,
		}
	}
}

parameter_types! {
	/// What `set_rules` accepts: voting 10 blocks (1 minute) to 4 weeks, enactment delay 1
	/// block to 4 weeks, locks 1 block to 8 weeks after the decision, a late-quorum
	/// extension of at most a week, quorum at least 1%, approval at least a simple
	/// majority, a deposit of at least 1 MDL, a threshold of at most 10%.
	pub const DaoRulesBounds: RulesBounds = RulesBounds {
		voting_period: (10, 28 * DAYS),
		enactment_delay: (1, 28 * DAYS),
		lock_period: (1, 56 * DAYS),
		max_late_quorum_extension: 7 * DAYS,
		min_quorum: Perbill::from_percent(1),
		min_approval: Perbill::from_percent(50),
		min_deposit: UNIT,
		max_proposal_threshold: Perbill::from_percent(10),
	};
	/// The rules a chain upgraded from spec 105 starts with: the production ones.
	pub ProductionRules: pallet_modelchain_dao::migrations::v2::DefaultRules =
		(production_chain_rules(), production_model_rules(), production_spend_limit());
}

/// The most blocks the chain DAO needs to enact a critical-track ruling made in the current
/// block (voting, late-quorum extension, enactment delay), plus one: the shortest report
/// deadline the models pallet accepts (`MinIncidentDeadline`), since `resolve_incident` is
/// on that track and must enact before the report expires.
pub struct ChainDaoRulingTime;

impl frame_support::traits::Get<u32> for ChainDaoRulingTime {
	fn get() -> u32 {
		pallet_modelchain_dao::ScopeTrackRules::<Runtime>::get(
			modelchain_primitives::DaoScope::Chain,
			Track::Critical,
		)
		.map(|r| {
			r.voting_period
				.saturating_add(r.late_quorum_extension)
				.saturating_add(r.enactment_delay)
				.saturating_add(1)
		})
		.unwrap_or(1)
	}
}

#[allow(clippy::too_many_arguments)]
const fn rules(
	quorum: u32,
	approval: u32,
	voting_period: u32,
	enactment_delay: u32,
	lock_period: u32,
	late_quorum_extension: u32,
	deposit: u128,
	threshold_per_mille: u32,
) -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(quorum),
		approval: Perbill::from_percent(approval),
		voting_period,
		enactment_delay,
		lock_period,
		late_quorum_extension,
		deposit,
		proposal_threshold: Perbill::from_perthousand(threshold_per_mille),
	}
}

/// Production chain DAO (quorum %, approval %, voting, delay, lock, extension, deposit,
/// threshold ‰ of the total stake): standard 10/50, 3 days of voting, 1 day of delay,
/// locked 7 days after enactment, 100 MDL, 5‰; critical 20/66, 7 days, 3 days, 28 days,
/// 1,000 MDL, 1%; emergency 10/80, 12 hours, 10 blocks, 7 days, 100 MDL, 1%.
pub fn production_chain_rules() -> Vec<(Track, TrackRules)> {
	vec![
		(Track::Standard, rules(10, 50, 3 * DAYS, DAYS, 7 * DAYS, DAYS, 100 * UNIT, 5)),
		(Track::Critical, rules(20, 66, 7 * DAYS, 3 * DAYS, 28 * DAYS, 2 * DAYS, 1_000 * UNIT, 10)),
		(Track::Emergency, rules(10, 80, 12 * HOURS, 10, 7 * DAYS, 0, 100 * UNIT, 10)),
	]
}

/// Production model DAOs (threshold ‰ of the share supply): standard 20/50, 3 days, 1 day,
/// 7 days, 10 MDL, 1%; critical 30/66, 7 days, 3 days, 28 days, 100 MDL, 5%.
pub fn production_model_rules() -> Vec<(Track, TrackRules)> {
	vec![
		(Track::Standard, rules(20, 50, 3 * DAYS, DAYS, 7 * DAYS, DAYS, 10 * UNIT, 10)),
		(Track::Critical, rules(30, 66, 7 * DAYS, 3 * DAYS, 28 * DAYS, 2 * DAYS, 100 * UNIT, 50)),
	]
}

/// Production treasury: standard-track spends pay at most 100,000 MDL per 30 days.
pub fn production_spend_limit() -> SpendLimit {
	SpendLimit { period: 30 * DAYS, cap: 100_000 * UNIT }
}

/// Development chain DAO: the same shape in blocks, short enough for tests: standard
/// 10/50, 100 blocks of voting, 50 of delay, 20 of lock, 10 MDL, 1%; critical 20/66, 100,
/// 50, 50, 100 MDL, 1%; emergency 10/80, 20, 2, 20, 10 MDL, 1%.
pub fn dev_chain_rules() -> Vec<(Track, TrackRules)> {
	vec![
		(Track::Standard, rules(10, 50, 100, 50, 20, 10, 10 * UNIT, 10)),
		(Track::Critical, rules(20, 66, 100, 50, 50, 10, 100 * UNIT, 10)),
		(Track::Emergency, rules(10, 80, 20, 2, 20, 0, 10 * UNIT, 10)),
	]
}

/// Development model DAOs: standard 20/50, 100 blocks, 20, 20, 10 MDL, 1%; critical 30/66,
/// 100, 50, 50, 50 MDL, 5%.
pub fn dev_model_rules() -> Vec<(Track, TrackRules)> {
	vec![
		(Track::Standard, rules(20, 50, 100, 20, 20, 10, 10 * UNIT, 10)),
		(Track::Critical, rules(30, 66, 100, 50, 50, 10, 50 * UNIT, 50)),
	]
}

/// Development treasury: at most 10,000 MDL per 100 blocks on the standard track.
pub fn dev_spend_limit() -> SpendLimit {
	SpendLimit { period: 100, cap: 10_000 * UNIT }
}
