//! Interest: the kinked borrow-rate curve and per-second compounding of a market's borrow
//! index. Pure functions of a market's parameters and state.

use crate::{
	math::{fixed_mul, fixed_pow, mul_div},
	Market,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use modelchain_primitives::{Moment, Price};
use scale_info::TypeInfo;
use sp_arithmetic::{
	traits::{One, Saturating, Zero},
	FixedPointNumber, Permill, Rounding,
};

/// Seconds in a (365-day) year: rates are annual, interest compounds per second.
pub const SECONDS_PER_YEAR: u64 = 31_536_000;

/// The kinked ("jump") borrow-rate curve. Rates are annual and may exceed 100 %.
///
/// `rate(u) = base + multiplier·u` up to the kink, then
/// `base + multiplier·kink + jump_multiplier·(u − kink)`, never above `max_rate`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RateModel {
	/// Rate at zero utilisation.
	pub base_rate: Price,
	/// Slope below the kink.
	pub multiplier: Price,
	/// Slope above the kink.
	pub jump_multiplier: Price,
	/// Utilisation where the slope changes (strictly between 0 and 100 %).
	pub kink: Permill,
	/// Cap on the rate, itself capped by the pallet's `MaxBorrowRate`.
	pub max_rate: Price,
}

impl RateModel {
	/// The annual borrow rate at `utilisation`.
	pub fn borrow_rate(&self, utilisation: Price) -> Price {
		let kink = Price::from(self.kink);
		let rate = if utilisation <= kink {
			self.base_rate.saturating_add(fixed_mul(self.multiplier, utilisation))
		} else {
			self.base_rate
				.saturating_add(fixed_mul(self.multiplier, kink))
				.saturating_add(fixed_mul(self.jump_multiplier, utilisation.saturating_sub(kink)))
		};
		rate.min(self.max_rate)
	}
}

impl Market {
	/// Accrues interest from `last_accrued` to `now`, in whole seconds.
	///
	/// The index grows by `(1 + rate/year)^seconds` (per-second compounding, the per-second
	/// rate rounded up); total borrows grow by the same factor, rounded down; the reserve
	/// factor's share of the new interest becomes reserves. Every step saturates, so a long
	/// idle period at the maximum rate cannot overflow or make the market unusable.
	pub fn accrue(&mut self, now: Moment) {
		let elapsed_ms = now.saturating_sub(self.state.last_accrued);
		let seconds = elapsed_ms.checked_div(1_000).unwrap_or_default();
		if seconds.is_zero() {
			return;
		}
		self.state.last_accrued =
			self.state.last_accrued.saturating_add(seconds.saturating_mul(1_000));
		if self.state.total_borrows.is_zero() {
			return;
		}
		let growth = self.growth_factor(seconds);
		self.state.borrow_index = fixed_mul(self.state.borrow_index, growth);
		let new_borrows = mul_div(
			growth.into_inner(),
			self.state.total_borrows,
			Price::accuracy(),
			Rounding::Down,
		);
		let interest = new_borrows.saturating_sub(self.state.total_borrows);
		self.state.total_borrows = new_borrows;
		self.state.total_reserves = self
			.state
			.total_reserves
			.saturating_add(self.params.reserve_factor.mul_floor(interest));
	}

	/// A copy accrued to `now`, for reading without writing.
	pub fn accrued(mut self, now: Moment) -> Self {
		self.accrue(now);
		self
	}

	/// `(1 + rate/year)^seconds` at the current utilisation.
	pub fn growth_factor(&self, seconds: u64) -> Price {
		let rate = self.params.rate_model.borrow_rate(self.state.utilisation());
		let per_second =
			Price::from_inner(rate.into_inner().div_ceil(u128::from(SECONDS_PER_YEAR)));
		fixed_pow(Price::one().saturating_add(per_second), seconds)
	}

	/// Annual borrow rate, compounded per second for a year, minus one.
	pub fn borrow_apy(&self) -> Price {
		self.growth_factor(SECONDS_PER_YEAR).saturating_sub(Price::one())
	}

	/// Annual rate suppliers earn: borrow rate × utilisation × (1 − reserve factor),
	/// compounded per second for a year, minus one.
	pub fn supply_apy(&self) -> Price {
		let utilisation = self.state.utilisation();
		let borrow_rate = self.params.rate_model.borrow_rate(utilisation);
		let kept = Price::from(Permill::one().saturating_sub(self.params.reserve_factor));
		let supply_rate = borrow_rate.saturating_mul(utilisation).saturating_mul(kept);
		let per_second = Price::from_inner(
			supply_rate.into_inner().checked_div(u128::from(SECONDS_PER_YEAR)).unwrap_or_default(),
		);
		fixed_pow(Price::one().saturating_add(per_second), SECONDS_PER_YEAR)
			.saturating_sub(Price::one())
	}
}
