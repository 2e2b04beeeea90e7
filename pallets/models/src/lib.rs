//! # Modelchain models pallet
//!
//! Who owns an AI model, what it derives from, what using it costs, who gets paid, and what
//! went wrong with it: all on chain, all enforced.
//!
//! ## Registry
//!
//! [`Pallet::register_model`] pins a model by its content hash. The model id is the first
//! 8 bytes of that hash (little-endian), so anyone can compute it, no counter or hash index
//! is needed, and registering a hash twice fails with [`Error::AlreadyRegistered`]. The
//! registrant reserves a deposit of `ModelDepositBase + DepositPerByte × bytes stored`.
//! [`Pallet::publish_version`] adds hash-pinned versions with strictly increasing numbers,
//! each naming its contributors with weights. A model is `Active`, `Deprecated` or
//! (finally) `Retired`. Records are never deleted: storage and events are the audit trail.
//!
//! ## Lineage
//!
//! Parents are given at registration and never change, and a parent must already exist,
//! so the lineage is a DAG by construction (a model cannot be its own ancestor). Each model
//! stores its `depth` (longest path to a base model) and `lineage_paths` (Σ over parents of
//! 1 + their paths), bounded by `MaxLineageDepth` and `MaxLineagePaths`. A parent whose
//! terms forbid derivatives, or which is retired, cannot be named.
//!
//! ## Shares
//!
//! Each model has a fixed share supply minted to the registrant. The pallet keeps the
//! ledger itself ([`Holdings`]) so that every transfer settles revenue first and records a
//! history entry ([`ShareHistory`]): the balance before the first change in each block.
//! That gives [`ModelShares::balance_at`] (the DAO's snapshot) in O(log n) reads. Locks
//! ([`ShareLocks`], overlapping, by id) stop transfers of locked shares.
//!
//! ## Licenses and revenue
//!
//! Terms ([`LicenseTerms`]) are free, per-use or subscription, with commercial and
//! derivative flags, the royalty owed to ancestors and the contributors' share. Only the
//! model's governance origin or a holder of 100% of the shares changes them.
//! [`Pallet::purchase_license`] takes the fee into the pallet's vault account and splits it:
//!
//! 1. **Up the lineage**: a model receiving `a` passes `a × ancestor_royalty` to its parents
//!    (equal parts, rounded down; the remainder stays with the model), each of which does
//!    the same, until base models or `MaxLineageDepth`.
//! 2. **Contributors**: of what a model keeps, `contributor_share` goes to the latest
//!    version's contributors by weight, credited to their unclaimed balance.
//! 3. **Holders**: the rest raises the model's revenue-per-share accumulator. A holder's
//!    due is `shares × (accumulator − checkpoint)`, settled on every transfer and claim,
//!    so no step iterates over holders. Every division rounds down: the vault keeps dust,
//!    a claimant never gets more than owed.
//!
//! ## Accountability
//!
//! [`Pallet::report_incident`] reserves a bond scaled by severity; the owner may answer;
//! the incident origin (Root now, the chain DAO later) rules. Upheld: the model is flagged
//! (derivatives see it through the lineage), the bond returns and the reporter receives
//! `IncidentReward` of the model's deposit. Dismissed: the bond goes to the treasury.
//! [`Pallet::attach_evaluation`] copies a current oracle metric onto a version.
//!
//! ## Invariants (checked by `try_state`)
//!
//! 1. Σ shares of a model's holdings = its supply; no lock exceeds its holder's shares.
//! 2. Σ (unclaimed + accrued) over a model's holdings ≤ its vault (received − claimed), and
//!    the vault account holds at least Σ over models of (received − claimed).
//! 3. Every parent exists and is older; depth = 1 + max parent depth; depth and paths are
//!    within bounds.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::{boxed::Box, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{
		BalanceStatus, Currency, EnsureOriginWithArg, ExistenceRequirement, ReservableCurrency,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{
	models::{LineageEdge, ModelSummary, ParentLink, VersionSummary},
	Balance, BlockNumber, Hash, LicenseKind, LicenseStatus, LicenseTerms, MetricFeed, MetricKind,
	ModelId, ModelShares, ModelStatus, ModelVersion, Relation, ShareLockId,
};
use sp_arithmetic::{traits::Zero, Permill};
use sp_core::U256;
use sp_runtime::traits::{AccountIdConversion, UniqueSaturatedInto};

