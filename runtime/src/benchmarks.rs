//! The pallets the `benchmark pallet` command can measure in this runtime.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_utility, Utility]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_modelchain_oracle, Oracle]
);
