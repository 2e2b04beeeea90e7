//! Storage migrations of the models pallet.

/// Version 0 → 1: registration by commitment with counter ids, fungible holds, royalties on
/// parent edges, report deadlines and flags, account indexes.
///
/// What it does to each record:
/// - a model keeps its id (the old hash prefix) and is indexed by its full hash, by its
///   owner and by its holders; its reserved deposit becomes a `Deposit` hold; each parent
///   edge gets `old ancestor_royalty / number of parents` (capped so the total stays within
///   `MaxRoyaltyTotal`), which is what the old equal split paid; the terms' royalty field
///   is read as the new `derivative_royalty_floor` and set to 0, so old terms bind no
///   future derivative; it has no accountability bond until its owner posts one
///   (`post_bond`), and sells no licences before;
/// - a version's reserved deposit becomes a `Deposit` hold of the same depositor;
/// - an open report's reserved bond becomes an `IncidentBond` hold, and its deadline starts
///   at the upgrade;
/// - licences are indexed by licensee; new ids start at 1.
///
/// It touches every record once in one block: on the chains that exist (dev and test
/// networks) that is a few hundred records at most. A chain with many more would need a
/// multi-block migration.
pub mod v1 {
	use crate::*;
	use alloc::collections::btree_map::BTreeMap;
	use frame_support::traits::{ReservableCurrency, UncheckedOnRuntimeUpgrade};
	use modelchain_primitives::ModelStatus;