// FRAME's pallet macros expand to code that calls `expect` on values they guarantee; our own
// code in this module uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Sets up state the benchmarks need from other pallets.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper {
		/// Makes `T::MetricFeed` return a current value for this key.
		fn set_metric(model: ModelId, version: ModelVersion, metric: MetricKind);
	}

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency: fees, deposits and bonds.
		type Currency: ReservableCurrency<Self::AccountId, Balance = Balance>;
		/// A model's own governance (its DAO): may change terms, status and owner, and revoke
		/// licenses of that model only.
		type ModelGovernanceOrigin: EnsureOriginWithArg<Self::RuntimeOrigin, ModelId>;
		/// Rules on incidents (Root now, the chain DAO later).
		type IncidentOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Evaluation metrics of model versions (the oracle).
		type MetricFeed: MetricFeed;
		/// Receives the bonds of dismissed incident reports.
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
		/// Bond of a `Low` incident report; higher severities multiply it by 2, 4 and 8.
		#[pallet::constant]
		type IncidentBond: Get<Balance>;
		/// Part of the model's deposit paid to the reporter of an upheld incident.
		#[pallet::constant]
		type IncidentReward: Get<Permill>;
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
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Benchmark set-up of other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Registered models by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, ModelInfo<T>>;

	/// Published versions of each model.
	#[pallet::storage]
	pub type Versions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ModelId, Twox64Concat, ModelVersion, VersionInfo<T>>;

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

	/// Funds the vault account at genesis with the existential deposit, so that revenue of
	/// any size can be paid in and every claim leaves the vault alive.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		pub _phantom: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::ensure_vault_exists();
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered and its whole share supply minted to `owner`.
		ModelRegistered {
			model: ModelId,
			owner: T::AccountId,
			content_hash: Hash,
			share_supply: Balance,
			depth: u32,
			deposit: Balance,
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
		/// One licensed use was recorded.
		LicenseUsed { model: ModelId, who: T::AccountId, uses_left: u32 },
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
			version: ModelVersion,
			reporter: T::AccountId,
			severity: Severity,
			bond: Balance,
		},
		/// The model's owner answered an incident.
		IncidentAnswered { id: IncidentId, response_hash: Hash },
		/// An incident was upheld: the model is flagged and the reporter rewarded.
		IncidentUpheld { id: IncidentId, model: ModelId, reward: Balance },
		/// An incident was dismissed: the bond went to the treasury.
		IncidentDismissed { id: IncidentId, model: ModelId, bond_to_treasury: Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No model has this id. Check the id (the first 8 bytes of the content hash).
		UnknownModel,
		/// A model with this content hash (or id) is registered already; use it, or register
		/// different content.
		AlreadyRegistered,
		/// A parent does not exist. Register the parent first.
		UnknownParent,
		/// The model would be its own ancestor. Remove it from its parents.
		LineageCycle,
		/// The same parent is listed twice. List each parent once.
		DuplicateParent,
		/// The lineage would be deeper than `MaxLineageDepth`. Derive from a shallower model.
		LineageTooDeep,
		/// The lineage would have more paths than `MaxLineagePaths`. Name fewer parents.
		TooManyAncestors,
		/// A parent's license forbids derivatives (or the parent is retired). Choose another
		/// parent or ask its owners to change the terms.
		DerivativesNotAllowed,
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
		/// The model is retired: nothing new can be attached or bought.
		ModelRetired,
		/// A retired model cannot change status again.
		StatusFinal,
		/// Version numbers must increase. Use a number above the latest version.
		VersionNotIncreasing,
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
		/// The model's license is free; there is nothing to buy or consume.
		LicenseIsFree,
		/// The account holds no license for this model. Buy one first.
		NoLicense,
		/// The license is expired or used up. Buy more.
		LicenseExhausted,
		/// The license was revoked by governance; it cannot be used or renewed.
		LicenseRevoked,
		/// Nothing to claim. Revenue accrues when licenses are bought.
		NothingToClaim,
		/// The oracle has no current value for this metric. Wait for fresh feeds.
		NoCurrentMetric,
		/// No such incident.
		UnknownIncident,
		/// The incident was already ruled on.
		IncidentClosed,
		/// Arithmetic overflowed; the amounts are out of range.
		Overflow,
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
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a model pinned by `content_hash`, mints `share_supply` shares to the
		/// caller and reserves a deposit proportional to the bytes stored.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_model(
			(parents.len() as u32).min(T::MaxParents::get()),
			metadata.longest_text().min(T::MaxTextLen::get()),
			(metadata.tags.len() as u32).min(T::MaxTags::get()),
			(datasets.len() as u32).min(T::MaxDatasets::get()),
		))]
		pub fn register_model(
			origin: OriginFor<T>,
			content_hash: Hash,
			metadata: Box<MetadataInput>,
			parents: Vec<(ModelId, Relation)>,
			datasets: Vec<Hash>,
			share_supply: Balance,
			terms: LicenseTerms,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let metadata = Self::bound_metadata(*metadata)?;
			let parents: ParentsOf<T> =
				parents.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
			let datasets: DatasetsOf<T> =
				datasets.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
			ensure!(share_supply > 0, Error::<T>::ZeroSupply);
			Self::ensure_terms_valid(&terms)?;
			let id = Self::model_id_of(&content_hash);
			ensure!(!Models::<T>::contains_key(id), Error::<T>::AlreadyRegistered);
			let (depth, lineage_paths) = Self::check_parents(id, &parents)?;
			let now = Self::now();
			let mut info = ModelInfo::<T> {
				owner: who.clone(),
				depositor: who.clone(),
				deposit: 0,
				content_hash,
				metadata,
				parents,
				datasets,
				depth,
				lineage_paths,
				share_supply,
				terms,
				terms_version: 1,
				status: ModelStatus::Active,
				upheld_incidents: 0,
				latest_version: 0,
				created_at: now,
				vault: Vault::default(),
			};
			let deposit = Self::deposit_for(info.encoded_size());
			T::Currency::reserve(&who, deposit).map_err(|_| Error::<T>::InsufficientBalance)?;
			info.deposit = deposit;
			Models::<T>::insert(id, info);
			// The vault's accumulator is 0 at registration, so a default checkpoint is exact.
			Holdings::<T>::insert(id, &who, Holding { shares: share_supply, ..Default::default() });
			Self::deposit_event(Event::ModelRegistered {
				model: id,
				owner: who,
				content_hash,
				share_supply,
				depth,
				deposit,
			});
			Ok(())
		}

		/// Publishes version `number` (above the latest) of a model, pinned by `content_hash`,
		/// crediting `contributors` by weight from then on. Owner or governance only.
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
			let contributors: ContributorsOf<T> =
				contributors.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
			let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			let payer = Self::ensure_manager(origin, model, &info)?;
			ensure!(info.status != ModelStatus::Retired, Error::<T>::ModelRetired);
			ensure!(number > info.latest_version, Error::<T>::VersionNotIncreasing);
			let mut seen: Vec<&T::AccountId> = Vec::with_capacity(contributors.len());
			for (account, weight) in contributors.iter() {
				ensure!(*weight > 0 && !seen.contains(&account), Error::<T>::InvalidContributors);
				seen.push(account);
			}
			let depositor = payer.unwrap_or_else(|| info.owner.clone());
			let mut version = VersionInfo::<T> {
				content_hash,
				changelog_hash,
				contributors,
				published_at: Self::now(),
				deposit: 0,
				depositor: depositor.clone(),
			};
			let deposit = Self::deposit_for(version.encoded_size());
			T::Currency::reserve(&depositor, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;
			version.deposit = deposit;
			let count = version.contributors.len() as u32;
			Versions::<T>::insert(model, number, version);
			info.latest_version = number;
			Models::<T>::insert(model, info);
			Self::deposit_event(Event::VersionPublished {
				model,
				version: number,
				content_hash,
				contributors: count,
				deposit,
			});
			Ok(())
		}

		/// Deprecates or retires a model (retirement is final). Owner or governance only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_model_status())]
		pub fn set_model_status(
			origin: OriginFor<T>,
			model: ModelId,
			status: ModelStatus,
		) -> DispatchResult {
			let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			Self::ensure_manager(origin, model, &info)?;
			ensure!(info.status != ModelStatus::Retired, Error::<T>::StatusFinal);
			info.status = status;
			Models::<T>::insert(model, info);
			Self::deposit_event(Event::StatusChanged { model, status });
			Ok(())
		}

		/// Hands the model's management to another account. Owner or governance only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::set_model_owner())]
		pub fn set_model_owner(
			origin: OriginFor<T>,
			model: ModelId,
			owner: T::AccountId,
		) -> DispatchResult {
			let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			Self::ensure_manager(origin, model, &info)?;
			info.owner = owner.clone();
			Models::<T>::insert(model, info);
			Self::deposit_event(Event::OwnerChanged { model, owner });
			Ok(())
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
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			ensure!(from != to, Error::<T>::SelfTransfer);
			let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			let mut sender =
				Holdings::<T>::get(model, &from).ok_or(Error::<T>::InsufficientShares)?;
			let remaining =
				sender.shares.checked_sub(amount).ok_or(Error::<T>::InsufficientShares)?;
			ensure!(remaining >= Self::locked_shares(model, &from), Error::<T>::SharesLocked);
			let mut receiver = Self::holding_or_new(model, &to, &info.vault);
			let now = Self::now();
			Self::settle(&info.vault, &mut sender);
			Self::settle(&info.vault, &mut receiver);
			Self::record_history(model, &from, &mut sender, now);
			Self::record_history(model, &to, &mut receiver, now);
			sender.shares = remaining;
			receiver.shares = receiver.shares.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Holdings::<T>::insert(model, &from, sender);
			Holdings::<T>::insert(model, &to, receiver);
			Self::deposit_event(Event::SharesTransferred { model, from, to, amount });
			Ok(())
		}

		/// Sets the terms that apply to future purchases. The model's governance, or a signed
		/// holder of 100% of its shares.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_license_terms())]
		pub fn set_license_terms(
			origin: OriginFor<T>,
			model: ModelId,
			terms: LicenseTerms,
		) -> DispatchResult {
			let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			if let Err(origin) = T::ModelGovernanceOrigin::try_origin(origin, &model) {
				let who = ensure_signed(origin).map_err(|_| Error::<T>::NotTermsAuthority)?;
				let held = Holdings::<T>::get(model, &who).map(|h| h.shares).unwrap_or(0);
				ensure!(held == info.share_supply, Error::<T>::NotTermsAuthority);
			}
			Self::ensure_terms_valid(&terms)?;
			info.terms = terms;
			info.terms_version = info.terms_version.saturating_add(1);
			let terms_version = info.terms_version;
			Models::<T>::insert(model, info);
			Self::deposit_event(Event::LicenseTermsChanged { model, terms_version, terms });
			Ok(())
		}

		/// Buys `quantity` uses or subscription periods under the current terms, paying at
		/// most `max_total_price`. The fee is split up the lineage, to contributors and to
		/// holders at once.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::purchase_license(T::MaxLineagePaths::get().saturating_add(1)))]
		pub fn purchase_license(
			origin: OriginFor<T>,
			model: ModelId,
			quantity: u32,
			max_total_price: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(info.status != ModelStatus::Retired, Error::<T>::ModelRetired);
			ensure!(quantity > 0, Error::<T>::InvalidQuantity);
			let mut license = Licenses::<T>::get(model, &who).unwrap_or_default();
			ensure!(!license.revoked, Error::<T>::LicenseRevoked);
			let now = Self::now();
			let price = match info.terms.kind {
				LicenseKind::Free => return Err(Error::<T>::LicenseIsFree.into()),
				LicenseKind::PerUse { price } => {
					license.uses_left = license
						.uses_left
						.checked_add(quantity)
						.ok_or(Error::<T>::InvalidQuantity)?;
					price
				}
				LicenseKind::Subscription { price, period } => {
					let start = license.expires_at.map_or(now, |e| e.max(now));
					let extra = period.checked_mul(quantity).ok_or(Error::<T>::InvalidQuantity)?;
					license.expires_at =
						Some(start.checked_add(extra).ok_or(Error::<T>::InvalidQuantity)?);
					price
				}
			};
			let total = price.checked_mul(quantity.into()).ok_or(Error::<T>::InvalidQuantity)?;
			ensure!(total <= max_total_price, Error::<T>::PriceAboveLimit);
			ensure!(T::Currency::free_balance(&who) >= total, Error::<T>::InsufficientBalance);
			T::Currency::transfer(
				&who,
				&Self::vault_account(),
				total,
				ExistenceRequirement::AllowDeath,
			)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
			license.terms_version = info.terms_version;
			license.commercial_use = info.terms.commercial_use;
			license.total_paid = license.total_paid.saturating_add(total);
			Licenses::<T>::insert(model, &who, license);
			let steps = Self::distribute_fee(model, total)?;
			Self::deposit_event(Event::LicensePurchased {
				model,
				who,
				paid: total,
				expires_at: license.expires_at,
				uses_left: license.uses_left,
			});
			Ok(Some(T::WeightInfo::purchase_license(steps)).into())
		}

		/// Records one use of the caller's license: consumes a per-use purchase, or checks an
		/// unexpired subscription.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::consume_license_use())]
		pub fn consume_license_use(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(info.terms.kind != LicenseKind::Free, Error::<T>::LicenseIsFree);
			let mut license = Licenses::<T>::get(model, &who).ok_or(Error::<T>::NoLicense)?;
			ensure!(!license.revoked, Error::<T>::LicenseRevoked);
			let now = Self::now();
			// A running subscription covers the use; otherwise a per-use purchase is spent.
			if license.expires_at.is_none_or(|e| e <= now) {
				license.uses_left =
					license.uses_left.checked_sub(1).ok_or(Error::<T>::LicenseExhausted)?;
			}
			Licenses::<T>::insert(model, &who, license);
			Self::deposit_event(Event::LicenseUsed { model, who, uses_left: license.uses_left });
			Ok(())
		}

		/// Revokes `who`'s license of `model`. The model's governance only.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::revoke_license())]
		pub fn revoke_license(
			origin: OriginFor<T>,
			model: ModelId,
			who: T::AccountId,
		) -> DispatchResult {
			T::ModelGovernanceOrigin::ensure_origin(origin, &model)?;
			ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
			let mut license = Licenses::<T>::get(model, &who).ok_or(Error::<T>::NoLicense)?;
			license.revoked = true;
			Licenses::<T>::insert(model, &who, license);
			Self::deposit_event(Event::LicenseRevoked { model, who });
			Ok(())
		}

		/// Pays the caller everything owed from `model`'s vault: holder revenue plus
		/// contributor credits. Rounded down.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::claim_revenue())]
		pub fn claim_revenue(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
			let mut holding = Holdings::<T>::get(model, &who).ok_or(Error::<T>::NothingToClaim)?;
			Self::settle(&info.vault, &mut holding);
			let amount = holding.unclaimed;
			ensure!(amount > 0, Error::<T>::NothingToClaim);
			T::Currency::transfer(
				&Self::vault_account(),
				&who,
				amount,
				ExistenceRequirement::KeepAlive,
			)?;
			holding.unclaimed = 0;
			info.vault.claimed =
				info.vault.claimed.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Holdings::<T>::insert(model, &who, holding);
			Models::<T>::insert(model, info);
			Self::deposit_event(Event::RevenueClaimed { model, who, amount });
			Ok(())
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
			ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
			ensure!(Versions::<T>::contains_key(model, version), Error::<T>::UnknownVersion);
			let (value, observed_at) =
				T::MetricFeed::metric(model, version, metric).ok_or(Error::<T>::NoCurrentMetric)?;
			let attached_at = Self::now();
			Evaluations::<T>::insert(
				(model, version, metric),
				Evaluation { value, observed_at, attached_at },
			);
			Self::deposit_event(Event::EvaluationAttached {
				model,
				version,
				metric,
				value,
				observed_at,
			});
			Ok(())
		}

		/// Reports an incident with `version` of `model`, reserving a bond scaled by severity.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::report_incident())]
		pub fn report_incident(
			origin: OriginFor<T>,
			model: ModelId,
			version: ModelVersion,
			evidence_hash: Hash,
			severity: Severity,
		) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
			ensure!(Versions::<T>::contains_key(model, version), Error::<T>::UnknownVersion);
			let bond = T::IncidentBond::get().saturating_mul(severity.bond_multiplier());
			T::Currency::reserve(&reporter, bond).map_err(|_| Error::<T>::InsufficientBalance)?;
			let id = NextIncidentId::<T>::get();
			NextIncidentId::<T>::put(id.saturating_add(1));
			Incidents::<T>::insert(
				id,
				Incident::<T> {
					model,
					version,
					reporter: reporter.clone(),
					evidence_hash,
					severity,
					bond,
					response_hash: None,
					status: IncidentStatus::Open,
					reported_at: Self::now(),
				},
			);
			Self::deposit_event(Event::IncidentReported {
				id,
				model,
				version,
				reporter,
				severity,
				bond,
			});
			Ok(())
		}

		/// The model's owner (or governance) answers an open incident.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::respond_to_incident())]
		pub fn respond_to_incident(
			origin: OriginFor<T>,
			id: IncidentId,
			response_hash: Hash,
		) -> DispatchResult {
			let mut incident = Incidents::<T>::get(id).ok_or(Error::<T>::UnknownIncident)?;
			let info = Models::<T>::get(incident.model).ok_or(Error::<T>::UnknownModel)?;
			Self::ensure_manager(origin, incident.model, &info)?;
			ensure!(incident.status == IncidentStatus::Open, Error::<T>::IncidentClosed);
			incident.response_hash = Some(response_hash);
			Incidents::<T>::insert(id, incident);
			Self::deposit_event(Event::IncidentAnswered { id, response_hash });
			Ok(())
		}

		/// Rules on an open incident. Upheld: flag the model, return the bond and pay the
		/// reporter `IncidentReward` of the model's deposit. Dismissed: the bond goes to the
		/// treasury.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::resolve_incident())]
		pub fn resolve_incident(
			origin: OriginFor<T>,
			id: IncidentId,
			upheld: bool,
		) -> DispatchResult {
			T::IncidentOrigin::ensure_origin(origin)?;
			let mut incident = Incidents::<T>::get(id).ok_or(Error::<T>::UnknownIncident)?;
			ensure!(incident.status == IncidentStatus::Open, Error::<T>::IncidentClosed);
			let model = incident.model;
			if upheld {
				let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
				T::Currency::unreserve(&incident.reporter, incident.bond);
				let reward = T::IncidentReward::get().mul_floor(info.deposit);
				// Moves at most what is reserved; the shortfall (if any) is not paid.
				let unpaid = T::Currency::repatriate_reserved(
					&info.depositor,
					&incident.reporter,
					reward,
					BalanceStatus::Free,
				)?;
				let paid = reward.saturating_sub(unpaid);
				info.deposit = info.deposit.saturating_sub(paid);
				info.upheld_incidents = info.upheld_incidents.saturating_add(1);
				Models::<T>::insert(model, info);
				incident.status = IncidentStatus::Upheld;
				Self::deposit_event(Event::IncidentUpheld { id, model, reward: paid });
			} else {
				// Slash and resolve rather than repatriate: the treasury account may not
				// exist yet, and `resolve_creating` creates it.
				let (slashed, unpaid) =
					T::Currency::slash_reserved(&incident.reporter, incident.bond);
				T::Currency::resolve_creating(&T::TreasuryAccount::get(), slashed);
				incident.status = IncidentStatus::Dismissed;
				Self::deposit_event(Event::IncidentDismissed {
					id,
					model,
					bond_to_treasury: incident.bond.saturating_sub(unpaid),
				});
			}
			Incidents::<T>::insert(id, incident);
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The current block number as the registry records it (u32).
	pub fn now() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}

	/// The model id of a content hash: its first 8 bytes, little-endian.
	pub fn model_id_of(content_hash: &Hash) -> ModelId {
		content_hash.0.first_chunk::<8>().map_or(0, |b| u64::from_le_bytes(*b))
	}

	/// The account holding every model's unclaimed revenue.
	pub fn vault_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Gives the vault account its existential deposit if it has none.
	pub fn ensure_vault_exists() {
		let vault = Self::vault_account();
		if T::Currency::total_balance(&vault).is_zero() {
			let _ = T::Currency::deposit_creating(&vault, T::Currency::minimum_balance());
		}
	}

	/// Deposit for a record of `bytes` bytes.
	pub fn deposit_for(bytes: usize) -> Balance {
		let bytes: Balance = bytes.unique_saturated_into();
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes))
	}

	/// Checks submitted metadata against the runtime's bounds.
	fn bound_metadata(input: MetadataInput) -> Result<MetadataOf<T>, DispatchError> {
		let too_long = || DispatchError::from(Error::<T>::MetadataTooLong);
		let license = match input.license_hash {
			Some(hash) => LicenseRef::Hash(hash),
			None => LicenseRef::Id(input.license_id.try_into().map_err(|_| too_long())?),
		};
		ensure!(input.tags.len() <= T::MaxTags::get() as usize, too_long());
		let tags = input
			.tags
			.into_iter()
			.map(|tag| tag.try_into().map_err(|_| too_long()))
			.collect::<Result<Vec<_>, _>>()?
			.try_into()
			.map_err(|_| too_long())?;
		Ok(ModelMetadata {
			name: input.name.try_into().map_err(|_| too_long())?,
			uri: input.uri.try_into().map_err(|_| too_long())?,
			license,
			tags,
		})
	}

	fn ensure_terms_valid(terms: &LicenseTerms) -> DispatchResult {
		let ok = match terms.kind {
			LicenseKind::Free => true,
			LicenseKind::PerUse { price } => price > 0,
			LicenseKind::Subscription { price, period } => price > 0 && period > 0,
		};
		ensure!(ok, Error::<T>::InvalidTerms);
		Ok(())
	}

	/// Checks the parents of a model about to be registered as `id`; returns its depth and
	/// lineage path count.
	fn check_parents(id: ModelId, parents: &ParentsOf<T>) -> Result<(u32, u32), DispatchError> {
		let mut depth = 0u32;
		let mut paths = 0u32;
		for (index, (parent, _)) in parents.iter().enumerate() {
			ensure!(*parent != id, Error::<T>::LineageCycle);
			ensure!(
				!parents.iter().take(index).any(|(p, _)| p == parent),
				Error::<T>::DuplicateParent
			);
			let info = Models::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
			ensure!(
				info.terms.derivatives_allowed && info.status != ModelStatus::Retired,
				Error::<T>::DerivativesNotAllowed
			);
			depth = depth.max(info.depth.saturating_add(1));
			paths = paths.saturating_add(info.lineage_paths.saturating_add(1));
		}
		ensure!(depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
		ensure!(paths <= T::MaxLineagePaths::get(), Error::<T>::TooManyAncestors);
		Ok((depth, paths))
	}

	/// Owner (signed) or the model's governance. Returns the signer, if signed.
	fn ensure_manager(
		origin: OriginFor<T>,
		model: ModelId,
		info: &ModelInfo<T>,
	) -> Result<Option<T::AccountId>, DispatchError> {
		match T::ModelGovernanceOrigin::try_origin(origin, &model) {
			Ok(_) => Ok(None),
			Err(origin) => {
				let who = ensure_signed(origin).map_err(|_| Error::<T>::NotModelManager)?;
				ensure!(who == info.owner, Error::<T>::NotModelManager);
				Ok(Some(who))
			}
		}
	}

	fn holding_or_new(model: ModelId, who: &T::AccountId, vault: &Vault) -> Holding {
		Holdings::<T>::get(model, who).unwrap_or(Holding {
			revenue_checkpoint: vault.revenue_per_share,
			..Default::default()
		})
	}

	/// Revenue accrued to `shares` between `checkpoint` and `revenue_per_share`, rounded down.
	pub fn accrued(shares: Balance, checkpoint: U256, revenue_per_share: U256) -> Balance {
		let delta = revenue_per_share.saturating_sub(checkpoint);
		let owed = U256::from(shares)
			.saturating_mul(delta)
			.checked_div(U256::from(REVENUE_SCALE))
			.unwrap_or_default();
		if owed > U256::from(u128::MAX) {
			u128::MAX
		} else {
			owed.low_u128()
		}
	}

	/// Moves what a holding has accrued into its unclaimed balance.
	fn settle(vault: &Vault, holding: &mut Holding) {
		let owed =
			Self::accrued(holding.shares, holding.revenue_checkpoint, vault.revenue_per_share);
		holding.unclaimed = holding.unclaimed.saturating_add(owed);
		holding.revenue_checkpoint = vault.revenue_per_share;
	}

	/// Records the balance before the first change of this block.
	fn record_history(model: ModelId, who: &T::AccountId, holding: &mut Holding, now: BlockNumber) {
		let last = holding
			.history_len
			.checked_sub(1)
			.and_then(|i| ShareHistory::<T>::get((model, who, i)));
		if last.is_some_and(|c| c.changed_at == now) {
			return;
		}
		ShareHistory::<T>::insert(
			(model, who, holding.history_len),
			ShareCheckpoint { changed_at: now, balance_before: holding.shares },
		);
		holding.history_len = holding.history_len.saturating_add(1);
	}

	/// Shares `who` held at the end of block `at`.
	pub fn shares_at(model: ModelId, who: &T::AccountId, at: BlockNumber) -> Balance {
		let Some(info) = Models::<T>::get(model) else { return 0 };
		if at < info.created_at {
			return 0;
		}
		let Some(holding) = Holdings::<T>::get(model, who) else { return 0 };
		modelchain_primitives::history::balance_at(
			holding.history_len,
			|i| ShareHistory::<T>::get((model, who, i)).map(|c| (c.changed_at, c.balance_before)),
			holding.shares,
			at,
		)
	}

	/// The largest lock on `who`'s shares of `model`.
	pub fn locked_shares(model: ModelId, who: &T::AccountId) -> Balance {
		ShareLocks::<T>::get(model, who).iter().map(|(_, a)| *a).max().unwrap_or(0)
	}

	/// Splits `fee`, already in the vault account, up `model`'s lineage and to each model's
	/// contributors and holders. Returns the number of models credited.
	fn distribute_fee(model: ModelId, fee: Balance) -> Result<u32, DispatchError> {
		let mut queue: Vec<(ModelId, Balance, u32)> = Vec::new();
		queue.push((model, fee, 0));
		let mut next = 0usize;
		while let Some((id, amount, distance)) = queue.get(next).copied() {
			next = next.saturating_add(1);
			let Some(mut info) = Models::<T>::get(id) else { continue };
			let parents = info.parents.len() as u128;
			let mut passed: Balance = 0;
			if parents > 0 && distance < T::MaxLineageDepth::get() {
				let royalty = info.terms.ancestor_royalty.mul_floor(amount);
				let each = royalty.checked_div(parents).unwrap_or(0);
				if each > 0 {
					for (parent, _) in info.parents.iter() {
						queue.push((*parent, each, distance.saturating_add(1)));
						Self::deposit_event(Event::RoyaltyPaid {
							from: id,
							to: *parent,
							amount: each,
						});
					}
					passed = each.saturating_mul(parents);
				}
			}
			Self::credit_revenue(id, &mut info, amount.saturating_sub(passed))?;
			Models::<T>::insert(id, info);
		}
		Ok(queue.len() as u32)
	}

	/// Credits `amount` to a model: contributors of its latest version by weight, then its
	/// holders' accumulator.
	fn credit_revenue(id: ModelId, info: &mut ModelInfo<T>, amount: Balance) -> DispatchResult {
		info.vault.received =
			info.vault.received.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let mut to_contributors: Balance = 0;
		let contributor_cut = info.terms.contributor_share.mul_floor(amount);
		if contributor_cut > 0 {
			if let Some(version) = Versions::<T>::get(id, info.latest_version) {
				let total_weight: u128 =
					version.contributors.iter().map(|(_, w)| u128::from(*w)).sum();
				for (account, weight) in version.contributors.iter() {
					let credit = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
						contributor_cut,
						u128::from(*weight),
						total_weight,
						sp_arithmetic::per_things::Rounding::Down,
					)
					.unwrap_or(0);
					if credit == 0 {
						continue;
					}
					let mut holding = Self::holding_or_new(id, account, &info.vault);
					holding.unclaimed = holding.unclaimed.saturating_add(credit);
					Holdings::<T>::insert(id, account, holding);
					to_contributors = to_contributors.saturating_add(credit);
				}
			}
		}
		let to_holders = amount.saturating_sub(to_contributors);
		let increment = U256::from(to_holders)
			.saturating_mul(U256::from(REVENUE_SCALE))
			.checked_div(U256::from(info.share_supply))
			.unwrap_or_default();
		info.vault.revenue_per_share = info.vault.revenue_per_share.saturating_add(increment);
		Self::deposit_event(Event::RevenueCredited {
			model: id,
			to_holders,
			to_contributors,
			revenue_per_share: info.vault.revenue_per_share,
		});
		Ok(())
	}

	/// Whether `who` may use `model` now.
	pub fn license_status(model: ModelId, who: &T::AccountId) -> LicenseStatus {
		let Some(info) = Models::<T>::get(model) else { return LicenseStatus::UnknownModel };
		if info.terms.kind == LicenseKind::Free {
			return LicenseStatus::Free;
		}
		let Some(license) = Licenses::<T>::get(model, who) else { return LicenseStatus::None };
		if license.revoked {
			return LicenseStatus::Revoked;
		}
		let now = Self::now();
		let subscribed = license.expires_at.is_some_and(|e| e > now);
		if subscribed || license.uses_left > 0 {
			LicenseStatus::Valid {
				expires_at: license.expires_at.filter(|e| *e > now),
				uses_left: license.uses_left,
				commercial_use: license.commercial_use,
			}
		} else {
			LicenseStatus::Expired
		}
	}

	/// Whether `who` holds a valid license of `model` (free terms count).
	pub fn has_valid_license(model: ModelId, who: &T::AccountId) -> bool {
		matches!(
			Self::license_status(model, who),
			LicenseStatus::Free | LicenseStatus::Valid { .. }
		)
	}

	/// What `claim_revenue` would pay now.
	pub fn claimable_revenue(model: ModelId, who: &T::AccountId) -> Balance {
		let (Some(info), Some(holding)) = (Models::<T>::get(model), Holdings::<T>::get(model, who))
		else {
			return 0;
		};
		holding.unclaimed.saturating_add(Self::accrued(
			holding.shares,
			holding.revenue_checkpoint,
			info.vault.revenue_per_share,
		))
	}

	/// Every lineage edge above `model`, breadth first, within the configured bounds.
	pub fn lineage(model: ModelId) -> Vec<LineageEdge> {
		let mut edges = Vec::new();
		let mut frontier: Vec<(ModelId, u32)> = Vec::new();
		frontier.push((model, 0));
		let mut next = 0usize;
		let limit = T::MaxLineagePaths::get() as usize;
		while let Some((id, distance)) = frontier.get(next).copied() {
			next = next.saturating_add(1);
			let Some(info) = Models::<T>::get(id) else { continue };
			for (parent, relation) in info.parents.iter() {
				if edges.len() >= limit {
					return edges;
				}
				let flagged = Models::<T>::get(parent).is_some_and(|p| p.upheld_incidents > 0);
				let distance = distance.saturating_add(1);
				edges.push(LineageEdge {
					child: id,
					parent: *parent,
					relation: *relation,
					distance,
					parent_flagged: flagged,
				});
				frontier.push((*parent, distance));
			}
		}
		edges
	}

	/// A model as the runtime API reports it.
	pub fn model_summary(model: ModelId) -> Option<ModelSummary<T::AccountId>> {
		let info = Models::<T>::get(model)?;
		let versions = Versions::<T>::iter_prefix(model)
			.map(|(number, v)| VersionSummary {
				number,
				content_hash: v.content_hash,
				changelog_hash: v.changelog_hash,
				published_at: v.published_at,
				contributors: v.contributors.into_inner(),
			})
			.collect::<Vec<_>>();
		let mut versions = versions;
		versions.sort_by_key(|v| v.number);
		Some(ModelSummary {
			id: model,
			owner: info.owner,
			content_hash: info.content_hash,
			name: info.metadata.name.into_inner(),
			uri: info.metadata.uri.into_inner(),
			status: info.status,
			share_supply: info.share_supply,
			terms: info.terms,
			parents: info
				.parents
				.iter()
				.map(|(model, relation)| ParentLink { model: *model, relation: *relation })
				.collect(),
			datasets: info.datasets.into_inner(),
			depth: info.depth,
			versions,
			upheld_incidents: info.upheld_incidents,
			ancestor_flagged: Self::lineage(model).iter().any(|e| e.parent_flagged),
			revenue_received: info.vault.received,
			revenue_claimed: info.vault.claimed,
		})
	}

	/// Checks the pallet's invariants (see the crate docs).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use sp_runtime::TryRuntimeError;
		let mut outstanding_total: Balance = 0;
		for (id, info) in Models::<T>::iter() {
			let mut shares: Balance = 0;
			let mut owed: Balance = 0;
			for (who, holding) in Holdings::<T>::iter_prefix(id) {
				shares = shares.saturating_add(holding.shares);
				owed = owed.saturating_add(holding.unclaimed).saturating_add(Self::accrued(
					holding.shares,
					holding.revenue_checkpoint,
					info.vault.revenue_per_share,
				));
				if Self::locked_shares(id, &who) > holding.shares {
					return Err(TryRuntimeError::Other("a share lock exceeds its holder's shares"));
				}
			}
			if shares != info.share_supply {
				return Err(TryRuntimeError::Other("sum of holdings differs from share supply"));
			}
			let outstanding = info.vault.received.saturating_sub(info.vault.claimed);
			if info.vault.claimed > info.vault.received || owed > outstanding {
				return Err(TryRuntimeError::Other("revenue owed exceeds the model's vault"));
			}
			outstanding_total = outstanding_total.saturating_add(outstanding);
			let mut depth = 0u32;
			for (parent, _) in info.parents.iter() {
				let Some(p) = Models::<T>::get(parent) else {
					return Err(TryRuntimeError::Other("a parent does not exist"));
				};
				if p.created_at > info.created_at || *parent == id {
					return Err(TryRuntimeError::Other("a parent is younger than its child"));
				}
				depth = depth.max(p.depth.saturating_add(1));
			}
			if depth != info.depth
				|| info.depth > T::MaxLineageDepth::get()
				|| info.lineage_paths > T::MaxLineagePaths::get()
			{
				return Err(TryRuntimeError::Other("lineage depth or paths out of bounds"));
			}
		}
		if T::Currency::free_balance(&Self::vault_account()) < outstanding_total {
			return Err(TryRuntimeError::Other("vault account holds less than the revenue owed"));
		}
		Ok(())
	}
}

