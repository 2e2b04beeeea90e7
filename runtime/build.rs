fn main() {
	#[cfg(feature = "std")]
	{
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
		// The end-to-end test of a governed runtime upgrade needs a second runtime that
		// differs only in a higher `spec_version` (feature `upgrade-fixture`). It is built
		// when `MODELCHAIN_UPGRADE_FIXTURE` is set (scripts/env.sh sets it), next to the
		// real one: `wbuild/modelchain-runtime/upgrade_fixture.compact.compressed.wasm`.
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
	}
}
