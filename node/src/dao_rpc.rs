//! `dao_*` JSON-RPC methods, served from the runtime's `DaoApi`.
//!
//! - `dao_getProposal(id, at?)`: scope, snapshot, voting end, electorate, the quorum still
//!   needed, the tally, whether it would pass as it stands, and its status; or `null`.
//! - `dao_votingPower(scope, account, at?)`: the account's power for a proposal made now
//!   (read at the end of the previous block) and what it could lock for a vote now.
//!
//! Scopes are `"chain"` or `{"model": "<id>"}` (ids as decimal strings or numbers).
//! Balances are decimal strings.

use std::sync::Arc;

use jsonrpsee::{
	core::RpcResult,
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
};
use modelchain_primitives::{
	dao::{DaoApi as DaoRuntimeApi, ProposalSummary},
	AccountId, DaoScope, ProposalId,
};
use serde::{Deserialize, Serialize};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use crate::models_rpc::ModelIdParam;

/// A scope as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ScopeParam {
	/// `"chain"`
	Chain,
	/// `{"model": "13527612320720337851"}`
	Model(ModelIdParam),
}

impl From<ScopeParam> for DaoScope {
	fn from(p: ScopeParam) -> Self {
		match p {
			ScopeParam::Chain => DaoScope::Chain,
			ScopeParam::Model(id) => DaoScope::Model(id.into()),
		}
	}
}

/// An account's voting power.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VotingPowerResponse {
	/// Power for a proposal made now, as a decimal string.
	pub at_snapshot: String,
	/// What the account could lock for a vote now, as a decimal string.
	pub lockable: String,
}

/// The DAO RPC interface.
#[rpc(server)]
pub trait DaoRpcApi<BlockHash> {
	/// A proposal at block `at` (default: best block).
	#[method(name = "dao_getProposal")]
	fn get_proposal(
		&self,
		id: ProposalId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<ProposalSummary<AccountId>>>;

	/// An account's voting power in a scope.
	#[method(name = "dao_votingPower")]
	fn voting_power(
		&self,
		scope: ScopeParam,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<VotingPowerResponse>;
}

/// Serves [`DaoRpcApiServer`] from a client.
pub struct Dao<C, B> {
	client: Arc<C>,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> Dao<C, B> {
	/// Creates the handler.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

/// The runtime could not answer (for example: unknown block hash).
const RUNTIME_ERROR: i32 = 9201;

fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, "dao runtime API call failed", Some(e.to_string()))
}

impl<C, B> DaoRpcApiServer<<B as BlockT>::Hash> for Dao<C, B>
where
	B: BlockT,
	C: ProvideRuntimeApi<B> + HeaderBackend<B> + Send + Sync + 'static,
	C::Api: DaoRuntimeApi<B, AccountId>,
{
	fn get_proposal(
		&self,
		id: ProposalId,
		at: Option<B::Hash>,
	) -> RpcResult<Option<ProposalSummary<AccountId>>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().proposal(at, id).map_err(runtime_error)
	}

	fn voting_power(
		&self,
		scope: ScopeParam,
		account: AccountId,
		at: Option<B::Hash>,
	) -> RpcResult<VotingPowerResponse> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let (power, lockable) = self
			.client
			.runtime_api()
			.voting_power(at, scope.into(), account)
			.map_err(runtime_error)?;
		Ok(VotingPowerResponse { at_snapshot: power.to_string(), lockable: lockable.to_string() })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn scopes_parse() {
		let chain: ScopeParam = serde_json::from_str("\"chain\"").unwrap();
		let model: ScopeParam = serde_json::from_str("{\"model\":\"42\"}").unwrap();
		assert_eq!(DaoScope::from(chain), DaoScope::Chain);
		assert_eq!(DaoScope::from(model), DaoScope::Model(42));
		assert!(serde_json::from_str::<ScopeParam>("\"treasury\"").is_err());
	}
}
