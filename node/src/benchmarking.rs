//! What the node's `benchmark overhead` and `benchmark extrinsic` subcommands need from it:
//! builders of signed `system.remark` and `balances.transfer_keep_alive` extrinsics for this
//! runtime, and the inherent data of a benchmark block. Only in benchmarking builds.

use crate::{service::FullClient, signing::signed};
use frame_benchmarking_cli::ExtrinsicBuilder;
use modelchain_runtime::{AccountId, Balance, BalancesCall, RuntimeCall};
use sp_api::{Core, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_inherents::{InherentData, InherentDataProvider};
use sp_keyring::Sr25519Keyring;
use sp_runtime::OpaqueExtrinsic;
use std::sync::Arc;

/// The dev account that signs the benchmark extrinsics (funded in the dev preset).
const SIGNER: Sr25519Keyring = Sr25519Keyring::Bob;

/// Signs `call` as [`SIGNER`] with `nonce`, for a block on top of the chain's best block
/// (the benchmarks build on genesis).
fn build(
	client: &FullClient,
	call: RuntimeCall,
	nonce: u32,
) -> Result<OpaqueExtrinsic, &'static str> {
	let best = client.info().best_hash;
	let genesis = client.info().genesis_hash;
	let version = client.runtime_api().version(best).map_err(|_| "the runtime has no version")?;
	Ok(signed(SIGNER, call, nonce, version.spec_version, version.transaction_version, genesis)
		.into())
}

/// Builds `system.remark` with an empty remark: the benchmark's per-extrinsic overhead.
pub struct RemarkBuilder {
	client: Arc<FullClient>,
}

impl RemarkBuilder {
	/// A builder signing against `client`'s chain.
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ExtrinsicBuilder for RemarkBuilder {
	fn pallet(&self) -> &str {
		"system"
	}

	fn extrinsic(&self) -> &str {
		"remark"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() });
		build(&self.client, call, nonce)
	}
}

/// Builds `balances.transfer_keep_alive` of `value` to `dest`.
pub struct TransferKeepAliveBuilder {
	client: Arc<FullClient>,
	dest: AccountId,
	value: Balance,
}

impl TransferKeepAliveBuilder {
	/// A builder signing against `client`'s chain.
	pub fn new(client: Arc<FullClient>, dest: AccountId, value: Balance) -> Self {
		Self { client, dest, value }
	}
}

impl ExtrinsicBuilder for TransferKeepAliveBuilder {
	fn pallet(&self) -> &str {
		"balances"
	}

	fn extrinsic(&self) -> &str {
		"transfer_keep_alive"
	}

	fn build(&self, nonce: u32) -> Result<OpaqueExtrinsic, &'static str> {
		let call = RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
			dest: self.dest.clone().into(),
			value: self.value,
		});
		build(&self.client, call, nonce)
	}
}

/// The inherents of a benchmark block: the timestamp 0, which is Aura's slot 0 of the
/// genesis state (the runtime checks that the two agree).
pub fn inherent_benchmark_data() -> sc_cli::Result<InherentData> {
	let mut inherent_data = InherentData::new();
	let timestamp = sp_timestamp::InherentDataProvider::new(sp_timestamp::Timestamp::new(0));
	futures::executor::block_on(timestamp.provide_inherent_data(&mut inherent_data))
		.map_err(|e| format!("creating the benchmark's inherent data: {e:?}"))?;
	Ok(inherent_data)
}
