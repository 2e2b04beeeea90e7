//! Storage and call types of the oracle pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use modelchain_primitives::{Moment, Price};
use scale_info::TypeInfo;
use sp_arithmetic::Permill;

pub use modelchain_primitives::{CombinedValue, OracleKey, ValueStatus};

/// How one key is aggregated and when its value is served.
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
pub struct KeyConfig {
	/// Fresh feeds needed before the key has a value (1..=MaxFeeders).
	pub min_feeders: u32,
	/// A feed older than this many milliseconds no longer counts.
	pub max_age: Moment,
	/// Feeds below this are rejected.
	pub min_value: Option<Price>,
	/// Feeds above this are rejected.
	pub max_value: Option<Price>,
	/// A new combined value further than this from the previous one pauses the key.
	pub max_deviation: Option<Permill>,
}

impl KeyConfig {
	/// Whether `value` lies within the configured bounds.
	pub fn in_bounds(&self, value: Price) -> bool {
		self.min_value.is_none_or(|min| value >= min)
			&& self.max_value.is_none_or(|max| value <= max)
	}
}

/// One feeder's latest value for a key.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct FeedRecord {
	/// The value fed.
	pub value: Price,
	/// Block timestamp (ms) of the feed.
	pub timestamp: Moment,
}

/// Why a key was paused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PauseRecord {
	/// The combined value before the jump.
	pub previous: Price,
	/// The combined value the feeds proposed.
	pub proposed: Price,
	/// When (ms) the key was paused.
	pub paused_at: Moment,
}
