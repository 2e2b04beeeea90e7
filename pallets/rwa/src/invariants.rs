//! The pallet's invariants, checked by `try_state` (and after every test).

use crate::{Config, HoldReason, Pallet, Rwas};
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{fungible::InspectHold, fungibles::roles::Inspect, Get};
use modelchain_primitives::Balance;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant (see the crate docs).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let pallet = Self::account();
		let (first, next) = (T::FirstAssetId::get(), Self::next_asset_id());
		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (asset, record) in Rwas::<T>::iter() {
			if asset < first || asset >= next {
				return Err(TryRuntimeError::Other("a record outside the pallet's issued ids"));
			}
			if T::Assets::owner(asset) != Some(pallet.clone())
				|| T::Assets::freezer(asset) != Some(pallet.clone())
				|| T::Assets::admin(asset) != Some(pallet.clone())
			{
				return Err(TryRuntimeError::Other("an asset's roles left the pallet"));
			}
			if T::Assets::issuer(asset) != Some(record.issuer.clone()) {
				return Err(TryRuntimeError::Other("an asset's issuer differs from its record"));
			}
			let held = deposits.entry(record.issuer).or_default();
			*held = held.saturating_add(record.deposit);
		}
		for (issuer, deposit) in deposits {
			let reason = HoldReason::IssuerDeposit.into();
			if T::Currency::balance_on_hold(&reason, &issuer) < deposit {
				return Err(TryRuntimeError::Other("an issuer holds less than its deposits"));
			}
		}
		Ok(())
	}
}
