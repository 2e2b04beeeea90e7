//! Storage and call types of the models pallet.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Get},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use modelchain_primitives::{
	Balance, BlockNumber, Hash, LicenseTerms, ModelId, ModelStatus, ModelVersion, Moment, Price,
	Relation,
};
use scale_info::TypeInfo;
use sp_arithmetic::Permill;
use sp_core::U256;

/// Fixed-point scale of the revenue-per-share accumulator: 10^18 per share.
pub const REVENUE_SCALE: u128 = 1_000_000_000_000_000_000;

/// Identifier of an incident report.
pub type IncidentId = u64;

/// Bounded UTF-8 text of the model's metadata.
pub type Text<T> = BoundedVec<u8, <T as Config>::MaxTextLen>;

/// Which license a model is published under: an SPDX-style identifier or the hash of a
/// custom license text.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S))]
pub enum LicenseRef<S: Get<u32>> {
	/// For example `apache-2.0` or `openrail++`.
	#[codec(index = 0)]
	Id(BoundedVec<u8, S>),
	/// Hash of the license document.
	#[codec(index = 1)]
	Hash(Hash),
}

/// Descriptive metadata given at registration.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(S, N))]
pub struct ModelMetadata<S: Get<u32>, N: Get<u32>> {
	/// Human-readable name.
	pub name: BoundedVec<u8, S>,
	/// Where the weights or the model card can be fetched.
	pub uri: BoundedVec<u8, S>,
	/// The license the model is published under.
	pub license: LicenseRef<S>,
	/// Free-form tags (task, modality, language).
	pub tags: BoundedVec<BoundedVec<u8, S>, N>,
}

/// [`ModelMetadata`] with the runtime's bounds.
pub type MetadataOf<T> = ModelMetadata<<T as Config>::MaxTextLen, <T as Config>::MaxTags>;

/// One parent of a model: how the model derives from it and the royalty it passes to it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct ParentEdge {
	/// The parent model.
	pub model: ModelId,
	/// How the child derives from it.
	pub relation: Relation,
	/// Part of everything the child receives that is passed to this parent. At least the
	/// parent's `derivative_royalty_floor` at registration; never changes afterwards.
	pub royalty: Permill,
}

/// Parents of a model as given at registration.
pub type ParentsOf<T> = BoundedVec<ParentEdge, <T as Config>::MaxParents>;
/// Dataset hashes of a model.
pub type DatasetsOf<T> = BoundedVec<Hash, <T as Config>::MaxDatasets>;
/// Contributors of a version with their (non-zero) weights.
pub type ContributorsOf<T> =
	BoundedVec<(<T as frame_system::Config>::AccountId, u32), <T as Config>::MaxContributors>;

/// The revenue state of one model's vault.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Vault {
	/// Revenue per share ever paid to holders, scaled by [`REVENUE_SCALE`].
	pub revenue_per_share: U256,
	/// Everything credited to this model (holders' part, contributors' part and the
	/// rounding dust that stays in the vault).
	pub received: Balance,
	/// Everything paid out by `claim_revenue`.
	pub claimed: Balance,
}

/// Why a model is flagged: an upheld incident of high or critical severity.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Flag {
	/// The incident that raised it.
	pub incident: IncidentId,
	/// The version it names, if the report named one.
	pub version: Option<ModelVersion>,
}

