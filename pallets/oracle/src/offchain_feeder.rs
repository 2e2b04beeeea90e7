//! The off-chain feeder: an off-chain worker that reads values from an HTTP JSON source and
//! submits signed `feed_values` transactions with the node's `orcl` key.
//!
//! It runs on every node that has (1) an `orcl` sr25519 key in its keystore whose account is
//! a feeder and (2) a source URL in its persistent off-chain storage under
//! [`SOURCE_URL_STORAGE_KEY`] (the node's `--oracle-source-url` flag writes it). Every
//! `OffchainFeedInterval` blocks it fetches the URL and feeds every configured key the source
//! has an in-bounds value for. Paused keys are fed too: their feeds after the pause are what
//! confirms a liquidation-only price (see the crate docs).
//!
//! Source format (numbers may be JSON numbers or decimal strings; strings are exact):
//! ```json
//! { "prices":  { "1": "42.50", "2": 3100.25 },
//!   "metrics": [ { "model": 7, "version": 3, "metric": "Accuracy", "value": "0.915" } ] }
//! ```
//! `metric` is one of `Accuracy`, `F1`, `Perplexity`, `Bleu`, `LatencyMs` or `Custom:<n>`.

use crate::{Call, Config, Keys, Pallet, Value};
use alloc::{string::String, vec::Vec};
use frame_support::{traits::Get, BoundedVec};
use frame_system::offchain::{SendSignedTransaction, Signer};
use modelchain_primitives::{MetricKind, OracleKey};
use sp_arithmetic::FixedPointNumber;
use sp_runtime::offchain::{http, Duration, StorageKind};

/// Persistent off-chain storage key holding the source URL (raw UTF-8 bytes).
pub use modelchain_primitives::oracle::ORACLE_SOURCE_URL_KEY as SOURCE_URL_STORAGE_KEY;

/// The source must answer within this many milliseconds.
const FETCH_TIMEOUT_MS: u64 = 4_000;
/// Responses larger than this are refused.
const MAX_RESPONSE_BYTES: usize = 64 * 1024;

/// Why an off-chain feeding round did nothing.
#[derive(Debug, PartialEq, Eq)]
pub enum FeederError {
	/// No source URL is configured on this node.
	NoSource,
	/// No local `orcl` key belongs to a feeder.
	NoFeederKey,
	/// The HTTP request failed or timed out.
	Http,
	/// The source answered with this non-200 status.
	Status(u16),
	/// The response was larger than allowed.
	TooLarge,
	/// The response was not the expected JSON.
	BadJson,
	/// The source had no value for any configured key.
	NothingToFeed,
	/// The transaction pool refused the transaction.
	Submit,
}

/// Parses a non-negative decimal ("42", "42.5", "0.000001") into an 18-decimal fixed-point
/// value, exactly. More than 18 fractional digits, signs, exponents or overflow are refused.
pub fn parse_decimal(s: &str) -> Option<Value> {
	let s = s.trim();
	let (int_part, frac_part) = match s.split_once('.') {
		Some((i, f)) => (i, f),
		None => (s, ""),
	};
	if int_part.is_empty() && frac_part.is_empty() {
		return None;
	}
	if !int_part.bytes().all(|b| b.is_ascii_digit())
		|| !frac_part.bytes().all(|b| b.is_ascii_digit())
	{
		return None;
	}
	const DECIMALS: usize = 18;
	if frac_part.len() > DECIMALS {
		return None;
	}
	let int: u128 = if int_part.is_empty() { 0 } else { int_part.parse().ok()? };
	let frac: u128 = if frac_part.is_empty() { 0 } else { frac_part.parse().ok()? };
	let frac_scale =
		10u128.checked_pow(u32::try_from(DECIMALS.checked_sub(frac_part.len())?).ok()?)?;
	let inner = int.checked_mul(Value::accuracy())?.checked_add(frac.checked_mul(frac_scale)?)?;
	Some(Value::from_inner(inner))
}

fn json_decimal(v: &serde_json::Value) -> Option<Value> {
	match v {
		serde_json::Value::String(s) => parse_decimal(s),
		serde_json::Value::Number(n) => parse_decimal(&alloc::format!("{n}")),
		_ => None,
	}
}

fn parse_metric(s: &str) -> Option<MetricKind> {
	Some(match s {
		"Accuracy" => MetricKind::Accuracy,
		"F1" => MetricKind::F1,
		"Perplexity" => MetricKind::Perplexity,
		"Bleu" => MetricKind::Bleu,
		"LatencyMs" => MetricKind::LatencyMs,
		other => MetricKind::Custom(other.strip_prefix("Custom:")?.parse().ok()?),
	})
}

