//! Chain specifications: `dev` (one validator), `local` (two validators) and `testnet` (the
//! public network's starting point, validators filled in at launch), all built from the
//! runtime's genesis presets, or any chain spec JSON file.

use modelchain_primitives::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use sc_service::ChainType;

/// Modelchain's chain spec type: no client extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The token metadata wallets show: symbol, decimals and SS58 prefix.
pub fn chain_properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	modelchain_runtime::WASM_BINARY.ok_or_else(|| {
		"The runtime wasm was not built. Build without SKIP_WASM_BUILD set.".to_string()
	})
}

/// `--dev`: Alice alone authors and finalises.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Modelchain Development")
		.with_id("modelchain_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// `--chain local`: Alice and Bob validate; needs both nodes for finality.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Modelchain Local Testnet")
		.with_id("modelchain_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// The public testnet's libp2p protocol id: its nodes talk only to each other.
pub const TESTNET_PROTOCOL_ID: &str = "modelchain-testnet";

/// `--chain testnet`: the public testnet before launch. No sudo, no dev account, and no
/// validators: the operators who launch it fill `session.keys`, `validatorSet.validators`,
/// `balances.balances` and `bootNodes` in this plain spec, then convert it to raw
/// (`scripts/testnet-spec.sh` does both; docs/running-a-node.md).
pub fn testnet_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Modelchain Testnet")
		.with_id("modelchain_testnet")
		.with_chain_type(ChainType::Live)
		.with_protocol_id(TESTNET_PROTOCOL_ID)
		.with_genesis_config_preset_name(modelchain_runtime::genesis_config_presets::TESTNET_PRESET)
		.with_properties(chain_properties())
		.build())
}
