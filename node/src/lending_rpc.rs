//! `lending_*` JSON-RPC methods, served from the runtime's `LendingApi`.
//!
//! - `lending_accountHealth(account, at?)`: collateral value, borrow limit, liquidation
//!   limit, debt value, health factor, whether the prices were fresh, whether the account
//!   can be liquidated, every position, and the most it could borrow from each market.
//! - `lending_market(asset, at?)`: utilisation, borrow rate, borrow and supply APY, borrow
//!   index, exchange rate, cash, borrows, reserves, shares, deficit, price and pause flag;
//!   or `null` if there is no market.
//!
//! Assets are `"native"`, `{"asset": 1}` or `{"modelShares": "7"}` (model ids are written as
//! decimal strings and read as strings or numbers). Balances are decimal strings of the asset's
//! smallest unit; values (USD), rates and indices are fixed-point numbers written as the
//! integer string of value × 10^18 (`"1500000000000000000"` is 1.5).
//! Figures are accrued to the block's timestamp without writing anything.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use modelchain_primitives::{
	lending::{AccountHealth, LendingApi as LendingRuntimeApi, MarketSummary},
	AccountId, LendingAsset,
};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// The lending RPC interface.
#[rpc(server)]
pub trait LendingRpcApi<BlockHash> {
	/// An account's health at block `at` (default: best block).
	#[method(name = "lending_accountHealth")]
	fn account_health(&self, account: AccountId, at: Option<BlockHash>)
		-> RpcResult<AccountHealth>;

	/// A market's state at block `at` (default: best block).
	#[method(name = "lending_market")]
	fn market(
		&self,
		asset: LendingAsset,
		at: Option<BlockHash>,
	) -> RpcResult<Option<MarketSummary>>;
}

/// Serves [`LendingRpcApiServer`] from a client.
pub struct Lending<C, B> {
	client: Arc<C>,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> Lending<C, B> {
	/// Creates the handler.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

/// The runtime could not answer (for example: unknown block hash).
const RUNTIME_ERROR: i32 = 9301;

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "lending runtime API call failed", Some(e.to_string()))
}

impl<C, B> LendingRpcApiServer<<B as BlockT>::Hash> for Lending<C, B>
where
	B: BlockT,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: LendingRuntimeApi<B, AccountId>,
{
	fn account_health(&self, account: AccountId, at: Option<B::Hash>) -> RpcResult<AccountHealth> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().account_health(at, account).map_err(runtime_error)
	}

	fn market(&self, asset: LendingAsset, at: Option<B::Hash>) -> RpcResult<Option<MarketSummary>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().market(at, asset).map_err(runtime_error)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn assets_parse() {
		let native: LendingAsset = serde_json::from_str("\"native\"").unwrap();
		let usdm: LendingAsset = serde_json::from_str("{\"asset\":1}").unwrap();
		assert_eq!(native, LendingAsset::Native);
		assert_eq!(usdm, LendingAsset::Asset(1));
		assert!(serde_json::from_str::<LendingAsset>("\"usdm\"").is_err());
	}
}
