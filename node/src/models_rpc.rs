//! `models_*` JSON-RPC methods, served from the runtime's `ModelsApi`.
//!
//! - `models_getModel(id, at?)`: the model with its versions, terms and revenue totals, or
//!   `null`.
//! - `models_getLineage(id, at?)`: every lineage edge above the model, breadth first.
//! - `models_licenseStatus(id, account, at?)`: whether the account may use the model.
//! - `models_claimableRevenue(id, account, at?)`: what `claim_revenue` would pay now, as a
//!   decimal string.
//! - `models_shares(id, account, at?)`: the account's shares and how many are locked.
//! - `models_listModels(filter, page?, at?)`: the models an account owns (`{"owner": ss58}`)
//!   or holds shares of (`{"holder": ss58}`), one page at a time, from an on-chain index.
//! - `models_licenses(account, page?, at?)`: the licences an account holds, with status.
//!
//! A page is `{"startAfter": id | null, "limit": n}` (default 20, at most 100); the answer
//! is `{"items": [...], "next": id | null}` and `next` is the `startAfter` of the next page.
//!
//! Model ids are JSON numbers or decimal strings (ids above 2^53 do not fit a JavaScript
//! number). Accounts are SS58 strings. Balances are decimal strings.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use modelchain_primitives::{
	models::{
		LicenseEntry, LineageEdge, ModelFilter, ModelSummary, ModelsApi as ModelsRuntimeApi, Page,
	},
	AccountId, LicenseStatus, ModelId,
};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// A model id as JSON: a number, or a decimal string for ids beyond 2^53.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum ModelIdParam {
	/// `42`
	Number(u64),
	/// `"13527612320720337851"`
	Text(#[serde(deserialize_with = "id_from_str")] u64),
}

fn id_from_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
	let text = String::deserialize(d)?;
	text.parse::<u64>().map_err(serde::de::Error::custom)
}

impl From<ModelIdParam> for ModelId {
	fn from(p: ModelIdParam) -> Self {
		match p {
			ModelIdParam::Number(n) | ModelIdParam::Text(n) => n,
		}
	}
}

/// Which page of a listing to return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageParam {
	/// Return entries after this model id (the previous page's `next`).
	pub start_after: Option<ModelIdParam>,
	/// Entries per page (default 20, at most 100).
	pub limit: Option<u32>,
}

/// Entries per page when the caller names no limit.
const DEFAULT_PAGE: u32 = 20;

impl PageParam {
	fn parts(page: Option<Self>) -> (Option<ModelId>, u32) {
		let page = page.unwrap_or_default();
		(page.start_after.map(Into::into), page.limit.unwrap_or(DEFAULT_PAGE))
	}
}

/// An account's shares of a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SharesResponse {
	/// Shares held, as a decimal string.
	pub balance: String,
	/// Shares that cannot move (DAO votes, collateral), as a decimal string.
	pub locked: String,
}

/// The models RPC interface.
#[rpc(server)]
pub trait ModelsRpcApi<BlockHash> {
	/// A model with its versions at block `at` (default: best block).
	#[method(name = "models_getModel")]
	fn get_model(
		&self,
		id: ModelIdParam,
		at: Option<BlockHash>,
	) -> RpcResult<Option<ModelSummary<AccountId>>>;

	/// The lineage above a model.
	#[method(name = "models_getLineage")]
	fn get_lineage(&self, id: ModelIdParam, at: Option<BlockHash>) -> RpcResult<Vec<LineageEdge>>;

