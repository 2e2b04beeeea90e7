//! # Modelchain models pallet
//!
//! Who owns an AI model, what it derives from, what using it costs, who gets paid, and what
//! went wrong with it: all on chain, all enforced. This file holds the declarations and thin
//! calls (origin, then `Self::do_*`); each rule lives in the file named after its domain:
//!
//! | file | rules |
//! |---|---|
//! | [`registry`] | commit–reveal registration, ids, lineage and royalties, versions, status, owner, disputes |
//! | [`funds`] | every hold, release, payout and vault transfer: the one place money moves |
//! | [`shares`] | the share ledger, its history (DAO snapshots) and locks |
//! | [`fungible_shares`] | the share ledger as `fungibles` (`Inspect`, `Mutate`, freezes): transfers settle, nothing mints |
//! | [`licensing`] | terms, purchases, operators and metered use, revocation |
//! | [`revenue`] | the fee split up the lineage, to contributors and to holders; claims |
//! | [`incidents`] | bonded reports, deadlines, rulings, flags, the accountability bond |
//! | [`evaluations`] | oracle metrics attached to versions |
//! | [`views`] | what the runtime API and RPC read, paged through indexes |
//! | [`invariants`] | `try_state` |
//!
//! ## Registration no one can front-run
//!
//! A registrant first commits `blake2_256(SCALE(content_hash, registrant, salt))` with
//! [`Pallet::commit_registration`], then reveals with [`Pallet::register_model`] at least
//! `MinCommitAge` blocks later and at most `MaxCommitAge`. A copy of a reveal seen in the pool
//! names a different registrant, so its commitment does not exist; a copier who commits
//! after seeing the reveal must wait `MinCommitAge` blocks, by which time the reveal is in.
//! Ids come from a counter, and the full content hash is the uniqueness key
//! ([`ModelByHash`]): no prefix can block an id. A squatted model (someone revealed a hash
//! they did not author) can be reassigned by the chain DAO with
//! [`Pallet::resolve_ownership_dispute`], which slashes the squatter's deposit and bond.
//!
//! ## Money
//!
//! Deposits, bonds and commitments are `fungible` holds with a [`HoldReason`], taken only
//! from the signer. When a model's governance acts (publishes a version), the deposit is
//! waived. Holds come back when the record goes away (a commitment at reveal, a report when
//! ruled or expired) or when the model retires ([`Pallet::release_deposits`]). Revenue sits
//! in the vault account and is paid with `fungible::Mutate::transfer`.
//!
//! ## Invariants (checked by `try_state`)
//!
//! 1. Σ shares of a model's holdings = its supply; no lock exceeds its holder's shares.
//! 2. Σ (unclaimed + accrued) over a model's holdings ≤ its vault (received − claimed), and
//!    the vault account holds at least Σ over models of (received − claimed).
//! 3. Every parent exists and is older; depth = 1 + max parent depth; depth and paths are
//!    within bounds; Σ royalties of a model ≤ `MaxRoyaltyTotal`.
//! 4. Every hold equals the records behind it: per account, deposits + commitments +
//!    report bonds + accountability bonds.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod evaluations;
pub mod funds;
pub mod fungible_shares;
pub mod incidents;
#[cfg(any(feature = "try-runtime", test))]
pub mod invariants;
pub mod licensing;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod registry;
pub mod revenue;
pub mod shares;
#[cfg(test)]
mod tests;
pub mod types;
pub mod views;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::{boxed::Box, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		EnsureOriginWithArg,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{
	Balance, BlockNumber, Hash, LicenseTerms, MetricFeed, MetricKind, ModelId, ModelStatus,
	ModelVersion, Relation, ShareLockId, ShareLockSource,
};
use sp_arithmetic::Permill;
use sp_core::U256;

/// The storage layout version this code reads and writes.
pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

// FRAME's pallet macros expand to code that calls `expect` on values they guarantee; our own
// code in this module uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Sets up state the benchmarks need from other pallets.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper {
		/// Makes `T::MetricFeed` return a current value for this key.
		fn set_metric(model: ModelId, version: ModelVersion, metric: MetricKind);
	}

	/// Why the pallet holds an account's funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Storage deposit of a model or version record.
		#[codec(index = 0)]
		Deposit,
		/// A reporter's bond on an open incident report.
		#[codec(index = 2)]
		IncidentBond,
		/// A model's accountability bond: pays the reporters of upheld incidents.
		#[codec(index = 3)]
		AccountabilityBond,
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token: fees, deposits and bonds, through `fungible` holds.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;
		/// A model's own governance (its DAO, or Root): retires it, hands it over, sets its
		/// royalty floor and contributor share, revokes its licences.
		type ModelGovernanceOrigin: EnsureOriginWithArg<Self::RuntimeOrigin, ModelId>;
		/// The chain's arbiter (the chain DAO, or Root): rules on incidents and ownership
		/// disputes, clears flags, sets the report deadline.
		type IncidentOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Evaluation metrics of model versions (the oracle).
		type MetricFeed: MetricFeed;
		/// Receives dismissed report bonds and slashed squatter deposits.
		type TreasuryAccount: Get<Self::AccountId>;
		/// Derives the vault account that holds unclaimed revenue.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Fixed part of the registration and version deposits.
		#[pallet::constant]
		type DepositBase: Get<Balance>;
		/// Deposit per byte of stored record.
		#[pallet::constant]
		type DepositPerByte: Get<Balance>;
		/// Blocks a commitment must age before its reveal (at least 1).
		#[pallet::constant]
		type MinCommitAge: Get<BlockNumber>;
		/// Blocks after which a commitment can no longer be revealed (only cancelled).
		#[pallet::constant]
		type MaxCommitAge: Get<BlockNumber>;
		/// Bond of a `Low` incident report; higher severities multiply it by 2, 4 and 8.
		#[pallet::constant]
		type IncidentBond: Get<Balance>;
		/// Accountability bond a model must hold to sell licences. At least 8 ×
		/// `IncidentBond`, so that one upheld critical report is paid in full.
		#[pallet::constant]
		type AccountabilityBond: Get<Balance>;
		/// Report deadline used until the arbiter sets one ([`IncidentDeadline`]).
		#[pallet::constant]
		type DefaultIncidentDeadline: Get<BlockNumber>;
		/// The shortest deadline `set_incident_deadline` accepts: what the arbiter needs to
		/// rule, so that a report cannot expire before any ruling could take effect. The
		/// runtime derives it from the chain DAO's critical track (voting, late-quorum
		/// extension and enactment delay).
		type MinIncidentDeadline: Get<BlockNumber>;
		/// The most a derivative may pass to all its parents together.
		#[pallet::constant]
		type MaxRoyaltyTotal: Get<Permill>;
		/// Maximum named operators per model.
		#[pallet::constant]
		type MaxOperators: Get<u32>;
		/// Maximum bytes of each metadata text (name, URI, license id, one tag).
		#[pallet::constant]
		type MaxTextLen: Get<u32>;
		/// Maximum number of tags.
		#[pallet::constant]
		type MaxTags: Get<u32>;
		/// Maximum number of direct parents.
		#[pallet::constant]
		type MaxParents: Get<u32>;
		/// Maximum number of dataset hashes.
		#[pallet::constant]
		type MaxDatasets: Get<u32>;
		/// Maximum contributors of one version.
		#[pallet::constant]
		type MaxContributors: Get<u32>;
		/// Maximum lineage depth (a model's distance to its furthest base model).
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;
		/// Maximum lineage paths above a model: bounds the royalty walk of one purchase.
		#[pallet::constant]
		type MaxLineagePaths: Get<u32>;
		/// Maximum concurrent share locks per holder and model.
		#[pallet::constant]
		type MaxShareLocks: Get<u32>;
		/// Locks kept by other pallets (the DAO's vote locks), asked for at every transfer
		/// on top of this pallet's own `ShareLocks`.
		type ExternalLocks: ShareLockSource<Self::AccountId>;
		/// Told when an ownership ruling takes every share of the squatter, with its locks
		/// (lending drops the collateral claim it had on them), and when an upheld incident
		/// flags a model (lending stops lending against its shares at once).
		type ShareHooks: modelchain_primitives::ModelShareHooks<Self::AccountId>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up of other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Registered models by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, ModelInfo<T>>;

	/// The model registered with each content hash: the uniqueness key.
	#[pallet::storage]
	pub type ModelByHash<T: Config> = StorageMap<_, Identity, Hash, ModelId>;

	/// The id the next registration gets (ids start at 1).
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Open registration commitments, per committer. Keyed by the committer too, so a copy
	/// of someone's commitment taken from the pool is the copier's own entry and blocks
	/// nothing.
	#[pallet::storage]
	pub type Commitments<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, Hash, Commitment>;

	/// Published versions of each model.
	#[pallet::storage]
	pub type Versions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ModelId, Twox64Concat, ModelVersion, VersionInfo<T>>;

	/// Record deposits held per model and account (model record and signed versions).
	#[pallet::storage]
	pub type DepositsOf<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ModelId,
		Blake2_128Concat,
		T::AccountId,
		Balance,
		ValueQuery,
	>;

	/// Share positions.
	#[pallet::storage]
	pub type Holdings<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ModelId, Blake2_128Concat, T::AccountId, Holding>;

	/// Share history: entry `i` of a holder in a model.
	#[pallet::storage]
	pub type ShareHistory<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, ModelId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, u32>,
		),
		ShareCheckpoint<BlockNumber>,
	>;

	/// Share locks by id (they overlap: the largest one counts).
	#[pallet::storage]
	pub type ShareLocks<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ModelId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<(ShareLockId, Balance), T::MaxShareLocks>,
		ValueQuery,
	>;

	/// Licenses held.
	#[pallet::storage]
	pub type Licenses<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ModelId,
		Blake2_128Concat,
		T::AccountId,
		License<BlockNumber>,
	>;

	/// Named operators of each model: they record licensees' uses.
	#[pallet::storage]
	pub type Operators<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ModelId, Blake2_128Concat, T::AccountId, ()>;

	/// Index: models each account manages ("my models").
	#[pallet::storage]
	pub type OwnedModels<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	/// Index: models of which each account holds shares ("my shares").
	#[pallet::storage]
	pub type HeldModels<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	/// Index: models each account holds a licence of ("my licences").
	#[pallet::storage]
	pub type LicensedModels<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ModelId, ()>;

	/// Oracle evaluations attached to model versions.
	#[pallet::storage]
	pub type Evaluations<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, ModelId>,
			NMapKey<Twox64Concat, ModelVersion>,
			NMapKey<Blake2_128Concat, MetricKind>,
		),
		Evaluation<BlockNumber>,
	>;

	/// Incident reports.
	#[pallet::storage]
	pub type Incidents<T: Config> = StorageMap<_, Twox64Concat, IncidentId, Incident<T>>;

	/// Id of the next incident report.
	#[pallet::storage]
	pub type NextIncidentId<T> = StorageValue<_, IncidentId, ValueQuery>;

	/// Blocks a report waits for a ruling before its bond can be returned (0 = the
	/// configured default).
	#[pallet::storage]
	pub type IncidentDeadline<T> = StorageValue<_, BlockNumber, ValueQuery>;

	/// Funds the vault account at genesis with the existential deposit, so that revenue of
	/// any size can be paid in and every claim leaves the vault alive; sets the report
	/// deadline of this chain.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Report deadline in blocks (0 = `DefaultIncidentDeadline`).
		pub incident_deadline: BlockNumber,
		#[serde(skip)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::ensure_vault_exists();
			IncidentDeadline::<T>::put(self.incident_deadline);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A registration commitment was made, holding the record `deposit` and the `bond`
		/// the model will carry; reveal it after `MinCommitAge` blocks.
		RegistrationCommitted {
			commitment: Hash,
			who: T::AccountId,
			deposit: Balance,
			bond: Balance,
		},
		/// A commitment was cancelled and its deposit and bond released.
		CommitmentCancelled { commitment: Hash, who: T::AccountId },
		/// A model was registered and its whole share supply minted to `owner`.
		ModelRegistered {
			model: ModelId,
			owner: T::AccountId,
			content_hash: Hash,
			share_supply: Balance,
			depth: u32,
			deposit: Balance,
			bond: Balance,
		},
		/// A version was published.
		VersionPublished {
			model: ModelId,
			version: ModelVersion,
			content_hash: Hash,
			contributors: u32,
			deposit: Balance,
		},
		/// The model's status changed.
		StatusChanged { model: ModelId, status: ModelStatus },
		/// The model's manager changed.
		OwnerChanged { model: ModelId, owner: T::AccountId },
		/// The arbiter reassigned a squatted model: ownership and the squatter's shares
		/// went to `to`, the squatter's deposit and bond to the treasury.
		OwnershipReassigned {
			model: ModelId,
			from: T::AccountId,
			to: T::AccountId,
			evidence_hash: Hash,
			shares_moved: Balance,
			slashed: Balance,
		},
		/// Shares moved between holders.
		SharesTransferred { model: ModelId, from: T::AccountId, to: T::AccountId, amount: Balance },
		/// A share lock was set or changed.
		ShareLockSet { model: ModelId, who: T::AccountId, id: ShareLockId, amount: Balance },
		/// A share lock was released.
		ShareLockRemoved { model: ModelId, who: T::AccountId, id: ShareLockId },
		/// New license terms apply to future purchases.
		LicenseTermsChanged { model: ModelId, terms_version: u32, terms: LicenseTerms },
		/// A license was bought (or extended).
		LicensePurchased {
			model: ModelId,
			who: T::AccountId,
			paid: Balance,
			expires_at: Option<BlockNumber>,
			uses_left: u32,
			commercial_use: bool,
		},
		/// An operator was named or removed.
		OperatorSet { model: ModelId, operator: T::AccountId, enabled: bool },
		/// An operator recorded `uses` uses of a licensee's licence.
		LicenseUsed {
			model: ModelId,
			who: T::AccountId,
			operator: T::AccountId,
			uses: u32,
			uses_left: u32,
		},
		/// Part of a fee passed from a model to one of its parents.
		RoyaltyPaid { from: ModelId, to: ModelId, amount: Balance },
		/// Revenue credited to a model: its holders' accumulator and its contributors.
		RevenueCredited {
			model: ModelId,
			to_holders: Balance,
			to_contributors: Balance,
			revenue_per_share: U256,
		},
		/// Governance revoked a license.
		LicenseRevoked { model: ModelId, who: T::AccountId },
		/// Revenue was paid out.
		RevenueClaimed { model: ModelId, who: T::AccountId, amount: Balance },
		/// An oracle evaluation was attached to a version.
		EvaluationAttached {
			model: ModelId,
			version: ModelVersion,
			metric: MetricKind,
			value: modelchain_primitives::Price,
			observed_at: modelchain_primitives::Moment,
		},
		/// An incident was reported and bonded.
		IncidentReported {
			id: IncidentId,
			model: ModelId,
			version: Option<ModelVersion>,
			reporter: T::AccountId,
			severity: Severity,
			bond: Balance,
			deadline: BlockNumber,
		},
		/// The model's owner answered an incident.
		IncidentAnswered { id: IncidentId, response_hash: Hash },
		/// An incident was upheld: the bond returned plus `reward` from the model's
		/// accountability bond; `flagged` if its severity flags the model.
		IncidentUpheld { id: IncidentId, model: ModelId, reward: Balance, flagged: bool },
		/// An incident was dismissed: the bond went to the treasury.
		IncidentDismissed { id: IncidentId, model: ModelId, bond_to_treasury: Balance },
		/// An incident's deadline passed without a ruling: the bond went back.
		IncidentExpired { id: IncidentId, model: ModelId, bond_returned: Balance },
		/// A model's flag was cleared, by a fixed version or by the arbiter.
		FlagCleared { model: ModelId, by_version: Option<ModelVersion> },
		/// A model's accountability bond changed.
		BondPosted { model: ModelId, holder: T::AccountId, bond: Balance },
		/// A new owner took the bond over: `from`'s bond of `released` was released.
		BondHandedOver { model: ModelId, from: T::AccountId, released: Balance },
		/// Holds of a retired model were released to `who`.
		DepositsReleased { model: ModelId, who: T::AccountId, deposit: Balance, bond: Balance },
		/// The report deadline changed.
		IncidentDeadlineSet { blocks: BlockNumber },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id. Check the id (from `ModelRegistered` or `models_listModels`).
		UnknownModel,
		/// A model with this content hash is registered already; use it, or if it was
		/// squatted ask the chain DAO for an ownership dispute.
		AlreadyRegistered,
		/// No commitment matches `blake2_256(SCALE(content_hash, you, salt))`. Commit first
		/// (`commit_registration`), then reveal with the same hash and salt.
		NoCommitment,
		/// The commitment is younger than `MinCommitAge` blocks. Reveal in a later block.
		CommitmentTooNew,
		/// The commitment is older than `MaxCommitAge`. Cancel it and commit again.
		CommitmentExpired,
		/// You have this commitment open already. Reveal it, or cancel it first.
		DuplicateCommitment,
		/// A parent does not exist. Register the parent first.
		UnknownParent,
		/// The same parent is listed twice. List each parent once.
		DuplicateParent,
		/// The lineage would be deeper than `MaxLineageDepth`. Derive from a shallower model.
		LineageTooDeep,
		/// The lineage would have more paths than `MaxLineagePaths`. Name fewer parents.
		TooManyAncestors,
		/// A parent's terms forbid derivatives (or the parent is retired). Choose another
		/// parent or ask its DAO to allow derivatives.
		DerivativesNotAllowed,
		/// You hold no valid licence of a parent. Buy one before registering a derivative.
		ParentLicenseRequired,
		/// A royalty to a parent is below that parent's `derivative_royalty_floor`. Raise it.
		RoyaltyBelowFloor,
		/// The royalties to all parents together exceed `MaxRoyaltyTotal`. Name fewer
		/// parents or lower the royalties above their floors.
		RoyaltyTotalTooHigh,
		/// A metadata text, tag list, parent list or dataset list is longer than allowed.
		/// Shorten it.
		MetadataTooLong,
		/// The share supply must be at least 1.
		ZeroSupply,
		/// The terms are inconsistent: a priced kind with price 0, or a period of 0 blocks.
		/// Use `Free` for a free license and a non-zero period.
		InvalidTerms,
		/// The account cannot pay the deposit, fee or bond. Top up the free balance.
		InsufficientBalance,
		/// Only the model's owner or its governance may do this.
		NotModelManager,
		/// Only the model's governance or a holder of 100% of its shares may change terms.
		NotTermsAuthority,
		/// Only the model's governance (its DAO, or Root) may do this: retire, hand over,
		/// or change the royalty floor, the contributor share or the derivatives flag.
		/// Make a proposal in the model's DAO.
		GovernanceRequired,
		/// The model is retired: nothing new can be attached or bought.
		ModelRetired,
		/// A retired model cannot change status again.
		StatusFinal,
		/// Version numbers go up by exactly one. Publish latest + 1.
		VersionNotSequential,
		/// No such version of this model. Publish it first.
		UnknownVersion,
		/// A contributor has weight 0 or appears twice. Give each contributor once, weight ≥ 1.
		InvalidContributors,
		/// Amount must be non-zero.
		ZeroAmount,
		/// Sender and receiver are the same account.
		SelfTransfer,
		/// Not enough shares. Check the balance.
		InsufficientShares,
		/// The shares are locked (a DAO vote or collateral). Wait for the lock to end.
		SharesLocked,
		/// Too many locks on these shares.
		TooManyLocks,
		/// The total price exceeds the buyer's `max_total_price` (the terms may have changed).
		/// Re-read the terms and raise the limit if acceptable.
		PriceAboveLimit,
		/// Quantity must be at least 1 and the total price must not overflow.
		InvalidQuantity,
		/// The model's license is free; there is nothing to buy or record.
		LicenseIsFree,
		/// The account holds no license for this model. Buy one first.
		NoLicense,
		/// The license is expired or its paid uses are recorded. Buy more.
		LicenseExhausted,
		/// The license was revoked by governance; it cannot be used or renewed.
		LicenseRevoked,
		/// Only the model's owner or a named operator records uses.
		NotOperator,
		/// The model has `MaxOperators` operators. Remove one first.
		TooManyOperators,
		/// The model is flagged by an upheld incident: no new licences until its owner
		/// publishes a fixed version or the chain DAO clears the flag.
		ModelFlagged,
		/// The model's accountability bond is below `AccountabilityBond`, so it cannot sell
		/// licences. The owner tops it up with `post_bond`.
		BondTooLow,
		/// The bond is at its required level already.
		BondSufficient,
		/// Nothing to claim. Revenue accrues when licenses are bought.
		NothingToClaim,
		/// The oracle has no current value for this metric. Wait for fresh feeds.
		NoCurrentMetric,
		/// No such incident.
		UnknownIncident,
		/// The incident was already ruled on or expired.
		IncidentClosed,
		/// The report's deadline has passed; it can only be expired (bond returned).
		DeadlinePassed,
		/// The report's deadline has not passed yet. Wait for a ruling or the deadline.
		DeadlineNotReached,
		/// The model is not flagged.
		NotFlagged,
		/// The model is not retired; deposits come back only at retirement.
		NotRetired,
		/// Open incidents keep the accountability bond held. Wait for their ruling or
		/// deadline.
		IncidentsOpen,
		/// Nothing is held for you on this model.
		NothingToRelease,
		/// The claimant already is the squatter. Name the rightful owner.
		SameOwner,
		/// The deadline is shorter than the arbiter needs to rule (`MinIncidentDeadline`:
		/// the chain DAO's critical voting, extension and delay, and never 0). Choose a
		/// longer one.
		InvalidDeadline,
		/// Arithmetic overflowed; the amounts are out of range.
		Overflow,
		/// A seizure may take at most the shares pledged under its lock. Seize less.
		SeizureAboveLock,
	}

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// The flat deposit of a model record, held with the accountability bond from the
		/// commit on: `DepositBase + DepositPerByte × ModelInfo::max_encoded_len()`.
		#[pallet::constant_name(RegistrationDeposit)]
		fn registration_deposit_constant() -> Balance {
			Self::registration_deposit()
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(T::MaxLineageDepth::get() >= 1, "MaxLineageDepth must be at least 1");
			assert!(
				T::MaxLineagePaths::get() >= T::MaxLineageDepth::get(),
				"MaxLineagePaths must allow a chain of MaxLineageDepth"
			);
			assert!(T::MinCommitAge::get() >= 1, "a reveal must come after its commitment");
			assert!(
				T::MaxCommitAge::get() > T::MinCommitAge::get(),
				"MaxCommitAge must leave a reveal window"
			);
			assert!(
				T::AccountabilityBond::get() >= T::IncidentBond::get().saturating_mul(8),
				"the accountability bond must pay one upheld critical report"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a model: reveals a commitment made at least `MinCommitAge` blocks ago,
		/// mints `share_supply` shares to the caller, and holds the record deposit and the
		/// accountability bond. `parents` name each parent, the relation and the royalty
		/// passed to it (at least its floor; Σ at most `MaxRoyaltyTotal`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(
			(parents.len() as u32).min(T::MaxParents::get()),
			metadata.longest_text().min(T::MaxTextLen::get()),
			(metadata.tags.len() as u32).min(T::MaxTags::get()),
			(datasets.len() as u32).min(T::MaxDatasets::get()),
		))]
		#[allow(clippy::too_many_arguments)]
		pub fn register_model(
			origin: OriginFor<T>,
			content_hash: Hash,
			salt: Hash,
			metadata: Box<MetadataInput>,
			parents: Vec<(ModelId, Relation, Permill)>,
			datasets: Vec<Hash>,
			share_supply: Balance,
			terms: LicenseTerms,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(
				who,
				content_hash,
				salt,
				*metadata,
				parents,
				datasets,
				share_supply,
				terms,
			)
			.map(|_| ())
		}

		/// Publishes version `latest + 1` of a model, pinned by `content_hash`, crediting
		/// `contributors` by weight from then on. The signing owner pays the deposit; the
		/// model's governance publishes without one. Clears a flag.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::publish_version(
			(contributors.len() as u32).min(T::MaxContributors::get())
		))]
		pub fn publish_version(
			origin: OriginFor<T>,
			model: ModelId,
			number: ModelVersion,
			content_hash: Hash,
			changelog_hash: Option<Hash>,
			contributors: Vec<(T::AccountId, u32)>,
		) -> DispatchResult {
			let payer = Self::ensure_manager(origin, model)?;
			Self::do_publish_version(
				payer,
				model,
				number,
				content_hash,
				changelog_hash,
				contributors,
			)
		}

		/// Sets a model's status. The owner may switch between `Active` and `Deprecated`;
		/// retiring (final) needs the model's governance.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_model_status())]
		pub fn set_model_status(
			origin: OriginFor<T>,
			model: ModelId,
			status: ModelStatus,
		) -> DispatchResult {
			let signer = Self::ensure_manager(origin, model)?;
			Self::do_set_status(signer.is_none(), model, status)
		}

		/// Hands the model's management to another account. The model's governance only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_model_owner())]
		pub fn set_model_owner(
			origin: OriginFor<T>,
			model: ModelId,
			owner: T::AccountId,
		) -> DispatchResult {
			Self::ensure_governance(origin, model)?;
			Self::do_set_owner(model, owner)
		}

		/// Transfers `amount` unlocked shares of `model` to `to`, settling both sides'
		/// revenue first.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::transfer_shares())]
		pub fn transfer_shares(
			origin: OriginFor<T>,
			model: ModelId,
			to: T::AccountId,
			amount: Balance,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			Self::do_transfer_shares(model, from, to, amount)
		}

		/// Sets the terms that apply to future purchases. The model's governance may change
		/// anything; a signed holder of 100% of the shares may change the price, kind,
		/// commercial flag and restrictions, but not the royalty floor, the contributor
		/// share or whether derivatives are allowed.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_license_terms())]
		pub fn set_license_terms(
			origin: OriginFor<T>,
			model: ModelId,
			terms: LicenseTerms,
		) -> DispatchResult {
			let signer = match T::ModelGovernanceOrigin::try_origin(origin, &model) {
				Ok(_) => None,
				Err(origin) => {
					Some(ensure_signed(origin).map_err(|_| Error::<T>::NotTermsAuthority)?)
				}
			};
			Self::do_set_terms(signer, model, terms)
		}

		/// Buys `quantity` uses or subscription periods under the current terms, paying at
		/// most `max_total_price`. The fee is split up the lineage, to contributors and to
		/// holders at once.
		///
		/// Charged for the worst lineage (`MaxLineagePaths + 1` models, each with
		/// `MaxContributors` contributors) up front; the unused part is refunded from the
		/// models and contributor credits the split actually made.
		#[pallet::call_index(6)]
		#[pallet::weight({
			let models = T::MaxLineagePaths::get().saturating_add(1);
			T::WeightInfo::purchase_license(
				models,
				models.saturating_mul(T::MaxContributors::get()),
			)
		})]
		pub fn purchase_license(
			origin: OriginFor<T>,
			model: ModelId,
			quantity: u32,
			max_total_price: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let split = Self::do_purchase(model, who, quantity, max_total_price)?;
			Ok(Some(T::WeightInfo::purchase_license(split.models, split.contributor_credits))
				.into())
		}

		/// Revokes `who`'s license of `model`. The model's governance only.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::revoke_license())]
		pub fn revoke_license(
			origin: OriginFor<T>,
			model: ModelId,
			who: T::AccountId,
		) -> DispatchResult {
			Self::ensure_governance(origin, model)?;
			Self::do_revoke(model, who)
		}

		/// Pays the caller everything owed from `model`'s vault: holder revenue plus
		/// contributor credits. Rounded down.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim_revenue())]
		pub fn claim_revenue(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim(model, who)
		}

		/// Copies the oracle's current value of `metric` for `version` of `model` on chain.
		/// Anyone may call it; the value comes only from the oracle.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::attach_evaluation())]
		pub fn attach_evaluation(
			origin: OriginFor<T>,
			model: ModelId,
			version: ModelVersion,
			metric: MetricKind,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_attach_evaluation(model, version, metric)
		}

		/// Reports an incident with `model` (or one of its versions), holding a bond scaled
		/// by severity until a ruling or the deadline.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::report_incident())]
		pub fn report_incident(
			origin: OriginFor<T>,
			model: ModelId,
			version: Option<ModelVersion>,
			evidence_hash: Hash,
			severity: Severity,
		) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			Self::do_report(reporter, model, version, evidence_hash, severity)
		}

		/// The model's owner (or governance) answers an open incident.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::respond_to_incident())]
		pub fn respond_to_incident(
			origin: OriginFor<T>,
			id: IncidentId,
			response_hash: Hash,
		) -> DispatchResult {
			let model = Incidents::<T>::get(id).ok_or(Error::<T>::UnknownIncident)?.model;
			Self::ensure_manager(origin, model)?;
			Self::do_respond(id, response_hash)
		}

		/// Rules on an open incident before its deadline. Upheld: the bond returns plus a
		/// reward of the same size from the accountability bond (as far as it reaches), and
		/// a high or critical report flags the model. Dismissed: the bond goes to the
		/// treasury.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::resolve_incident().saturating_add(
			<T::ShareHooks as modelchain_primitives::ModelShareHooks<T::AccountId>>::max_weight()
		))]
		pub fn resolve_incident(
			origin: OriginFor<T>,
			id: IncidentId,
			upheld: bool,
		) -> DispatchResult {
			T::IncidentOrigin::ensure_origin(origin)?;
			Self::do_resolve(id, upheld)
		}

		/// Records `uses` uses of `licensee`'s licence. The model's owner or a named
		/// operator only; a per-use licence cannot go below zero uses, a subscription must
		/// be running.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::record_use())]
		pub fn record_use(
			origin: OriginFor<T>,
			model: ModelId,
			licensee: T::AccountId,
			uses: u32,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_record_use(model, operator, licensee, uses)
		}

		/// Names (`enabled`) or removes an operator. The owner or the model's governance.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::set_operator())]
		pub fn set_operator(
			origin: OriginFor<T>,
			model: ModelId,
			operator: T::AccountId,
			enabled: bool,
		) -> DispatchResult {
			Self::ensure_manager(origin, model)?;
			Self::do_set_operator(model, operator, enabled)
		}

		/// Commits to a registration: `commitment = blake2_256(SCALE(content_hash, caller,
		/// salt))`. Holds the flat registration deposit ([`Pallet::registration_deposit`]) and
		/// the accountability bond; the reveal turns them into the model's, a cancellation
		/// releases them.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::commit_registration())]
		pub fn commit_registration(origin: OriginFor<T>, commitment: Hash) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commit(who, commitment)
		}

		/// Cancels the caller's commitment and releases its deposit.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::cancel_commitment())]
		pub fn cancel_commitment(origin: OriginFor<T>, commitment: Hash) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_commitment(who, commitment)
		}

		/// Returns the bond of a report whose deadline passed without a ruling. Anyone.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::expire_incident())]
		pub fn expire_incident(origin: OriginFor<T>, id: IncidentId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire(id)
		}

		/// Clears a model's flag. The arbiter (chain DAO or Root) only.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::clear_flag())]
		pub fn clear_flag(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			T::IncidentOrigin::ensure_origin(origin)?;
			Self::do_clear_flag(model, None)
		}

		/// Reassigns a squatted model to `claimant`: ownership and the registrant's shares
		/// and unclaimed revenue move, the registrant's deposit and bond go to the treasury.
		/// The arbiter only, with the hash of its evidence.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::resolve_ownership_dispute().saturating_add(
			<T::ShareHooks as modelchain_primitives::ModelShareHooks<T::AccountId>>::max_weight()
		))]
		pub fn resolve_ownership_dispute(
			origin: OriginFor<T>,
			model: ModelId,
			claimant: T::AccountId,
			evidence_hash: Hash,
		) -> DispatchResult {
			T::IncidentOrigin::ensure_origin(origin)?;
			Self::do_reassign(model, claimant, evidence_hash)
		}

		/// Tops the model's accountability bond up to `AccountabilityBond`, held from the
		/// signing owner (who becomes the holder if nobody holds any).
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::post_bond())]
		pub fn post_bond(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_post_bond(model, who)
		}

		/// Releases what the caller holds for a retired model: record deposits, and the
		/// accountability bond once no incident is open.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::release_deposits())]
		pub fn release_deposits(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_release_deposits(model, who)
		}

		/// Sets how many blocks a report waits for a ruling, at least `MinIncidentDeadline`.
		/// The arbiter only.
		#[pallet::call_index(23)]
		// `MinIncidentDeadline` may read storage (the runtime's reads the DAO's rules): one
		// read on top of the generated weight, which was measured before it existed.
		#[pallet::weight(T::WeightInfo::set_incident_deadline().saturating_add(T::DbWeight::get().reads(1)))]
		pub fn set_incident_deadline(origin: OriginFor<T>, blocks: BlockNumber) -> DispatchResult {
			T::IncidentOrigin::ensure_origin(origin)?;
			ensure!(
				blocks > 0 && blocks >= T::MinIncidentDeadline::get(),
				Error::<T>::InvalidDeadline
			);
			IncidentDeadline::<T>::put(blocks);
			Self::deposit_event(Event::IncidentDeadlineSet { blocks });
			Ok(())
		}
	}
}
