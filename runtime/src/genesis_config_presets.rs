//! Genesis presets served through the `GenesisBuilder` runtime API.
//!
//! - `development`: one validator (Alice), Alice is sudo, the well-known dev accounts are
//!   endowed. Used by `--dev`. Alice is the oracle's only feeder and one feed makes a price
//!   (`min_feeders` 1, no bounds): a dev chain trusts its one operator, and tests can move
//!   prices freely. One feeder sets every price here; never run real value on it.
//! - `local_testnet`: two validators (Alice, Bob), for `--chain local` and zombienet. Five
//!   feeders (Alice, Bob, Charlie, Dave, Eve), three fresh feeds needed for a price
//!   (`min_feeders` 3: a served value is never one rogue feeder's, even with two offline),
//!   and bounds on every key, so no single feeder can set or move a price.
//!
//! - `testnet`: a public network's starting point (see [`testnet_config_genesis`]): no
//!   sudo, no dev account, validators filled in by the operators who launch it.
//!
//! In `development` and `local_testnet`, the validators' session keys and the validator set
//! come from one list (the Aura and GRANDPA genesis lists stay empty: the authorities come
//! from sessions), and:
//! - the price keys of the native token (`AssetPrice(0)`), of asset 1 and of asset 2 (the
//!   XAU feed: dollars per troy ounce of gold) are configured, with a deviation guard;
//! - asset 1 is USDM, a 6-decimal dollar stablecoin (sufficient, owned by Alice); every
//!   endowed account holds 1,000,000 USDM;
//! - asset 2 is mXAU, tokenised gold (6 decimals, one token per troy ounce, sufficient,
//!   owned by Alice); every endowed account holds 100 mXAU;
//! - lending markets are open for MDL, USDM and mXAU;
//! - the treasury starts with 1,000,000 MDL, 1,000,000 USDM and 1,000 mXAU and provides the
//!   DEX pools' first liquidity: MDL/USDM 100,000/100,000 and MDL/mXAU 100,000/50 (one
//!   dollar per MDL, $2,000 an ounce); the DAO holds the LP tokens. A 2× gold token is one
//!   `create_leveraged_token` (gold collateral, USDM debt) away;
//! - incident reports wait `DEV_INCIDENT_DEADLINE` (200) blocks for a ruling on `development`,
//!   the runtime's default of two weeks on `local_testnet`;
//! - the DAO's track rules are `crate::governance`'s development ones (voting for 100
//!   blocks) on `development`, and its production ones (voting for days) on
//!   `local_testnet`.

use crate::{AccountId, Balance, UNIT};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use modelchain_primitives::{AssetId, LendingAsset, OracleKey, Price};
use pallet_modelchain_lending::{MarketParams, RateModel};
use pallet_modelchain_oracle::KeyConfig;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Permill;

/// What each endowed dev account starts with: one million tokens.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// The demo stablecoin's asset id.
pub const USDM: AssetId = 1;
/// One USDM.
pub const USDM_UNIT: Balance = 1_000_000;
/// A dev chain's incident reports wait 200 blocks for a ruling (a testnet uses the runtime's
/// default of two weeks): enough for the chain DAO, the arbiter, to rule on the critical
/// track (100 blocks of voting, up to 10 of extension, 50 of delay) with 40 blocks to
/// propose, and short enough for a test to show a bond returned after the deadline.
pub const DEV_INCIDENT_DEADLINE: u32 = 200;
/// The chain treasury's starting capital, part of which seeds the MDL/USDM pool, so the
/// DAO owns the pool's first liquidity (and its LP tokens).
pub const TREASURY_ENDOWMENT: Balance = 1_000_000 * UNIT;
/// The treasury's starting USDM.
pub const TREASURY_USDM: Balance = 1_000_000 * USDM_UNIT;
/// The MDL/USDM pool's first liquidity: 100,000 MDL against 100,000 USDM, one dollar per MDL.
pub const POOL_MDL: Balance = 100_000 * UNIT;
/// See [`POOL_MDL`].
pub const POOL_USDM: Balance = 100_000 * USDM_UNIT;
/// The oracle key of the native token's price.
pub const NATIVE_PRICE_KEY: AssetId = 0;
/// The demo tokenised gold's asset id, and its oracle key (the XAU feed: dollars per troy
/// ounce).
pub const XAU: AssetId = 2;
/// One mXAU: one troy ounce.
pub const XAU_UNIT: Balance = 1_000_000;
/// What each endowed account starts with: 100 ounces.
pub const XAU_ENDOWMENT: Balance = 100 * XAU_UNIT;
/// The treasury's starting gold.
pub const TREASURY_XAU: Balance = 1_000 * XAU_UNIT;
/// The MDL/mXAU pool's first liquidity: 100,000 MDL against 50 ounces, $2,000 an ounce.
pub const POOL_XAU_MDL: Balance = 100_000 * UNIT;
/// See [`POOL_XAU_MDL`].
pub const POOL_XAU: Balance = 50 * XAU_UNIT;

