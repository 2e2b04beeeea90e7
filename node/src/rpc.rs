//! The node's JSON-RPC surface: Substrate's standard modules (added by `sc-service`), plus
//! account nonces, fee queries, the manual-seal engine when enabled, and Modelchain's own
//! modules. Each module reads the runtime through its runtime API, so it always matches the
//! chain's current code.

use std::sync::Arc;

use jsonrpsee::RpcModule;
use modelchain_primitives::{AccountId, Balance, Hash, Nonce};
use modelchain_runtime::opaque::Block;
use sc_consensus_manual_seal::rpc::{EngineCommand, ManualSeal, ManualSealApiServer};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC modules need from the node.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// The manual-seal command channel, when the node runs `--sealing instant|manual`.
	pub command_sink: Option<futures::channel::mpsc::Sender<EngineCommand<Hash>>>,
}

/// Builds the RPC module with every Modelchain extension merged in.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>,
	C: HeaderBackend<Block> + HeaderMetadata<Block, Error = BlockChainError> + 'static,
	C: Send + Sync + 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BlockBuilder<Block>,
	C::Api: modelchain_primitives::oracle::OracleApi<Block>,
	C::Api: modelchain_primitives::models::ModelsApi<Block, AccountId>,
	C::Api: modelchain_primitives::dao::DaoApi<Block, AccountId>,
	C::Api: modelchain_primitives::lending::LendingApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use crate::{
		dao_rpc::{Dao, DaoRpcApiServer},
		lending_rpc::{Lending, LendingRpcApiServer},
		models_rpc::{Models, ModelsRpcApiServer},
		oracle_rpc::{Oracle, OracleRpcApiServer},
	};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, command_sink } = deps;

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Oracle::<C, Block>::new(client.clone()).into_rpc())?;
	module.merge(Models::<C, Block>::new(client.clone()).into_rpc())?;
	module.merge(Dao::<C, Block>::new(client.clone()).into_rpc())?;
	module.merge(Lending::<C, Block>::new(client).into_rpc())?;

	if let Some(command_sink) = command_sink {
		module.merge(ManualSeal::new(command_sink).into_rpc())?;
	}

	Ok(module)
}
