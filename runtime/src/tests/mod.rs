//! Runtime-level tests: the genesis presets build, and the pallets are wired together.
//! The DEX's are in [`dex`].

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::{genesis_config_presets::*, *};
use frame_support::genesis_builder_helper::build_state;
use modelchain_primitives::OracleKey;
use sp_keyring::Sr25519Keyring;

mod accountability;
mod dex;
mod leverage;
mod metadata_docs;
mod rwa;
mod share_collateral;
mod validators;
mod weights;

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

pub(crate) fn ext_from_preset(preset: serde_json::Value) -> sp_io::TestExternalities {
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
		assert_eq!(Oracle::key_state(&key).unwrap().config.min_feeders, 1);
		assert_eq!(Oracle::current_value(&key), None);
	});
}

/// The oracle keys a preset configures, in key order.
fn configured_oracle_keys() -> Vec<(OracleKey, pallet_modelchain_oracle::KeyConfig)> {
	let mut keys: Vec<_> = pallet_modelchain_oracle::Keys::<Runtime>::iter()
		.map(|(key, state)| (key, state.config))
		.collect();
	keys.sort_by_key(|(key, _)| *key);
	keys
}

#[test]
fn local_preset_has_two_validators_and_an_oracle_no_single_feeder_controls() {
	ext_from_preset(local_config_genesis()).execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 2);
		// Five feeders and three fresh feeds per price: honest ones outvote a rogue even
		// with two of them offline.
		let mut expected: Vec<AccountId> = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
			Sr25519Keyring::Eve,
		]
		.iter()
		.map(|who| who.to_account_id())
		.collect();
		expected.sort();
		assert_eq!(pallet_modelchain_oracle::Feeders::<Runtime>::get().into_inner(), expected);
		let guarded = |min_value, max_value| pallet_modelchain_oracle::KeyConfig {
			min_feeders: 3,
			max_age: 30_000,
			min_value: Some(min_value),
			max_value: Some(max_value),
			max_deviation: Some(sp_runtime::Permill::from_percent(50)),
		};
		assert_eq!(
			configured_oracle_keys(),
			vec![
				// MDL between $0.0001 and $1,000,000.
				(
					OracleKey::AssetPrice(NATIVE_PRICE_KEY),
					guarded(Price::from_rational(1, 10_000), Price::from_u32(1_000_000))
				),
				// USDM between $0.50 and $2.
				(
					OracleKey::AssetPrice(USDM),
					guarded(Price::from_rational(1, 2), Price::from_u32(2))
				),
				// Gold (the XAU feed) between $100 and $100,000 an ounce.
				(
					OracleKey::AssetPrice(XAU),
					guarded(Price::from_u32(100), Price::from_u32(100_000))
				),
			]
		);
		// Every key needs two feeds and has both bounds.
		for (key, config) in configured_oracle_keys() {
			assert!(config.min_feeders >= 2, "{key:?}");
			assert!(config.min_value.is_some() && config.max_value.is_some(), "{key:?}");
		}
	});
}

#[test]
fn development_preset_has_one_feeder_and_one_feed_makes_a_price() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		assert_eq!(
			pallet_modelchain_oracle::Feeders::<Runtime>::get().into_inner(),
			vec![Sr25519Keyring::Alice.to_account_id()]
		);
		let dev_key = pallet_modelchain_oracle::KeyConfig {
			min_feeders: 1,
			max_age: 30_000,
			min_value: None,
			max_value: None,
			max_deviation: Some(sp_runtime::Permill::from_percent(50)),
		};
		assert_eq!(
			configured_oracle_keys(),
			vec![
				(OracleKey::AssetPrice(NATIVE_PRICE_KEY), dev_key),
				(OracleKey::AssetPrice(USDM), dev_key),
				(OracleKey::AssetPrice(XAU), dev_key),
			]
		);
	});
}

