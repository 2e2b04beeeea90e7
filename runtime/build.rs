fn main() {
	// With `metadata-hash` (the node enables it), the wasm carries the hash of its own
	// merkleized metadata, so that `CheckMetadataHash` in mode 1 can check what a hardware
	// wallet signed against. The token symbol and decimals are part of that hash: they must
	// be `modelchain_primitives::{TOKEN_SYMBOL, TOKEN_DECIMALS}`, which the chain spec
	// advertises. The e2e test `metadata-hash.test.js` computes the hash from the chain's
	// advertised properties, so a drift here makes its mode-1 transaction fail.
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash("MDL", 12)
		.build();
	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
	#[cfg(feature = "std")]
	{
		// The end-to-end test of a governed runtime upgrade needs a second runtime that
		// differs only in a higher `spec_version` (feature `upgrade-fixture`). It is built
		// when `MODELCHAIN_UPGRADE_FIXTURE` is set (scripts/env.sh sets it), next to the
		// real one: `wbuild/modelchain-runtime/upgrade_fixture.compact.compressed.wasm`.
		// It carries no metadata hash: mode-1 transactions are refused by it, mode 0 works.
		println!("cargo:rerun-if-env-changed=MODELCHAIN_UPGRADE_FIXTURE");
		if std::env::var_os("MODELCHAIN_UPGRADE_FIXTURE").is_some() {
			substrate_wasm_builder::WasmBuilder::new()
				.with_current_project()
				.import_memory()
				.export_heap_base()
				.enable_feature("upgrade-fixture")
				.set_file_name("upgrade_fixture")
				.build();
		}
		// The upgrade rehearsal (`scripts/try-upgrade.sh`, `modelchain-node try-upgrade`)
		// needs this runtime built with `try-runtime`: its migrations' pre- and post-upgrade
		// checks and every pallet's `try_state`. Built when `MODELCHAIN_TRY_RUNTIME` is set:
		// `wbuild/modelchain-runtime/try_runtime.compact.compressed.wasm`.
		println!("cargo:rerun-if-env-changed=MODELCHAIN_TRY_RUNTIME");
		if std::env::var_os("MODELCHAIN_TRY_RUNTIME").is_some() {
			substrate_wasm_builder::WasmBuilder::new()
				.with_current_project()
				.import_memory()
				.export_heap_base()
				.enable_feature("try-runtime")
				.set_file_name("try_runtime")
				.build();
		}
	}
}
