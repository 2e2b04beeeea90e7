//! Benchmarks of the validator-set pallet's calls at their worst case: a set of `v`
//! members, the new or removed one in the middle of it.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

fn fill<T: Config>(v: u32) -> Vec<T::AccountId> {
	let mut set: Vec<T::AccountId> = (0..v).map(|i| account("validator", i, 0)).collect();
	set.sort();
	Validators::<T>::put(BoundedVec::try_from(set.clone()).expect("v <= MaxValidators"));
	set
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(v: Linear<{ T::MinValidators::get() }, { T::MaxValidators::get() - 1 }>) {
		fill::<T>(v);
		let who: T::AccountId = account("joining", 0, 0);
		T::BenchmarkHelper::register(&who);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(Validators::<T>::get().contains(&who));
	}

	#[benchmark]
	fn remove_validator(v: Linear<{ T::MinValidators::get() + 1 }, { T::MaxValidators::get() }>) {
		let set = fill::<T>(v);
		let who = set[set.len() / 2].clone();

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
