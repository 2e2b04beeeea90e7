//! Sessions and the governed validator set, wired: presets, the session manager, the call
//! filter, the DAO track, and the migration of a chain that had genesis authorities.

use super::*;
use crate::{migrations::AuthoritiesToSessions, opaque::SessionKeys, validators::register_keys};
use frame_support::{assert_noop, assert_ok, traits::OnRuntimeUpgrade, BoundedVec};
use pallet_modelchain_dao::ClassifyCall;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_keyring::Ed25519Keyring;
use sp_runtime::traits::Dispatchable;

fn keys_of(who: Sr25519Keyring, grandpa: Ed25519Keyring) -> SessionKeys {
	SessionKeys { aura: AuraId::from(who.public()), grandpa: GrandpaId::from(grandpa.public()) }
}

fn aura() -> Vec<AuraId> {
	pallet_aura::Authorities::<Runtime>::get().into_inner()
}

fn grandpa() -> Vec<GrandpaId> {
	pallet_grandpa::Authorities::<Runtime>::get().iter().map(|(g, _)| g.clone()).collect()
}

#[test]
fn presets_take_their_authorities_from_sessions() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.clone()]);
		assert_eq!(
			pallet_modelchain_validators::Validators::<Runtime>::get().into_inner(),
			vec![alice.clone()]
		);
		assert_eq!(pallet_modelchain_validators::MinValidators::<Runtime>::get(), 1);
		assert_eq!(pallet_modelchain_validators::SessionPeriod::<Runtime>::get(), DAYS);
		assert_eq!(aura(), vec![keys_of(Sr25519Keyring::Alice, Ed25519Keyring::Alice).aura]);
		assert_eq!(grandpa(), vec![GrandpaId::from(Ed25519Keyring::Alice.public())]);
		assert_eq!(ValidatorSet::do_try_state(), Ok(()));
	});
	ext_from_preset(local_config_genesis()).execute_with(|| {
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 2);
		assert_eq!(pallet_modelchain_validators::MinValidators::<Runtime>::get(), 2);
		assert_eq!(pallet_modelchain_validators::SessionPeriod::<Runtime>::get(), HOURS);
		assert_eq!(aura().len(), 2);
		assert_eq!(grandpa().len(), 2);
	});
}

/// The testnet preset with two validators filled in, as `scripts/testnet-spec.sh` does.
fn testnet_with_validators() -> serde_json::Value {
	let mut preset = testnet_config_genesis();
	let validators = [
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		(Sr25519Keyring::Eve, Ed25519Keyring::Eve),
	];
	let keys: Vec<_> = validators
		.iter()
		.map(|(s, e)| (s.to_account_id(), s.to_account_id(), keys_of(*s, *e)))
		.collect();
	preset["session"] = serde_json::json!({ "keys": keys });
	preset["validatorSet"]["validators"] =
		serde_json::json!(validators.iter().map(|(s, _)| s.to_account_id()).collect::<Vec<_>>());
	preset
}

#[test]
fn the_testnet_preset_has_no_sudo_no_dev_account_and_no_validator_until_launch() {
	// Unedited it does not build: pallet-session refuses a genesis without validators.
	let unedited = std::panic::catch_unwind(|| ext_from_preset(testnet_config_genesis()));
	assert!(unedited.is_err());
	ext_from_preset(testnet_with_validators()).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		for dev in Sr25519Keyring::iter() {
			assert_eq!(Balances::free_balance(dev.to_account_id()), 0, "{dev:?} endowed");
		}
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), TREASURY_ENDOWMENT);
		assert_eq!(pallet_modelchain_validators::MinValidators::<Runtime>::get(), 3);
		assert_eq!(aura().len(), 3);
		assert!(pallet_modelchain_oracle::Feeders::<Runtime>::get().is_empty());
		assert!(pallet_assets::Asset::<Runtime>::get(USDM).is_none());
		assert_eq!(ValidatorSet::do_try_state(), Ok(()));
	});
}

/// Rotates one session, as `pallet-session`'s `on_initialize` does at a session's end.
fn rotate() {
	pallet_session::Pallet::<Runtime>::rotate_session();
}

