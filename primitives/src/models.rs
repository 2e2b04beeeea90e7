//! Model-registry types shared by the models pallet, the DAO, lending, the runtime API and
//! the node's `models_*` RPC, plus the share trait other pallets use.

use crate::{Balance, BlockNumber, Hash, ModelId, ModelVersion};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::Permill;
use sp_runtime::DispatchResult;
use sp_runtime::Weight;

/// How a model derives from a parent (Hugging Face's `base_model_relation`, plus distillation).
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Relation {
	/// Further training of all or most of the parent's weights.
	#[codec(index = 0)]
	Finetune,
	/// A small set of extra weights (LoRA and similar) on top of the frozen parent.
	#[codec(index = 1)]
	Adapter,
	/// Weights combined from several parents.
	#[codec(index = 2)]
	Merge,
	/// The parent at lower numeric precision.
	#[codec(index = 3)]
	Quantized,
	/// A smaller model trained on the parent's outputs.
	#[codec(index = 4)]
	Distilled,
}

/// Life-cycle of a model.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum ModelStatus {
	/// Licensable; new versions may be published.
	#[codec(index = 0)]
	Active,
	/// Still licensable, but its owners advise against new use.
	#[codec(index = 1)]
	Deprecated,
	/// Final: no new licenses, versions or derivatives. Existing licenses stay valid.
	#[codec(index = 2)]
	Retired,
}

/// What a license costs and what it grants.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum LicenseKind {
	/// Anyone may use the model; nothing is paid and every account holds a valid license.
	#[codec(index = 0)]
	Free,
	/// `price` buys one use.
	#[codec(index = 1)]
	PerUse {
		/// Price of one use, in native units.
		#[serde(with = "balance_string")]
		price: Balance,
	},
	/// `price` buys `period` blocks of unlimited use.
	#[codec(index = 2)]
	Subscription {
		/// Price of one period, in native units.
		#[serde(with = "balance_string")]
		price: Balance,
		/// Length of one period, in blocks (non-zero).
		period: BlockNumber,
	},
}

/// A model's license terms. They live on chain and are enforced by the models pallet.
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
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct LicenseTerms {
	/// Price model.
	pub kind: LicenseKind,
	/// Whether licensees may use the model commercially.
	pub commercial_use: bool,
	/// Whether other models may name this one as a parent.
	pub derivatives_allowed: bool,
	/// The least part of its receipts a derivative must pass to this model. A derivative
	/// fixes its royalty to each parent at registration, at or above that parent's floor
	/// then; later changes of the floor bind only later derivatives.
	pub derivative_royalty_floor: Permill,
	/// Part of what the model keeps that goes to the latest version's contributors, by
	/// their weights; the rest goes to shareholders.
	pub contributor_share: Permill,
	/// Hash of the use restrictions (an OpenRAIL-style behavioural-use document).
	pub restrictions_hash: Option<Hash>,
}

/// Whether an account may use a model right now.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum LicenseStatus {
	/// No such model.
	UnknownModel,
	/// The model's terms are free: every account is licensed.
	Free,
	/// The account never bought a license.
	None,
	/// A valid license: unexpired subscription and/or uses left.
	Valid {
		/// Last block (exclusive) of the subscription, if any.
		expires_at: Option<BlockNumber>,
		/// Per-use purchases not yet consumed.
		uses_left: u32,
		/// Whether the terms it was bought under allow commercial use.
		commercial_use: bool,
	},
	/// Subscription ended and no uses are left.
	Expired,
	/// Revoked by the model's governance.
	Revoked,
}

/// One published version of a model.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionSummary<AccountId> {
	/// Version number (strictly increasing per model).
	pub number: ModelVersion,
	/// Hash pinning the weights of this version.
	pub content_hash: Hash,
	/// Hash of the changelog, if one was given.
	pub changelog_hash: Option<Hash>,
	/// Block of publication.
	pub published_at: BlockNumber,
	/// Contributors and their weights.
	pub contributors: Vec<(AccountId, u32)>,
}

