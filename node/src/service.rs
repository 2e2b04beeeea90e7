//! The node service: database, client, transaction pool, networking, RPC, and block
//! production in one of three sealing modes (see [`Sealing`]).

use std::{
	sync::{
		atomic::{AtomicU64, Ordering},
		Arc,
	},
	time::Duration,
};

use futures::{FutureExt, StreamExt};
use modelchain_runtime::{apis::RuntimeApi, opaque::Block};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_consensus_manual_seal::{
	consensus::aura::AuraConsensusDataProvider, rpc::EngineCommand, ManualSealParams,
};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::{OffchainTransactionPoolFactory, TransactionPool};
use sp_blockchain::HeaderBackend;
use sp_consensus_aura::sr25519::{AuthorityPair as AuraPair, AuthoritySignature};
use sp_runtime::traits::Block as BlockT;

use crate::cli::Sealing;

/// How long an essential task of the transaction pool may have ended before the node treats
/// it as failed: longer than the node takes to stop, far shorter than anyone would run a
/// node without its pool.
const POOL_TASK_GRACE: Duration = Duration::from_secs(5);

/// Spawns the transaction pool's background tasks as essential tasks that are not reported
/// as failed when they end because the node is stopping.
///
/// The pool's blocking `txpool-background` task waits on a channel inside its poll, so the
/// task manager's exit signal cannot cancel it; it returns only when the pool itself is
/// dropped, which on SIGINT or SIGTERM happens after the exit signal has fired. An essential
/// task that returns is logged as `Essential task ... failed` (sc-service's wrapper), which
/// reads like a crash on an ordinary stop. Here a pool task that returns then waits
/// [`POOL_TASK_GRACE`]: that wait is an ordinary pending future, so the exit signal, already
/// fired, wins on the next poll and nothing is logged, and the stop is not delayed. A pool
/// task that returned while the node kept running would end after the wait and stop the
/// node as before, with the same message; a panic skips the wait and stops it at once.
#[derive(Clone)]
struct PoolTaskSpawner(sc_service::SpawnEssentialTaskHandle);

impl PoolTaskSpawner {
	async fn with_grace(task: futures::future::BoxFuture<'static, ()>) {
		task.await;
		futures_timer::Delay::new(POOL_TASK_GRACE).await;
	}
}

impl sp_core::traits::SpawnEssentialNamed for PoolTaskSpawner {
	fn spawn_essential_blocking(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		future: futures::future::BoxFuture<'static, ()>,
	) {
		self.0.spawn_blocking(name, group, Self::with_grace(future));
	}

	fn spawn_essential(
		&self,
		name: &'static str,
		group: Option<&'static str>,
		future: futures::future::BoxFuture<'static, ()>,
	) {
		self.0.spawn(name, group, Self::with_grace(future));
	}
}

/// The host functions the runtime may call; a benchmarking build's runtime also calls the
/// benchmarking ones.
#[cfg(not(feature = "runtime-benchmarks"))]
type HostFunctions = sp_io::SubstrateHostFunctions;
#[cfg(feature = "runtime-benchmarks")]
type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The client type: the runtime always executes as wasm.
pub type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
/// The transaction pool type.
pub type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;

/// GRANDPA justifications are kept at least every this many blocks, so warp sync and light
/// clients can prove finality.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The consensus pieces that differ between sealing modes.
pub enum ConsensusParts {
	/// Aura authoring with GRANDPA finality.
	AuraGrandpa {
		/// Block import wrapped by GRANDPA (tracks authority set changes).
		block_import: sc_consensus_grandpa::GrandpaBlockImport<
			FullBackend,
			Block,
			FullClient,
			FullSelectChain,
		>,
		/// The GRANDPA voter's half of the link to block import.
		link: sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
	},
	/// Instant or manual sealing: blocks go straight into the client.
	Dev,
}

/// The pieces built before networking; also used by the subcommands that only need a client.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	FullPool,
	(ConsensusParts, Option<Telemetry>),
>;