#[test]
fn a_validator_added_by_governance_authors_two_sessions_later_and_a_removed_one_leaves() {
	ext_from_preset(local_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let charlie_keys = keys_of(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie);
		// No keys, no seat.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), charlie.clone()),
			pallet_modelchain_validators::Error::<Runtime>::NoSessionKeys
		);
		assert_ok!(register_keys(&charlie, charlie_keys.clone()));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), charlie.clone()));
		assert_eq!(aura().len(), 2);
		// The next rotation plans it (queued), the one after makes it an authority.
		rotate();
		assert_eq!(aura().len(), 2);
		assert!(pallet_session::QueuedKeys::<Runtime>::get().iter().any(|(v, _)| *v == charlie));
		rotate();
		assert_eq!(aura().len(), 3);
		assert!(aura().contains(&charlie_keys.aura));
		// GRANDPA's change is scheduled (it is enacted when the block is finalised).
		assert!(pallet_grandpa::PendingChange::<Runtime>::get()
			.is_some_and(|c| c.next_authorities.iter().any(|(g, _)| *g == charlie_keys.grandpa)));

		// Alice leaves: two sessions later she no longer authors.
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), alice.clone()));
		rotate();
		rotate();
		assert_eq!(aura().len(), 2);
		assert!(!aura().contains(&keys_of(Sr25519Keyring::Alice, Ed25519Keyring::Alice).aura));
		// The floor (2) holds: Bob cannot be removed too.
		assert_noop!(
			ValidatorSet::remove_validator(
				RuntimeOrigin::root(),
				Sr25519Keyring::Bob.to_account_id()
			),
			pallet_modelchain_validators::Error::<Runtime>::BelowMinimum
		);
		assert_eq!(ValidatorSet::do_try_state(), Ok(()));
	});
}

#[test]
fn members_cannot_purge_their_keys_and_others_purge_through_the_validator_set() {
	ext_from_preset(local_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		// `session.purge_keys` is filtered for everyone, directly and in a batch.
		let purge = RuntimeCall::Session(pallet_session::Call::purge_keys {});
		let filtered = purge.clone().dispatch(RuntimeOrigin::signed(alice.clone()));
		assert_eq!(
			filtered.map_err(|e| e.error),
			Err(frame_system::Error::<Runtime>::CallFiltered.into())
		);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![purge] });
		assert!(batch.dispatch(RuntimeOrigin::signed(alice.clone())).is_err());
		assert!(pallet_session::NextKeys::<Runtime>::contains_key(&alice));
		// A member's own purge is refused.
		assert_noop!(
			ValidatorSet::purge_keys(RuntimeOrigin::signed(alice.clone())),
			pallet_modelchain_validators::Error::<Runtime>::KeysInUse
		);
		// A non-member with keys purges them.
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		assert_ok!(register_keys(&ferdie, keys_of(Sr25519Keyring::Ferdie, Ed25519Keyring::Ferdie)));
		assert_ok!(ValidatorSet::purge_keys(RuntimeOrigin::signed(ferdie.clone())));
		assert!(!pallet_session::NextKeys::<Runtime>::contains_key(&ferdie));
	});
}

#[test]
fn validator_set_calls_are_decided_on_the_critical_track() {
	let who = Sr25519Keyring::Dave.to_account_id();
	for call in [
		pallet_modelchain_validators::Call::add_validator { who: who.clone() },
		pallet_modelchain_validators::Call::remove_validator { who },
		pallet_modelchain_validators::Call::set_min_validators { min: 1 },
	] {
		assert_eq!(
			governance::RuntimeTracks::track(&RuntimeCall::ValidatorSet(call)),
			modelchain_primitives::Track::Critical
		);
	}
}

