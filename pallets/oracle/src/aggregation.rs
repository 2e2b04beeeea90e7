//! Combining feeds into a value: the median, its expiry, the deviation guard and the
//! liquidation-only value of a paused key. Everything here works on one key's record in
//! memory; the callers read it once and write it once.

use crate::{
	price_asset, CombinedValue, Config, Event, KeyState, KeyStateOf, OracleKey, Pallet,
	PauseRecord, Value,
};
use alloc::vec::Vec;
use core::fmt::Debug;
use frame_support::traits::Get;
use modelchain_primitives::{Moment, OnPriceChange, PricePoint};
use sp_arithmetic::{
	traits::{CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, Permill,
};

impl<AccountId: Clone + PartialEq + Eq + Debug + Ord, MaxFeeders: Get<u32>>
	KeyState<AccountId, MaxFeeders>
{
	/// The median of the key's fresh, in-bounds feeds (only those made strictly after
	/// `after`, if given), or `None` with fewer than `min_feeders` of them.
	pub fn aggregate(&self, now: Moment, after: Option<Moment>) -> Option<CombinedValue> {
		let config = &self.config;
		let mut fresh: Vec<(Moment, Value)> = self
			.feeds
			.iter()
			.map(|(_, f)| (f.timestamp, f.value))
			.filter(|(at, _)| after.is_none_or(|t| *at > t))
			.filter(|(at, _)| now.saturating_sub(*at) <= config.max_age)
			.filter(|(_, value)| config.in_bounds(*value))
			.collect();
		let quorum = usize::try_from(config.min_feeders).ok()?;
		if quorum == 0 || fresh.len() < quorum {
			return None;
		}
		// The `min_feeders`-th freshest feed decides how long the value stays backed.
		fresh.sort_by_key(|(at, _)| core::cmp::Reverse(*at));
		let updated_at = fresh.get(quorum.checked_sub(1)?)?.0;

		let mut values: Vec<Value> = fresh.iter().map(|(_, value)| *value).collect();
		values.sort();
		let value = median_of_sorted(&values)?;
		let dispersion = values.last()?.saturating_sub(*values.first()?);
		Some(CombinedValue {
			value,
			updated_at,
			expires_at: updated_at.saturating_add(config.max_age),
			feeds: u32::try_from(values.len()).ok()?,
			dispersion,
		})
	}
}

impl<T: Config> Pallet<T> {
	/// Brings a key's value up to date after its feeds or configuration changed: a paused
	/// key recomputes its liquidation-only value, any other key its combined value (checked
	/// by the deviation guard when `fed`). `fed` also says what to do without a quorum: a
	/// feed leaves the previous value to expire on its own, an admin change clears it.
	pub(crate) fn refresh(key: &OracleKey, state: &mut KeyStateOf<T>, now: Moment, fed: bool) {
		if state.pause.is_some() {
			Self::confirm_paused(key, state, now, !fed);
		} else {
			Self::recombine(key, state, now, fed);
		}
	}

	/// Recomputes `state`'s combined value. With `guard_deviation`, a jump beyond
	/// `max_deviation` pauses the key instead. Without enough fresh feeds, an update
	/// (`guard_deviation`) leaves the previous value to expire on its own, while a
	/// reconfiguration clears it. Returns the stored value.
	pub(crate) fn recombine(
		key: &OracleKey,
		state: &mut KeyStateOf<T>,
		now: Moment,
		guard_deviation: bool,
	) -> Option<CombinedValue> {
		let Some(combined) = state.aggregate(now, None) else {
			if !guard_deviation && Self::clear_combined(key, state) {
				Self::deposit_event(Event::ValueCleared { key: *key });
			}
			return None;
		};
		if guard_deviation {
			// Only a value still served is compared: the first feed after an outage is
			// never judged against an expired one.
			if let (Some(max), Some(previous)) = (state.config.max_deviation, state.served(now)) {
				let deviation = relative_deviation(previous.value, combined.value);
				if deviation > max {
					// A paused key serves nothing: its value goes with the pause, which keeps
					// the previous value for the record.
					Self::clear_combined(key, state);
					state.pause = Some(PauseRecord {
						previous: previous.value,
						proposed: combined.value,
						paused_at: now,
					});
					Self::deposit_event(Event::KeyPaused {
						key: *key,
						previous: previous.value,
						proposed: combined.value,
						deviation,
					});
					return None;
				}
			}
		}
		state.combined = Some(combined);
		if let Some(asset) = price_asset(key) {
			T::OnPriceChange::on_price_change(asset, Some(price_point(&combined)));
			Self::deposit_event(Event::ValueUpdated {
				key: *key,
				value: combined.value,
				updated_at: combined.updated_at,
				expires_at: combined.expires_at,
				feeds: combined.feeds,
				dispersion: combined.dispersion,
			});
		}
		Some(combined)
	}

	/// Removes `state`'s combined value, telling a price's consumers; whether there was
	/// one.
	pub(crate) fn clear_combined(key: &OracleKey, state: &mut KeyStateOf<T>) -> bool {
		let had = state.combined.take().is_some();
		if let (true, Some(asset)) = (had, price_asset(key)) {
			T::OnPriceChange::on_price_change(asset, None);
		}
		had
	}

	/// Recomputes a paused key's liquidation-only value from the feeds made after the pause.
	/// With a quorum of them, their median becomes the value and, for a price, is pushed to
	/// consumers as a liquidation-only point. Without one, the previous confirmed value is
	/// left to expire on its own, unless `clear` (a reconfiguration or a removed feeder),
	/// which removes it.
	pub(crate) fn confirm_paused(
		key: &OracleKey,
		state: &mut KeyStateOf<T>,
		now: Moment,
		clear: bool,
	) {
		let Some(pause) = state.pause else { return };
		match state.aggregate(now, Some(pause.paused_at)) {
			Some(combined) => {
				state.paused_value = Some(combined);
				// Only a price's liquidation-only value is served (to liquidations); a
				// metric's is kept for its status alone, and announces nothing, so that
				// feeds of paused metrics do not fill blocks with events.
				if let Some(asset) = price_asset(key) {
					T::OnPriceChange::on_price_change(asset, Some(paused_point(&combined)));
					Self::deposit_event(Event::PausedValueConfirmed {
						key: *key,
						value: combined.value,
						expires_at: combined.expires_at,
						feeds: combined.feeds,
					});
				}
			}
			None if clear => Self::clear_paused_value(key, state),
			None => {}
		}
	}

	/// Removes a paused key's liquidation-only value, telling a price's consumers.
	pub(crate) fn clear_paused_value(key: &OracleKey, state: &mut KeyStateOf<T>) {
		if state.paused_value.take().is_some() {
			if let Some(asset) = price_asset(key) {
				T::OnPriceChange::on_price_change(asset, None);
			}
		}
	}
}

/// The median of an ascending slice; for an even length, the lower of the two middle
/// values. Never a mean: with two feeds a mean would let one feeder move the served value
/// halfway to anything it likes; the lower middle is a value an honest feeder fed (and the
/// lower one, the conservative side for collateral).
pub fn median_of_sorted(values: &[Value]) -> Option<Value> {
	let len = values.len();
	let lower_middle = len.checked_sub(1)?.checked_div(2)?;
	values.get(lower_middle).copied()
}

/// |proposed − previous| / previous, saturating at 100%. A previous value of zero counts as
/// no deviation when the proposal is also zero, else as 100%.
pub fn relative_deviation(previous: Value, proposed: Value) -> Permill {
	let gap = if proposed > previous {
		proposed.saturating_sub(previous)
	} else {
		previous.saturating_sub(proposed)
	};
	if gap.is_zero() {
		return Permill::zero();
	}
	match gap.checked_div(&previous) {
		Some(ratio) if ratio < Value::one() => {
			// ratio in [0, 1): scale to parts per million, rounding up so a deviation just
			// over the limit is never rounded under it.
			let ppm = ratio.into_inner().saturating_mul(1_000_000).div_ceil(Value::accuracy());
			Permill::from_parts(u32::try_from(ppm).unwrap_or(1_000_000))
		}
		_ => Permill::one(),
	}
}

/// The price point a combined value serves.
pub(crate) fn price_point(combined: &CombinedValue) -> PricePoint {
	PricePoint {
		price: combined.value,
		observed_at: combined.updated_at,
		expires_at: combined.expires_at,
		liquidation_only: false,
	}
}

/// The liquidation-only price point a paused key's confirmed value serves.
pub(crate) fn paused_point(combined: &CombinedValue) -> PricePoint {
	PricePoint { liquidation_only: true, ..price_point(combined) }
}