/// A registered model.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct ModelInfo<T: Config> {
	/// Manages the model: publishes versions, names operators, answers incidents.
	pub owner: T::AccountId,
	/// Who registered it; its record deposit is held from this account.
	pub depositor: T::AccountId,
	/// The record deposit held from `depositor` (0 once released or slashed).
	pub deposit: Balance,
	/// Hash pinning the model as registered ([`crate::ModelByHash`] maps it to the id).
	pub content_hash: Hash,
	/// Descriptive metadata.
	pub metadata: MetadataOf<T>,
	/// Direct parents, how this model derives from each, and the royalty owed to each.
	pub parents: ParentsOf<T>,
	/// Hashes of the training datasets.
	pub datasets: DatasetsOf<T>,
	/// Longest path to a base model (0 for a base model).
	pub depth: u32,
	/// Number of lineage paths above this model: Σ over parents of (1 + their count). An
	/// upper bound on the distinct ancestors and exactly the number of steps a royalty walk
	/// takes.
	pub lineage_paths: u32,
	/// Total shares; fixed at registration.
	pub share_supply: Balance,
	/// Current license terms.
	pub terms: LicenseTerms,
	/// Bumped each time the terms change; licenses remember the version they were bought
	/// under.
	pub terms_version: u32,
	/// Life-cycle status.
	pub status: ModelStatus,
	/// Number of upheld incidents.
	pub upheld_incidents: u32,
	/// Incidents awaiting a ruling (the accountability bond stays held while any is open).
	pub open_incidents: u32,
	/// Set by an upheld high-severity incident; blocks new licences until cleared.
	pub flag: Option<Flag>,
	/// Who holds the accountability bond.
	pub bond_holder: T::AccountId,
	/// The accountability bond held from `bond_holder`; pays upheld reporters.
	pub bond: Balance,
	/// Named operators (the owner is always one, uncounted).
	pub operators: u32,
	/// Highest published version (0 before the first).
	pub latest_version: ModelVersion,
	/// Block of registration (the share ledger starts here).
	pub created_at: BlockNumber,
	/// Revenue accounting.
	pub vault: Vault,
}

/// A published version.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct VersionInfo<T: Config> {
	/// Hash pinning the weights.
	pub content_hash: Hash,
	/// Hash of the changelog.
	pub changelog_hash: Option<Hash>,
	/// Who contributed, with weights; they share the model's contributor cut while this is
	/// the latest version.
	pub contributors: ContributorsOf<T>,
	/// Block of publication.
	pub published_at: BlockNumber,
	/// Deposit held from the publisher (0 when the model's governance published it).
	pub deposit: Balance,
	/// Who paid the deposit: the signing owner, or nobody when governance published.
	pub depositor: Option<T::AccountId>,
}

/// One account's position in one model.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Holding {
	/// Shares held.
	pub shares: Balance,
	/// The vault's revenue-per-share when this holding was last settled.
	pub revenue_checkpoint: U256,
	/// Revenue settled but not yet claimed (holder revenue and contributor credits).
	pub unclaimed: Balance,
	/// Number of entries in this holder's share history.
	pub history_len: u32,
}

/// An entry of a holder's share history: the balance held at the end of block
/// `changed_at - 1`, recorded at the first change in block `changed_at`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct ShareCheckpoint<BlockNumber> {
	/// Block of the change.
	pub changed_at: BlockNumber,
	/// Balance before the first change in that block.
	pub balance_before: Balance,
}

/// A license held by an account.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct License<BlockNumber> {
	/// Terms version of the latest purchase.
	pub terms_version: u32,
	/// Subscription end (exclusive), if a subscription was ever bought.
	pub expires_at: Option<BlockNumber>,
	/// Per-use purchases not yet consumed.
	pub uses_left: u32,
	/// Whether every live entitlement of this licence was bought under commercial terms
	/// (a purchase never upgrades what an earlier, unexpired purchase granted).
	pub commercial_use: bool,
	/// Revoked by governance; no longer valid, and no further purchases.
	pub revoked: bool,
	/// Total paid for this license over time.
	pub total_paid: Balance,
}

/// How serious a reported incident is. The reporter's bond scales with it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Severity {
	/// Bond × 1.
	#[codec(index = 0)]
	Low,
	/// Bond × 2.
	#[codec(index = 1)]
	Medium,
	/// Bond × 4; upheld, it flags the model.
	#[codec(index = 2)]
	High,
	/// Bond × 8; upheld, it flags the model.
	#[codec(index = 3)]
	Critical,
}

impl Severity {
	/// Multiplier applied to the base incident bond.
	pub fn bond_multiplier(self) -> u128 {
		match self {
			Severity::Low => 1,
			Severity::Medium => 2,
			Severity::High => 4,
			Severity::Critical => 8,
		}
	}

