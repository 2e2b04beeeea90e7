//! Voting: tallies, vote locks, delegation, and the voting power a scope counts.

use super::*;

impl<T: Config> Pallet<T> {
	/// Votes (or changes a vote) for `who`, locking `amount`, then casts the same choice for
	/// each delegator who has not voted itself. Returns how many delegators were looked at.
	pub(crate) fn do_vote(
		who: T::AccountId,
		id: ProposalId,
		choice: VoteChoice,
		amount: Balance,
	) -> Result<u32, DispatchError> {
		let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(
			proposal.status == ProposalStatus::Voting && Self::now() <= proposal.voting_ends,
			Error::<T>::VotingClosed
		);
		let scope = proposal.scope;
		let power = Self::power_at(scope, &who, proposal.snapshot).min(amount);
		ensure!(power > 0, Error::<T>::NoVotingPower);
		ensure!(Self::lockable(scope, &who) >= amount, Error::<T>::InsufficientBalance);
		let record = VoteRecord { choice, power, locked: amount, by_delegate: false };
		Self::cast(&mut proposal, id, &who, record)?;
		Self::deposit_event(Event::Voted { id, who: who.clone(), choice, power });
		// Cast the same choice for delegators who have not voted themselves: each with
		// min(power at the snapshot, what it can lock now), locked like its own vote.
		let delegators = Delegators::<T>::get(scope, &who);
		let counted = delegators.len() as u32;
		for delegator in delegators {
			if Votes::<T>::get(id, &delegator).is_some_and(|v| !v.by_delegate) {
				continue;
			}
			let lock = Self::power_at(scope, &delegator, proposal.snapshot)
				.min(Self::lockable(scope, &delegator));
			if lock.is_zero() {
				continue;
			}
			let record = VoteRecord { choice, power: lock, locked: lock, by_delegate: true };
			if Self::cast(&mut proposal, id, &delegator, record).is_ok() {
				Self::deposit_event(Event::DelegatedVote {
					id,
					delegator,
					delegate: who.clone(),
					choice,
					power: lock,
				});
			}
		}
		Proposals::<T>::insert(id, proposal);
		Ok(counted)
	}

	/// Releases `who`'s lock for a proposal that is no longer voting.
	pub(crate) fn do_unlock(who: T::AccountId, id: ProposalId) -> DispatchResult {
		let proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(proposal.status != ProposalStatus::Voting, Error::<T>::VotingOpen);
		ensure!(Votes::<T>::take(id, &who).is_some(), Error::<T>::NoVote);
		let scope = proposal.scope;
		let mut active = LockedVotes::<T>::get(scope, &who);
		active.retain(|(p, _)| *p != id);
		Self::apply_lock(scope, &who, Self::largest_lock(&active))?;
		if active.is_empty() {
			LockedVotes::<T>::remove(scope, &who);
		} else {
			LockedVotes::<T>::insert(scope, &who, active);
		}
		Self::deposit_event(Event::Unlocked { id, who });
		Ok(())
	}

	/// Delegates `who`'s vote in `scope` to `to` (not transitive). Naming the current
	/// delegate again fails [`Error::AlreadyDelegating`]; naming another moves the delegation.
	pub(crate) fn do_delegate(
		who: T::AccountId,
		scope: DaoScope,
		to: T::AccountId,
	) -> DispatchResult {
		ensure!(who != to, Error::<T>::SelfDelegation);
		let old = Delegations::<T>::get(scope, &who);
		ensure!(old.as_ref() != Some(&to), Error::<T>::AlreadyDelegating);
		Delegators::<T>::try_mutate(scope, &to, |list| list.try_push(who.clone()))
			.map_err(|_| Error::<T>::TooManyDelegators)?;
		if let Some(old) = old {
			Delegators::<T>::mutate(scope, &old, |list| list.retain(|d| *d != who));
		}
		Delegations::<T>::insert(scope, &who, &to);
		Self::deposit_event(Event::Delegated { scope, who, to });
		Ok(())
	}

