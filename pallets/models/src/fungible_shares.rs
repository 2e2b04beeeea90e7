//! Model shares through FRAME's `fungibles` traits, so lending, the DEX and wallets can
//! treat them like any asset: the asset id is the model id.
//!
//! The share ledger stays this pallet's own, because every move of shares must settle
//! revenue and record voting history. So:
//! - `Inspect` reads the ledger: the supply, a holding, and what can leave it (the holding
//!   less its pledges and its vote locks, which never cover the same shares); there is no
//!   minimum balance;
//! - `Mutate::transfer` is the pallet's own share transfer: it settles both sides' revenue
//!   and records both sides' history, and refuses locked shares;
//! - shares are never minted or burnt: `Unbalanced::write_balance` refuses every raw write
//!   (`TokenError::Unsupported`), so `mint_into`, `burn_from` and the unbalanced increase
//!   and decrease fail, and nothing can move shares around the settlement;
//! - `freeze::Inspect`/`freeze::Mutate` are the share locks (`ShareLocks`), identified by
//!   an 8-byte id: a freeze is a lock, and these locks overlap (the largest binds).
//!
//! Who could abuse it: a generic caller (an adapter, a batch, a flash loan's call) moving
//! shares without settling (the raw writes are refused); a transfer of locked shares (the
//! same check as `transfer_shares`); a lock larger than the holding (refused, like
//! `set_lock`).

use crate::{Config, Error, Models, Pallet, ShareLocks};
use frame_support::{
	pallet_prelude::*,
	traits::tokens::{
		fungibles, DepositConsequence, Fortitude, Preservation, Provenance, WithdrawConsequence,
	},
};
use modelchain_primitives::{Balance, ModelId, ModelShares, ShareLockId};
use sp_runtime::TokenError;

impl<T: Config> fungibles::Inspect<T::AccountId> for Pallet<T> {
	type AssetId = ModelId;
	type Balance = Balance;

	fn total_issuance(model: ModelId) -> Balance {
		<Self as ModelShares<T::AccountId>>::total_supply(model)
	}

	fn minimum_balance(_model: ModelId) -> Balance {
		0
	}

	fn total_balance(model: ModelId, who: &T::AccountId) -> Balance {
		<Self as ModelShares<T::AccountId>>::balance(model, who)
	}

	fn balance(model: ModelId, who: &T::AccountId) -> Balance {
		<Self as ModelShares<T::AccountId>>::balance(model, who)
	}

	/// The holding less its locks; locks bind whatever the preservation or force.
	fn reducible_balance(
		model: ModelId,
		who: &T::AccountId,
		_preservation: Preservation,
		_force: Fortitude,
	) -> Balance {
		<Self as ModelShares<T::AccountId>>::balance(model, who)
			.saturating_sub(Self::locked_shares(model, who))
	}

	fn can_deposit(
		model: ModelId,
		who: &T::AccountId,
		amount: Balance,
		provenance: Provenance,
	) -> DepositConsequence {
		if !Models::<T>::contains_key(model) {
			return DepositConsequence::UnknownAsset;
		}
		if provenance == Provenance::Minted {
			return DepositConsequence::CannotCreate;
		}
		match <Self as ModelShares<T::AccountId>>::balance(model, who).checked_add(amount) {
			Some(_) => DepositConsequence::Success,
			None => DepositConsequence::Overflow,
		}
	}

	fn can_withdraw(
		model: ModelId,
		who: &T::AccountId,
		amount: Balance,
	) -> WithdrawConsequence<Balance> {
		if !Models::<T>::contains_key(model) {
			return WithdrawConsequence::UnknownAsset;
		}
		let held = <Self as ModelShares<T::AccountId>>::balance(model, who);
		let Some(left) = held.checked_sub(amount) else {
			return WithdrawConsequence::BalanceLow;
		};
		if left < Self::locked_shares(model, who) {
			return WithdrawConsequence::Frozen;
		}
		WithdrawConsequence::Success
	}

	fn asset_exists(model: ModelId) -> bool {
		Models::<T>::contains_key(model)
	}
}

impl<T: Config> fungibles::Unbalanced<T::AccountId> for Pallet<T> {
	fn handle_dust(_dust: fungibles::Dust<T::AccountId, Self>) {}

	/// Refused: a raw write would skip the revenue settlement and the history.
	fn write_balance(
		_model: ModelId,
		_who: &T::AccountId,
		_amount: Balance,
	) -> Result<Option<Balance>, DispatchError> {
		Err(TokenError::Unsupported.into())
	}

