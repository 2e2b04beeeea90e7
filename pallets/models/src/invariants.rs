//! `try_state`: the invariants listed in the crate docs, checked over the whole state. Tests
//! run it after every case; it is not bounded and never runs in a block.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use sp_runtime::TryRuntimeError;

fn fail(msg: &'static str) -> Result<(), TryRuntimeError> {
	Err(TryRuntimeError::Other(msg))
}

fn add<K: Ord>(map: &mut BTreeMap<K, Balance>, key: K, amount: Balance) {
	let entry = map.entry(key).or_insert(0);
	*entry = entry.saturating_add(amount);
}

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut outstanding_total: Balance = 0;
		let mut bonds: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut open: BTreeMap<ModelId, u32> = BTreeMap::new();
		for (id, info) in Models::<T>::iter() {
			Self::check_ledger(id, &info)?;
			Self::check_lineage(id, &info)?;
			outstanding_total = outstanding_total
				.saturating_add(info.vault.received.saturating_sub(info.vault.claimed));
			if ModelByHash::<T>::get(info.content_hash) != Some(id) {
				return fail("a model is not indexed by its content hash");
			}
			if !OwnedModels::<T>::contains_key(&info.owner, id) {
				return fail("a model is missing from its owner's index");
			}
			if Operators::<T>::iter_prefix(id).count() as u32 != info.operators {
				return fail("operator count differs from the named operators");
			}
			add(&mut bonds, info.bond_holder.clone(), info.bond);
		}
		if Self::vault_balance() < outstanding_total {
			return fail("vault account holds less than the revenue owed");
		}
		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (_, who, amount) in DepositsOf::<T>::iter() {
			add(&mut deposits, who, amount);
		}
		// An open commitment holds a record deposit and a bond ahead of its model.
		for (who, _, c) in Commitments::<T>::iter() {
			add(&mut deposits, who.clone(), c.deposit);
			add(&mut bonds, who, c.bond);
		}
		let mut reports: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (_, incident) in Incidents::<T>::iter() {
			if incident.status == IncidentStatus::Open {
				add(&mut reports, incident.reporter, incident.bond);
				let count = open.entry(incident.model).or_insert(0);
				*count = count.saturating_add(1);
			}
		}
		for (id, info) in Models::<T>::iter() {
			if open.get(&id).copied().unwrap_or(0) != info.open_incidents {
				return fail("open incident count differs from the open reports");
			}
		}
		for (reason, expected) in [
			(HoldReason::Deposit, deposits),
			(HoldReason::IncidentBond, reports),
			(HoldReason::AccountabilityBond, bonds),
		] {
			for (who, amount) in expected {
				if Self::held(reason, &who) != amount {
					return fail("a hold differs from the records behind it");
				}
			}
		}
		for (who, id, ()) in HeldModels::<T>::iter() {
			if Holdings::<T>::get(id, &who).is_none_or(|h| h.shares == 0) {
				return fail("the holder index lists an account without shares");
			}
		}
		Ok(())
	}

	/// Σ shares = supply, locks within holdings, owed ≤ vault, holder index complete.
	fn check_ledger(id: ModelId, info: &ModelInfo<T>) -> Result<(), TryRuntimeError> {
		let mut shares: Balance = 0;
		let mut owed: Balance = 0;
		for (who, holding) in Holdings::<T>::iter_prefix(id) {
			shares = shares.saturating_add(holding.shares);
			owed = owed.saturating_add(holding.unclaimed).saturating_add(Self::accrued(
				holding.shares,
				holding.revenue_checkpoint,
				info.vault.revenue_per_share,
			));
			// Only this pallet's own locks: a dispute seizes a holding whole, and the DAO's
			// vote locks on it (kept by the DAO) then outlast the shares until unlocked.
			if Self::own_locks(id, &who) > holding.shares {
				return fail("a share lock exceeds its holder's shares");
			}
			if holding.shares > 0 && !HeldModels::<T>::contains_key(&who, id) {
				return fail("a holder is missing from the holder index");
			}
		}
		if shares != info.share_supply {
			return fail("sum of holdings differs from share supply");
		}
		let outstanding = info.vault.received.saturating_sub(info.vault.claimed);
		if info.vault.claimed > info.vault.received || owed > outstanding {
			return fail("revenue owed exceeds the model's vault");
		}
		Ok(())
	}

	/// Parents exist and are older; depth and paths match and are bounded; royalties fit.
	fn check_lineage(id: ModelId, info: &ModelInfo<T>) -> Result<(), TryRuntimeError> {
		let mut depth = 0u32;
		let mut royalties: u64 = 0;
		for edge in info.parents.iter() {
			let Some(p) = Models::<T>::get(edge.model) else {
				return fail("a parent does not exist");
			};
			if p.created_at > info.created_at || edge.model == id {
				return fail("a parent is younger than its child");
			}
			depth = depth.max(p.depth.saturating_add(1));
			royalties = royalties.saturating_add(edge.royalty.deconstruct().into());
		}
		if depth != info.depth
			|| info.depth > T::MaxLineageDepth::get()
			|| info.lineage_paths > T::MaxLineagePaths::get()
		{
			return fail("lineage depth or paths out of bounds");
		}
		if royalties > u64::from(T::MaxRoyaltyTotal::get().deconstruct()) {
			return fail("royalties to parents exceed MaxRoyaltyTotal");
		}
		Ok(())
	}
}