	/// Whether an upheld report of this severity flags the model.
	pub fn flags(self) -> bool {
		matches!(self, Severity::High | Severity::Critical)
	}
}

/// Where an incident stands.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum IncidentStatus {
	/// Awaiting a ruling.
	#[codec(index = 0)]
	Open,
	/// Ruled valid: the reporter got the bond back plus a reward from the model's
	/// accountability bond; high severities flag the model.
	#[codec(index = 1)]
	Upheld,
	/// Ruled invalid: the bond went to the treasury.
	#[codec(index = 2)]
	Dismissed,
	/// The deadline passed without a ruling: the bond went back to the reporter.
	#[codec(index = 3)]
	Expired,
}

/// A bonded incident report against a model (or one of its versions).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Incident<T: Config> {
	/// The model.
	pub model: ModelId,
	/// The version the incident concerns, if it names one.
	pub version: Option<ModelVersion>,
	/// Who reported it and bonded.
	pub reporter: T::AccountId,
	/// Hash of the evidence.
	pub evidence_hash: Hash,
	/// Severity claimed by the reporter.
	pub severity: Severity,
	/// Bond reserved from the reporter.
	pub bond: Balance,
	/// The owner's answer, if any.
	pub response_hash: Option<Hash>,
	/// Where it stands.
	pub status: IncidentStatus,
	/// Block of the report.
	pub reported_at: BlockNumber,
	/// Last block a ruling may be given; after it anyone may return the bond.
	pub deadline: BlockNumber,
}

/// A registration commitment, stored under `(committer, commitment)` where the commitment
/// is `blake2_256(SCALE(content_hash, registrant, salt))`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Commitment {
	/// Block of the commitment.
	pub at: BlockNumber,
	/// The model record's deposit, held (reason `Deposit`) from the commit on; at the
	/// reveal it becomes the model's deposit, at a cancellation it comes back.
	pub deposit: Balance,
	/// The accountability bond, held (reason `AccountabilityBond`) from the commit on; at the
	/// reveal it becomes the model's bond, at a cancellation it comes back.
	pub bond: Balance,
}

/// An oracle evaluation attached to a model version.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Evaluation<BlockNumber> {
	/// The metric's value.
	pub value: Price,
	/// When the oracle observed it (ms).
	pub observed_at: Moment,
	/// Block it was attached.
	pub attached_at: BlockNumber,
}

/// Metadata as a caller submits it. Lengths are checked against the runtime's bounds by
/// `register_model`, which answers an over-long field with `MetadataTooLong`.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, PartialEq, Eq, Debug, Default)]
pub struct MetadataInput {
	/// Human-readable name.
	pub name: alloc::vec::Vec<u8>,
	/// Where the weights or the model card can be fetched.
	pub uri: alloc::vec::Vec<u8>,
	/// An SPDX-style license id (`apache-2.0`); ignored when `license_hash` is given.
	pub license_id: alloc::vec::Vec<u8>,
	/// Hash of a custom license document.
	pub license_hash: Option<Hash>,
	/// Free-form tags.
	pub tags: alloc::vec::Vec<alloc::vec::Vec<u8>>,
}

impl MetadataInput {
	/// Length of the longest text: the weight of `register_model` is priced as if every
	/// text were this long.
	pub fn longest_text(&self) -> u32 {
		let longest = [self.name.len(), self.uri.len(), self.license_id.len()]
			.into_iter()
			.chain(self.tags.iter().map(|t| t.len()))
			.max()
			.unwrap_or(0);
		u32::try_from(longest).unwrap_or(u32::MAX)
	}
}

/// What one fee's split up a lineage touched: the models credited and the contributor
/// credits made. `purchase_license` is charged for these (not stored).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct FeeSplit {
	/// Models credited: the licensed model and each ancestor the royalties reached.
	pub models: u32,
	/// Contributor credits made, over all those models.
	pub contributor_credits: u32,
}
