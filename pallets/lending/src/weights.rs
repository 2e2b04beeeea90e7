//! Weights for `pallet_modelchain_lending`.
//!
//! PROVISIONAL: hand-estimated until `scripts/benchmark.sh lending` regenerates this file
//! from measurements.

#![allow(unused_parens, unused_imports, unused_variables, missing_docs)]
#![allow(clippy::unnecessary_cast, clippy::identity_op)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions of `pallet_modelchain_lending`.
pub trait WeightInfo {
	fn add_market() -> Weight;
	fn update_market() -> Weight;
	fn set_market_paused() -> Weight;
	fn set_pallet_paused() -> Weight;
	fn supply() -> Weight;
	fn withdraw(p: u32) -> Weight;
	fn enable_collateral(p: u32) -> Weight;
	fn disable_collateral(p: u32) -> Weight;
	fn borrow(p: u32) -> Weight;
	fn repay(p: u32) -> Weight;
	fn liquidate(p: u32) -> Weight;
	fn flash_loan() -> Weight;
	fn cover_deficit() -> Weight;
	fn withdraw_reserves() -> Weight;
}

/// Measured weights, priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn add_market() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn update_market() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_market_paused() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn set_pallet_paused() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(0_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn supply() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn withdraw(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn enable_collateral(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn disable_collateral(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn borrow(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn repay(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn liquidate(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	fn flash_loan() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	fn cover_deficit() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	fn withdraw_reserves() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

// For tests: the same, priced with ParityDB weights.
impl WeightInfo for () {
	fn add_market() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn update_market() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_market_paused() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn set_pallet_paused() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(0_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn supply() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn withdraw(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn enable_collateral(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn disable_collateral(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn borrow(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn repay(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn liquidate(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(Weight::from_parts(15_000_000, 3000).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64.saturating_mul(p.into())))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn flash_loan() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn cover_deficit() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn withdraw_reserves() -> Weight {
		Weight::from_parts(60_000_000, 6000)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
}