	/// Whether `account` holds a valid license of the model.
	#[method(name = "models_licenseStatus")]
	fn license_status(
		&self,
		id: ModelIdParam,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<LicenseStatus>;

	/// Revenue `account` can claim from the model now.
	#[method(name = "models_claimableRevenue")]
	fn claimable_revenue(
		&self,
		id: ModelIdParam,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<String>;

	/// Shares `account` holds of the model, and how many are locked.
	#[method(name = "models_shares")]
	fn shares(
		&self,
		id: ModelIdParam,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<SharesResponse>;

	/// Models an account owns or holds shares of, one page at a time.
	#[method(name = "models_listModels")]
	fn list_models(
		&self,
		filter: ModelFilter<AccountId>,
		page: Option<PageParam>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ModelSummary<AccountId>>>;

	/// Licences an account holds, one page at a time.
	#[method(name = "models_licenses")]
	fn licenses(
		&self,
		account: AccountId,
		page: Option<PageParam>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<LicenseEntry>>;
}

/// Serves [`ModelsRpcApiServer`] from a client.
pub struct Models<C, B> {
	client: Arc<C>,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> Models<C, B> {
	/// Creates the handler.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

/// The runtime could not answer (for example: unknown block hash).
const RUNTIME_ERROR: i32 = 9101;

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "models runtime API call failed", Some(e.to_string()))
}

impl<C, B> ModelsRpcApiServer<<B as BlockT>::Hash> for Models<C, B>
where
	B: BlockT,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: ModelsRuntimeApi<B, AccountId>,
{
	fn get_model(
		&self,
		id: ModelIdParam,
		at: Option<B::Hash>,
	) -> RpcResult<Option<ModelSummary<AccountId>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().model(at, id.into()).map_err(runtime_error)
	}

	fn get_lineage(&self, id: ModelIdParam, at: Option<B::Hash>) -> RpcResult<Vec<LineageEdge>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().lineage(at, id.into()).map_err(runtime_error)
	}

	fn license_status(
		&self,
		id: ModelIdParam,
		account: AccountId,
		at: Option<B::Hash>,
	) -> RpcResult<LicenseStatus> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().license_status(at, id.into(), account).map_err(runtime_error)
	}

	fn claimable_revenue(
		&self,
		id: ModelIdParam,
		account: AccountId,
		at: Option<B::Hash>,
	) -> RpcResult<String> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let owed = self
			.client
			.runtime_api()
			.claimable_revenue(at, id.into(), account)
			.map_err(runtime_error)?;
		Ok(owed.to_string())
	}

	fn shares(
		&self,
		id: ModelIdParam,
		account: AccountId,
		at: Option<B::Hash>,
	) -> RpcResult<SharesResponse> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (balance, locked) =
			self.client.runtime_api().shares(at, id.into(), account).map_err(runtime_error)?;
		Ok(SharesResponse { balance: balance.to_string(), locked: locked.to_string() })
	}

	fn list_models(
		&self,
		filter: ModelFilter<AccountId>,
		page: Option<PageParam>,
		at: Option<B::Hash>,
	) -> RpcResult<Page<ModelSummary<AccountId>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (start_after, limit) = PageParam::parts(page);
		self.client.runtime_api().list_models(at, filter, start_after, limit).map_err(runtime_error)
	}

	fn licenses(
		&self,
		account: AccountId,
		page: Option<PageParam>,
		at: Option<B::Hash>,
	) -> RpcResult<Page<LicenseEntry>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (start_after, limit) = PageParam::parts(page);
		self.client.runtime_api().licenses(at, account, start_after, limit).map_err(runtime_error)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn model_ids_parse_from_numbers_and_strings() {
		let n: ModelIdParam = serde_json::from_str("42").unwrap();
		let s: ModelIdParam = serde_json::from_str("\"13527612320720337851\"").unwrap();
		assert_eq!(ModelId::from(n), 42);
		assert_eq!(ModelId::from(s), 13_527_612_320_720_337_851);
		assert!(serde_json::from_str::<ModelIdParam>("\"x\"").is_err());
		assert!(serde_json::from_str::<ModelIdParam>("-1").is_err());
	}

	#[test]
	fn pages_and_filters_parse() {
		let page: PageParam = serde_json::from_str(r#"{"startAfter": "7", "limit": 2}"#).unwrap();
		assert_eq!(PageParam::parts(Some(page)), (Some(7), 2));
		assert_eq!(PageParam::parts(None), (None, DEFAULT_PAGE));
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let owner: ModelFilter<AccountId> =
			serde_json::from_str(&format!(r#"{{"owner": "{alice}"}}"#)).unwrap();
		assert!(matches!(owner, ModelFilter::Owner(_)));
		let holder: ModelFilter<AccountId> =
			serde_json::from_str(&format!(r#"{{"holder": "{alice}"}}"#)).unwrap();
		assert!(matches!(holder, ModelFilter::Holder(_)));
	}
}