#[test]
fn presets_are_listed_and_unknown_ones_refused() {
	let names: Vec<sp_genesis_builder::PresetId> = preset_names();
	assert_eq!(
		names,
		vec![
			sp_genesis_builder::PresetId::from("development"),
			sp_genesis_builder::PresetId::from("local_testnet"),
			sp_genesis_builder::PresetId::from("testnet")
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
			derivative_royalty_floor: Permill::zero(),
			contributor_share: Permill::zero(),
			restrictions_hash: None,
		};
		// Commit both registrations in block 1, reveal them in block 2.
		let salt = Hash::repeat_byte(0x5a);
		for byte in [0xa1, 0xb2] {
			let commitment = Models::commitment_of(&Hash::repeat_byte(byte), &alice, &salt);
			Models::commit_registration(RuntimeOrigin::signed(alice.clone()), commitment).unwrap();
		}
		System::set_block_number(2);
		let register = |byte: u8| {
			Models::register_model(
				RuntimeOrigin::signed(alice.clone()),
				Hash::repeat_byte(byte),
				salt,
				Default::default(),
				vec![],
				vec![],
				100,
				terms(UNIT),
			)
			.unwrap();
			pallet_modelchain_models::ModelByHash::<Runtime>::get(Hash::repeat_byte(byte)).unwrap()
		};
		let (a, b) = (register(0xa1), register(0xb2));
		assert_eq!((a, b), (1, 2), "ids come from a counter");
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

#[test]
fn lending_uses_the_real_oracle_and_refuses_risk_on_an_expired_price() {
	use modelchain_primitives::LendingAsset;
	use pallet_modelchain_dao::DaoScope;
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let [alice, bob, charlie] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.map(|k| k.to_account_id());
		let usdm = LendingAsset::Asset(USDM);
		let feed = |block: u32, now: u64, mdl: Price| {
			System::set_block_number(block);
			pallet_timestamp::Now::<Runtime>::put(now);
			let values = vec![
				(OracleKey::AssetPrice(NATIVE_PRICE_KEY), mdl),
				(OracleKey::AssetPrice(USDM), Price::from_u32(1)),
			];
			Oracle::feed_values(RuntimeOrigin::signed(alice.clone()), values.try_into().unwrap())
				.unwrap();
		};
		let start = 1_780_000_000_000;
		feed(1, start, Price::from_u32(2));
		// The pool holds the native existential deposit from genesis.
		assert_eq!(Balances::free_balance(Lending::pool_account()), EXISTENTIAL_DEPOSIT);

		Lending::supply(RuntimeOrigin::signed(bob.clone()), usdm, 10_000 * USDM_UNIT).unwrap();
		Lending::supply(RuntimeOrigin::signed(charlie.clone()), LendingAsset::Native, 1_000 * UNIT)
			.unwrap();
		Lending::enable_collateral(RuntimeOrigin::signed(charlie.clone()), LendingAsset::Native)
			.unwrap();
		// $2,000 of MDL at a 60 % collateral factor: at most 1,200 USDM.
		assert!(Lending::borrow(
			RuntimeOrigin::signed(charlie.clone()),
			usdm,
			1_200 * USDM_UNIT + 1
		)
		.is_err());
		Lending::borrow(RuntimeOrigin::signed(charlie.clone()), usdm, 1_000 * USDM_UNIT).unwrap();
		assert_eq!(Assets::balance(USDM, &charlie), 1_001_000 * USDM_UNIT);

		// 31 s later the oracle no longer serves the prices (their keys live 30 s): the
		// markets' copies of the price points have expired, so the prices are stale.
		System::set_block_number(2);
		pallet_timestamp::Now::<Runtime>::put(start + 31_000);
		let refused = Lending::borrow(RuntimeOrigin::signed(charlie.clone()), usdm, USDM_UNIT);
		assert_eq!(
			refused.map_err(|e| e.error),
			Err(pallet_modelchain_lending::Error::<Runtime>::PriceStale.into())
		);
		Lending::repay(RuntimeOrigin::signed(charlie.clone()), usdm, 100 * USDM_UNIT).unwrap();
		feed(3, start + 32_000, Price::from_u32(2));
		Lending::borrow(RuntimeOrigin::signed(charlie.clone()), usdm, USDM_UNIT).unwrap();

		// Markets are administered by Root or the chain DAO, never by a model DAO.
		let params = pallet_modelchain_lending::Markets::<Runtime>::get(usdm).unwrap().params;
		let model_dao: RuntimeOrigin = DaoScope::Model(7).into();
		assert!(Lending::update_market(model_dao, usdm, params).is_err());
		let chain: RuntimeOrigin = DaoScope::Chain.into();
		assert!(Lending::set_market_paused(chain, usdm, true).is_ok());
	});
}

