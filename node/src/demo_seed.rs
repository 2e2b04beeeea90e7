//! The dev chain's demo content. With the demo prices (`demo_prices`: `--dev`, Aura sealing,
//! no `--oracle-source-url`, no `--no-demo-prices`) and a chain that starts from genesis,
//! the node signs a few ordinary transactions with the dev keyring and submits them to its
//! own pool, one step a block, so that the explorer and Apps show something on first start:
//!
//! 1. Bob commits to `demo-llm-base`; Eve supplies 50,000 MDL to lending and stakes
//!    100,000 MDL in the chain DAO; Ferdie supplies 20,000 USDM;
//! 2. Bob reveals it (1,000 shares, 2 MDL a licence, derivatives owe at least 10 %);
//! 3. Charlie licenses the base and commits to `demo-llm-chat`;
//! 4. Charlie reveals it: a fine-tune of the base that pays it 15 %;
//! 5. Dave licenses the chat model and commits to `demo-llm-code`;
//! 6. Dave reveals it: an adapter of the chat model that pays it 10 %;
//! 7. Eve licenses it (the revenue climbs the lineage);
//! 8. once the demo prices are current: Ferdie enables his USDM as collateral and borrows
//!    5,000 MDL; Eve proposes a remark to the chain DAO.
//!
//! Alice signs nothing: her account feeds the demo prices from the off-chain worker, and
//! two writers of one nonce would push each other out of the pool.
//!
//! These are the same extrinsics any user would send, through the same pool and checks. A
//! step starts once every transaction of the previous one is in a block (its senders'
//! nonces moved on); a step whose effects are missing (a reveal or a borrow that failed)
//! is logged and the seeding stops. Nothing happens on a chain that was already running
//! (best block above 0 at start: an interrupted seed is not resumed) or on any chain but
//! the development chain spec with its dev key.

use crate::{
	service::{FullClient, FullPool},
	signing::signed,
};
use futures::StreamExt;
use modelchain_primitives::{
	models::ModelsApi, oracle::OracleApi, AccountId, DaoScope, Hash, LendingAsset, LicenseKind,
	LicenseTerms, ModelFilter, ModelId, OracleKey, Relation, ValueStatus,
};
use modelchain_runtime::{RuntimeCall, UNIT};
use sc_client_api::{BlockchainEvents, StorageProvider};
use sc_transaction_pool_api::{TransactionPool, TransactionSource};
use sp_api::{Core, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Zero, OpaqueExtrinsic, Permill};
use std::sync::Arc;

/// One USDM (6 decimals) and its asset id in the dev preset.
const USDM: u128 = modelchain_runtime::genesis_config_presets::USDM_UNIT;
const USDM_ASSET: u32 = modelchain_runtime::genesis_config_presets::USDM;
/// Blocks a step may wait for the previous one before the seeding gives up.
const MAX_WAIT: u32 = 30;

/// A model the seed registers.
struct DemoModel {
	owner: Sr25519Keyring,
	name: &'static str,
	/// Content hash and commitment salt, distinct per model.
	tag: u8,
	price: u128,
	royalty_floor: Permill,
	/// The parent (an earlier demo model, by index) with the relation and royalty.
	parent: Option<(usize, Relation, Permill)>,
}

const MODELS: [DemoModel; 3] = [
	DemoModel {
		owner: Sr25519Keyring::Bob,
		name: "demo-llm-base",
		tag: 0xd1,
		price: 2 * UNIT,
		royalty_floor: Permill::from_percent(10),
		parent: None,
	},
	DemoModel {
		owner: Sr25519Keyring::Charlie,
		name: "demo-llm-chat",
		tag: 0xd2,
		price: 5 * UNIT,
		royalty_floor: Permill::from_percent(10),
		parent: Some((0, Relation::Finetune, Permill::from_percent(15))),
	},
	DemoModel {
		owner: Sr25519Keyring::Dave,
		name: "demo-llm-code",
		tag: 0xd3,
		price: 3 * UNIT,
		royalty_floor: Permill::from_percent(0),
		parent: Some((1, Relation::Adapter, Permill::from_percent(10))),
	},
];