impl<T: Config> ModelShares<T::AccountId> for Pallet<T> {
	fn model_exists(model: ModelId) -> bool {
		Models::<T>::contains_key(model)
	}

	fn total_supply(model: ModelId) -> Balance {
		Models::<T>::get(model).map_or(0, |m| m.share_supply)
	}

	fn total_supply_at(model: ModelId, at: BlockNumber) -> Balance {
		Models::<T>::get(model).map_or(0, |m| if at < m.created_at { 0 } else { m.share_supply })
	}

	fn balance(model: ModelId, who: &T::AccountId) -> Balance {
		Holdings::<T>::get(model, who).map_or(0, |h| h.shares)
	}

	fn balance_at(model: ModelId, who: &T::AccountId, at: BlockNumber) -> Balance {
		Self::shares_at(model, who, at)
	}

	fn set_lock(
		model: ModelId,
		who: &T::AccountId,
		id: ShareLockId,
		amount: Balance,
	) -> DispatchResult {
		let held = Holdings::<T>::get(model, who).map_or(0, |h| h.shares);
		ensure!(amount <= held, Error::<T>::InsufficientShares);
		ShareLocks::<T>::try_mutate(model, who, |locks| -> DispatchResult {
			if let Some(entry) = locks.iter_mut().find(|(lock, _)| *lock == id) {
				entry.1 = amount;
			} else {
				locks.try_push((id, amount)).map_err(|_| Error::<T>::TooManyLocks)?;
			}
			Ok(())
		})?;
		Self::deposit_event(Event::ShareLockSet { model, who: who.clone(), id, amount });
		Ok(())
	}

	fn remove_lock(model: ModelId, who: &T::AccountId, id: ShareLockId) {
		let mut removed = false;
		ShareLocks::<T>::mutate_exists(model, who, |locks| {
			if let Some(list) = locks {
				let before = list.len();
				list.retain(|(lock, _)| *lock != id);
				removed = list.len() != before;
				if list.is_empty() {
					*locks = None;
				}
			}
		});
		if removed {
			Self::deposit_event(Event::ShareLockRemoved { model, who: who.clone(), id });
		}
	}

	fn locked(model: ModelId, who: &T::AccountId) -> Balance {
		Self::locked_shares(model, who)
	}
}
