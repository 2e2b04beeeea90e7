//! The share ledger: positions, their per-block history (the DAO's snapshots) and locks.
//! Every change of a position goes through [`Pallet::put_holding`], which keeps the
//! "my shares" index, after revenue was settled ([`Pallet::settle`]).
//!
//! Attacks this file answers:
//! - *Renting shares for a vote.* History records the balance before the first change of
//!   each block, so the DAO reads balances at a past snapshot; shares bought later count 0.
//! - *Moving locked shares.* A transfer must leave at least the pledges plus the vote
//!   locks (they never cover the same shares).
//! - *Collecting revenue twice.* Both sides settle before shares move, so a receiver gets
//!   only revenue credited after the transfer.

use crate::*;
use modelchain_primitives::{ModelShares, ShareLockId};

impl<T: Config> Pallet<T> {
	/// Writes a holding and keeps the [`HeldModels`] index: listed while shares > 0.
	pub(crate) fn put_holding(model: ModelId, who: &T::AccountId, holding: Holding) {
		if holding.shares > 0 {
			HeldModels::<T>::insert(who, model, ());
		} else {
			HeldModels::<T>::remove(who, model);
		}
		Holdings::<T>::insert(model, who, holding);
	}

	/// `who`'s holding, or a fresh one checkpointed at the vault's current accumulator.
	pub(crate) fn holding_or_new(model: ModelId, who: &T::AccountId, vault: &Vault) -> Holding {
		Holdings::<T>::get(model, who).unwrap_or(Holding {
			revenue_checkpoint: vault.revenue_per_share,
			..Default::default()
		})
	}

	/// Moves `amount` unlocked shares from `from` to `to`, settling both first.
	pub(crate) fn do_transfer_shares(
		model: ModelId,
		from: T::AccountId,
		to: T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		Self::move_holding(model, &from, &to, amount, |remaining| {
			ensure!(remaining >= Self::locked_shares(model, &from), Error::<T>::SharesLocked);
			Ok(())
		})
	}

	/// Moves `amount` of `from`'s shares pledged under lock `id` to `to`, ignoring every
	/// lock: lock `id` falls by `amount` first (a liquidation of collateral shares).
	pub(crate) fn do_seize_locked(
		model: ModelId,
		from: &T::AccountId,
		to: &T::AccountId,
		id: ShareLockId,
		amount: Balance,
	) -> DispatchResult {
		let pledged = Self::lock_amount(model, from, id);
		let left = pledged.checked_sub(amount).ok_or(Error::<T>::SeizureAboveLock)?;
		Self::move_holding(model, from, to, amount, |_| Ok(()))?;
		if left == 0 {
			Self::remove_lock(model, from, id);
		}
		// Every remaining lock binds at most what is left (a lock is never above the
		// holding); each change is announced.
		let holding = Holdings::<T>::get(model, from).map_or(0, |h| h.shares);
		let mut changed = alloc::vec::Vec::new();
		ShareLocks::<T>::mutate_exists(model, from, |entry| {
			if let Some(locks) = entry {
				for (lock, amount) in locks.iter_mut() {
					let capped = if *lock == id { left } else { (*amount).min(holding) };
					if capped != *amount {
						*amount = capped;
						changed.push((*lock, capped));
					}
				}
			}
		});
		for (lock, amount) in changed {
			Self::deposit_event(Event::ShareLockSet { model, who: from.clone(), id: lock, amount });
		}
		Ok(())
	}