#[test]
fn each_call_is_put_on_its_track() {
	use modelchain_primitives::{
		models::ModelStatus, LendingAsset, LicenseKind, LicenseTerms, Track,
	};
	use pallet_modelchain_dao::ClassifyCall;
	use sp_runtime::Permill;
	ext_from_preset(development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let terms = |price, floor| LicenseTerms {
			kind: LicenseKind::PerUse { price },
			commercial_use: true,
			derivatives_allowed: true,
			derivative_royalty_floor: Permill::from_percent(floor),
			contributor_share: Permill::zero(),
			restrictions_hash: None,
		};
		let salt = Hash::repeat_byte(0x5a);
		let commitment = Models::commitment_of(&Hash::repeat_byte(0xc1), &alice, &salt);
		Models::commit_registration(RuntimeOrigin::signed(alice.clone()), commitment).unwrap();
		System::set_block_number(2);
		Models::register_model(
			RuntimeOrigin::signed(alice.clone()),
			Hash::repeat_byte(0xc1),
			salt,
			Default::default(),
			vec![],
			vec![],
			100,
			terms(UNIT, 5),
		)
		.unwrap();
		let m =
			pallet_modelchain_models::ModelByHash::<Runtime>::get(Hash::repeat_byte(0xc1)).unwrap();
		let track = |call: RuntimeCall| governance::RuntimeTracks::track(&call);
		let remark = || RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let owner = || {
			RuntimeCall::Models(pallet_modelchain_models::Call::set_model_owner {
				model: m,
				owner: alice.clone(),
			})
		};
		let pause = |paused| {
			RuntimeCall::Lending(pallet_modelchain_lending::Call::set_market_paused {
				asset: LendingAsset::Native,
				paused,
			})
		};
		let spend = |amount| {
			RuntimeCall::Dao(pallet_modelchain_dao::Call::spend { to: alice.clone(), amount })
		};
		let set_terms = |t| {
			RuntimeCall::Models(pallet_modelchain_models::Call::set_license_terms {
				model: m,
				terms: t,
			})
		};
		let batch = |calls| RuntimeCall::Utility(pallet_utility::Call::batch_all { calls });

		assert_eq!(track(remark()), Track::Standard);
		assert_eq!(
			track(RuntimeCall::System(frame_system::Call::set_code { code: vec![] })),
			Track::Critical
		);
		assert_eq!(track(owner()), Track::Critical);
		assert_eq!(
			track(RuntimeCall::Models(pallet_modelchain_models::Call::set_model_status {
				model: m,
				status: ModelStatus::Retired,
			})),
			Track::Critical
		);
		assert_eq!(
			track(RuntimeCall::Models(pallet_modelchain_models::Call::set_model_status {
				model: m,
				status: ModelStatus::Deprecated,
			})),
			Track::Standard
		);
		// Only the price changes: standard. The royalty floor changes: critical.
		assert_eq!(track(set_terms(terms(9 * UNIT, 5))), Track::Standard);
		assert_eq!(track(set_terms(terms(UNIT, 0))), Track::Critical);
		assert_eq!(
			track(RuntimeCall::Oracle(pallet_modelchain_oracle::Call::add_feeder {
				who: alice.clone()
			})),
			Track::Critical
		);
		assert_eq!(
			track(RuntimeCall::Oracle(pallet_modelchain_oracle::Call::resume_key {
				key: OracleKey::AssetPrice(0),
			})),
			Track::Critical
		);
		assert_eq!(
			track(RuntimeCall::Models(pallet_modelchain_models::Call::clear_flag { model: m })),
			Track::Critical
		);
		assert_eq!(
			track(RuntimeCall::Dao(pallet_modelchain_dao::Call::veto {
				id: 0,
				reason_hash: Hash::zero(),
			})),
			Track::Critical
		);
		// A DEX pool's fee is a market parameter; swapping from the treasury is not.
		assert_eq!(
			track(RuntimeCall::AssetConversion(pallet_asset_conversion::Call::set_pool_fee {
				pool_id: (LendingAsset::Native, LendingAsset::Asset(USDM)),
				fee: Permill::from_percent(1),
			})),
			Track::Critical
		);
		assert_eq!(
			track(RuntimeCall::AssetConversion(
				pallet_asset_conversion::Call::swap_exact_tokens_for_tokens {
					path: vec![Box::new(LendingAsset::Native), Box::new(LendingAsset::Asset(USDM))],
					amount_in: UNIT,
					amount_out_min: 1,
					send_to: alice.clone(),
					keep_alive: true,
				}
			)),
			Track::Standard
		);
		assert_eq!(track(pause(true)), Track::Emergency);
		assert_eq!(track(pause(false)), Track::Standard);
		// Risk categories: creating or changing one is critical; only switching its
		// zero-LTV flag on, with nothing else changed, is an emergency.
		let values = pallet_modelchain_lending::RiskCategory {
			collateral_factor: sp_runtime::Permill::from_percent(30),
			liquidation_threshold: sp_runtime::Permill::from_percent(40),
			liquidation_bonus: sp_runtime::Permill::from_percent(10),
			zero_ltv: false,
			debt_ceiling: None,
		};
		let set_category = |params| {
			RuntimeCall::Lending(pallet_modelchain_lending::Call::set_category { id: 3, params })
		};
		assert_eq!(track(set_category(values)), Track::Critical);
		frame_support::assert_ok!(Lending::set_category(RuntimeOrigin::root(), 3, values));
		let frozen = pallet_modelchain_lending::RiskCategory { zero_ltv: true, ..values };
		assert_eq!(track(set_category(frozen)), Track::Emergency);
		let frozen_and_looser = pallet_modelchain_lending::RiskCategory {
			collateral_factor: sp_runtime::Permill::from_percent(35),
			..frozen
		};
		assert_eq!(track(set_category(frozen_and_looser)), Track::Critical);
		assert_eq!(
			track(RuntimeCall::Lending(pallet_modelchain_lending::Call::remove_category { id: 3 })),
			Track::Critical
		);
		let rwa_status = |status| {
			RuntimeCall::Rwa(pallet_modelchain_rwa::Call::set_status { asset: 100_000, status })
		};
		assert_eq!(
			track(rwa_status(pallet_modelchain_rwa::RwaStatus::Suspended)),
			Track::Emergency
		);
		assert_eq!(track(rwa_status(pallet_modelchain_rwa::RwaStatus::Active)), Track::Critical);
		// The dev spend cap is 10,000 MDL.
		assert_eq!(track(spend(10_000 * UNIT)), Track::Standard);
		assert_eq!(track(spend(10_000 * UNIT + 1)), Track::Critical);
		// A batch: its most demanding call; emergency only if all are.
		assert_eq!(track(batch(vec![pause(true), pause(true)])), Track::Emergency);
		assert_eq!(track(batch(vec![pause(true), remark()])), Track::Standard);
		assert_eq!(track(batch(vec![remark(), owner()])), Track::Critical);
		assert_eq!(track(batch(vec![batch(vec![remark(), owner()])])), Track::Critical);
		// Wrapping a critical call to act as the treasury or Root does not lower its track.
		assert_eq!(
			track(RuntimeCall::Dao(pallet_modelchain_dao::Call::dispatch_as_treasury {
				call: Box::new(remark()),
			})),
			Track::Critical
		);
		assert_eq!(
			track(RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
				as_origin: Box::new(frame_system::RawOrigin::Root.into()),
				call: Box::new(remark()),
			})),
			Track::Critical
		);
	});
}