/// The validators of a preset and how their set is run.
struct ValidatorGenesis {
	/// Each validator's account and session keys.
	validators: Vec<(AccountId, AuraId, GrandpaId)>,
	/// The floor: no removal leaves fewer.
	min_validators: u32,
	/// Blocks per session.
	session_period: u32,
}

impl ValidatorGenesis {
	/// `session.keys` and `validator_set`, from one list: the authorities come from sessions
	/// (Aura's and GRANDPA's own genesis lists stay empty).
	fn patch(&self) -> Value {
		let keys: Vec<_> = self
			.validators
			.iter()
			.map(|(who, aura, grandpa)| {
				(
					who.clone(),
					who.clone(),
					crate::opaque::SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() },
				)
			})
			.collect();
		build_struct_json_patch!(crate::RuntimeGenesisConfig {
			session: pallet_session::GenesisConfig { keys },
			validator_set: pallet_modelchain_validators::GenesisConfig {
				validators: self.validators.iter().map(|v| v.0.clone()).collect::<Vec<_>>(),
				min_validators: self.min_validators,
				session_period: self.session_period,
			},
		})
	}
}

/// Merges JSON object `extra` into `base`, key by key (the two patches name different
/// pallets).
fn merge(mut base: Value, extra: Value) -> Value {
	if let (Value::Object(b), Value::Object(e)) = (&mut base, extra) {
		b.extend(e);
	}
	base
}

/// The genesis patch shared by the `development` and `local_testnet` presets.
fn modelchain_genesis(
	validators: ValidatorGenesis,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	oracle: OracleSet,
	incident_deadline: u32,
	governance: Governance,
) -> Value {
	let treasury = <crate::TreasuryAccount as frame_support::traits::Get<AccountId>>::get();
	let patch = build_struct_json_patch!(crate::RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, ENDOWMENT))
				.chain([(treasury.clone(), TREASURY_ENDOWMENT)])
				.collect::<Vec<_>>(),
		},
		sudo: pallet_sudo::GenesisConfig { key: Some(root.clone()) },
		assets: pallet_assets::GenesisConfig {
			assets: vec![(USDM, root.clone(), true, 1), (XAU, root.clone(), true, 1)],
			metadata: vec![
				(USDM, b"Modelchain USD".to_vec(), b"USDM".to_vec(), 6),
				(XAU, b"Modelchain Gold (troy ounce)".to_vec(), b"mXAU".to_vec(), 6),
			],
			accounts: endowed_accounts
				.iter()
				.cloned()
				.flat_map(|k| [(USDM, k.clone(), 1_000_000 * USDM_UNIT), (XAU, k, XAU_ENDOWMENT)])
				.chain([
					(USDM, treasury.clone(), TREASURY_USDM),
					(XAU, treasury.clone(), TREASURY_XAU)
				])
				.collect::<Vec<_>>(),
		},
		asset_conversion: pallet_asset_conversion::GenesisConfig {
			pools: vec![
				(
					LendingAsset::Native,
					LendingAsset::Asset(USDM),
					treasury.clone(),
					POOL_MDL,
					POOL_USDM,
				),
				(LendingAsset::Native, LendingAsset::Asset(XAU), treasury, POOL_XAU_MDL, POOL_XAU),
			],
		},
		oracle: pallet_modelchain_oracle::GenesisConfig {
			feeders: oracle.feeders,
			keys: vec![
				(OracleKey::AssetPrice(NATIVE_PRICE_KEY), oracle.native_key),
				(OracleKey::AssetPrice(USDM), oracle.usdm_key),
				(OracleKey::AssetPrice(XAU), oracle.xau_key),
			],
		},
		models: pallet_modelchain_models::GenesisConfig { incident_deadline },
		dao: pallet_modelchain_dao::GenesisConfig {
			chain_rules: governance.chain_rules,
			model_rules: governance.model_rules,
			spend_limit: governance.spend_limit,
		},
		lending: pallet_modelchain_lending::GenesisConfig {
			markets: vec![
				(LendingAsset::Native, native_market()),
				(LendingAsset::Asset(USDM), stablecoin_market()),
				(LendingAsset::Asset(XAU), gold_market()),
			],
		},
	});
	merge(patch, validators.patch())
}

