//! The runtime APIs: everything the node and clients (Polkadot.js, @polkadot/api) call into
//! the runtime for.

// try-runtime is an offline test tool: a failed check must abort loudly.
#![cfg_attr(feature = "try-runtime", allow(clippy::expect_used))]

use super::*;
use frame_support::weights::Weight;
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			opaque::SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(
			encoded: Vec<u8>,
		) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocation reporting needs a session/historical pallet to prove key ownership;
			// this solochain has a fixed validator set and does not slash.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl modelchain_primitives::oracle::OracleApi<Block> for Runtime {
		fn get_value(
			key: modelchain_primitives::OracleKey,
		) -> (modelchain_primitives::ValueStatus, Option<modelchain_primitives::CombinedValue>) {
			Oracle::value_status(&key)
		}

		fn get_all_values() -> Vec<(
			modelchain_primitives::OracleKey,
			modelchain_primitives::ValueStatus,
			Option<modelchain_primitives::CombinedValue>,
		)> {
			Oracle::all_values()
		}
	}

	impl modelchain_primitives::models::ModelsApi<Block, AccountId> for Runtime {
		fn model(
			id: modelchain_primitives::ModelId,
		) -> Option<modelchain_primitives::models::ModelSummary<AccountId>> {
			Models::model_summary(id)
		}

		fn lineage(
			id: modelchain_primitives::ModelId,
		) -> Vec<modelchain_primitives::models::LineageEdge> {
			Models::lineage(id)
		}

		fn license_status(
			id: modelchain_primitives::ModelId,
			who: AccountId,
		) -> modelchain_primitives::LicenseStatus {
			Models::license_status(id, &who)
		}

		fn claimable_revenue(id: modelchain_primitives::ModelId, who: AccountId) -> Balance {
			Models::claimable_revenue(id, &who)
		}

		fn shares(id: modelchain_primitives::ModelId, who: AccountId) -> (Balance, Balance) {
			use modelchain_primitives::ModelShares;
			// A DAO vote lock may outlast a holding a dispute seized; report what of the
			// balance can't move.
			let balance = Models::balance(id, &who);
			(balance, Models::locked(id, &who).min(balance))
		}

		fn list_models(
			filter: modelchain_primitives::ModelFilter<AccountId>,
			start_after: Option<modelchain_primitives::ModelId>,
			limit: u32,
		) -> modelchain_primitives::Page<modelchain_primitives::models::ModelSummary<AccountId>> {
			Models::list_models(filter, start_after, limit)
		}

		fn licenses(
			who: AccountId,
			start_after: Option<modelchain_primitives::ModelId>,
			limit: u32,
		) -> modelchain_primitives::Page<modelchain_primitives::LicenseEntry> {
			Models::licenses(who, start_after, limit)
		}
	}

	impl modelchain_primitives::dao::DaoApi<Block, AccountId> for Runtime {
		fn proposal(
			id: modelchain_primitives::ProposalId,
		) -> Option<modelchain_primitives::dao::ProposalSummary<AccountId>> {
			Dao::proposal_summary(id)
		}

		fn voting_power(scope: modelchain_primitives::DaoScope, who: AccountId) -> (Balance, Balance) {
			Dao::voting_power(scope, &who)
		}
	}

	impl modelchain_primitives::lending::LendingApi<Block, AccountId> for Runtime {
		fn account_health(who: AccountId) -> modelchain_primitives::lending::AccountHealth {
			Lending::account_health(&who)
		}
		fn market(
			asset: modelchain_primitives::LendingAsset,
		) -> Option<modelchain_primitives::lending::MarketSummary> {
			Lending::market_summary(asset)
		}
	}

	impl pallet_asset_conversion::AssetConversionApi<
		Block,
		Balance,
		modelchain_primitives::LendingAsset,
	> for Runtime {
		fn quote_price_exact_tokens_for_tokens(
			asset1: modelchain_primitives::LendingAsset,
			asset2: modelchain_primitives::LendingAsset,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_exact_tokens_for_tokens(asset1, asset2, amount, include_fee)
		}
		fn quote_price_tokens_for_exact_tokens(
			asset1: modelchain_primitives::LendingAsset,
			asset2: modelchain_primitives::LendingAsset,
			amount: Balance,
			include_fee: bool,
		) -> Option<Balance> {
			AssetConversion::quote_price_tokens_for_exact_tokens(asset1, asset2, amount, include_fee)
		}
		fn get_reserves(
			asset1: modelchain_primitives::LendingAsset,
			asset2: modelchain_primitives::LendingAsset,
		) -> Option<(Balance, Balance)> {
			AssetConversion::get_reserves(asset1, asset2).ok()
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_benchmarking::baseline::Pallet as BaselineBench;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::{TrackedStorageKey, WhitelistedStorageKeys};
			use frame_benchmarking::baseline::Pallet as BaselineBench;
			use frame_system_benchmarking::Pallet as SystemBench;
			use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;

			impl frame_benchmarking::baseline::Config for Runtime {}

			impl frame_system_benchmarking::Config for Runtime {}

			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			let mut whitelist: Vec<TrackedStorageKey> =
				AllPalletsWithSystem::whitelisted_storage_keys();
			// The timestamp inherent writes `Timestamp::Now` at the start of every block,
			// before any other extrinsic, so calls read it from the block's overlay: a warm
			// read, as the other whitelisted keys are. Not for the inherent itself, which
			// pays the cold read and the write.
			if config.pallet.as_slice() != b"pallet_timestamp" {
				whitelist.push(pallet_timestamp::Now::<Runtime>::hashed_key().to_vec().into());
			}

			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks).expect("try-runtime upgrade failed");
			(weight, RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("try-runtime execute_block failed")
		}
	}
}
