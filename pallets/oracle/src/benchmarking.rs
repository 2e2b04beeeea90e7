//! Benchmarks of every oracle call, each at its worst case.

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
use modelchain_primitives::Price;

fn feeder<T: Config>(i: u32) -> T::AccountId {
	account("feeder", i, 0)
}

fn cfg(min_feeders: u32) -> KeyConfig {
	KeyConfig {
		min_feeders,
		max_age: 3_600_000,
		min_value: Some(Price::from_inner(1)),
		max_value: Some(Price::from_u32(1_000_000)),
		max_deviation: Some(Permill::from_percent(50)),
	}
}

/// `n` feeders (the benchmarked one is `feeder(0)`).
fn add_feeders<T: Config>(n: u32) {
	let mut list: Vec<T::AccountId> = (0..n).map(feeder::<T>).collect();
	list.sort();
	Feeders::<T>::put(BoundedVec::try_from(list).expect("n <= MaxFeeders"));
}

/// Configures `k` keys and stores a fresh feed from each of feeders `0..f` for each.
fn fill_keys<T: Config>(k: u32, f: u32) -> Vec<OracleKey> {
	let now = T::Time::now();
	(0..k)
		.map(|i| {
			let key = OracleKey::AssetPrice(i);
			KeyConfigs::<T>::insert(key, cfg(1));
			for j in 0..f {
				Feeds::<T>::insert(
					key,
					feeder::<T>(j),
					FeedRecord { value: Price::from_u32(100 + j), timestamp: now },
				);
			}
			key
		})
		.collect()
}

/// Configures `u` keys (after those of [`fill_keys`]) fed by feeders `1..f` but not by
/// feeder 0.
fn fill_keys_fed_by_others<T: Config>(u: u32, f: u32) -> Vec<OracleKey> {
	let now = T::Time::now();
	(0..u)
		.map(|i| {
			let key = OracleKey::AssetPrice(T::MaxKeys::get() + i);
			KeyConfigs::<T>::insert(key, cfg(1));
			for j in 1..f {
				Feeds::<T>::insert(
					key,
					feeder::<T>(j),
					FeedRecord { value: Price::from_u32(100 + j), timestamp: now },
				);
			}
			key
		})
		.collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` values fed, each into a key that already has feeds from `f - 1` other feeders.
	#[benchmark]
	fn feed_values(
		n: Linear<1, { T::MaxFeedValues::get().min(T::MaxKeys::get()) }>,
		f: Linear<1, { T::MaxFeeders::get() }>,
	) {
		add_feeders::<T>(f);
		let keys = fill_keys::<T>(n, f);
		let caller = feeder::<T>(0);
		let values: Vec<(OracleKey, Price)> =
			keys.iter().map(|k| (*k, Price::from_u32(101))).collect();
		let values = BoundedVec::try_from(values).expect("n <= MaxFeedValues");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), values);

		assert_eq!(
			Feeds::<T>::get(OracleKey::AssetPrice(0), &caller).map(|r| r.value),
			Some(Price::from_u32(101))
		);
		assert!(Combined::<T>::get(OracleKey::AssetPrice(0)).is_some());
	}

	#[benchmark]
	fn add_feeder(f: Linear<0, { T::MaxFeeders::get() - 1 }>) {
		add_feeders::<T>(f);
		let who: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(Pallet::<T>::is_feeder(&who));
	}

	/// The feeder fed `k` keys, each of which has `f` feeders to recombine, and `u` more
	/// keys, fed by the other feeders only, are read too. (`k + u` may exceed `MaxKeys`
	/// here: the call's cost is linear in each, and both ends are measured.)
	#[benchmark]
	fn remove_feeder(
		k: Linear<0, { T::MaxKeys::get() }>,
		u: Linear<0, { T::MaxKeys::get() }>,
		f: Linear<1, { T::MaxFeeders::get() }>,
	) {
		add_feeders::<T>(f);
		fill_keys::<T>(k, f);
		let unfed = fill_keys_fed_by_others::<T>(u, f);
		let who = feeder::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(!Pallet::<T>::is_feeder(&who));
		assert_eq!(Feeds::<T>::iter().filter(|(_, feeder, _)| *feeder == who).count(), 0);
		for key in unfed {
			assert_eq!(Feeds::<T>::iter_prefix(key).count() as u32, f - 1);
		}
	}

	#[benchmark]
	fn set_key_config(f: Linear<1, { T::MaxFeeders::get() }>) {
		add_feeders::<T>(f);
		// The key exists with f feeds, so the update recombines over all of them.
		let key = fill_keys::<T>(1, f)[0];

		#[extrinsic_call]
		_(RawOrigin::Root, key, cfg(1));

		assert!(Combined::<T>::get(key).is_some());
	}

	#[benchmark]
	fn remove_key(f: Linear<1, { T::MaxFeeders::get() }>) {
		add_feeders::<T>(f);
		let key = fill_keys::<T>(1, f)[0];

		#[extrinsic_call]
		_(RawOrigin::Root, key);

		assert!(!KeyConfigs::<T>::contains_key(key));
	}

	/// The key has a liquidation-only value, which goes (and consumers are told) before the
	/// key recombines over `f` feeds.
	#[benchmark]
	fn resume_key(f: Linear<1, { T::MaxFeeders::get() }>) {
		add_feeders::<T>(f);
		let key = fill_keys::<T>(1, f)[0];
		Paused::<T>::insert(
			key,
			PauseRecord {
				previous: Price::from_u32(1),
				proposed: Price::from_u32(100),
				paused_at: 0,
			},
		);
		let now = T::Time::now();
		PausedValue::<T>::insert(
			key,
			CombinedValue {
				value: Price::from_u32(100),
				updated_at: now,
				expires_at: now + 3_600_000,
				feeds: f,
				dispersion: Price::zero(),
			},
		);

		#[extrinsic_call]
		_(RawOrigin::Root, key);

		assert!(!Paused::<T>::contains_key(key));
		assert!(!PausedValue::<T>::contains_key(key));
		assert!(Combined::<T>::get(key).is_some());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