/// Seeds the demo content, one step per new best block, then returns.
pub async fn run(client: Arc<FullClient>, pool: Arc<FullPool>) {
	if client.info().best_number != 0 {
		log::info!(target: "demo", "Demo content: the chain is not new, nothing to seed");
		return;
	}
	let mut seeder =
		Seeder { client: client.clone(), pool, ids: Vec::new(), step: 0, expected: Vec::new() };
	let mut waited = 0u32;
	let mut blocks = client.import_notification_stream();
	while let Some(block) = blocks.next().await {
		if !block.is_new_best {
			continue;
		}
		match seeder.step(block.hash).await {
			Ok(Progress::Done) => {
				log::info!(target: "demo", "Demo content seeded: 3 models with a lineage, licences, lending positions and a proposal");
				return;
			}
			Ok(Progress::Next) => waited = 0,
			Ok(Progress::Wait) => {
				waited = waited.saturating_add(1);
				if waited > MAX_WAIT {
					log::warn!(target: "demo", "Demo content: step {}'s transactions are not in a block after {MAX_WAIT} blocks; stopping", seeder.step.saturating_sub(1));
					return;
				}
			}
			Err(e) => {
				log::warn!(target: "demo", "Demo content: step {} failed ({e}); stopping", seeder.step);
				return;
			}
		}
	}
}

enum Progress {
	/// This step's transactions are in the pool.
	Next,
	/// Not yet: the previous step's transactions are not all in a block (their senders'
	/// nonces have not reached what they were submitted with), a model it needs is not
	/// registered yet, or the prices are not current.
	Wait,
	/// Every step is done.
	Done,
}

struct Seeder {
	client: Arc<FullClient>,
	pool: Arc<FullPool>,
	/// Ids of the demo models registered so far, in `MODELS` order.
	ids: Vec<ModelId>,
	step: usize,
	/// The on-chain nonce each sender of the previous step must reach before the next step:
	/// a step never signs with a nonce its previous transactions may still hold in the pool.
	expected: Vec<(AccountId, u32)>,
}

/// The demo model at `index`.
fn model(index: usize) -> Result<&'static DemoModel, String> {
	MODELS.get(index).ok_or_else(|| format!("no demo model {index}"))
}

impl Seeder {
	/// Whether every transaction of the previous step is in a block at `at`.
	fn previous_included(&self, at: H256) -> Result<bool, String> {
		let api = self.client.runtime_api();
		for (account, nonce) in &self.expected {
			let now = frame_system_rpc_runtime_api::AccountNonceApi::account_nonce(
				&*api,
				at,
				account.clone(),
			)
			.map_err(|e| e.to_string())?;
			if now < *nonce {
				return Ok(false);
			}
		}
		Ok(true)
	}

