//! Weights for `pallet_modelchain_validators`.
//!
//! PROVISIONAL, not generated: the pallet is not in the runtime yet (issue 23). Each call is
//! one read and one write of the set (at most `MaxValidators` accounts), one more write and
//! an event; the figures below are the runtime's database weights for that plus a compute
//! allowance of 20 µs and 100 ns a member. `scripts/bench-weights.sh validators` replaces
//! this file once the runtime includes the pallet.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of `pallet_modelchain_validators`.
pub trait WeightInfo {
	fn add_validator(v: u32) -> Weight;
	fn remove_validator(v: u32) -> Weight;
	fn set_min_validators() -> Weight;
	fn purge_keys(v: u32) -> Weight;
}

/// Provisional weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_validator(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 3_000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn remove_validator(v: u32) -> Weight {
		Weight::from_parts(20_000_000, 3_000)
			.saturating_add(Weight::from_parts(100_000, 32).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn set_min_validators() -> Weight {
		Weight::from_parts(15_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn purge_keys(v: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(Weight::from_parts(200_000, 64).saturating_mul(v.into()))
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(5))
	}
}

// For tests.
impl WeightInfo for () {
	fn add_validator(_v: u32) -> Weight {
		Weight::zero()
	}
	fn remove_validator(_v: u32) -> Weight {
		Weight::zero()
	}
	fn set_min_validators() -> Weight {
		Weight::zero()
	}
	fn purge_keys(_v: u32) -> Weight {
		Weight::zero()
	}
}