	/// Ends `who`'s delegation in `scope`. Votes already cast for it stay (and stay locked)
	/// until their proposals close.
	pub(crate) fn do_undelegate(who: T::AccountId, scope: DaoScope) -> DispatchResult {
		let to = Delegations::<T>::take(scope, &who).ok_or(Error::<T>::NotDelegating)?;
		Delegators::<T>::mutate(scope, &to, |list| list.retain(|d| *d != who));
		Self::deposit_event(Event::Undelegated { scope, who });
		Ok(())
	}

	/// Voting power of `who` in `scope` at the end of block `at`.
	pub fn power_at(scope: DaoScope, who: &T::AccountId, at: BlockNumber) -> Balance {
		match scope {
			DaoScope::Chain => Self::stake_at(who, at),
			DaoScope::Model(model) => T::Shares::balance_at(model, who, at),
		}
	}

	/// Power of `who` in `scope` for a proposal made now, and what they can lock now.
	pub fn voting_power(scope: DaoScope, who: &T::AccountId) -> (Balance, Balance) {
		(Self::power_at(scope, who, Self::now().saturating_sub(1)), Self::lockable(scope, who))
	}

	/// What `who` can lock for a vote now.
	fn lockable(scope: DaoScope, who: &T::AccountId) -> Balance {
		match scope {
			DaoScope::Chain => Stakes::<T>::get(who).amount,
			DaoScope::Model(model) => T::Shares::balance(model, who),
		}
	}

	/// Records `record` as `who`'s vote on `proposal` (replacing an earlier one), updates
	/// the tally in memory and applies the lock. Fails before changing anything.
	fn cast(
		proposal: &mut ProposalOf<T>,
		id: ProposalId,
		who: &T::AccountId,
		record: VoteRecord,
	) -> DispatchResult {
		let scope = proposal.scope;
		let mut active = LockedVotes::<T>::get(scope, who);
		if let Some(entry) = active.iter_mut().find(|(p, _)| *p == id) {
			entry.1 = record.locked;
		} else {
			active.try_push((id, record.locked)).map_err(|_| Error::<T>::TooManyVotes)?;
		}
		Self::apply_lock(scope, who, Self::largest_lock(&active))?;
		if let Some(old) = Votes::<T>::get(id, who) {
			Self::tally_remove(&mut proposal.tally, old);
		} else {
			proposal.voters = proposal.voters.saturating_add(1);
		}
		Self::tally_add(&mut proposal.tally, record);
		LockedVotes::<T>::insert(scope, who, active);
		Votes::<T>::insert(id, who, record);
		Ok(())
	}

	/// The largest of an account's open vote locks in a scope.
	pub(crate) fn largest_lock(active: &[(ProposalId, Balance)]) -> Balance {
		active.iter().map(|(_, a)| *a).max().unwrap_or(0)
	}

	/// Model shares carry the vote lock themselves; native votes are covered by the stake
	/// freeze, which `unstake` keeps above the largest active vote.
	fn apply_lock(scope: DaoScope, who: &T::AccountId, amount: Balance) -> DispatchResult {
		if let DaoScope::Model(model) = scope {
			if amount.is_zero() {
				T::Shares::remove_lock(model, who, SHARE_VOTE_LOCK);
			} else {
				T::Shares::set_lock(model, who, SHARE_VOTE_LOCK, amount)?;
			}
		}
		Ok(())
	}

	fn tally_slot(tally: &mut Tally, choice: VoteChoice) -> &mut Balance {
		match choice {
			VoteChoice::Aye => &mut tally.aye,
			VoteChoice::Nay => &mut tally.nay,
			VoteChoice::Abstain => &mut tally.abstain,
		}
	}

	pub(crate) fn tally_add(tally: &mut Tally, vote: VoteRecord) {
		let slot = Self::tally_slot(tally, vote.choice);
		*slot = slot.saturating_add(vote.power);
	}

	fn tally_remove(tally: &mut Tally, vote: VoteRecord) {
		let slot = Self::tally_slot(tally, vote.choice);
		*slot = slot.saturating_sub(vote.power);
	}
}