/// Extracts every `(key, value)` the source offers, in the source's order.
pub fn parse_source(body: &[u8]) -> Result<Vec<(OracleKey, Value)>, FeederError> {
	let json: serde_json::Value = serde_json::from_slice(body).map_err(|_| FeederError::BadJson)?;
	let mut out = Vec::new();
	if let Some(prices) = json.get("prices") {
		let prices = prices.as_object().ok_or(FeederError::BadJson)?;
		for (asset, value) in prices {
			let asset = asset.parse().map_err(|_| FeederError::BadJson)?;
			let value = json_decimal(value).ok_or(FeederError::BadJson)?;
			out.push((OracleKey::AssetPrice(asset), value));
		}
	}
	if let Some(metrics) = json.get("metrics") {
		for m in metrics.as_array().ok_or(FeederError::BadJson)? {
			let model = m.get("model").and_then(|x| x.as_u64()).ok_or(FeederError::BadJson)?;
			let version = m
				.get("version")
				.and_then(|x| x.as_u64())
				.and_then(|x| u32::try_from(x).ok())
				.ok_or(FeederError::BadJson)?;
			let metric = m
				.get("metric")
				.and_then(|x| x.as_str())
				.and_then(parse_metric)
				.ok_or(FeederError::BadJson)?;
			let value = m.get("value").and_then(json_decimal).ok_or(FeederError::BadJson)?;
			out.push((OracleKey::ModelMetric { model, version, metric }, value));
		}
	}
	Ok(out)
}

fn fetch(url: &str) -> Result<Vec<u8>, FeederError> {
	let deadline = sp_io::offchain::timestamp().add(Duration::from_millis(FETCH_TIMEOUT_MS));
	let pending = http::Request::get(url)
		.add_header("Accept", "application/json")
		.deadline(deadline)
		.send()
		.map_err(|_| FeederError::Http)?;
	let response = pending
		.try_wait(deadline)
		.map_err(|_| FeederError::Http)?
		.map_err(|_| FeederError::Http)?;
	if response.code != 200 {
		return Err(FeederError::Status(response.code));
	}
	let mut body = Vec::new();
	for byte in response.body() {
		if body.len() >= MAX_RESPONSE_BYTES {
			return Err(FeederError::TooLarge);
		}
		body.push(byte);
	}
	Ok(body)
}

impl<T: Config> Pallet<T> {
	/// One off-chain feeding round. Returns how many values were submitted.
	pub fn offchain_feed_round() -> Result<u32, FeederError> {
		let url =
			sp_io::offchain::local_storage_get(StorageKind::PERSISTENT, SOURCE_URL_STORAGE_KEY)
				.ok_or(FeederError::NoSource)?;
		let url = String::from_utf8(url).map_err(|_| FeederError::NoSource)?;

		let feeders: Vec<_> = Signer::<T, T::AuthorityId>::keystore_accounts()
			.filter(|account| Self::is_feeder(&account.id))
			.map(|account| account.public)
			.collect();
		if feeders.is_empty() {
			return Err(FeederError::NoFeederKey);
		}

		let offered = parse_source(&fetch(&url)?)?;
		// A key the source lists twice is fed once (its first value): a repeated key would
		// fail the whole call.
		let mut seen = alloc::collections::BTreeSet::new();
		let values: Vec<(OracleKey, Value)> = offered
			.into_iter()
			.filter(|(key, _)| seen.insert(*key))
			.filter(|(key, value)| {
				Keys::<T>::get(key).is_some_and(|state| state.config.in_bounds(*value))
			})
			.take(usize::try_from(T::MaxFeedValues::get()).unwrap_or(usize::MAX))
			.collect();
		let count = u32::try_from(values.len()).unwrap_or(u32::MAX);
		let values: BoundedVec<_, T::MaxFeedValues> =
			BoundedVec::try_from(values).map_err(|_| FeederError::NothingToFeed)?;
		if values.is_empty() {
			return Err(FeederError::NothingToFeed);
		}

		let results = Signer::<T, T::AuthorityId>::all_accounts()
			.with_filter(feeders)
			.send_signed_transaction(|_| Call::feed_values { values: values.clone() });
		if results.iter().any(|(_, result)| result.is_ok()) {
			Ok(count)
		} else {
			Err(FeederError::Submit)
		}
	}
}