	/// A model as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldModelInfo<AccountId, Metadata, Datasets> {
		pub owner: AccountId,
		pub depositor: AccountId,
		pub deposit: Balance,
		pub content_hash: Hash,
		pub metadata: Metadata,
		pub parents: Vec<(ModelId, Relation)>,
		pub datasets: Datasets,
		pub depth: u32,
		pub lineage_paths: u32,
		pub share_supply: Balance,
		pub terms: LicenseTerms,
		pub terms_version: u32,
		pub status: ModelStatus,
		pub upheld_incidents: u32,
		pub latest_version: ModelVersion,
		pub created_at: BlockNumber,
		pub vault: Vault,
	}

	/// A version as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldVersionInfo<AccountId, Contributors> {
		pub content_hash: Hash,
		pub changelog_hash: Option<Hash>,
		pub contributors: Contributors,
		pub published_at: BlockNumber,
		pub deposit: Balance,
		pub depositor: AccountId,
	}

	/// An incident as version 0 stored it.
	#[derive(Encode, Decode)]
	pub struct OldIncident<AccountId> {
		pub model: ModelId,
		pub version: ModelVersion,
		pub reporter: AccountId,
		pub evidence_hash: Hash,
		pub severity: Severity,
		pub bond: Balance,
		pub response_hash: Option<Hash>,
		pub status: IncidentStatus,
		pub reported_at: BlockNumber,
	}

	type OldModelOf<T> =
		OldModelInfo<<T as frame_system::Config>::AccountId, MetadataOf<T>, DatasetsOf<T>>;
	type OldVersionOf<T> =
		OldVersionInfo<<T as frame_system::Config>::AccountId, ContributorsOf<T>>;

	/// Moves a reserve of `who` into a hold for `reason`; returns what moved.
	fn reserve_to_hold<T: Config, C: ReservableCurrency<T::AccountId, Balance = Balance>>(
		reason: HoldReason,
		who: &T::AccountId,
		amount: Balance,
	) -> Balance {
		let missing = C::unreserve(who, amount);
		let moved = amount.saturating_sub(missing);
		if Pallet::<T>::hold(reason, who, moved).is_err() {
			// Cannot happen (the funds were just freed); keep them reserved rather than lose
			// track of them.
			let _ = C::reserve(who, moved);
			return 0;
		}
		moved
	}

	/// The migration's body; wrap it in [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T, C>(core::marker::PhantomData<(T, C)>);

	impl<T: Config, C: ReservableCurrency<T::AccountId, Balance = Balance>>
		UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T, C>
	{
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			let now = Pallet::<T>::now();
			let deadline = now.saturating_add(Pallet::<T>::incident_deadline());

			// Reports first: models need their open counts.
			let mut open: BTreeMap<ModelId, u32> = BTreeMap::new();
			let mut reporters: Vec<(T::AccountId, Balance)> = Vec::new();
			Incidents::<T>::translate::<OldIncident<T::AccountId>, _>(|_, old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				if old.status == IncidentStatus::Open {
					let count = open.entry(old.model).or_insert(0);
					*count = count.saturating_add(1);
					reporters.push((old.reporter.clone(), old.bond));
				}
				Some(Incident::<T> {
					model: old.model,
					version: Some(old.version),
					reporter: old.reporter,
					evidence_hash: old.evidence_hash,
					severity: old.severity,
					bond: old.bond,
					response_hash: old.response_hash,
					status: old.status,
					reported_at: old.reported_at,
					deadline,
				})
			});
			for (who, bond) in reporters {
				reserve_to_hold::<T, C>(HoldReason::IncidentBond, &who, bond);
				writes = writes.saturating_add(2);
			}

			let max_total = u64::from(T::MaxRoyaltyTotal::get().deconstruct());
			let mut deposits: Vec<(ModelId, T::AccountId, Balance)> = Vec::new();
			let mut indexed: Vec<(ModelId, Hash, T::AccountId)> = Vec::new();
			Models::<T>::translate::<OldModelOf<T>, _>(|id, old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				let count = old.parents.len().max(1) as u32;
				let each = old
					.terms
					.derivative_royalty_floor
					.deconstruct()
					.checked_div(count)
					.unwrap_or(0);
				let cap = u32::try_from(max_total.checked_div(u64::from(count)).unwrap_or(0))
					.unwrap_or(0);
				let parents: Vec<ParentEdge> = old
					.parents
					.iter()
					.map(|(model, relation)| ParentEdge {
						model: *model,
						relation: *relation,
						royalty: Permill::from_parts(each.min(cap)),
					})
					.collect();
				let mut terms = old.terms;
				terms.derivative_royalty_floor = Permill::zero();
				deposits.push((id, old.depositor.clone(), old.deposit));
				indexed.push((id, old.content_hash, old.owner.clone()));
				Some(ModelInfo::<T> {
					bond_holder: old.owner.clone(),
					owner: old.owner,
					depositor: old.depositor,
					deposit: old.deposit,
					content_hash: old.content_hash,
					metadata: old.metadata,
					parents: BoundedVec::truncate_from(parents),
					datasets: old.datasets,
					depth: old.depth,
					lineage_paths: old.lineage_paths,
					share_supply: old.share_supply,
					terms,
					terms_version: old.terms_version,
					status: old.status,
					upheld_incidents: old.upheld_incidents,
					open_incidents: open.get(&id).copied().unwrap_or(0),
					flag: None,
					bond: 0,
					operators: 0,
					latest_version: old.latest_version,
					created_at: old.created_at,
					vault: old.vault,
				})
			});
			for (id, hash, owner) in indexed {
				ModelByHash::<T>::insert(hash, id);
				OwnedModels::<T>::insert(owner, id, ());
				writes = writes.saturating_add(2);
			}

			Versions::<T>::translate::<OldVersionOf<T>, _>(|id, _, old| {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(1);
				deposits.push((id, old.depositor.clone(), old.deposit));
				Some(VersionInfo::<T> {
					content_hash: old.content_hash,
					changelog_hash: old.changelog_hash,
					contributors: old.contributors,
					published_at: old.published_at,
					deposit: old.deposit,
					depositor: Some(old.depositor),
				})
			});
			for (id, who, amount) in deposits {
				let moved = reserve_to_hold::<T, C>(HoldReason::Deposit, &who, amount);
				DepositsOf::<T>::mutate(id, &who, |held| *held = held.saturating_add(moved));
				writes = writes.saturating_add(3);
			}

			for (id, who, holding) in Holdings::<T>::iter() {
				reads = reads.saturating_add(1);
				if holding.shares > 0 {
					HeldModels::<T>::insert(who, id, ());
					writes = writes.saturating_add(1);
				}
			}
			for (id, who) in Licenses::<T>::iter_keys() {
				reads = reads.saturating_add(1);
				LicensedModels::<T>::insert(who, id, ());
				writes = writes.saturating_add(1);
			}
			NextModelId::<T>::put(1);
			writes = writes.saturating_add(1);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let models = Models::<T>::iter_keys().count() as u64;
			let versions = Versions::<T>::iter_keys().count() as u64;
			let incidents = Incidents::<T>::iter_keys().count() as u64;
			Ok((models, versions, incidents).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (models, versions, incidents): (u64, u64, u64) =
				Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			frame_support::ensure!(
				Models::<T>::iter_keys().count() as u64 == models
					&& Versions::<T>::iter_keys().count() as u64 == versions
					&& Incidents::<T>::iter_keys().count() as u64 == incidents,
				"a record was lost"
			);
			// Every hold matches its records, every index is complete.
			Pallet::<T>::do_try_state()
		}
	}

	/// Runs [`InnerMigrateV0ToV1`] once, when the on-chain version is 0, and sets it to 1.
	/// `C` is the old reservable currency (the runtime's `Balances`).
	pub type MigrateV0ToV1<T, C> = frame_support::migrations::VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T, C>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 1 → 2: share locks another pallet used to mirror into `ShareLocks` now live with
