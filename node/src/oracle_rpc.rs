//! `oracle_*` JSON-RPC methods, served from the runtime's `OracleApi`.
//!
//! - `oracle_getValue(key, at?)`: one key's status and, when current, its value.
//! - `oracle_getAllValues(at?)`: every configured key.
//!
//! Keys are JSON objects: `{"assetPrice": 1}` or
//! `{"modelMetric": {"model": "7", "version": 3, "metric": "accuracy"}}` (model ids are
//! written as decimal strings and read as strings or numbers). Values are returned
//! both as exact decimal strings (`"64250.125"`) and as the raw 18-decimal integer.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use modelchain_primitives::{
	oracle::OracleApi as OracleRuntimeApi, CombinedValue, OracleKey, Price, ValueStatus,
};
use serde::Serialize;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::{traits::Block as BlockT, FixedPointNumber};

/// One key's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OracleValueResponse {
	/// The key asked about.
	pub key: OracleKey,
	/// `current`, `unknown`, `insufficientFeeds`, `stale` or `paused`.
	pub status: &'static str,
	/// The value as an exact decimal string, when current.
	pub value: Option<String>,
	/// The value's 18-decimal fixed-point integer, as a string, when current.
	pub value_raw: Option<String>,
	/// Observation time (ms) the value vouches for.
	pub updated_at: Option<u64>,
	/// Time (ms) from which the value is no longer served.
	pub expires_at: Option<u64>,
	/// Number of fresh feeds in the median.
	pub feeds: Option<u32>,
	/// max − min of those feeds, as a decimal string.
	pub dispersion: Option<String>,
}

/// Formats an 18-decimal fixed-point number exactly, without trailing zeros.
pub fn format_decimal(value: Price) -> String {
	let inner = value.into_inner();
	let unit = Price::accuracy();
	let int = inner / unit;
	let frac = inner % unit;
	if frac == 0 {
		return int.to_string();
	}
	let frac = format!("{frac:018}");
	format!("{int}.{}", frac.trim_end_matches('0'))
}

fn status_name(status: ValueStatus) -> &'static str {
	match status {
		ValueStatus::Current => "current",
		ValueStatus::Unknown => "unknown",
		ValueStatus::InsufficientFeeds => "insufficientFeeds",
		ValueStatus::Stale => "stale",
		ValueStatus::Paused => "paused",
	}
}

fn response(
	key: OracleKey,
	status: ValueStatus,
	value: Option<CombinedValue>,
) -> OracleValueResponse {
	OracleValueResponse {
		key,
		status: status_name(status),
		value: value.map(|c| format_decimal(c.value)),
		value_raw: value.map(|c| c.value.into_inner().to_string()),
		updated_at: value.map(|c| c.updated_at),
		expires_at: value.map(|c| c.expires_at),
		feeds: value.map(|c| c.feeds),
		dispersion: value.map(|c| format_decimal(c.dispersion)),
	}
}

/// The oracle RPC interface.
#[rpc(server)]
pub trait OracleRpcApi<BlockHash> {
	/// The status and current value of one key at block `at` (default: best block).
	#[method(name = "oracle_getValue")]
	fn get_value(&self, key: OracleKey, at: Option<BlockHash>) -> RpcResult<OracleValueResponse>;

	/// Every configured key at block `at` (default: best block).
	#[method(name = "oracle_getAllValues")]
	fn get_all_values(&self, at: Option<BlockHash>) -> RpcResult<Vec<OracleValueResponse>>;
}

/// Serves [`OracleRpcApiServer`] from a client.
pub struct Oracle<C, B> {
	client: Arc<C>,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> Oracle<C, B> {
	/// Creates the handler.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

/// The runtime could not answer (for example: unknown block hash).
const RUNTIME_ERROR: i32 = 9001;

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "oracle runtime API call failed", Some(e.to_string()))
}

impl<C, B> OracleRpcApiServer<<B as BlockT>::Hash> for Oracle<C, B>
where
	B: BlockT,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: OracleRuntimeApi<B>,
{
	fn get_value(&self, key: OracleKey, at: Option<B::Hash>) -> RpcResult<OracleValueResponse> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (status, value) =
			self.client.runtime_api().get_value(at, key).map_err(runtime_error)?;
		Ok(response(key, status, value))
	}

	fn get_all_values(&self, at: Option<B::Hash>) -> RpcResult<Vec<OracleValueResponse>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let all = self.client.runtime_api().get_all_values(at).map_err(runtime_error)?;
		Ok(all.into_iter().map(|(key, status, value)| response(key, status, value)).collect())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn decimals_format_exactly() {
		assert_eq!(format_decimal(Price::from_u32(42)), "42");
		assert_eq!(format_decimal(Price::from_rational(64_250_125u128, 1000)), "64250.125");
		assert_eq!(format_decimal(Price::from_inner(1)), "0.000000000000000001");
		assert_eq!(format_decimal(Price::from_inner(0)), "0");
	}
}