/// One edge of a model's lineage, as walked from the model upwards.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LineageEdge {
	/// The derived model.
	#[serde(with = "id_string")]
	pub child: ModelId,
	/// The model it derives from.
	#[serde(with = "id_string")]
	pub parent: ModelId,
	/// How.
	pub relation: Relation,
	/// Distance of `parent` from the model asked about (1 = direct parent).
	pub distance: u32,
	/// Whether `parent` has an upheld incident.
	pub parent_flagged: bool,
}

/// A direct parent of a model.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParentLink {
	/// The parent model.
	#[serde(with = "id_string")]
	pub model: ModelId,
	/// How the child derives from it.
	pub relation: Relation,
	/// Part of everything the child receives that is passed to this parent.
	pub royalty: Permill,
}

/// A model as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSummary<AccountId> {
	/// The model's id, from the registry's counter (models migrated from v0 keep the
	/// hash-prefix id they had).
	#[serde(with = "id_string")]
	pub id: ModelId,
	/// The account that manages the model (publishes versions, answers incidents).
	pub owner: AccountId,
	/// Hash pinning the model as registered.
	pub content_hash: Hash,
	/// Name (UTF-8 as given).
	pub name: Vec<u8>,
	/// Where the model can be fetched.
	pub uri: Vec<u8>,
	/// Life-cycle status.
	pub status: ModelStatus,
	/// Total shares.
	#[serde(with = "balance_string")]
	pub share_supply: Balance,
	/// Current license terms.
	pub terms: LicenseTerms,
	/// Direct parents.
	pub parents: Vec<ParentLink>,
	/// Hashes of the training datasets.
	pub datasets: Vec<Hash>,
	/// Lineage depth (0 for a base model).
	pub depth: u32,
	/// Published versions, oldest first.
	pub versions: Vec<VersionSummary<AccountId>>,
	/// Upheld incidents against this model.
	pub upheld_incidents: u32,
	/// Whether any ancestor is flagged (an inherited flag).
	pub ancestor_flagged: bool,
	/// Whether an upheld high-severity incident flags this model (no new licences until
	/// a fixed version is published or the chain DAO clears it).
	pub flagged: bool,
	/// The version the flag names, if the incident named one.
	pub flagged_version: Option<ModelVersion>,
	/// Incidents awaiting a ruling.
	pub open_incidents: u32,
	/// The accountability bond held for this model (it pays upheld reporters).
	#[serde(with = "balance_string")]
	pub accountability_bond: Balance,
	/// Revenue credited to this model's vault so far (holders and contributors).
	#[serde(with = "balance_string")]
	pub revenue_received: Balance,
	/// Revenue claimed from the vault so far.
	#[serde(with = "balance_string")]
	pub revenue_claimed: Balance,
}

/// Reason a share lock is held, so that independent users of the same shares don't release
/// each other's locks.
pub type ShareLockId = [u8; 8];

