//! The runtime's limits are built from its own measured overheads, and the weights it
//! charges come from the files `scripts/bench-weights.sh` generated for it.

use crate::{weights, Runtime, RuntimeBlockWeights};
use frame_support::{dispatch::DispatchClass, weights::Weight};

#[test]
fn block_limits_use_the_measured_overheads_not_the_fallback() {
	let limits = RuntimeBlockWeights::get();
	// The fallback (`with_sensible_defaults`) would carry frame-support's generic
	// 431,614 ns block and 108,157 ns extrinsic.
	assert_eq!(limits.base_block, weights::BlockExecutionWeight::get());
	for class in DispatchClass::all() {
		assert_eq!(limits.get(*class).base_extrinsic, weights::ExtrinsicBaseWeight::get());
	}
	assert_eq!(limits.max_block, Weight::from_parts(2_000_000_000_000, u64::MAX));
	// Normal extrinsics may fill 75 %; operational ones the whole block, with the last
	// 25 % reserved for them.
	let normal = limits.get(DispatchClass::Normal);
	let three_quarters = sp_runtime::Perbill::from_percent(75).mul_floor(u64::MAX);
	assert_eq!(normal.max_total, Some(Weight::from_parts(1_500_000_000_000, three_quarters)));
	let operational = limits.get(DispatchClass::Operational);
	assert_eq!(operational.max_total, Some(limits.max_block));
	assert_eq!(
		operational.reserved,
		Some(limits.max_block.saturating_sub(normal.max_total.unwrap()))
	);
}

#[test]
fn storage_is_priced_with_the_measured_paritydb_weights() {
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	assert_eq!(db, weights::ParityDbWeight::get());
	// polkadot-sdk's generic ParityDB constants are 8 µs a read and 50 µs a write.
	assert_ne!((db.read, db.write), (8_000_000, 50_000_000));
}
