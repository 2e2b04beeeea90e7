//! `pallet_grandpa`'s weights for this runtime. Not generated: the pallet's benchmarks
//! (`check_equivocation_proof`, `note_stalled`) measure parts, and its `WeightInfo` composes
//! them. `bash scripts/bench-weights.sh sdk` measures both and prints them; update the two
//! figures below when they move.
//!
//! Measured on the reference machine (2026-12-04, 20 steps, 10 repeats):
//! `note_stalled` 2,233 ns and one write; `check_equivocation_proof` 62,314 ns.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// `note_stalled`'s execution time.
const NOTE_STALLED_PS: u64 = 2_233_000;
/// Checking one equivocation proof's signatures.
const CHECK_EQUIVOCATION_PROOF_PS: u64 = 62_314_000;

/// Weights of `pallet_grandpa`'s calls.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_grandpa::WeightInfo for WeightInfo<T> {
	/// This runtime takes no equivocation reports (`KeyOwnerProof` is `Void`, so the call
	/// can't be decoded); the weight still counts the proof check and, like upstream's
	/// formula, the membership proof and the offence report's storage.
	fn report_equivocation(validator_count: u32, max_nominators_per_validator: u32) -> Weight {
		let validators = u64::from(validator_count.max(100));
		let nominators = u64::from(max_nominators_per_validator);
		Weight::from_parts(CHECK_EQUIVOCATION_PROOF_PS, 0)
			.saturating_add(Weight::from_parts(175_000, 0).saturating_mul(validators))
			.saturating_add(
				T::DbWeight::get().reads(21_u64.saturating_add(nominators.saturating_mul(3))),
			)
			.saturating_add(
				T::DbWeight::get().writes(10_u64.saturating_add(nominators.saturating_mul(3))),
			)
	}

	fn note_stalled() -> Weight {
		Weight::from_parts(NOTE_STALLED_PS, 0).saturating_add(T::DbWeight::get().writes(1))
	}
}
