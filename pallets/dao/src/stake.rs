//! Native stake for chain governance: a `fungible` freeze of exactly the stake, and a
//! per-block history so the stake at a proposal's snapshot is known.

use super::*;

impl<T: Config> Pallet<T> {
	/// Stakes `amount` more; the freeze grows to the new total.
	pub(crate) fn do_stake(who: T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut stake = Stakes::<T>::get(&who);
		let total = stake.amount.checked_add(amount).ok_or(Error::<T>::InsufficientBalance)?;
		ensure!(T::Currency::total_balance(&who) >= total, Error::<T>::InsufficientBalance);
		Self::record_stake_history(&who, &mut stake);
		stake.amount = total;
		T::Currency::set_freeze(&FreezeReason::Stake.into(), &who, total)?;
		Stakes::<T>::insert(&who, stake);
		Self::change_total_stake(|sum| sum.saturating_add(amount));
		Self::deposit_event(Event::Staked { who, amount, total });
		Ok(())
	}

	/// Releases `amount` of stake, as long as the stake still covers the largest vote lock
	/// (votes stay locked until unlocked, which the winning side may do only after the
	/// proposal's lock period).
	pub(crate) fn do_unstake(who: T::AccountId, amount: Balance) -> DispatchResult {
		ensure!(amount > 0, Error::<T>::ZeroAmount);
		let mut stake = Stakes::<T>::get(&who);
		let total = stake.amount.checked_sub(amount).ok_or(Error::<T>::InsufficientBalance)?;
		ensure!(
			total >= Self::largest_lock(&LockedVotes::<T>::get(DaoScope::Chain, &who)),
			Error::<T>::StakeLocked
		);
		Self::record_stake_history(&who, &mut stake);
		stake.amount = total;
		if total.is_zero() {
			T::Currency::thaw(&FreezeReason::Stake.into(), &who)?;
		} else {
			T::Currency::set_freeze(&FreezeReason::Stake.into(), &who, total)?;
		}
		Stakes::<T>::insert(&who, stake);
		Self::change_total_stake(|sum| sum.saturating_sub(amount));
		Self::deposit_event(Event::Unstaked { who, amount, total });
		Ok(())
	}

	/// Sets `TotalStake` to `change(TotalStake)`, first recording the total before this
	/// block's first change.
	fn change_total_stake(change: impl FnOnce(Balance) -> Balance) {
		let now = Self::now();
		let total = TotalStake::<T>::get();
		if TotalStakeBefore::<T>::get().is_none_or(|c| c.changed_at != now) {
			TotalStakeBefore::<T>::put(StakeCheckpoint { changed_at: now, amount_before: total });
		}
		TotalStake::<T>::put(change(total));
	}

	/// `TotalStake` at the end of the previous block: the snapshot of a proposal made now.
	pub fn total_stake_at_snapshot() -> Balance {
		match TotalStakeBefore::<T>::get() {
			Some(c) if c.changed_at == Self::now() => c.amount_before,
			_ => TotalStake::<T>::get(),
		}
	}

	/// Native stake of `who` at the end of block `at`.
	pub fn stake_at(who: &T::AccountId, at: BlockNumber) -> Balance {
		Self::stake_of_at(who, &Stakes::<T>::get(who), at)
	}

	/// What `stake` (`who`'s current record) was at the end of block `at`.
	pub(crate) fn stake_of_at(who: &T::AccountId, stake: &Stake, at: BlockNumber) -> Balance {
		modelchain_primitives::history::balance_at(
			stake.history_len,
			|i| StakeHistory::<T>::get(who, i).map(|c| (c.changed_at, c.amount_before)),
			stake.amount,
			at,
		)
	}

	/// Records the stake before its first change in this block.
	fn record_stake_history(who: &T::AccountId, stake: &mut Stake) {
		let now = Self::now();
		let last = stake.history_len.checked_sub(1).and_then(|i| StakeHistory::<T>::get(who, i));
		if last.is_some_and(|c| c.changed_at == now) {
			return;
		}
		StakeHistory::<T>::insert(
			who,
			stake.history_len,
			StakeCheckpoint { changed_at: now, amount_before: stake.amount },
		);
		stake.history_len = stake.history_len.saturating_add(1);
	}
}
