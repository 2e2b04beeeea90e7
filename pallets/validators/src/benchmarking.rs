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

/// A governed and planned set of `v` members.
fn fill<T: Config>(v: u32) -> Vec<T::AccountId> {
	let mut set: Vec<T::AccountId> = (0..v).map(|i| account("validator", i, 0)).collect();
	set.sort();
	let bounded = BoundedVec::<_, T::MaxValidators>::try_from(set.clone()).expect("v <= Max");
	Validators::<T>::put(&bounded);
	Planned::<T>::put(bounded);
	MinValidators::<T>::put(1);
	set
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) {
		fill::<T>(v);
		let who: T::AccountId = account("joining", 0, 0);
		T::BenchmarkHelper::register(&who);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(Validators::<T>::get().contains(&who));
	}

	#[benchmark]
	fn remove_validator(v: Linear<2, { T::MaxValidators::get() }>) {
		let set = fill::<T>(v);
		let who = set[set.len() / 2].clone();

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
	}

	#[benchmark]
	fn set_min_validators() {
		fill::<T>(T::MaxValidators::get());

		#[extrinsic_call]
		_(RawOrigin::Root, 2);

		assert_eq!(MinValidators::<T>::get(), 2);
	}

	/// Both sets of `v` members searched for a caller in neither, then the session
	/// pallet's own purge (its deposit released).
	#[benchmark]
	fn purge_keys(v: Linear<1, { T::MaxValidators::get() }>) {
		fill::<T>(v);
		let who: T::AccountId = account("leaving", u32::MAX, u32::MAX);
		T::BenchmarkHelper::register(&who);
		assert!(T::SessionKeys::has_keys(&who));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!T::SessionKeys::has_keys(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
