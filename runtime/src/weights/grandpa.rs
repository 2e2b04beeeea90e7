//! `pallet_grandpa`'s weights for this runtime. Not generated: the pallet's benchmarks
//! (`check_equivocation_proof`, `note_stalled`) measure parts, and its `WeightInfo` composes
//! them. `bash scripts/bench-weights.sh sdk` measures both and prints them; update the
//! figures below when they move.
//!
//! Measured on the reference machine (2026-12-04, 20 steps, 10 repeats):
//! `note_stalled` 2,233 ns and one write; `check_equivocation_proof` 62,314 ns.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weights of `pallet_grandpa`'s calls.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_grandpa::WeightInfo for WeightInfo<T> {
	/// This runtime takes no equivocation reports (`KeyOwnerProof` is `Void`, so the call
	/// can't be decoded). The weight is upstream's formula with the measured proof check
	/// (62.3 µs in place of its 95 µs) and this runtime's database weights: the membership
	/// proof (35 µs, 175 ns per validator, at least 100), the offence report (110 µs, 25 µs
	/// per nominator) and their storage.
	fn report_equivocation(validator_count: u32, max_nominators_per_validator: u32) -> Weight {
		let validators = u64::from(validator_count.max(100));
		let nominators = u64::from(max_nominators_per_validator);
		Weight::from_parts(62_314_000, 0)
			.saturating_add(Weight::from_parts(35_000_000, 0))
			.saturating_add(Weight::from_parts(175_000, 0).saturating_mul(validators))
			.saturating_add(Weight::from_parts(110_000_000, 0))
			.saturating_add(Weight::from_parts(25_000_000, 0).saturating_mul(nominators))
			.saturating_add(
				T::DbWeight::get().reads(21_u64.saturating_add(nominators.saturating_mul(3))),
			)
			.saturating_add(
				T::DbWeight::get().writes(10_u64.saturating_add(nominators.saturating_mul(3))),
			)
	}

	fn note_stalled() -> Weight {
		Weight::from_parts(2_233_000, 0).saturating_add(T::DbWeight::get().writes(1_u64))
	}
}
