//! Every movement of the native token this pallet makes: holds with a [`HoldReason`], their
//! release, slash and payout, and the vault's intake and payouts. No other file calls the
//! currency.
//!
//! Attacks this file answers:
//! - *Dodging a payout by freezing.* Payouts from a hold use `Fortitude::Force`: a freeze
//!   on the holder's balance cannot stop an upheld reporter's reward.
//! - *A third party's funds.* Every `hold` names the signer; governance never pays.

use crate::*;
use frame_support::traits::{
	fungible::InspectHold,
	tokens::{Fortitude, Precision, Preservation, Restriction},
};

impl<T: Config> Pallet<T> {
	/// Holds `amount` of `who`'s free balance for `reason`.
	pub(crate) fn hold(reason: HoldReason, who: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		T::Currency::hold(&reason.into(), who, amount)
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Releases `amount` held from `who` for `reason` (exactly).
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		T::Currency::release(&reason.into(), who, amount, Precision::Exact).map(|_| ())
	}

	/// Moves up to `amount` held from `from` for `reason` into `to`'s free balance, whatever
	/// freezes `from` has. Returns what moved.
	pub(crate) fn pay_from_hold(
		reason: HoldReason,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		if amount == 0 {
			return Ok(0);
		}
		T::Currency::transfer_on_hold(
			&reason.into(),
			from,
			to,
			amount,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)
	}

	/// Moves up to `amount` held from `who` for `reason` to the treasury.
	pub(crate) fn slash_to_treasury(
		reason: HoldReason,
		who: &T::AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		Self::pay_from_hold(reason, who, &T::TreasuryAccount::get(), amount)
	}

	/// Holds a record deposit of `model` from `who` and counts it in [`DepositsOf`].
	pub(crate) fn hold_deposit(
		model: ModelId,
		who: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		Self::hold(HoldReason::Deposit, who, amount)?;
		DepositsOf::<T>::try_mutate(model, who, |held| -> DispatchResult {
			*held = held.checked_add(amount).ok_or(Error::<T>::Overflow)?;
			Ok(())
		})
	}

	/// Sends every record deposit `who` holds for `model` to the treasury.
	pub(crate) fn slash_deposits(
		model: ModelId,
		who: &T::AccountId,
	) -> Result<Balance, DispatchError> {
		let held = DepositsOf::<T>::take(model, who);
		Self::slash_to_treasury(HoldReason::Deposit, who, held)
	}

	/// Tops the accountability bond of `model` up to `AccountabilityBond`, held from `who`
	/// (the owner). Whoever holds part of it already keeps holding it.
	pub(crate) fn do_post_bond(model: ModelId, who: T::AccountId) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.owner == who, Error::<T>::NotModelManager);
		ensure!(info.status != ModelStatus::Retired, Error::<T>::ModelRetired);
		if info.bond > 0 && info.bond_holder != who {
			// A new owner takes the accountability over. The previous holder's bond stays
			// while a report against it is open, so no reporter loses a reward.
			ensure!(info.open_incidents == 0, Error::<T>::IncidentsOpen);
			let from = info.bond_holder.clone();
			Self::release(HoldReason::AccountabilityBond, &from, info.bond)?;
			Self::deposit_event(Event::BondHandedOver { model, from, released: info.bond });
			info.bond = 0;
		}
		let missing = T::AccountabilityBond::get().saturating_sub(info.bond);
		ensure!(missing > 0, Error::<T>::BondSufficient);
		Self::hold(HoldReason::AccountabilityBond, &who, missing)?;
		info.bond = T::AccountabilityBond::get();
		info.bond_holder = who.clone();
		let bond = info.bond;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::BondPosted { model, holder: who, bond });
		Ok(())
	}

	/// Releases what `who` holds for a retired model: its record deposits, and the
	/// accountability bond if `who` holds it and no incident is open.
	pub(crate) fn do_release_deposits(model: ModelId, who: T::AccountId) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.status == ModelStatus::Retired, Error::<T>::NotRetired);
		let deposit = DepositsOf::<T>::get(model, &who);
		let holds_bond = info.bond_holder == who && info.bond > 0;
		let bond = if holds_bond && info.open_incidents == 0 { info.bond } else { 0 };
		ensure!(deposit > 0 || bond > 0 || !holds_bond, Error::<T>::IncidentsOpen);
		ensure!(deposit > 0 || bond > 0, Error::<T>::NothingToRelease);
		DepositsOf::<T>::remove(model, &who);
		Self::release(HoldReason::Deposit, &who, deposit)?;
		Self::release(HoldReason::AccountabilityBond, &who, bond)?;
		if info.depositor == who {
			info.deposit = 0;
		}
		if bond > 0 {
			info.bond = 0;
		}
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::DepositsReleased { model, who, deposit, bond });
		Ok(())
	}

	/// Takes a licence fee into the vault account.
	pub(crate) fn collect_fee(who: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Currency::transfer(who, &Self::vault_account(), amount, Preservation::Expendable)
			.map(|_| ())
			.map_err(|_| Error::<T>::InsufficientBalance.into())
	}

	/// Pays `amount` out of the vault account (which stays alive).
	pub(crate) fn pay_from_vault(to: &T::AccountId, amount: Balance) -> DispatchResult {
		T::Currency::transfer(&Self::vault_account(), to, amount, Preservation::Preserve)
			.map(|_| ())
	}

	/// Gives the vault account its existential deposit if it has none.
	pub fn ensure_vault_exists() {
		let vault = Self::vault_account();
		if T::Currency::total_balance(&vault) == 0 {
			let _ = T::Currency::mint_into(&vault, T::Currency::minimum_balance());
		}
	}

	/// What the vault account holds (for the invariants).
	pub fn vault_balance() -> Balance {
		T::Currency::balance(&Self::vault_account())
	}

	/// What `who` has on hold for `reason` (for the invariants and tests).
	pub fn held(reason: HoldReason, who: &T::AccountId) -> Balance {
		T::Currency::balance_on_hold(&reason.into(), who)
	}
}