/// Fractional model shares as other pallets see them: the DAO (snapshots and vote locks)
/// and lending (shares as collateral).
pub trait ModelShares<AccountId> {
	/// Whether `model` exists.
	fn model_exists(model: ModelId) -> bool;
	/// Total shares of `model` (0 if unknown).
	fn total_supply(model: ModelId) -> Balance;
	/// Total shares of `model` at the end of block `at` (0 before registration).
	fn total_supply_at(model: ModelId, at: BlockNumber) -> Balance;
	/// Shares `who` holds now.
	fn balance(model: ModelId, who: &AccountId) -> Balance;
	/// Shares `who` held at the end of block `at`. Shares received later do not count.
	fn balance_at(model: ModelId, who: &AccountId, at: BlockNumber) -> Balance;
	/// `(balance now, balance at the end of block at)` in one look (a vote needs both).
	fn balance_now_and_at(model: ModelId, who: &AccountId, at: BlockNumber) -> (Balance, Balance) {
		(Self::balance(model, who), Self::balance_at(model, who, at))
	}
	/// Locks at least `amount` of `who`'s shares under `id`, replacing that lock's previous
	/// amount. Fails if `who` holds fewer than `amount`. The models pallet's own locks
	/// (pledges: lending collateral) overlap each other; they add to the locks other pallets
	/// keep (the DAO's vote locks), which never cover pledged shares.
	fn set_lock(
		model: ModelId,
		who: &AccountId,
		id: ShareLockId,
		amount: Balance,
	) -> DispatchResult;
	/// Releases the lock `id` (no-op if absent).
	fn remove_lock(model: ModelId, who: &AccountId, id: ShareLockId);
	/// What cannot be transferred: the largest of the pallet's own locks (pledges) plus the
	/// largest lock other pallets keep (votes).
	fn locked(model: ModelId, who: &AccountId) -> Balance;
	/// The largest of the models pallet's own locks on `who`'s shares: shares pledged (as
	/// lending collateral), which a vote may not lock.
	fn pledged(model: ModelId, who: &AccountId) -> Balance;
	/// The largest lock other pallets keep on `who`'s shares (the DAO's vote locks), which a
	/// pledge may not cover.
	fn externally_locked(model: ModelId, who: &AccountId) -> Balance;
	/// The amount of `who`'s lock `id` (0 if absent).
	fn lock_of(model: ModelId, who: &AccountId, id: ShareLockId) -> Balance;
	/// Moves `amount` of `from`'s shares to `to` whatever their locks (a liquidation of
	/// shares pledged under lock `id`): lock `id` falls by `amount` first, both sides'
	/// revenue is settled and their history recorded, as in any transfer. Other locks stay
	/// as they are (pledges and votes never cover the same shares, so a vote lock still
	/// binds what is left). Fails if `from` holds fewer than `amount` or `amount` exceeds
	/// lock `id`.
	fn seize_locked(
		model: ModelId,
		from: &AccountId,
		to: &AccountId,
		id: ShareLockId,
		amount: Balance,
	) -> DispatchResult;
}

/// What the models pallet tells the pallets that keep shares pledged (lending): a ruling
/// that takes every share of an account, and a model newly flagged by an upheld incident.
pub trait ModelShareHooks<AccountId> {
	/// A ruling took every share `from` held in `model`, with every lock on them (an
	/// ownership reassignment): a pledge of them is gone.
	fn on_shares_forfeited(model: ModelId, from: &AccountId);
	/// `model` itself was just flagged by an upheld incident (models deriving from it are
	/// flagged too, but not told: they are synced one by one).
	fn on_model_flagged(model: ModelId);
	/// The most weight one call of either hook may take.
	fn max_weight() -> Weight;
}

impl<AccountId> ModelShareHooks<AccountId> for () {
	fn on_shares_forfeited(_model: ModelId, _from: &AccountId) {}
	fn on_model_flagged(_model: ModelId) {}
	fn max_weight() -> Weight {
		Weight::zero()
	}
}

/// Share locks kept by the pallet that takes them (the DAO's vote locks live with its votes),
/// which the models pallet asks for whenever shares would leave an account. One source of
/// truth per lock: nothing is mirrored into the models pallet's own `ShareLocks`.
pub trait ShareLockSource<AccountId> {
	/// The largest amount of `who`'s shares of `model` this source locks.
	fn locked(model: ModelId, who: &AccountId) -> Balance;
}

impl<AccountId> ShareLockSource<AccountId> for () {
	fn locked(_model: ModelId, _who: &AccountId) -> Balance {
		0
	}
}

/// Balances travel as decimal strings in JSON: a u128 does not fit a JavaScript number.
/// What other pallets (lending) may ask about a model's standing.
pub trait ModelRisk {
	/// Whether `model`, or any model it derives from, is flagged by an upheld
	/// high-severity incident.
	fn is_flagged(model: ModelId) -> bool;
	/// The most weight one [`Self::is_flagged`] may take (it walks the lineage).
	fn is_flagged_weight() -> Weight;
}

/// Which models an account is listed with.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum ModelFilter<AccountId> {
	/// Models the account manages.
	#[codec(index = 0)]
	Owner(AccountId),
	/// Models of which the account holds at least one share.
	#[codec(index = 1)]
	Holder(AccountId),
}

