//! The registry: commit–reveal registration, ids, lineage and royalties, versions, status,
//! management and ownership disputes.
//!
//! Attacks this file answers:
//! - *Front-running a registration.* A reveal needs a commitment bound to the revealer's
//!   account and at least `MinCommitAge` blocks old. A copy of a pending reveal names
//!   another account: no commitment. A commitment made after seeing the reveal is too new
//!   until the reveal is in.
//! - *Id squatting by prefix.* Ids come from a counter; the full hash is the uniqueness key.
//! - *Deposits from a third party.* Every hold is taken from the signer. Governance
//!   publishes without a deposit; making someone owner takes nothing from them.
//! - *An owner alone harming holders.* Retirement and hand-over need the model's governance;
//!   versions go up by exactly one.

use crate::*;
use frame_support::traits::EnsureOriginWithArg;
use modelchain_primitives::LicenseKind;
use sp_runtime::traits::{AccountIdConversion, UniqueSaturatedInto};

impl<T: Config> Pallet<T> {
	/// The current block number as the registry records it (u32).
	pub fn now() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}

	/// The commitment a registrant makes: `blake2_256(SCALE(content_hash, who, salt))`.
	pub fn commitment_of(content_hash: &Hash, who: &T::AccountId, salt: &Hash) -> Hash {
		<sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash(
			&(content_hash, who, salt).encode(),
		)
	}

	/// The account holding every model's unclaimed revenue.
	pub fn vault_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Deposit for a record of `bytes` bytes.
	pub fn deposit_for(bytes: usize) -> Balance {
		let bytes: Balance = bytes.unique_saturated_into();
		T::DepositBase::get().saturating_add(T::DepositPerByte::get().saturating_mul(bytes))
	}

	/// Owner (signed) or the model's governance. Returns the signer, if signed.
	pub(crate) fn ensure_manager(
		origin: OriginFor<T>,
		model: ModelId,
	) -> Result<Option<T::AccountId>, DispatchError> {
		match T::ModelGovernanceOrigin::try_origin(origin, &model) {
			Ok(_) => Ok(None),
			Err(origin) => {
				let who = ensure_signed(origin).map_err(|_| Error::<T>::NotModelManager)?;
				let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
				ensure!(who == info.owner, Error::<T>::NotModelManager);
				Ok(Some(who))
			}
		}
	}

	/// The model's governance only; a signed owner gets [`Error::GovernanceRequired`].
	pub(crate) fn ensure_governance(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
		T::ModelGovernanceOrigin::try_origin(origin, &model)
			.map(|_| ())
			.map_err(|_| Error::<T>::GovernanceRequired.into())
	}

	/// The deposit of a model record: flat, for the largest record the bounds allow, so
	/// that it can be held at the commit (when the record's size is not known yet) and the
	/// reveal moves no money.
	pub fn registration_deposit() -> Balance {
		Self::deposit_for(ModelInfo::<T>::max_encoded_len())
	}

	/// Holds the registration deposit and the accountability bond, and records the
	/// commitment.
	pub(crate) fn do_commit(who: T::AccountId, commitment: Hash) -> DispatchResult {
		ensure!(!Commitments::<T>::contains_key(&who, commitment), Error::<T>::DuplicateCommitment);
		let deposit = Self::registration_deposit();
		let bond = T::AccountabilityBond::get();
		Self::hold(HoldReason::Deposit, &who, deposit)?;
		Self::hold(HoldReason::AccountabilityBond, &who, bond)?;
		Commitments::<T>::insert(&who, commitment, Commitment { at: Self::now(), deposit, bond });
		Self::deposit_event(Event::RegistrationCommitted { commitment, who, deposit, bond });
		Ok(())
	}

	/// Drops the caller's commitment and releases its deposit.
	pub(crate) fn do_cancel_commitment(who: T::AccountId, commitment: Hash) -> DispatchResult {
		let entry = Commitments::<T>::take(&who, commitment).ok_or(Error::<T>::NoCommitment)?;
		Self::release(HoldReason::Deposit, &who, entry.deposit)?;
		Self::release(HoldReason::AccountabilityBond, &who, entry.bond)?;
		Self::deposit_event(Event::CommitmentCancelled { commitment, who });
		Ok(())
	}

	/// Reveals a commitment and registers the model. Returns its id.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_register(
		who: T::AccountId,
		content_hash: Hash,
		salt: Hash,
		metadata: MetadataInput,
		parents: Vec<(ModelId, Relation, Permill)>,
		datasets: Vec<Hash>,
		share_supply: Balance,
		terms: LicenseTerms,
	) -> Result<ModelId, DispatchError> {
		let metadata = Self::bound_metadata(metadata)?;
		let parents: ParentsOf<T> = parents
			.into_iter()
			.map(|(model, relation, royalty)| ParentEdge { model, relation, royalty })
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| Error::<T>::MetadataTooLong)?;
		let datasets: DatasetsOf<T> =
			datasets.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
		ensure!(share_supply > 0, Error::<T>::ZeroSupply);
		Self::ensure_terms_valid(&terms)?;
		let commitment = Self::commitment_of(&content_hash, &who, &salt);
		// Only `who`'s own entry opens: a copy another account committed is the copier's.
		let entry = Commitments::<T>::get(&who, commitment).ok_or(Error::<T>::NoCommitment)?;
		let now = Self::now();
		let age = now.saturating_sub(entry.at);
		ensure!(age >= T::MinCommitAge::get(), Error::<T>::CommitmentTooNew);
		ensure!(age <= T::MaxCommitAge::get(), Error::<T>::CommitmentExpired);
		ensure!(!ModelByHash::<T>::contains_key(content_hash), Error::<T>::AlreadyRegistered);
		let (depth, lineage_paths) = Self::check_parents(&who, &parents)?;
		let id = Self::next_model_id()?;
		// The deposit and the bond have been held since the commit: they change labels, not
		// hands.
		let (deposit, bond) = (entry.deposit, entry.bond);
		let info = ModelInfo::<T> {
			owner: who.clone(),
			depositor: who.clone(),
			deposit,
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
			open_incidents: 0,
			flag: None,
			bond_holder: who.clone(),
			bond,
			operators: 0,
			latest_version: 0,
			created_at: now,
			vault: Vault::default(),
		};
		Commitments::<T>::remove(&who, commitment);
		DepositsOf::<T>::insert(id, &who, deposit);
		Models::<T>::insert(id, info);
		ModelByHash::<T>::insert(content_hash, id);
		OwnedModels::<T>::insert(&who, id, ());
		// The vault's accumulator is 0 at registration, so a default checkpoint is exact. The
		// history starts with "none before this block", so the share history alone answers
		// for blocks before the model existed.
		ShareHistory::<T>::insert(
			(id, &who, 0u32),
			ShareCheckpoint { changed_at: now, balance_before: 0 },
		);
		Self::put_holding(
			id,
			&who,
			Holding { shares: share_supply, history_len: 1, ..Default::default() },
		);
		Self::deposit_event(Event::ModelRegistered {
			model: id,
			owner: who,
			content_hash,
			share_supply,
			depth,
			deposit,
			bond,
		});
		Ok(id)
	}

	/// Takes the next free id (ids of models migrated from the hash-prefix scheme are
	/// skipped; they are rare and a handful of reads at most).
	fn next_model_id() -> Result<ModelId, DispatchError> {
		let mut id = NextModelId::<T>::get().max(1);
		for _ in 0..8 {
			if !Models::<T>::contains_key(id) {
				NextModelId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
				return Ok(id);
			}
			id = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		}
		Err(Error::<T>::Overflow.into())
	}

	/// Checks submitted metadata against the runtime's bounds.
	pub(crate) fn bound_metadata(input: MetadataInput) -> Result<MetadataOf<T>, DispatchError> {
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

	pub(crate) fn ensure_terms_valid(terms: &LicenseTerms) -> DispatchResult {
		let ok = match terms.kind {
			LicenseKind::Free => true,
			LicenseKind::PerUse { price } => price > 0,
			LicenseKind::Subscription { price, period } => price > 0 && period > 0,
		};
		ensure!(ok, Error::<T>::InvalidTerms);
		ensure!(
			terms.derivative_royalty_floor <= T::MaxRoyaltyTotal::get(),
			Error::<T>::RoyaltyTotalTooHigh
		);
		Ok(())
	}

	/// Checks the parents of a model `registrant` is registering: each exists, allows
	/// derivatives, is licensed to the registrant, and gets at least its floor; the total
	/// stays within `MaxRoyaltyTotal`. Returns the depth and lineage path count.
	fn check_parents(
		registrant: &T::AccountId,
		parents: &ParentsOf<T>,
	) -> Result<(u32, u32), DispatchError> {
		let mut depth = 0u32;
		let mut paths = 0u32;
		let mut total: u64 = 0;
		for (index, edge) in parents.iter().enumerate() {
			ensure!(
				!parents.iter().take(index).any(|e| e.model == edge.model),
				Error::<T>::DuplicateParent
			);
			let info = Models::<T>::get(edge.model).ok_or(Error::<T>::UnknownParent)?;
			ensure!(
				info.terms.derivatives_allowed && info.status != ModelStatus::Retired,
				Error::<T>::DerivativesNotAllowed
			);
			ensure!(
				Self::has_valid_license(edge.model, registrant),
				Error::<T>::ParentLicenseRequired
			);
			ensure!(
				edge.royalty >= info.terms.derivative_royalty_floor,
				Error::<T>::RoyaltyBelowFloor
			);
			total = total.saturating_add(edge.royalty.deconstruct().into());
			depth = depth.max(info.depth.saturating_add(1));
			paths = paths.saturating_add(info.lineage_paths.saturating_add(1));
		}
		ensure!(
			total <= u64::from(T::MaxRoyaltyTotal::get().deconstruct()),
			Error::<T>::RoyaltyTotalTooHigh
		);
		ensure!(depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
		ensure!(paths <= T::MaxLineagePaths::get(), Error::<T>::TooManyAncestors);
		Ok((depth, paths))
	}

	/// Publishes version `latest + 1`; `payer` (the signing owner) holds its deposit, or
	/// nobody when governance publishes. A new version clears the model's flag.
	pub(crate) fn do_publish_version(
		payer: Option<T::AccountId>,
		model: ModelId,
		number: ModelVersion,
		content_hash: Hash,
		changelog_hash: Option<Hash>,
		contributors: Vec<(T::AccountId, u32)>,
	) -> DispatchResult {
		let contributors: ContributorsOf<T> =
			contributors.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.status != ModelStatus::Retired, Error::<T>::ModelRetired);
		ensure!(
			Some(number) == info.latest_version.checked_add(1),
			Error::<T>::VersionNotSequential
		);
		let mut seen: Vec<&T::AccountId> = Vec::with_capacity(contributors.len());
		for (account, weight) in contributors.iter() {
			ensure!(*weight > 0 && !seen.contains(&account), Error::<T>::InvalidContributors);
			seen.push(account);
		}
		let mut version = VersionInfo::<T> {
			content_hash,
			changelog_hash,
			contributors,
			published_at: Self::now(),
			deposit: 0,
			depositor: payer.clone(),
		};
		if let Some(payer) = payer.as_ref() {
			let deposit = Self::deposit_for(version.encoded_size());
			Self::hold_deposit(model, payer, deposit)?;
			version.deposit = deposit;
		}
		let deposit = version.deposit;
		let count = version.contributors.len() as u32;
		Versions::<T>::insert(model, number, version);
		info.latest_version = number;
		let cleared = info.flag.take().is_some();
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::VersionPublished {
			model,
			version: number,
			content_hash,
			contributors: count,
			deposit,
		});
		if cleared {
			Self::deposit_event(Event::FlagCleared { model, by_version: Some(number) });
		}
		Ok(())
	}

	/// Changes the status. Only governance (`by_governance`) retires; retirement is final.
	pub(crate) fn do_set_status(
		by_governance: bool,
		model: ModelId,
		status: ModelStatus,
	) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.status != ModelStatus::Retired, Error::<T>::StatusFinal);
		ensure!(by_governance || status != ModelStatus::Retired, Error::<T>::GovernanceRequired);
		info.status = status;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::StatusChanged { model, status });
		Ok(())
	}

	/// Hands management to `owner`. Takes nothing from them.
	pub(crate) fn do_set_owner(model: ModelId, owner: T::AccountId) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		OwnedModels::<T>::remove(&info.owner, model);
		OwnedModels::<T>::insert(&owner, model, ());
		info.owner = owner.clone();
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::OwnerChanged { model, owner });
		Ok(())
	}

	/// The arbiter's ruling on a squatted model: management, the registrant's shares and
	/// unclaimed revenue go to `claimant`; the registrant's record deposits and the bond it
	/// holds go to the treasury. The registrant's share locks are dropped (a squatter must
	/// not keep its shares by voting with them).
	pub(crate) fn do_reassign(
		model: ModelId,
		claimant: T::AccountId,
		evidence_hash: Hash,
	) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let squatter = info.depositor.clone();
		ensure!(squatter != claimant, Error::<T>::SameOwner);
		let mut slashed = Self::slash_deposits(model, &squatter)?;
		info.deposit = 0;
		if info.bond_holder == squatter {
			slashed = slashed.saturating_add(Self::slash_to_treasury(
				HoldReason::AccountabilityBond,
				&squatter,
				info.bond,
			)?);
			info.bond = 0;
			info.bond_holder = claimant.clone();
		}
		OwnedModels::<T>::remove(&info.owner, model);
		OwnedModels::<T>::insert(&claimant, model, ());
		info.owner = claimant.clone();
		info.depositor = claimant.clone();
		// The squatter's operators could otherwise go on spending licensees' uses. At most
		// `MaxOperators` entries.
		let _ = Operators::<T>::clear_prefix(model, T::MaxOperators::get(), None);
		info.operators = 0;
		Models::<T>::insert(model, info.clone());
		let shares_moved = Self::seize_holding(model, &info.vault, &squatter, &claimant)?;
		<T::ShareHooks as modelchain_primitives::ModelShareHooks<T::AccountId>>::on_shares_forfeited(model, &squatter);
		Self::deposit_event(Event::OwnershipReassigned {
			model,
			from: squatter,
			to: claimant,
			evidence_hash,
			shares_moved,
			slashed,
		});
		Ok(())
	}
}