/// 2 % a year at no utilisation, +10 % up to 80 %, then +300 % (Parallel's curve), capped
/// at 500 %.
fn demo_rate_model() -> RateModel {
	RateModel {
		base_rate: Price::from_rational(2, 100),
		multiplier: Price::from_rational(10, 100),
		jump_multiplier: Price::from_rational(300, 100),
		kink: Permill::from_percent(80),
		max_rate: Price::from_rational(500, 100),
	}
}

/// MDL: volatile, so 60 % LTV, liquidation at 70 %, an 8 % bonus.
fn native_market() -> MarketParams {
	MarketParams {
		collateral_factor: Permill::from_percent(60),
		liquidation_threshold: Permill::from_percent(70),
		liquidation_bonus: Permill::from_percent(8),
		protocol_liquidation_share: Permill::from_percent(10),
		reserve_factor: Permill::from_percent(15),
		supply_cap: 10_000_000 * UNIT,
		borrow_cap: 5_000_000 * UNIT,
		min_borrow: UNIT,
		rate_model: demo_rate_model(),
		max_price_age: 60_000,
		price_key: NATIVE_PRICE_KEY,
		decimals: 12,
		category: None,
		stale_write_down: None,
	}
}

/// USDM: 80 % LTV, liquidation at 85 %, a 5 % bonus.
fn stablecoin_market() -> MarketParams {
	MarketParams {
		collateral_factor: Permill::from_percent(80),
		liquidation_threshold: Permill::from_percent(85),
		liquidation_bonus: Permill::from_percent(5),
		protocol_liquidation_share: Permill::from_percent(10),
		reserve_factor: Permill::from_percent(10),
		supply_cap: 50_000_000 * USDM_UNIT,
		borrow_cap: 40_000_000 * USDM_UNIT,
		min_borrow: USDM_UNIT,
		rate_model: demo_rate_model(),
		max_price_age: 60_000,
		price_key: USDM,
		decimals: 6,
		category: None,
		stale_write_down: None,
	}
}

/// Gold: 70 % LTV, liquidation at 75 %, a 6 % bonus.
fn gold_market() -> MarketParams {
	MarketParams {
		collateral_factor: Permill::from_percent(70),
		liquidation_threshold: Permill::from_percent(75),
		liquidation_bonus: Permill::from_percent(6),
		protocol_liquidation_share: Permill::from_percent(10),
		reserve_factor: Permill::from_percent(10),
		supply_cap: 100_000 * XAU_UNIT,
		borrow_cap: 50_000 * XAU_UNIT,
		min_borrow: XAU_UNIT / 100,
		rate_model: demo_rate_model(),
		max_price_age: 60_000,
		price_key: XAU,
		decimals: 6,
		category: None,
		stale_write_down: None,
	}
}

/// Who feeds the oracle and how its three price keys are configured.
/// The DAO's rules in a preset.
struct Governance {
	chain_rules: Vec<(modelchain_primitives::Track, pallet_modelchain_dao::TrackRules)>,
	model_rules: Vec<(modelchain_primitives::Track, pallet_modelchain_dao::TrackRules)>,
	spend_limit: pallet_modelchain_dao::SpendLimit,
}

/// Short periods, so that tests can run a proposal to its end.
fn dev_governance() -> Governance {
	Governance {
		chain_rules: crate::governance::dev_chain_rules(),
		model_rules: crate::governance::dev_model_rules(),
		spend_limit: crate::governance::dev_spend_limit(),
	}
}

/// Days, not minutes.
fn production_governance() -> Governance {
	Governance {
		chain_rules: crate::governance::production_chain_rules(),
		model_rules: crate::governance::production_model_rules(),
		spend_limit: crate::governance::production_spend_limit(),
	}
}

struct OracleSet {
	feeders: Vec<AccountId>,
	native_key: KeyConfig,
	usdm_key: KeyConfig,
	xau_key: KeyConfig,
}

/// A price key of the dev chain: one fresh feed suffices, feeds live 30 s, a jump of more
/// than 50 % pauses it, no bounds.
fn dev_price_key() -> KeyConfig {
	KeyConfig {
		min_feeders: 1,
		max_age: 30_000,
		min_value: None,
		max_value: None,
		max_deviation: Some(Permill::from_percent(50)),
	}
}

/// The dev chain's oracle: Alice alone.
fn dev_oracle() -> OracleSet {
	OracleSet {
		feeders: vec![Sr25519Keyring::Alice.to_account_id()],
		native_key: dev_price_key(),
		usdm_key: dev_price_key(),
		xau_key: dev_price_key(),
	}
}