/// A spec-113 chain: authorities in Aura and GRANDPA storage, no sessions.
fn spec_113_state(validators: &[(Sr25519Keyring, Ed25519Keyring)]) -> sp_io::TestExternalities {
	let mut ext = ext_from_preset(development_config_genesis());
	ext.execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let _ = pallet_session::KeyOwner::<Runtime>::clear(u32::MAX, None);
		pallet_session::NextKeys::<Runtime>::remove(&alice);
		pallet_session::Validators::<Runtime>::kill();
		pallet_session::QueuedKeys::<Runtime>::kill();
		pallet_modelchain_validators::Validators::<Runtime>::kill();
		pallet_modelchain_validators::Planned::<Runtime>::kill();
		pallet_modelchain_validators::MinValidators::<Runtime>::kill();
		pallet_modelchain_validators::SessionPeriod::<Runtime>::kill();
		let aura: Vec<AuraId> = validators.iter().map(|(s, _)| AuraId::from(s.public())).collect();
		let grandpa: Vec<(GrandpaId, u64)> =
			validators.iter().map(|(_, e)| (GrandpaId::from(e.public()), 1)).collect();
		pallet_aura::Authorities::<Runtime>::put(BoundedVec::truncate_from(aura));
		pallet_grandpa::Authorities::<Runtime>::put(frame_support::WeakBoundedVec::force_from(
			grandpa, None,
		));
	});
	ext
}

#[test]
fn the_migration_makes_the_authorities_the_first_validators_once() {
	let pairs = [
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	];
	spec_113_state(&pairs).execute_with(|| {
		let (bob, alice) =
			(Sr25519Keyring::Bob.to_account_id(), Sr25519Keyring::Alice.to_account_id());
		let before = (aura(), grandpa());
		AuthoritiesToSessions::on_runtime_upgrade();
		// Session order is the authorities' order, so the first rotation changes nothing.
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![bob.clone(), alice.clone()]);
		let queued = pallet_session::QueuedKeys::<Runtime>::get();
		assert_eq!(
			queued,
			vec![
				(bob.clone(), keys_of(Sr25519Keyring::Bob, Ed25519Keyring::Bob)),
				(alice.clone(), keys_of(Sr25519Keyring::Alice, Ed25519Keyring::Alice)),
			]
		);
		let mut sorted = vec![bob.clone(), alice.clone()];
		sorted.sort();
		assert_eq!(pallet_modelchain_validators::Validators::<Runtime>::get().into_inner(), sorted);
		assert_eq!(pallet_modelchain_validators::Planned::<Runtime>::get().into_inner(), sorted);
		assert_eq!(pallet_modelchain_validators::MinValidators::<Runtime>::get(), 2);
		assert_eq!(ValidatorSet::do_try_state(), Ok(()));
		// Again: nothing changes.
		AuthoritiesToSessions::on_runtime_upgrade();
		assert_eq!(pallet_session::QueuedKeys::<Runtime>::get(), queued);
		// Rotations keep the same authorities, in the same order.
		rotate();
		rotate();
		assert_eq!((aura(), grandpa()), before);
		assert!(pallet_grandpa::PendingChange::<Runtime>::get().is_none());
		// And the migrated validators are governed like any: one more joins.
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(register_keys(
			&charlie,
			keys_of(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie)
		));
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), charlie));
		rotate();
		rotate();
		assert_eq!(aura().len(), 3);
	});
}

#[test]
fn the_migration_leaves_unpairable_authorities_alone() {
	spec_113_state(&[(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]).execute_with(|| {
		pallet_grandpa::Authorities::<Runtime>::kill();
		AuthoritiesToSessions::on_runtime_upgrade();
		assert!(pallet_session::Validators::<Runtime>::get().is_empty());
		assert!(pallet_modelchain_validators::Validators::<Runtime>::get().is_empty());
	});
}

#[test]
fn the_validator_set_builds_and_hooks_before_the_session_pallet() {
	use frame_support::traits::PalletsInfoAccess;
	// Genesis and hooks run in pallet-index order: the session pallet's genesis asks the
	// validator set for its genesis set, so the validator set's must be built first.
	let names: Vec<_> = AllPalletsWithSystem::infos().into_iter().map(|i| i.name).collect();
	let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
	assert!(at("ValidatorSet") < at("Session"));
}