/// Builds the client, database, pool and the import queue for `sealing`.
pub fn new_partial(config: &Configuration, sealing: Sealing) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			PoolTaskSpawner(task_manager.spawn_essential_handle()),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (import_queue, consensus) = match sealing {
		Sealing::Aura => {
			let (block_import, link) = sc_consensus_grandpa::block_import(
				client.clone(),
				GRANDPA_JUSTIFICATION_PERIOD,
				&client,
				select_chain.clone(),
				telemetry.as_ref().map(|x| x.handle()),
			)?;

			let cidp_client = client.clone();
			let import_queue = sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(
				ImportQueueParams {
					block_import: block_import.clone(),
					justification_import: Some(Box::new(block_import.clone())),
					client: client.clone(),
					create_inherent_data_providers: move |parent_hash, _| {
						let cidp_client = cidp_client.clone();
						async move {
							let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
								&*cidp_client,
								parent_hash,
							)?;
							let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
							let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
								*timestamp,
								slot_duration,
							);
							Ok((slot, timestamp))
						}
					},
					spawner: &task_manager.spawn_essential_handle(),
					registry: config.prometheus_registry(),
					check_for_equivocation: Default::default(),
					telemetry: telemetry.as_ref().map(|x| x.handle()),
					compatibility_mode: Default::default(),
				},
			)?;
			(import_queue, ConsensusParts::AuraGrandpa { block_import, link })
		}
		Sealing::Instant | Sealing::Manual => {
			let import_queue = sc_consensus_manual_seal::import_queue(
				Box::new(client.clone()),
				&task_manager.spawn_essential_handle(),
				config.prometheus_registry(),
			);
			(import_queue, ConsensusParts::Dev)
		}
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (consensus, telemetry),
	})
}

/// A clock for instant and manual sealing. Aura requires every block to sit in a later slot
/// than its parent, but dev blocks can come many per second; each block therefore gets the
/// later of the wall clock and "parent + one slot".
struct DevClock {
	last_millis: AtomicU64,
	slot_millis: u64,
}

impl DevClock {
	fn new(client: &FullClient, slot_millis: u64) -> Self {
		let best = client.info().best_hash;
		let last_slot = client
			.header(best)
			.ok()
			.flatten()
			.and_then(|header| {
				sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(&header).ok()
			})
			.map(|slot| *slot)
			.unwrap_or(0);
		Self { last_millis: AtomicU64::new(last_slot.saturating_mul(slot_millis)), slot_millis }
	}

	fn next(&self) -> u64 {
		let now = sp_timestamp::Timestamp::current().as_millis();
		let mut last = self.last_millis.load(Ordering::SeqCst);
		loop {
			let next = now.max(last.saturating_add(self.slot_millis));
			match self.last_millis.compare_exchange(last, next, Ordering::SeqCst, Ordering::SeqCst)
			{
				Ok(_) => return next,
				Err(actual) => last = actual,
			}
		}
	}
}

/// Readies the oracle's off-chain feeder: stores `--oracle-source-url` in off-chain storage,
/// and on dev chains (`--alice`, `--dev`, ...) inserts the dev account's `orcl` key.
fn prepare_oracle_feeder(
	config: &Configuration,
	backend: &FullBackend,
	keystore_container: &sc_service::KeystoreContainer,
	source_url: Option<String>,
) -> Result<(), ServiceError> {
	use sp_core::offchain::OffchainStorage;
	if let Some(url) = source_url {
		let mut storage = backend.offchain_storage().ok_or_else(|| {
			ServiceError::Other("--oracle-source-url needs off-chain storage".into())
		})?;
		storage.set(
			sp_core::offchain::STORAGE_PREFIX,
			modelchain_primitives::oracle::ORACLE_SOURCE_URL_KEY,
			url.as_bytes(),
		);
		log::info!("Oracle feeder source: {url}");
	}
	if let Some(seed) = &config.dev_key_seed {
		sp_keystore::Keystore::sr25519_generate_new(
			&*keystore_container.keystore(),
			modelchain_primitives::oracle::ORACLE_KEY_TYPE,
			Some(seed),
		)
		.map_err(|e| ServiceError::Other(format!("inserting the dev oracle key: {e}")))?;
	}
	Ok(())
}