/// One page of a listing, in the index's stable storage order. `next` is the
/// `start_after` of the following page, `None` on the last page.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
	/// The entries of this page.
	pub items: Vec<T>,
	/// Where the next page starts (exclusive), if there is one.
	#[serde(serialize_with = "option_id_string::serialize")]
	pub next: Option<ModelId>,
}

/// One licence of an account, as `models_licenses` lists it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenseEntry {
	/// The licensed model.
	#[serde(with = "id_string")]
	pub model: ModelId,
	/// Whether the licence is usable now.
	pub status: LicenseStatus,
}

/// Serialises an optional model id as a decimal string (or null).
pub mod option_id_string {
	use crate::ModelId;
	use alloc::string::ToString;
	use serde::Serializer;

	/// Writes `Some(id)` as `"id"` and `None` as `null`.
	pub fn serialize<S: Serializer>(value: &Option<ModelId>, s: S) -> Result<S::Ok, S::Error> {
		match value {
			Some(id) => s.serialize_str(&id.to_string()),
			None => s.serialize_none(),
		}
	}
}

pub mod balance_string {
	use crate::Balance;
	use alloc::string::{String, ToString};
	use serde::{Deserialize, Deserializer, Serializer};

	/// Writes the balance as a decimal string.
	pub fn serialize<S: Serializer>(value: &Balance, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&value.to_string())
	}

	/// Reads a balance from a decimal string or a JSON number.
	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Balance, D::Error> {
		#[derive(serde::Deserialize)]
		#[serde(untagged)]
		enum Repr {
			Text(String),
			Number(u64),
		}
		match Repr::deserialize(d)? {
			Repr::Text(t) => t.parse::<Balance>().map_err(serde::de::Error::custom),
			Repr::Number(n) => Ok(Balance::from(n)),
		}
	}
}

/// Model ids travel as decimal strings in JSON: most exceed 2^53, the largest integer a
/// JavaScript number holds exactly.
pub mod id_string {
	use crate::ModelId;
	use alloc::string::ToString;
	use serde::Serializer;

	/// Writes the id as a decimal string.
	pub fn serialize<S: Serializer>(value: &ModelId, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&value.to_string())
	}

	/// Reads an id from a decimal string or a JSON number.
	pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ModelId, D::Error> {
		#[derive(serde::Deserialize)]
		#[serde(untagged)]
		enum Repr {
			Text(alloc::string::String),
			Number(u64),
		}
		match <Repr as serde::Deserialize>::deserialize(d)? {
			Repr::Text(t) => t.parse::<ModelId>().map_err(serde::de::Error::custom),
			Repr::Number(n) => Ok(n),
		}
	}
}

sp_api::decl_runtime_apis! {
	/// Read access to the model registry for RPC and wallets.
	pub trait ModelsApi<AccountId> where AccountId: codec::Codec {
		/// A model with its versions, or `None` if unknown.
		fn model(id: ModelId) -> Option<ModelSummary<AccountId>>;
		/// Every lineage edge above `id`, breadth first, up to the configured bounds.
		fn lineage(id: ModelId) -> Vec<LineageEdge>;
		/// Whether `who` may use `id` now.
		fn license_status(id: ModelId, who: AccountId) -> LicenseStatus;
		/// What `claim_revenue` would pay `who` for `id` now.
		fn claimable_revenue(id: ModelId, who: AccountId) -> Balance;
		/// Shares of `id` held by `who`: (balance, locked).
		fn shares(id: ModelId, who: AccountId) -> (Balance, Balance);
		/// Up to `limit` (at most 100) models the filter's account owns or holds shares of,
		/// with ids above `start_after`, read from an index (no scan).
		fn list_models(
			filter: ModelFilter<AccountId>,
			start_after: Option<ModelId>,
			limit: u32,
		) -> Page<ModelSummary<AccountId>>;
		/// Up to `limit` (at most 100) licences `who` holds, with model ids above
		/// `start_after`.
		fn licenses(who: AccountId, start_after: Option<ModelId>, limit: u32) -> Page<LicenseEntry>;
	}
}
