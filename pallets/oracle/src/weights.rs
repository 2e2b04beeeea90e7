//! Weights for `pallet_modelchain_oracle`.
//!
//! PROVISIONAL: estimated from the storage accesses of each call, pending the output of
//! `modelchain-node benchmark pallet --pallet pallet_modelchain_oracle` (see
//! `docs/pallets/oracle.md`), which will replace this file.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, RuntimeDbWeight, Weight},
};

/// Weight functions needed by the oracle pallet.
pub trait WeightInfo {
	fn feed_values(n: u32, f: u32) -> Weight;
	fn add_feeder(f: u32) -> Weight;
	fn remove_feeder(k: u32, f: u32) -> Weight;
	fn set_key_config(f: u32) -> Weight;
	fn remove_key(f: u32) -> Weight;
	fn resume_key(f: u32) -> Weight;
}

/// Recombining one key: read its config and up to `f` feeds, write the combined value.
fn recombine(db: RuntimeDbWeight, f: u32) -> Weight {
	Weight::from_parts(4_000_000, 1_000)
		.saturating_add(Weight::from_parts(1_500_000, 700).saturating_mul(f.into()))
		.saturating_add(db.reads(3u64.saturating_add(f.into())))
		.saturating_add(db.writes(1))
}

fn feed_values(db: RuntimeDbWeight, n: u32, f: u32) -> Weight {
	Weight::from_parts(20_000_000, 1_500)
		.saturating_add(db.reads(2))
		.saturating_add(db.writes(1))
		.saturating_add(
			Weight::from_parts(8_000_000, 200)
				.saturating_add(db.reads(2))
				.saturating_add(db.writes(1))
				.saturating_add(recombine(db, f))
				.saturating_mul(n.into()),
		)
}

fn add_feeder(db: RuntimeDbWeight, f: u32) -> Weight {
	Weight::from_parts(10_000_000, 1_500)
		.saturating_add(Weight::from_parts(60_000, 32).saturating_mul(f.into()))
		.saturating_add(db.reads(1))
		.saturating_add(db.writes(1))
}

fn remove_feeder(db: RuntimeDbWeight, k: u32, f: u32) -> Weight {
	Weight::from_parts(15_000_000, 1_500)
		.saturating_add(db.reads(3))
		.saturating_add(db.writes(2))
		.saturating_add(
			Weight::from_parts(6_000_000, 200)
				.saturating_add(db.reads(1))
				.saturating_add(db.writes(1))
				.saturating_add(recombine(db, f))
				.saturating_mul(k.into()),
		)
}

fn set_key_config(db: RuntimeDbWeight, f: u32) -> Weight {
	Weight::from_parts(20_000_000, 2_000)
		.saturating_add(db.reads(3))
		.saturating_add(db.writes(2))
		.saturating_add(recombine(db, f))
}

fn remove_key(db: RuntimeDbWeight, f: u32) -> Weight {
	Weight::from_parts(15_000_000, 1_500)
		.saturating_add(Weight::from_parts(1_000_000, 700).saturating_mul(f.into()))
		.saturating_add(db.reads(2))
		.saturating_add(db.writes(4u64.saturating_add(f.into())))
}

fn resume_key(db: RuntimeDbWeight, f: u32) -> Weight {
	Weight::from_parts(20_000_000, 2_000)
		.saturating_add(db.reads(2))
		.saturating_add(db.writes(2))
		.saturating_add(recombine(db, f))
}

/// Weights for the oracle pallet, using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn feed_values(n: u32, f: u32) -> Weight {
		feed_values(T::DbWeight::get(), n, f)
	}
	fn add_feeder(f: u32) -> Weight {
		add_feeder(T::DbWeight::get(), f)
	}
	fn remove_feeder(k: u32, f: u32) -> Weight {
		remove_feeder(T::DbWeight::get(), k, f)
	}
	fn set_key_config(f: u32) -> Weight {
		set_key_config(T::DbWeight::get(), f)
	}
	fn remove_key(f: u32) -> Weight {
		remove_key(T::DbWeight::get(), f)
	}
	fn resume_key(f: u32) -> Weight {
		resume_key(T::DbWeight::get(), f)
	}
}

/// For tests: the same formulas with ParityDB's costs.
impl WeightInfo for () {
	fn feed_values(n: u32, f: u32) -> Weight {
		feed_values(ParityDbWeight::get(), n, f)
	}
	fn add_feeder(f: u32) -> Weight {
		add_feeder(ParityDbWeight::get(), f)
	}
	fn remove_feeder(k: u32, f: u32) -> Weight {
		remove_feeder(ParityDbWeight::get(), k, f)
	}
	fn set_key_config(f: u32) -> Weight {
		set_key_config(ParityDbWeight::get(), f)
	}
	fn remove_key(f: u32) -> Weight {
		remove_key(ParityDbWeight::get(), f)
	}
	fn resume_key(f: u32) -> Weight {
		resume_key(ParityDbWeight::get(), f)
	}
}
