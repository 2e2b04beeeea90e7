//! Oracle keys and the traits through which pallets read oracle values.

use crate::{AssetId, ModelId, ModelVersion, Moment, Price};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Weight;

/// Key type of the keys the off-chain oracle feeder signs with (`orcl`, sr25519).
pub const ORACLE_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"orcl");

/// Persistent off-chain storage key holding the oracle feeder's source URL (raw UTF-8).
pub const ORACLE_SOURCE_URL_KEY: &[u8] = b"modelchain::oracle::source-url";

/// An evaluation metric of a model version. Higher-is-better or lower-is-better is the
/// consumer's concern; the oracle only aggregates numbers.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
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
pub enum MetricKind {
	/// Fraction of correct predictions, 0..=1.
	Accuracy,
	/// Harmonic mean of precision and recall, 0..=1.
	F1,
	/// Language-model perplexity (lower is better).
	Perplexity,
	/// BLEU score, 0..=1.
	Bleu,
	/// Mean latency in milliseconds.
	LatencyMs,
	/// A benchmark-specific score, identified by a registry-assigned number.
	Custom(u16),
}

/// What an oracle value is about: an asset's price or a model version's evaluation metric.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
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
pub enum OracleKey {
	/// Price of an asset in the chain's unit of account (USD), as a fixed-point number.
	AssetPrice(AssetId),
	/// An evaluation metric of one version of one model.
	ModelMetric {
		/// The model (written as a decimal string; read from a string or a number).
		#[serde(with = "crate::models::id_string")]
		model: ModelId,
		/// The version of the model that was evaluated.
		version: ModelVersion,
		/// Which metric.
		metric: MetricKind,
	},
}

/// An asset price as the oracle stores it: the value, the time it was observed, and the
/// time from which it is no longer served.
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
)]
pub struct PricePoint {
	/// The price in the unit of account.
	pub price: Price,
	/// When (ms) the price was last backed by enough fresh feeds.
	pub observed_at: Moment,
	/// From this time (ms) on the oracle no longer serves the price.
	pub expires_at: Moment,
	/// Served only to liquidations: the key is paused by the deviation guard and a quorum
	/// of feeders confirmed this price after the pause; risk-increasing calls must not use
	/// it.
	pub liquidation_only: bool,
}

impl PricePoint {
	/// The price and its observation time if the point is still served at `now`.
	pub fn current_at(&self, now: Moment) -> Option<(Price, Moment)> {
		(now < self.expires_at).then_some((self.price, self.observed_at))
	}
}

/// Asset prices for consumers such as lending.
///
/// [`Self::price`] returns `None` when there is no *current* price: never configured, too
/// few fresh feeds, paused after an abnormal jump, or expired. The timestamp is when the
/// price was last backed by enough fresh feeds; consumers should also apply their own
/// maximum age.
pub trait PriceFeed {
	/// The current price of `asset` and the time (ms) it was observed.
	fn price(asset: AssetId) -> Option<(Price, Moment)>;
	/// The stored price point of `asset`, served or expired; `None` when there is none
	/// (never configured, cleared for lack of feeds, removed, or paused without a
	/// confirmed value). For a paused key it is the liquidation-only point a quorum of
	/// feeders confirmed after the pause ([`PricePoint::liquidation_only`]), which
	/// [`Self::price`] never returns. A consumer that keeps a copy (see [`OnPriceChange`])
	/// starts from this.
	fn price_point(asset: AssetId) -> Option<PricePoint>;
}

/// Told of every change to an asset's stored [`PricePoint`], in the same transaction, so a
/// consumer can keep a copy next to the data it reads anyway instead of reading the oracle
/// on every call. The copy then always equals [`PriceFeed::price_point`].
pub trait OnPriceChange {
	/// `asset`'s stored price point is now `point` (`None`: there is none).
	fn on_price_change(asset: AssetId, point: Option<PricePoint>);
	/// The most weight one [`Self::on_price_change`] may take; the oracle charges it for
	/// every price it may change.
	fn max_weight() -> Weight;
}

impl OnPriceChange for () {
	fn on_price_change(_: AssetId, _: Option<PricePoint>) {}
	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// Evaluation metrics of model versions, with the same freshness rules as [`PriceFeed`].
pub trait MetricFeed {
	/// The current value of `metric` for `version` of `model`, and when it was observed.
	fn metric(model: ModelId, version: ModelVersion, metric: MetricKind)
		-> Option<(Price, Moment)>;
}

/// No oracle: every value is absent.
impl PriceFeed for () {
	fn price(_: AssetId) -> Option<(Price, Moment)> {
		None
	}
	fn price_point(_: AssetId) -> Option<PricePoint> {
		None
	}
}

impl MetricFeed for () {
	fn metric(_: ModelId, _: ModelVersion, _: MetricKind) -> Option<(Price, Moment)> {
		None
	}
}

/// An aggregated oracle value as stored on chain.
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
)]
pub struct CombinedValue {
	/// Median of the fresh, in-bounds feeds.
	pub value: Price,
	/// Observation time (ms) that the value can vouch for: the timestamp of the
	/// `min_feeders`-th freshest feed it was computed from.
	pub updated_at: Moment,
	/// From this time (ms) on, fewer than `min_feeders` of its feeds are fresh and the
	/// value is no longer served.
	pub expires_at: Moment,
	/// How many fresh feeds the median was taken over (always `>= min_feeders`).
	pub feeds: u32,
	/// Spread of those feeds: max − min.
	pub dispersion: Price,
}

/// Why a key has no current value, for clients that want to tell users.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo)]
pub enum ValueStatus {
	/// The value is current.
	Current,
	/// The key is not configured.
	Unknown,
	/// Fewer than `min_feeders` fresh feeds so far.
	InsufficientFeeds,
	/// The last value is older than the key's `max_age`.
	Stale,
	/// Paused after a jump beyond the key's maximum deviation; the admin must resume it.
	Paused,
}

sp_api::decl_runtime_apis! {
	/// Read access to the oracle for RPC and off-chain code.
	pub trait OracleApi {
		/// The current value of `key`, or `None` with the reason.
		fn get_value(key: OracleKey) -> (ValueStatus, Option<CombinedValue>);
		/// Every configured key with its status and, when current, its value.
		fn get_all_values() -> alloc::vec::Vec<(OracleKey, ValueStatus, Option<CombinedValue>)>;
	}
}
