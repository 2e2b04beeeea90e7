//! Benchmarks of every oracle call, each at its worst case: every key record holds a feed
//! from every other feeder, so each read and write is of a full record.

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
use modelchain_primitives::{MetricKind, Price};

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

/// A metric key: feeding one tells no price consumer, so the benchmark measures the
/// oracle's own work (what telling consumers of a price weighs is added per price key).
fn metric_key(i: u32) -> OracleKey {
	OracleKey::ModelMetric { model: u64::from(i), version: 1, metric: MetricKind::Accuracy }
}

/// `MaxFeeders` feeders (the benchmarked one is `feeder(0)`).
fn add_feeders<T: Config>() {
	let mut list: Vec<T::AccountId> = (0..T::MaxFeeders::get()).map(feeder::<T>).collect();
	list.sort();
	Feeders::<T>::put(BoundedVec::try_from(list).expect("MaxFeeders"));
}

/// Configures `keys` with a fresh feed from every feeder in `from..MaxFeeders`, so that each
/// record is as large as it gets once feeder 0 has fed (`from = 1`) or already full
/// (`from = 0`), and serves their median. Feeder `j` feeds `value(j)`.
fn fill_with<T: Config>(keys: &[OracleKey], from: u32, value: impl Fn(u32) -> Price) {
	let now = T::Time::now();
	for key in keys {
		let mut state = KeyStateOf::<T>::new(cfg(1));
		for j in from..T::MaxFeeders::get() {
			let record = FeedRecord { value: value(j), timestamp: now };
			assert!(state.set_feed(&feeder::<T>(j), record), "MaxFeeders");
		}
		state.combined = state.aggregate(now, None);
		// Metric keys: no price is counted. (`remove_feeder` measures up to `MaxKeys` fed
		// and `MaxKeys` unfed keys, so the key limit is not checked here.)
		Keys::<T>::insert(key, state);
	}
}

/// [`fill_with`] feeder `j` feeding `100 + j`.
fn fill<T: Config>(keys: &[OracleKey], from: u32) {
	fill_with::<T>(keys, from, |j| Price::from_u32(100 + j));
}

fn metric_keys(from: u32, count: u32) -> Vec<OracleKey> {
	(from..from + count).map(metric_key).collect()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `n` values fed by feeder 0, each into a key that holds a fresh feed from every other
	/// feeder and serves their median: each key is read, recombined over `MaxFeeders` feeds,
	/// guarded, paused and written. The costliest path: fewer than half the other feeders
	/// feed 100 and the rest 1,000, so the served median is 1,000, and feeder 0's 101 tips
	/// it to 101, a 90 % jump the guard (50 %) pauses on.
	#[benchmark]
	fn feed_values(n: Linear<1, { T::MaxFeedValues::get().min(T::MaxKeys::get()) }>) {
		add_feeders::<T>();
		let keys = metric_keys(0, n);
		let lows = (T::MaxFeeders::get() - 1) / 2;
		fill_with::<T>(&keys, 1, |j| Price::from_u32(if j <= lows { 100 } else { 1_000 }));
		assert_eq!(
			Keys::<T>::get(keys[0]).unwrap().combined.map(|c| c.value),
			Some(Price::from_u32(1_000))
		);
		let caller = feeder::<T>(0);
		let values: Vec<(OracleKey, Price)> =
			keys.iter().map(|k| (*k, Price::from_u32(101))).collect();
		let values = BoundedVec::try_from(values).expect("n <= MaxFeedValues");

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), values);

		for key in keys {
			let state = Keys::<T>::get(key).unwrap();
			assert_eq!(state.feed_of(&caller).map(|r| r.value), Some(Price::from_u32(101)));
			assert_eq!(state.pause.map(|p| p.proposed), Some(Price::from_u32(101)));
			assert!(state.combined.is_none());
		}
	}

	#[benchmark]
	fn add_feeder(f: Linear<0, { T::MaxFeeders::get() - 1 }>) {
		let mut list: Vec<T::AccountId> = (0..f).map(feeder::<T>).collect();
		list.sort();
		Feeders::<T>::put(BoundedVec::try_from(list).expect("f < MaxFeeders"));
		let who: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(Pallet::<T>::is_feeder(&who));
	}

	/// The feeder fed `k` keys, each recombined over the other feeders' feeds and written,
	/// and `u` more keys, fed by the other feeders only, are read too. (`k + u` may exceed
	/// `MaxKeys` here: the call's cost is linear in each, and both ends are measured.)
	#[benchmark]
	fn remove_feeder(k: Linear<0, { T::MaxKeys::get() }>, u: Linear<0, { T::MaxKeys::get() }>) {
		add_feeders::<T>();
		fill::<T>(&metric_keys(0, k), 0);
		let unfed = metric_keys(T::MaxKeys::get(), u);
		fill::<T>(&unfed, 1);
		let who = feeder::<T>(0);

		#[extrinsic_call]
		_(RawOrigin::Root, who.clone());

		assert!(!Pallet::<T>::is_feeder(&who));
		assert!(Keys::<T>::iter().all(|(_, state)| state.feed_of(&who).is_none()));
		for key in unfed {
			assert_eq!(Keys::<T>::get(key).unwrap().feeds.len() as u32, T::MaxFeeders::get() - 1);
		}
	}

	/// A key with a full record is reconfigured and recombined over all its feeds.
	#[benchmark]
	fn set_key_config() {
		add_feeders::<T>();
		let key = metric_key(0);
		fill::<T>(&[key], 0);

		#[extrinsic_call]
		_(RawOrigin::Root, key, cfg(1));

		assert!(Keys::<T>::get(key).unwrap().combined.is_some());
	}

	#[benchmark]
	fn remove_key() {
		add_feeders::<T>();
		let key = metric_key(0);
		fill::<T>(&[key], 0);

		#[extrinsic_call]
		_(RawOrigin::Root, key);

		assert!(!Keys::<T>::contains_key(key));
	}

	/// The key has a liquidation-only value, which goes before the key recombines over a
	/// full record.
	#[benchmark]
	fn resume_key() {
		add_feeders::<T>();
		let key = metric_key(0);
		fill::<T>(&[key], 0);
		let now = T::Time::now();
		Keys::<T>::mutate(key, |state| {
			let state = state.as_mut().unwrap();
			state.pause = Some(PauseRecord {
				previous: Price::from_u32(1),
				proposed: Price::from_u32(100),
				paused_at: 0,
			});
			state.paused_value = Some(CombinedValue {
				value: Price::from_u32(100),
				updated_at: now,
				expires_at: now + 3_600_000,
				feeds: T::MaxFeeders::get(),
				dispersion: Price::zero(),
			});
		});

		#[extrinsic_call]
		_(RawOrigin::Root, key);

		let state = Keys::<T>::get(key).unwrap();
		assert!(state.pause.is_none() && state.paused_value.is_none());
		assert!(state.combined.is_some());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