/// that pallet and are read through `Config::ExternalLocks` (the DAO's vote locks, from
/// spec 107). The mirrored copies, under the lock id `Id`, are dropped; locks under other
/// ids stay. Without this, a copy could hold shares after the owner pallet released or
/// lowered its lock.
///
/// It reads every `ShareLocks` entry once in one block: an entry exists only per voter and
/// model with an open vote, a few hundred on the chains that exist (dev and test networks).
pub mod v2 {
	use super::super::*;
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::traits::UncheckedOnRuntimeUpgrade;

	/// Drops the `ShareLocks` entries under id `Id`.
	pub struct InnerDropMirroredLocks<T, Id>(core::marker::PhantomData<(T, Id)>);

	impl<T: Config, Id: Get<ShareLockId>> UncheckedOnRuntimeUpgrade for InnerDropMirroredLocks<T, Id> {
		fn on_runtime_upgrade() -> Weight {
			let id = Id::get();
			let (mut reads, mut writes) = (0u64, 0u64);
			let entries: Vec<_> = ShareLocks::<T>::iter().collect();
			for (model, who, mut locks) in entries {
				reads = reads.saturating_add(1);
				let before = locks.len();
				locks.retain(|(lock, _)| *lock != id);
				if locks.len() == before {
					continue;
				}
				writes = writes.saturating_add(1);
				if locks.is_empty() {
					ShareLocks::<T>::remove(model, &who);
				} else {
					ShareLocks::<T>::insert(model, &who, locks);
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let id = Id::get();
			let others: u64 = ShareLocks::<T>::iter_values()
				.map(|locks| locks.iter().filter(|(lock, _)| *lock != id).count() as u64)
				.sum();
			Ok(others.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let others: u64 = Decode::decode(&mut &state[..]).map_err(|_| "pre-upgrade state")?;
			let id = Id::get();
			let mut kept = 0u64;
			for locks in ShareLocks::<T>::iter_values() {
				frame_support::ensure!(!locks.is_empty(), "an empty lock list was left");
				frame_support::ensure!(
					locks.iter().all(|(lock, _)| *lock != id),
					"a mirrored lock is left"
				);
				kept = kept.saturating_add(locks.len() as u64);
			}
			frame_support::ensure!(kept == others, "another lock was dropped");
			Pallet::<T>::do_try_state()
		}
	}

	/// Runs [`InnerDropMirroredLocks`] once, when the on-chain version is 1, and sets it to 2.
	pub type DropMirroredLocks<T, Id> = frame_support::migrations::VersionedMigration<
		1,
		2,
		InnerDropMirroredLocks<T, Id>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