	async fn step(&mut self, at: H256) -> Result<Progress, String> {
		use Sr25519Keyring::*;
		if !self.previous_included(at)? {
			return Ok(Progress::Wait);
		}
		let calls: Vec<(Sr25519Keyring, RuntimeCall)> = match self.step {
			0 => vec![
				(model(0)?.owner, commit(model(0)?)),
				(Eve, supply(LendingAsset::Native, 50_000 * UNIT)),
				(
					Eve,
					RuntimeCall::Dao(pallet_modelchain_dao::Call::stake { amount: 100_000 * UNIT }),
				),
				(Ferdie, supply(LendingAsset::Asset(USDM_ASSET), 20_000 * USDM)),
			],
			1 | 3 | 5 => {
				let next = model(self.step / 2)?;
				if !self.committed(at, next)? {
					return Err(format!("the commitment to {} is not on chain", next.name));
				}
				vec![(next.owner, self.reveal(next)?)]
			}
			2 | 4 => {
				let (parent, next) =
					(model((self.step / 2).saturating_sub(1))?, model(self.step / 2)?);
				let Some(id) = self.registered(at, parent)? else {
					return Err(format!("{} is not registered", parent.name));
				};
				self.ids.push(id);
				vec![(next.owner, license(id, parent.price)), (next.owner, commit(next))]
			}
			6 => {
				let code = model(2)?;
				let Some(id) = self.registered(at, code)? else {
					return Err(format!("{} is not registered", code.name));
				};
				self.ids.push(id);
				vec![(Eve, license(id, code.price))]
			}
			7 => {
				if !self.prices_current(at)? {
					return Ok(Progress::Wait);
				}
				let usdm = LendingAsset::Asset(USDM_ASSET);
				let remark = RuntimeCall::System(frame_system::Call::remark_with_event {
					remark: b"Welcome to Modelchain: this proposal was made by the dev chain's demo seed".to_vec(),
				});
				vec![
					(
						Ferdie,
						RuntimeCall::Lending(pallet_modelchain_lending::Call::enable_collateral {
							asset: usdm,
						}),
					),
					(
						Ferdie,
						RuntimeCall::Lending(pallet_modelchain_lending::Call::borrow {
							asset: LendingAsset::Native,
							amount: 5_000 * UNIT,
						}),
					),
					(
						Eve,
						RuntimeCall::Dao(pallet_modelchain_dao::Call::propose {
							scope: DaoScope::Chain,
							call: Box::new(remark),
							metadata_hash: H256::repeat_byte(0xd0),
						}),
					),
				]
			}
			_ => {
				self.check_done(at)?;
				return Ok(Progress::Done);
			}
		};
		self.expected = self.submit(at, calls).await?;
		self.step = self.step.saturating_add(1);
		Ok(Progress::Next)
	}

	/// The last step's effects are on chain: Ferdie owes MDL, and the proposal is open.
	fn check_done(&self, at: H256) -> Result<(), String> {
		let api = self.client.runtime_api();
		let health = modelchain_primitives::lending::LendingApi::account_health(
			&*api,
			at,
			Sr25519Keyring::Ferdie.to_account_id(),
		)
		.map_err(|e| e.to_string())?;
		if health.debt_value.is_zero() {
			return Err("Ferdie's borrow did not go through".into());
		}
		let proposal = modelchain_primitives::dao::DaoApi::proposal(&*api, at, 0)
			.map_err(|e| e.to_string())?;
		if proposal.is_none() {
			return Err("Eve's proposal did not go through".into());
		}
		Ok(())
	}

	/// Whether `model`'s commitment (made in the previous step) is on chain.
	fn committed(&self, at: H256, model: &DemoModel) -> Result<bool, String> {
		let commitment = commitment_of(model);
		let key = (model.owner.to_account_id(), commitment);
		let storage_key =
			pallet_modelchain_models::Commitments::<modelchain_runtime::Runtime>::hashed_key_for(
				key.0, key.1,
			);
		self.client
			.storage(at, &sc_client_api::StorageKey(storage_key))
			.map(|v| v.is_some())
			.map_err(|e| e.to_string())
	}

	/// The id of `model` if it is registered at `at`.
	fn registered(&self, at: H256, model: &DemoModel) -> Result<Option<ModelId>, String> {
		let page = self
			.client
			.runtime_api()
			.list_models(at, ModelFilter::Owner(model.owner.to_account_id()), None, 100)
			.map_err(|e| e.to_string())?;
		Ok(page.items.iter().find(|m| m.content_hash == content_hash(model)).map(|m| m.id))
	}

	fn prices_current(&self, at: H256) -> Result<bool, String> {
		for key in [OracleKey::AssetPrice(0), OracleKey::AssetPrice(USDM_ASSET)] {
			let (status, _) =
				self.client.runtime_api().get_value(at, key).map_err(|e| e.to_string())?;
			if status != ValueStatus::Current {
				return Ok(false);
			}
		}
		Ok(true)
	}