/// Builds and starts a full node.
pub fn new_full<N: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>>(
	config: Configuration,
	sealing: Sealing,
	oracle_source_url: Option<String>,
	demo_seed: bool,
) -> Result<TaskManager, ServiceError> {
	if sealing != Sealing::Aura && !config.role.is_authority() {
		return Err(ServiceError::Other(
			"`--sealing instant|manual` makes blocks locally; run it with `--dev` or `--validator`."
				.into(),
		));
	}

	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (consensus, mut telemetry),
	} = new_partial(&config, sealing)?;

	prepare_oracle_feeder(&config, &backend, &keystore_container, oracle_source_url)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as BlockT>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the database has no genesis block".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);

	// GRANDPA's gossip protocol and warp sync only exist in Aura mode.
	let mut grandpa_notification_service = None;
	let mut warp_sync_config = None;
	if let ConsensusParts::AuraGrandpa { link, .. } = &consensus {
		let peer_store_handle = net_config.peer_store_handle();
		let (grandpa_protocol_config, notification_service) =
			sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
				grandpa_protocol_name.clone(),
				metrics.clone(),
				peer_store_handle,
			);
		net_config.add_notification_protocol(grandpa_protocol_config);
		grandpa_notification_service = Some(notification_service);
		let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
			backend.clone(),
			link.shared_authority_set().clone(),
			Vec::default(),
		));
		warp_sync_config = Some(WarpSyncConfig::WithProvider(warp_sync));
	}

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	if demo_seed {
		task_manager.spawn_handle().spawn(
			"demo-seed",
			None,
			crate::demo_seed::run(client.clone(), transaction_pool.clone()),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	// The manual-seal engine listens on this channel: RPC `engine_*` calls in both dev modes,
	// plus transaction-pool imports in instant mode.
	let (command_sink, commands_stream) = match sealing {
		Sealing::Aura => (None, None),
		Sealing::Instant | Sealing::Manual => {
			let (sink, stream) = futures::channel::mpsc::channel::<EngineCommand<_>>(1024);
			(Some(sink), Some(stream))
		}
	};

	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let command_sink = command_sink.clone();
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				command_sink: command_sink.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	match consensus {
		ConsensusParts::Dev => {
			let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
			let clock = Arc::new(DevClock::new(&client, slot_duration.as_millis()));
			let Some(rpc_commands) = commands_stream else {
				return Err(ServiceError::Other("dev sealing without a command channel".into()));
			};
			let commands_stream: futures::stream::BoxStream<'static, EngineCommand<_>> =
				if sealing == Sealing::Instant {
					// Every transaction that enters the pool asks for a block, finalised at once.
					let pool_imports = transaction_pool.import_notification_stream().map(|_| {
						EngineCommand::SealNewBlock {
							create_empty: false,
							finalize: true,
							parent_hash: None,
							sender: None,
						}
					});
					futures::stream::select(rpc_commands, pool_imports).boxed()
				} else {
					rpc_commands.boxed()
				};

			let authorship = sc_consensus_manual_seal::run_manual_seal(ManualSealParams {
				block_import: client.clone(),
				env: proposer_factory,
				client: client.clone(),
				pool: transaction_pool.clone(),
				commands_stream,
				select_chain,
				consensus_data_provider: Some(Box::new(
					AuraConsensusDataProvider::new_with_slot_duration(slot_duration),
				)),
				create_inherent_data_providers: move |_, ()| {
					let clock = clock.clone();
					async move {
						Ok(sp_timestamp::InherentDataProvider::new(sp_timestamp::Timestamp::new(
							clock.next(),
						)))
					}
				},
			});
			task_manager.spawn_essential_handle().spawn_blocking(
				"manual-seal",
				Some("block-authoring"),
				authorship,
			);
		}
		ConsensusParts::AuraGrandpa { block_import, link } => {
			if role.is_authority() {
				let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
				let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
					StartAuraParams {
						slot_duration,
						client: client.clone(),
						select_chain,
						block_import,
						proposer_factory,
						create_inherent_data_providers: move |_, ()| async move {
							let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
							let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
								*timestamp,
								slot_duration,
							);
							Ok((slot, timestamp))
						},
						force_authoring,
						backoff_authoring_blocks: Option::<()>::None,
						keystore: keystore_container.keystore(),
						sync_oracle: sync_service.clone(),
						justification_sync_link: sync_service.clone(),
						block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
						max_block_proposal_slot_portion: None,
						telemetry: telemetry.as_ref().map(|x| x.handle()),
						compatibility_mode: Default::default(),
					},
				)?;
				// Authoring is essential: if it stops, the node stops.
				task_manager.spawn_essential_handle().spawn_blocking(
					"aura",
					Some("block-authoring"),
					aura,
				);
			}

			if enable_grandpa {
				let keystore =
					if role.is_authority() { Some(keystore_container.keystore()) } else { None };
				let Some(notification_service) = grandpa_notification_service else {
					return Err(ServiceError::Other("GRANDPA protocol was not registered".into()));
				};
				let grandpa_params = sc_consensus_grandpa::GrandpaParams {
					config: sc_consensus_grandpa::Config {
						gossip_duration: Duration::from_millis(333),
						justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
						name: Some(name),
						observer_enabled: false,
						keystore,
						local_role: role,
						telemetry: telemetry.as_ref().map(|x| x.handle()),
						protocol_name: grandpa_protocol_name,
					},
					link,
					network,
					sync: Arc::new(sync_service),
					notification_service,
					voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
					prometheus_registry,
					shared_voter_state: SharedVoterState::empty(),
					telemetry: telemetry.as_ref().map(|x| x.handle()),
					offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
				};
				task_manager.spawn_essential_handle().spawn_blocking(
					"grandpa-voter",
					None,
					sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
				);
			}
		}
	}

	Ok(task_manager)
}
