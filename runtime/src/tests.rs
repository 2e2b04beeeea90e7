//! Runtime-level tests: the genesis presets build, and the pallets are wired together.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::{genesis_config_presets::*, *};
use frame_support::genesis_builder_helper::build_state;
use modelchain_primitives::OracleKey;
use sp_keyring::Sr25519Keyring;

/// Applies a preset (a JSON patch) on top of the default genesis, as the node does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

fn ext_from_preset(preset: serde_json::Value) -> sp_io::TestExternalities {
	let mut genesis = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut genesis, preset);
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&genesis).unwrap()).unwrap();
	});
	ext
}

#[test]
fn development_preset_endows_dev_accounts_and_makes_alice_validator_sudo_and_feeder() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(Balances::free_balance(&alice), ENDOWMENT);
		assert_eq!(Balances::free_balance(Sr25519Keyring::Ferdie.to_account_id()), ENDOWMENT);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		assert!(Oracle::is_feeder(&alice));
		let key = OracleKey::AssetPrice(1);
		assert_eq!(
			pallet_modelchain_oracle::KeyConfigs::<Runtime>::get(key).unwrap().min_feeders,
			1
		);
		assert_eq!(Oracle::current_value(&key), None);
	});
}

#[test]
fn local_preset_has_two_validators() {
	ext_from_preset(local_config_genesis()).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
	});
}

#[test]
fn presets_are_listed_and_unknown_ones_refused() {
	let names: Vec<sp_genesis_builder::PresetId> = preset_names();
	assert_eq!(
		names,
		vec![
			sp_genesis_builder::PresetId::from("development"),
			sp_genesis_builder::PresetId::from("local_testnet")
		]
	);
	assert!(genesis_config_presets::get_preset(&"mainnet".into()).is_none());
	assert!(genesis_config_presets::get_preset(&"development".into()).is_some());
}

#[test]
fn metadata_v16_is_offered() {
	assert!(Runtime::metadata_versions().contains(&16));
	assert!(Runtime::metadata_at_version(16).is_some());
}

#[test]
fn a_model_dao_governs_its_own_model_only() {
	use modelchain_primitives::{LicenseKind, LicenseTerms};
	use pallet_modelchain_dao::DaoScope;
	use sp_runtime::Permill;
	ext_from_preset(development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let terms = |price| LicenseTerms {
			kind: LicenseKind::PerUse { price },
			commercial_use: true,
			derivatives_allowed: true,
			ancestor_royalty: Permill::zero(),
			contributor_share: Permill::zero(),
			restrictions_hash: None,
		};
		let register = |byte: u8| {
			Models::register_model(
				RuntimeOrigin::signed(alice.clone()),
				Hash::repeat_byte(byte),
				Default::default(),
				vec![],
				vec![],
				100,
				terms(UNIT),
			)
			.unwrap();
			Models::model_id_of(&Hash::repeat_byte(byte))
		};
		let (a, b) = (register(0xa1), register(0xb2));
		let dao_of_a: RuntimeOrigin = DaoScope::Model(a).into();
		assert!(Models::set_license_terms(dao_of_a.clone(), b, terms(1)).is_err());
		assert_eq!(pallet_modelchain_models::Models::<Runtime>::get(b).unwrap().terms, terms(UNIT));
		assert!(Models::set_license_terms(dao_of_a.clone(), a, terms(7)).is_ok());
		assert_eq!(pallet_modelchain_models::Models::<Runtime>::get(a).unwrap().terms, terms(7));
		// The chain DAO may rule on incidents and administer the oracle; a model DAO may not.
		let chain: RuntimeOrigin = DaoScope::Chain.into();
		assert!(Oracle::add_feeder(dao_of_a, alice.clone()).is_err());
		assert!(Oracle::add_feeder(chain, Sr25519Keyring::Bob.to_account_id()).is_ok());
	});
}