	fn reveal(&self, model: &DemoModel) -> Result<RuntimeCall, String> {
		let parents = match model.parent {
			Some((index, relation, royalty)) => {
				let id = *self.ids.get(index).ok_or("a parent is not registered")?;
				vec![(id, relation, royalty)]
			}
			None => Vec::new(),
		};
		Ok(RuntimeCall::Models(pallet_modelchain_models::Call::register_model {
			content_hash: content_hash(model),
			salt: salt(model),
			metadata: Box::new(pallet_modelchain_models::MetadataInput {
				name: model.name.as_bytes().to_vec(),
				uri: format!("ipfs://demo/{}", model.name).into_bytes(),
				license_id: b"apache-2.0".to_vec(),
				license_hash: None,
				tags: vec![b"demo".to_vec(), b"llm".to_vec()],
			}),
			parents,
			datasets: Vec::new(),
			share_supply: 1_000,
			terms: LicenseTerms {
				kind: LicenseKind::PerUse { price: model.price },
				commercial_use: true,
				derivatives_allowed: true,
				derivative_royalty_floor: model.royalty_floor,
				contributor_share: Permill::zero(),
				restrictions_hash: None,
			},
		}))
	}

	/// Signs `calls` (each account's in order, from its on-chain nonce at `at`) and submits
	/// them; returns the nonce each sender reaches once they are all in a block.
	async fn submit(
		&self,
		at: H256,
		calls: Vec<(Sr25519Keyring, RuntimeCall)>,
	) -> Result<Vec<(AccountId, u32)>, String> {
		let api = self.client.runtime_api();
		let version = api.version(at).map_err(|e| e.to_string())?;
		let genesis = self.client.hash(0).map_err(|e| e.to_string())?.ok_or("no genesis block")?;
		let mut nonces: Vec<(AccountId, u32)> = Vec::new();
		for (who, call) in calls {
			let account = who.to_account_id();
			let nonce = match nonces.iter_mut().find(|(a, _)| *a == account) {
				Some((_, n)) => {
					*n = n.saturating_add(1);
					*n
				}
				None => {
					let n = frame_system_rpc_runtime_api::AccountNonceApi::account_nonce(
						&*api,
						at,
						account.clone(),
					)
					.map_err(|e| e.to_string())?;
					nonces.push((account, n));
					n
				}
			};
			let xt = signed(
				who,
				call,
				nonce,
				version.spec_version,
				version.transaction_version,
				genesis,
			);
			let opaque: OpaqueExtrinsic = xt.into();
			self.pool
				.submit_one(at, TransactionSource::Local, opaque)
				.await
				.map_err(|e| format!("the pool refused a demo transaction of {who:?}: {e}"))?;
		}
		Ok(nonces.into_iter().map(|(account, last)| (account, last.saturating_add(1))).collect())
	}
}

fn content_hash(model: &DemoModel) -> Hash {
	H256::repeat_byte(model.tag)
}

fn salt(model: &DemoModel) -> Hash {
	H256::repeat_byte(model.tag.wrapping_add(1))
}

fn commitment_of(model: &DemoModel) -> Hash {
	pallet_modelchain_models::Pallet::<modelchain_runtime::Runtime>::commitment_of(
		&content_hash(model),
		&model.owner.to_account_id(),
		&salt(model),
	)
}

fn commit(model: &DemoModel) -> RuntimeCall {
	RuntimeCall::Models(pallet_modelchain_models::Call::commit_registration {
		commitment: commitment_of(model),
	})
}

fn license(model: ModelId, price: u128) -> RuntimeCall {
	RuntimeCall::Models(pallet_modelchain_models::Call::purchase_license {
		model,
		quantity: 1,
		max_total_price: price,
	})
}

fn supply(asset: LendingAsset, amount: u128) -> RuntimeCall {
	RuntimeCall::Lending(pallet_modelchain_lending::Call::supply { asset, amount })
}