	/// Moves `amount` shares from `from` to `to` once `check` accepts what `from` keeps:
	/// both sides settled and their history recorded first, one event.
	fn move_holding(
		model: ModelId,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
		check: impl FnOnce(Balance) -> DispatchResult,
	) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		ensure!(from != to, Error::<T>::SelfTransfer);
		let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let mut sender = Holdings::<T>::get(model, from).ok_or(Error::<T>::InsufficientShares)?;
		let remaining = sender.shares.checked_sub(amount).ok_or(Error::<T>::InsufficientShares)?;
		check(remaining)?;
		let mut receiver = Self::holding_or_new(model, to, &info.vault);
		let received = receiver.shares.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::move_shares(model, &info.vault, (from, &mut sender), (to, &mut receiver));
		sender.shares = remaining;
		receiver.shares = received;
		Self::put_holding(model, from, sender);
		Self::put_holding(model, to, receiver);
		Self::deposit_event(Event::SharesTransferred {
			model,
			from: from.clone(),
			to: to.clone(),
			amount,
		});
		Ok(())
	}

	/// The amount of `who`'s lock `id` in this pallet's `ShareLocks` (0 if absent).
	pub(crate) fn lock_amount(model: ModelId, who: &T::AccountId, id: ShareLockId) -> Balance {
		ShareLocks::<T>::get(model, who)
			.iter()
			.find(|(lock, _)| *lock == id)
			.map_or(0, |(_, amount)| *amount)
	}

	/// Settles both sides and records their history before their balances change.
	fn move_shares(
		model: ModelId,
		vault: &Vault,
		from: (&T::AccountId, &mut Holding),
		to: (&T::AccountId, &mut Holding),
	) {
		let now = Self::now();
		Self::settle(vault, from.1);
		Self::settle(vault, to.1);
		Self::record_history(model, from.0, from.1, now);
		Self::record_history(model, to.0, to.1, now);
	}

	/// Moves all of `from`'s shares and unclaimed revenue to `to`, dropping `from`'s locks
	/// (an ownership dispute). Returns the shares moved.
	pub(crate) fn seize_holding(
		model: ModelId,
		vault: &Vault,
		from: &T::AccountId,
		to: &T::AccountId,
	) -> Result<Balance, DispatchError> {
		let Some(mut source) = Holdings::<T>::get(model, from) else { return Ok(0) };
		let mut target = Self::holding_or_new(model, to, vault);
		Self::move_shares(model, vault, (from, &mut source), (to, &mut target));
		let moved = source.shares;
		target.shares = target.shares.checked_add(moved).ok_or(Error::<T>::Overflow)?;
		target.unclaimed =
			target.unclaimed.checked_add(source.unclaimed).ok_or(Error::<T>::Overflow)?;
		source.shares = 0;
		source.unclaimed = 0;
		for (id, _) in ShareLocks::<T>::take(model, from).into_iter() {
			Self::deposit_event(Event::ShareLockRemoved { model, who: from.clone(), id });
		}
		Self::put_holding(model, from, source);
		Self::put_holding(model, to, target);
		if moved > 0 {
			Self::deposit_event(Event::SharesTransferred {
				model,
				from: from.clone(),
				to: to.clone(),
				amount: moved,
			});
		}
		Ok(moved)
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
	/// Registration starts the registrant's history at the creation block (nothing before),
	/// so no read of the model is needed. (Models registered before spec 106 have no such
	/// first entry; for them a block before creation reads as the registrant's balance,
	/// which no governance snapshot can ask for any more: snapshots are never older than the
	/// block before a new proposal.)
	pub fn shares_at(model: ModelId, who: &T::AccountId, at: BlockNumber) -> Balance {
		let Some(holding) = Holdings::<T>::get(model, who) else { return 0 };
		Self::holding_at(model, who, &holding, at)
	}

	/// What `holding` (of `who` in `model`) held at the end of block `at`.
	fn holding_at(
		model: ModelId,
		who: &T::AccountId,
		holding: &Holding,
		at: BlockNumber,
	) -> Balance {
		modelchain_primitives::history::balance_at(
			holding.history_len,
			|i| ShareHistory::<T>::get((model, who, i)).map(|c| (c.changed_at, c.balance_before)),
			holding.shares,
			at,
		)
	}

	/// What of `who`'s shares of `model` cannot move: the largest of this pallet's own
	/// locks (pledges) plus the largest external one (the DAO's vote locks). The two never
	/// cover the same shares: a vote locks only unpledged shares, and lending pledges only
	/// shares no vote locks, so they add.
	pub fn locked_shares(model: ModelId, who: &T::AccountId) -> Balance {
		Self::own_locks(model, who).saturating_add(T::ExternalLocks::locked(model, who))
	}

	/// The largest of the locks kept in this pallet's `ShareLocks` (what a dispute drops).
	pub(crate) fn own_locks(model: ModelId, who: &T::AccountId) -> Balance {
		ShareLocks::<T>::get(model, who).iter().map(|(_, a)| *a).max().unwrap_or(0)
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

	fn balance_now_and_at(
		model: ModelId,
		who: &T::AccountId,
		at: BlockNumber,
	) -> (Balance, Balance) {
		let Some(holding) = Holdings::<T>::get(model, who) else { return (0, 0) };
		(holding.shares, Self::holding_at(model, who, &holding, at))
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

	fn lock_of(model: ModelId, who: &T::AccountId, id: ShareLockId) -> Balance {
		Self::lock_amount(model, who, id)
	}

	fn pledged(model: ModelId, who: &T::AccountId) -> Balance {
		Self::own_locks(model, who)
	}

	fn externally_locked(model: ModelId, who: &T::AccountId) -> Balance {
		T::ExternalLocks::locked(model, who)
	}

	fn seize_locked(
		model: ModelId,
		from: &T::AccountId,
		to: &T::AccountId,
		id: ShareLockId,
		amount: Balance,
	) -> DispatchResult {
		Self::do_seize_locked(model, from, to, id, amount)
	}
}
