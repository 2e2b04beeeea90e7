//! `modelchain-node try-upgrade`: rehearses a runtime upgrade against a node's own database.
//!
//! It runs `TryRuntime_on_runtime_upgrade` of a runtime built with the `try-runtime`
//! feature on the state of a block of the chain at `--base-path`: every migration, with
//! its pre- and post-upgrade checks, then every pallet's `try_state` invariants
//! (`--checks all`). Nothing is written: the changes stay in memory. This is what
//! `try-runtime-cli on-runtime-upgrade` does against a live node, without the separate tool
//! and without fetching the state over RPC (the database is read directly, so the node
//! must be stopped, or the command pointed at a copy of its base path).

use codec::{Decode, Encode};
use modelchain_runtime::opaque::Block;
use sc_cli::{CliConfiguration, ImportParams, SharedParams};
use sc_client_api::HeaderBackend;
use sc_executor::{HeapAllocStrategy, WasmExecutor};
use sp_core::traits::{CallContext, ReadRuntimeVersionExt, RuntimeCode, WrappedRuntimeCode};
use sp_runtime::traits::HashingFor;
use sp_state_machine::{OverlayedChanges, StateMachine};
use std::{path::PathBuf, sync::Arc};

/// Which checks the rehearsal runs (frame-support's `UpgradeCheckSelect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Checks {
	/// No checks: only the migrations.
	None,
	/// Pre- and post-upgrade checks, then every pallet's `try_state`.
	All,
	/// Pre- and post-upgrade checks only.
	PreAndPost,
	/// Every pallet's `try_state` only.
	TryState,
}

impl Checks {
	/// The SCALE index of frame-support's `UpgradeCheckSelect` variant.
	fn encoded(self) -> Vec<u8> {
		let index: u8 = match self {
			Checks::None => 0,
			Checks::All => 1,
			Checks::PreAndPost => 2,
			Checks::TryState => 3,
		};
		index.encode()
	}
}

/// Rehearses a runtime upgrade on this node's database (see the module docs).
#[derive(Debug, Clone, clap::Parser)]
pub struct TryUpgradeCmd {
	/// The runtime to upgrade to, built with the `try-runtime` feature
	/// (`MODELCHAIN_TRY_RUNTIME=1` makes the runtime's build emit
	/// `wbuild/modelchain-runtime/try_runtime.compact.compressed.wasm`).
	#[arg(long, value_name = "WASM")]
	pub runtime: PathBuf,

	/// Which checks to run.
	#[arg(long, value_enum, default_value = "all")]
	pub checks: Checks,

	#[allow(missing_docs)]
	#[clap(flatten)]
	pub shared_params: SharedParams,

	#[allow(missing_docs)]
	#[clap(flatten)]
	pub import_params: ImportParams,
}

impl CliConfiguration for TryUpgradeCmd {
	fn shared_params(&self) -> &SharedParams {
		&self.shared_params
	}

	fn import_params(&self) -> Option<&ImportParams> {
		Some(&self.import_params)
	}
}

impl TryUpgradeCmd {
	/// Runs the upgrade on the best block's state; an error names the failed check.
	pub fn run(&self, client: Arc<crate::service::FullClient>) -> sc_cli::Result<()> {
		let code = std::fs::read(&self.runtime)
			.map_err(|e| format!("reading {}: {e}", self.runtime.display()))?;
		let code = sp_maybe_decompress(&code)?;
		let info = client.info();
		let state = client
			.state_at(info.best_hash)
			.map_err(|e| format!("state of block #{}: {e}", info.best_number))?;
		log::info!(
			"Rehearsing the upgrade to {} ({} bytes) on block #{} ({:?}), checks: {:?}",
			self.runtime.display(),
			code.len(),
			info.best_number,
			info.best_hash,
			self.checks
		);

		let executor = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder()
			.with_onchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
			.with_offchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
			.build();
		let mut overlay = OverlayedChanges::<HashingFor<Block>>::default();
		// The upgraded chain's own code, as a real upgrade would have it.
		overlay.set_storage(sp_core::storage::well_known_keys::CODE.to_vec(), Some(code.clone()));
		let fetcher = WrappedRuntimeCode(code.as_slice().into());
		let runtime_code = RuntimeCode {
			code_fetcher: &fetcher,
			heap_pages: None,
			hash: sp_io::hashing::blake2_256(&code).to_vec(),
		};
		let mut extensions = sp_externalities::Extensions::default();
		extensions.register(ReadRuntimeVersionExt::new(executor.clone()));
		let call = self.checks.encoded();
		let output = StateMachine::new(
			&state,
			&mut overlay,
			&executor,
			"TryRuntime_on_runtime_upgrade",
			&call,
			&mut extensions,
			&runtime_code,
			CallContext::Offchain,
		)
		.execute()
		.map_err(|e| format!("the upgrade failed: {e}"))?;
		let (weight, limit) =
			<(sp_runtime::Weight, sp_runtime::Weight)>::decode(&mut output.as_slice())
				.map_err(|e| format!("undecodable result: {e}"))?;
		let share = weight.ref_time().saturating_mul(100) / limit.ref_time().max(1);
		println!(
			"The upgrade passed ({:?} checks) on block #{}: its migrations weigh {} ps of \
			 compute and {} bytes of proof, {share} % of a block.",
			self.checks,
			info.best_number,
			weight.ref_time(),
			weight.proof_size()
		);
		if weight.any_gt(limit) {
			return Err("the migrations weigh more than a block: the upgrade block would be \
				overweight"
				.into());
		}
		Ok(())
	}
}

/// The code itself, whether given compressed (`*.compact.compressed.wasm`) or not.
fn sp_maybe_decompress(code: &[u8]) -> sc_cli::Result<Vec<u8>> {
	sp_maybe_compressed_blob::decompress(code, 64 * 1024 * 1024)
		.map(|c| c.into_owned())
		.map_err(|e| format!("the runtime is not valid (compressed) wasm: {e}").into())
}
