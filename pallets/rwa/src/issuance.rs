//! Issuing a real-world asset, updating its documents, and governance's status.
//!
//! Who could abuse these calls, and what stops them:
//! - *Spam*: each issuance holds `IssuerDeposit` (and the ledger's metadata deposit).
//! - *Squatting or front-running an id*: ids are given out by the pallet in its own range,
//!   which the runtime keeps others from creating assets in; an id taken anyway (before the
//!   runtime closed the range, or by Root) is skipped, up to `MAX_ID_SKIPS` ahead; a copied
//!   `issue` only issues another asset, under another id, to its own sender.
//! - *An issuer freezing the lending or DEX pool account*: the pallet keeps the freezer,
//!   admin and owner roles; the issuer only mints (burning a holder's
//!   tokens needs the admin role, which stays with the pallet).
//! - *Changing the paperwork quietly*: every change is an event with both hashes, and the
//!   block is recorded.

use crate::{
	AssetMetadata, Config, Documents, Error, Event, HoldReason, NextAssetId, Pallet, RwaInfo,
	RwaStatus, Rwas,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		fungibles::{self, metadata::Mutate as _, roles::ResetTeam as _, Create as _},
	},
};
use modelchain_primitives::AssetId;
use sp_runtime::traits::AccountIdConversion;

/// The most decimals lending can value.
pub const MAX_DECIMALS: u8 = 24;

/// How many taken ids `issue` skips before it gives up (`IdsExhausted`).
pub const MAX_ID_SKIPS: u32 = 16;

impl<T: Config> Pallet<T> {
	/// The account that owns every real-world asset.
	pub fn account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// The id the next issued asset gets.
	pub fn next_asset_id() -> AssetId {
		NextAssetId::<T>::get().unwrap_or_else(T::FirstAssetId::get)
	}

	/// The first id from [`Self::next_asset_id`] that no asset uses, looking at most
	/// [`MAX_ID_SKIPS`] ids ahead: an asset created in the range before the runtime closed
	/// it (or forced by Root) costs one id, not the pallet.
	fn free_asset_id() -> Result<AssetId, DispatchError> {
		let mut id = Self::next_asset_id();
		for _ in 0..MAX_ID_SKIPS {
			if !<T::Assets as fungibles::Inspect<T::AccountId>>::asset_exists(id) {
				return Ok(id);
			}
			id = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		}
		Err(Error::<T>::IdsExhausted.into())
	}

	pub(crate) fn do_issue(
		issuer: T::AccountId,
		metadata: AssetMetadata<T>,
		identity: BoundedVec<u8, T::MaxIdentityLen>,
		documents: Documents,
	) -> DispatchResult {
		ensure!(!metadata.name.is_empty() && !metadata.symbol.is_empty(), Error::<T>::BadName);
		ensure!(!identity.is_empty(), Error::<T>::NoIdentity);
		ensure!(metadata.decimals <= MAX_DECIMALS, Error::<T>::TooManyDecimals);
		ensure!(metadata.min_balance > 0, Error::<T>::ZeroMinBalance);
		let asset = Self::free_asset_id()?;
		let next = asset.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
		let deposit = T::IssuerDeposit::get();
		T::Currency::hold(&HoldReason::IssuerDeposit.into(), &issuer, deposit)?;
		// Created with the issuer as owner, so that the ledger takes its metadata deposit
		// from them; then the pallet takes every role but the issuer's.
		T::Assets::create(asset, issuer.clone(), false, metadata.min_balance)?;
		T::Assets::set(
			asset,
			&issuer,
			metadata.name.into_inner(),
			metadata.symbol.into_inner(),
			metadata.decimals,
		)?;
		let pallet = Self::account();
		T::Assets::reset_team(asset, pallet.clone(), pallet.clone(), issuer.clone(), pallet)?;
		NextAssetId::<T>::put(next);
		Rwas::<T>::insert(
			asset,
			RwaInfo {
				issuer: issuer.clone(),
				identity: identity.clone(),
				documents,
				updated_at: frame_system::Pallet::<T>::block_number(),
				status: RwaStatus::Active,
				deposit,
			},
		);
		Self::deposit_event(Event::RwaIssued { asset, issuer, identity, documents, deposit });
		Ok(())
	}

	pub(crate) fn do_update_documents(
		who: T::AccountId,
		asset: AssetId,
		documents: Documents,
	) -> DispatchResult {
		let mut record = Rwas::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.issuer == who, Error::<T>::NotIssuer);
		ensure!(record.documents != documents, Error::<T>::DocumentsUnchanged);
		record.documents = documents;
		record.updated_at = frame_system::Pallet::<T>::block_number();
		Rwas::<T>::insert(asset, record);
		Self::deposit_event(Event::DocumentsUpdated { asset, documents });
		Ok(())
	}

	pub(crate) fn do_set_status(asset: AssetId, status: RwaStatus) -> DispatchResult {
		let mut record = Rwas::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		ensure!(record.status != status, Error::<T>::StatusUnchanged);
		record.status = status;
		Rwas::<T>::insert(asset, record);
		Self::deposit_event(Event::StatusSet { asset, status });
		Ok(())
	}
}