/// The local testnet's oracle: five feeders, three fresh feeds for a price, and bounds on
/// every key (MDL between $0.0001 and $1,000,000; the stablecoin between $0.50 and $2;
/// gold between $100 and $100,000 an ounce).
/// With at least three feeds the lower-middle median is never the one extreme a single
/// rogue feeder can set; with only two it would be the lower of them.
fn local_oracle() -> OracleSet {
	let guarded = |min_value: Price, max_value: Price| KeyConfig {
		min_feeders: 3,
		max_age: 30_000,
		min_value: Some(min_value),
		max_value: Some(max_value),
		max_deviation: Some(Permill::from_percent(50)),
	};
	OracleSet {
		feeders: vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
			Sr25519Keyring::Dave.to_account_id(),
			Sr25519Keyring::Eve.to_account_id(),
		],
		native_key: guarded(Price::from_rational(1, 10_000), Price::from_u32(1_000_000)),
		usdm_key: guarded(Price::from_rational(1, 2), Price::from_u32(2)),
		xau_key: guarded(Price::from_u32(100), Price::from_u32(100_000)),
	}
}

/// A keyring validator: its account, with its sr25519 key for Aura and ed25519 for GRANDPA.
fn keyring_validator(
	who: Sr25519Keyring,
	grandpa: Ed25519Keyring,
) -> (AccountId, AuraId, GrandpaId) {
	(who.to_account_id(), who.public().into(), grandpa.public().into())
}

/// The `development` preset: a single validator, Alice. Sessions last a day: a dev chain
/// has one validator, and a session-change block carries no transactions, which an
/// instant-sealing test chain would notice.
pub fn development_config_genesis() -> Value {
	modelchain_genesis(
		ValidatorGenesis {
			validators: vec![keyring_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
			min_validators: 1,
			session_period: crate::DAYS,
		},
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		dev_oracle(),
		DEV_INCIDENT_DEADLINE,
		dev_governance(),
	)
}

/// The `local_testnet` preset: Alice and Bob validate (the floor is 2), hour-long sessions.
pub fn local_config_genesis() -> Value {
	modelchain_genesis(
		ValidatorGenesis {
			validators: vec![
				keyring_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
				keyring_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			],
			min_validators: 2,
			session_period: crate::HOURS,
		},
		Sr25519Keyring::iter()
			.filter(|k| *k != Sr25519Keyring::One && *k != Sr25519Keyring::Two)
			.map(|k| k.to_account_id())
			.collect(),
		Sr25519Keyring::Alice.to_account_id(),
		local_oracle(),
		0,
		production_governance(),
	)
}

/// The name of the public testnet's preset.
pub const TESTNET_PRESET: &str = "testnet";

/// The `testnet` preset: a public network's starting point, with no sudo, no dev account and
/// no validator.
///
/// - **Validators come from the operators.** `session.keys` and `validator_set.validators`
///   are empty; whoever launches the network fills them (and `balances.balances`) in the
///   plain chain spec before converting it to raw (`scripts/testnet-spec.sh`,
///   docs/running-a-node.md). Unedited, the spec cannot become raw: `pallet-session`
///   refuses a genesis without validators.
/// - **No sudo.** Root acts only through the chain DAO's critical track, which runs on
///   production rules (days of voting).
/// - **Money:** the treasury's 1,000,000 MDL; the launch adds the operators' endowments.
/// - **Oracle and lending:** the native token's price key with the local testnet's bounds
///   and guard, and the MDL lending market; feeders are added by the chain DAO. No demo
///   stablecoin or gold (their owner would be a dev key), hence no DEX pools.
/// - The floor is 3 validators and sessions last an hour.
pub fn testnet_config_genesis() -> Value {
	let treasury = <crate::TreasuryAccount as frame_support::traits::Get<AccountId>>::get();
	let governance = production_governance();
	let oracle = local_oracle();
	build_struct_json_patch!(crate::RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: vec![(treasury, TREASURY_ENDOWMENT)] },
		validator_set: pallet_modelchain_validators::GenesisConfig {
			min_validators: 3,
			session_period: crate::HOURS,
		},
		oracle: pallet_modelchain_oracle::GenesisConfig {
			keys: vec![(OracleKey::AssetPrice(NATIVE_PRICE_KEY), oracle.native_key)],
		},
		dao: pallet_modelchain_dao::GenesisConfig {
			chain_rules: governance.chain_rules,
			model_rules: governance.model_rules,
			spend_limit: governance.spend_limit,
		},
		lending: pallet_modelchain_lending::GenesisConfig {
			markets: vec![(LendingAsset::Native, native_market())],
		},
	})
}

/// The JSON patch of a named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		TESTNET_PRESET => testnet_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|s| s.into_bytes())
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(TESTNET_PRESET),
	]
}