	/// The supply is fixed at registration.
	fn set_total_issuance(_model: ModelId, _amount: Balance) {}
}

impl<T: Config> fungibles::Mutate<T::AccountId> for Pallet<T> {
	/// The pallet's share transfer (revenue settled, history recorded, locks kept). Zero,
	/// or a transfer to oneself, only checks that the shares could move.
	fn transfer(
		model: ModelId,
		source: &T::AccountId,
		dest: &T::AccountId,
		amount: Balance,
		_preservation: Preservation,
	) -> Result<Balance, DispatchError> {
		if amount == 0 || source == dest {
			<Self as fungibles::Inspect<T::AccountId>>::can_withdraw(model, source, amount)
				.into_result(false)?;
			return Ok(amount);
		}
		Self::do_transfer_shares(model, source.clone(), dest.clone(), amount)?;
		Ok(amount)
	}
}

impl<T: Config> fungibles::freeze::Inspect<T::AccountId> for Pallet<T> {
	type Id = ShareLockId;

	fn balance_frozen(model: ModelId, id: &ShareLockId, who: &T::AccountId) -> Balance {
		Self::lock_amount(model, who, *id)
	}

	fn can_freeze(model: ModelId, id: &ShareLockId, who: &T::AccountId) -> bool {
		let locks = ShareLocks::<T>::get(model, who);
		locks.iter().any(|(lock, _)| lock == id) || !locks.is_full()
	}
}

impl<T: Config> fungibles::freeze::Mutate<T::AccountId> for Pallet<T> {
	/// Sets the lock `id` to `amount` (0 removes it); at most the holding.
	fn set_freeze(
		model: ModelId,
		id: &ShareLockId,
		who: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if amount == 0 {
			return <Self as fungibles::freeze::Mutate<T::AccountId>>::thaw(model, id, who);
		}
		<Self as ModelShares<T::AccountId>>::set_lock(model, who, *id, amount)
	}

	/// Raises the lock `id` to `amount` if it is lower.
	fn extend_freeze(
		model: ModelId,
		id: &ShareLockId,
		who: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		let current =
			<Self as fungibles::freeze::Inspect<T::AccountId>>::balance_frozen(model, id, who);
		if amount <= current {
			return Ok(());
		}
		<Self as ModelShares<T::AccountId>>::set_lock(model, who, *id, amount)
	}

	fn thaw(model: ModelId, id: &ShareLockId, who: &T::AccountId) -> DispatchResult {
		ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
		<Self as ModelShares<T::AccountId>>::remove_lock(model, who, *id);
		Ok(())
	}
}

/// `Balanced` exists so that shares can sit in the runtime's one `fungibles` view, which
/// the DEX needs to be balanced; every balanced operation writes a raw balance and is
/// refused (see `Unbalanced::write_balance`), and the runtime's DEX opens no pool of shares.
impl<T: Config> fungibles::Balanced<T::AccountId> for Pallet<T> {
	type OnDropDebt = fungibles::IncreaseIssuance<T::AccountId, Self>;
	type OnDropCredit = fungibles::DecreaseIssuance<T::AccountId, Self>;
}

/// No account needs touching: a holding appears with the first shares it receives.
impl<T: Config> frame_support::traits::AccountTouch<ModelId, T::AccountId> for Pallet<T> {
	type Balance = Balance;

	fn deposit_required(_model: ModelId) -> Balance {
		0
	}

	fn should_touch(_model: ModelId, _who: &T::AccountId) -> bool {
		false
	}

	fn touch(_model: ModelId, _who: &T::AccountId, _depositor: &T::AccountId) -> DispatchResult {
		Ok(())
	}
}

/// No deposit is ever held for a holding, so there is nothing to refund.
impl<T: Config> fungibles::Refund<T::AccountId> for Pallet<T> {
	type AssetId = ModelId;
	type Balance = Balance;

	fn deposit_held(_model: ModelId, _who: T::AccountId) -> Option<(T::AccountId, Balance)> {
		None
	}

	fn refund(_model: ModelId, _who: T::AccountId) -> DispatchResult {
		Err(TokenError::Unsupported.into())
	}
}

/// Models are registered (with their content, terms and deposits), never created through
/// `fungibles`: refused. It exists for the runtime's one `fungibles` view, whose DEX
/// benchmarks ask for it.
impl<T: Config> fungibles::Create<T::AccountId> for Pallet<T> {
	fn create(
		_model: ModelId,
		_admin: T::AccountId,
		_is_sufficient: bool,
		_min_balance: Balance,
	) -> DispatchResult {
		Err(TokenError::Unsupported.into())
	}
}
