//! Storage and call types of the oracle pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
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

/// Everything the pallet holds about one key, in one record: its configuration, each
/// feeder's latest feed, the combined value it serves and its pause. Feeding a value reads
/// and writes this record once and does the rest in memory, which is what lets a block
/// carry tens of thousands of values (docs/pallets/oracle.md, "Cost").
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxFeeders))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct KeyState<AccountId: Clone + PartialEq + Eq + Debug, MaxFeeders: Get<u32>> {
	/// How the key is aggregated and served.
	pub config: KeyConfig,
	/// Each feeder's latest feed, sorted by feeder, at most one per feeder.
	pub feeds: BoundedVec<(AccountId, FeedRecord), MaxFeeders>,
	/// The last combined value (served while `now < expires_at`). `None` while paused.
	pub combined: Option<CombinedValue>,
	/// Set while the deviation guard holds the key paused.
	pub pause: Option<PauseRecord>,
	/// A paused key's liquidation-only value: the median of a quorum of feeds made after
	/// the pause.
	pub paused_value: Option<CombinedValue>,
}

impl<AccountId: Clone + PartialEq + Eq + Debug + Ord, MaxFeeders: Get<u32>>
	KeyState<AccountId, MaxFeeders>
{
	/// A newly configured key: no feeds, no value.
	pub fn new(config: KeyConfig) -> Self {
		Self { config, feeds: BoundedVec::new(), combined: None, pause: None, paused_value: None }
	}

	/// `who`'s latest feed of this key.
	pub fn feed_of(&self, who: &AccountId) -> Option<FeedRecord> {
		let pos = self.feeds.binary_search_by(|(feeder, _)| feeder.cmp(who)).ok()?;
		self.feeds.get(pos).map(|(_, record)| *record)
	}

	/// Records `who`'s feed, replacing their previous one; whether it was recorded. It is
	/// not only if the key already holds `MaxFeeders` feeds of other accounts, which the
	/// feeder set's own bound rules out (a removed feeder's feeds go with them).
	#[must_use]
	pub fn set_feed(&mut self, who: &AccountId, record: FeedRecord) -> bool {
		match self.feeds.binary_search_by(|(feeder, _)| feeder.cmp(who)) {
			Ok(pos) => match self.feeds.get_mut(pos) {
				Some(slot) => {
					slot.1 = record;
					true
				}
				None => false,
			},
			Err(pos) => self.feeds.try_insert(pos, (who.clone(), record)).is_ok(),
		}
	}

	/// Drops `who`'s feed; whether there was one.
	pub fn drop_feed(&mut self, who: &AccountId) -> bool {
		match self.feeds.binary_search_by(|(feeder, _)| feeder.cmp(who)) {
			Ok(pos) => {
				self.feeds.remove(pos);
				true
			}
			Err(_) => false,
		}
	}

	/// The combined value if it is still served at `now`.
	pub fn served(&self, now: Moment) -> Option<CombinedValue> {
		self.combined.filter(|c| now < c.expires_at)
	}
}
