//! Reading values: the getters pallets and clients use, the `PriceFeed` and `MetricFeed`
//! implementations, and what telling price consumers may weigh.

use crate::{
	aggregation::{paused_point, price_point},
	CombinedValue, Config, Feeders, KeyStateOf, Keys, OracleKey, Pallet, ValueStatus,
};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::Weight, traits::Time};
use modelchain_primitives::{
	AssetId, MetricFeed, MetricKind, ModelId, ModelVersion, Moment, OnPriceChange, PriceFeed,
	PricePoint,
};

impl<T: Config> Pallet<T> {
	/// Whether `who` is a feeder.
	pub fn is_feeder(who: &T::AccountId) -> bool {
		Feeders::<T>::get().binary_search(who).is_ok()
	}

	/// Everything stored about `key`, if it is configured.
	pub fn key_state(key: &OracleKey) -> Option<KeyStateOf<T>> {
		Keys::<T>::get(key)
	}

	/// What creating a key adds to reconfiguring one (benchmarked on a full record): the
	/// key counter and the price key counter, each read and written.
	pub fn new_key_weight() -> Weight {
		use frame_support::traits::Get;
		T::DbWeight::get().reads_writes(2, 2)
	}

	/// What telling `OnPriceChange` of up to `keys` prices may weigh.
	pub fn price_change_weight(keys: u32) -> Weight {
		T::OnPriceChange::max_weight().saturating_mul(u64::from(keys))
	}

	/// The value of `key` if it is current, else `None` with the reason. One read.
	pub fn value_status(key: &OracleKey) -> (ValueStatus, Option<CombinedValue>) {
		let Some(state) = Keys::<T>::get(key) else { return (ValueStatus::Unknown, None) };
		Self::status_of(&state, T::Time::now())
	}

	fn status_of(state: &KeyStateOf<T>, now: Moment) -> (ValueStatus, Option<CombinedValue>) {
		if let Some(current) = state.served(now) {
			(ValueStatus::Current, Some(current))
		} else if state.pause.is_some() {
			(ValueStatus::Paused, None)
		} else if state.combined.is_some() {
			(ValueStatus::Stale, None)
		} else {
			(ValueStatus::InsufficientFeeds, None)
		}
	}

	/// The current combined value of `key`: `None` if unknown, insufficiently fed, stale or
	/// paused. One read.
	pub fn current_value(key: &OracleKey) -> Option<CombinedValue> {
		Keys::<T>::get(key)?.served(T::Time::now())
	}

	/// Every configured key with its status. Bounded by `MaxKeys`.
	pub fn all_values() -> Vec<(OracleKey, ValueStatus, Option<CombinedValue>)> {
		let now = T::Time::now();
		Keys::<T>::iter()
			.map(|(key, state)| {
				let (status, value) = Self::status_of(&state, now);
				(key, status, value)
			})
			.collect()
	}
}

impl<T: Config> PriceFeed for Pallet<T> {
	fn price(asset: AssetId) -> Option<(crate::Value, Moment)> {
		Self::current_value(&OracleKey::AssetPrice(asset)).map(|c| (c.value, c.updated_at))
	}
	/// The stored point: the combined value, or a paused key's liquidation-only value.
	fn price_point(asset: AssetId) -> Option<PricePoint> {
		let state = Keys::<T>::get(OracleKey::AssetPrice(asset))?;
		state
			.combined
			.map(|c| price_point(&c))
			.or_else(|| state.paused_value.map(|c| paused_point(&c)))
	}
}

impl<T: Config> MetricFeed for Pallet<T> {
	fn metric(
		model: ModelId,
		version: ModelVersion,
		metric: MetricKind,
	) -> Option<(crate::Value, Moment)> {
		Self::current_value(&OracleKey::ModelMetric { model, version, metric })
			.map(|c| (c.value, c.updated_at))
	}
}