#[test]
fn presets_give_the_dao_short_rules_on_dev_and_days_on_local() {
	use modelchain_primitives::{DaoScope, Track};
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let standard = Dao::rules(DaoScope::Chain, Track::Standard).unwrap();
		assert_eq!(
			(standard.voting_period, standard.enactment_delay, standard.lock_period),
			(100, 50, 20)
		);
		assert_eq!(Dao::rules(DaoScope::Model(1), Track::Emergency), None);
		assert_eq!(pallet_modelchain_dao::TreasurySpendLimit::<Runtime>::get().cap, 10_000 * UNIT);
	});
	ext_from_preset(local_config_genesis()).execute_with(|| {
		let standard = Dao::rules(DaoScope::Chain, Track::Standard).unwrap();
		assert_eq!((standard.voting_period, standard.enactment_delay), (3 * DAYS, DAYS));
		let critical = Dao::rules(DaoScope::Chain, Track::Critical).unwrap();
		assert_eq!((critical.voting_period, critical.lock_period), (7 * DAYS, 28 * DAYS));
		assert_eq!(Dao::rules(DaoScope::Model(1), Track::Critical).unwrap().deposit, 100 * UNIT);
		// Every preset rule is inside the bounds set_rules enforces.
		for track in [Track::Standard, Track::Critical, Track::Emergency] {
			let rules = Dao::rules(DaoScope::Chain, track).unwrap();
			assert!(governance::DaoRulesBounds::get().admit(&rules));
		}
	});
}

/// The metadata hash a mode-1 signer computes includes the token's symbol and decimals, which
/// `build.rs` passes to the wasm builder (it cannot import them): they must be the chain's.
#[test]
fn the_metadata_hash_is_built_with_the_chains_token() {
	let build = include_str!("../../build.rs");
	let expected = alloc::format!(".enable_metadata_hash(\"{TOKEN_SYMBOL}\", {TOKEN_DECIMALS})");
	assert!(build.contains(&expected), "runtime/build.rs must call {expected}");
}
