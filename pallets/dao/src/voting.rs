//! Voting: tallies, vote locks, delegation, and the voting power a scope counts.

use super::*;

impl<T: Config> Pallet<T> {
	/// Votes (or changes a vote) for `who` with `amount` of its snapshot power, locking
	/// that much, then casts the same choice for each delegator who has not voted itself.
	/// With `amount = 0` only the delegators' votes are cast (a delegate with no power of
	/// its own). Returns the scope and how many delegators were looked at.
	pub(crate) fn do_vote(
		who: T::AccountId,
		id: ProposalId,
		choice: VoteChoice,
		amount: Balance,
	) -> Result<(DaoScope, u32), DispatchError> {
		let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		let now = Self::now();
		ensure!(
			proposal.status == ProposalStatus::Voting && now <= proposal.voting_ends,
			Error::<T>::VotingClosed
		);
		let scope = proposal.scope;
		if amount > 0 {
			let (power, lockable) = Self::power_and_lockable(scope, &who, proposal.snapshot);
			ensure!(power > 0, Error::<T>::NoVotingPower);
			ensure!(amount <= power, Error::<T>::ExceedsVotingPower);
			ensure!(lockable >= amount, Error::<T>::InsufficientBalance);
			let record = VoteRecord { choice, power: amount, locked: amount, by_delegate: false };
			Self::cast(&mut proposal, id, &who, record)?;
			Self::deposit_event(Event::Voted { id, who: who.clone(), choice, power: amount });
		}
		// Cast the same choice for delegators who have not voted themselves: each with
		// min(power at the snapshot, what it can lock now), locked like its own vote.
		let delegators = Delegators::<T>::get(scope, &who);
		let counted = delegators.len() as u32;
		let mut cast_any = amount > 0;
		for delegator in delegators {
			if Votes::<T>::get(id, &delegator).is_some_and(|v| !v.by_delegate) {
				continue;
			}
			let (power, lockable) = Self::power_and_lockable(scope, &delegator, proposal.snapshot);
			let lock = power.min(lockable);
			if lock.is_zero() {
				continue;
			}
			let record = VoteRecord { choice, power: lock, locked: lock, by_delegate: true };
			if Self::cast(&mut proposal, id, &delegator, record).is_ok() {
				cast_any = true;
				Self::deposit_event(Event::DelegatedVote {
					id,
					delegator,
					delegate: who.clone(),
					choice,
					power: lock,
				});
			}
		}
		ensure!(cast_any, Error::<T>::NoVotingPower);
		Self::extend_if_late_quorum(&mut proposal, id, now);
		Proposals::<T>::insert(id, proposal);
		Ok((scope, counted))
	}

	/// `GovernorPreventLateQuorum`: whenever the turnout goes from below the quorum to the
	/// quorum with fewer than the track's extension left, voting runs for the extension
	/// from now, so that a quorum sprung in the last blocks can still be answered (also
	/// after an early quorum was withdrawn by changed votes). Bounded: voting never ends
	/// later than its original end plus one extension.
	fn extend_if_late_quorum(proposal: &mut ProposalOf<T>, id: ProposalId, now: BlockNumber) {
		let met = Self::quorum_met(proposal);
		let was_met = core::mem::replace(&mut proposal.quorum_reached, met);
		if was_met || !met {
			return;
		}
		let extension = proposal.rules.late_quorum_extension;
		let latest = proposal
			.snapshot
			.saturating_add(1)
			.saturating_add(proposal.rules.voting_period)
			.saturating_add(extension);
		let extended = now.saturating_add(extension).min(latest);
		if extended > proposal.voting_ends {
			proposal.voting_ends = extended;
			Self::deposit_event(Event::VotingExtended { id, voting_ends: extended });
		}
	}

	/// Releases `who`'s lock for a decided proposal: the losing side's at once, the winning
	/// side's from the proposal's `locks_until` (set at enactment for a passed proposal,
	/// so a passed proposal's voters stay locked while it waits in the queue).
	pub(crate) fn do_unlock(who: T::AccountId, id: ProposalId) -> DispatchResult {
		let proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(proposal.status != ProposalStatus::Voting, Error::<T>::VotingOpen);
		let vote = Votes::<T>::get(id, &who).ok_or(Error::<T>::NoVote)?;
		if let Some(until) = Self::lock_end(&proposal, vote.choice) {
			ensure!(Self::now() >= until, Error::<T>::LockPeriodNotOver);
		}
		Votes::<T>::remove(id, &who);
		let scope = proposal.scope;
		let mut active = LockedVotes::<T>::get(scope, &who);
		active.retain(|(p, _)| *p != id);
		if active.is_empty() {
			LockedVotes::<T>::remove(scope, &who);
		} else {
			LockedVotes::<T>::insert(scope, &who, active);
		}
		Self::deposit_event(Event::Unlocked { id, who });
		Ok(())
	}

	/// Until when a vote of `choice` on a decided proposal stays locked (`None`: free now).
	/// The winning side (aye and abstain, which made the quorum, of a passed proposal; nay
	/// of a rejected one) stays locked until `locks_until`; while a passed proposal waits
	/// for enactment that is not yet known, and the lock holds.
	pub fn lock_end(proposal: &ProposalOf<T>, choice: VoteChoice) -> Option<BlockNumber> {
		let aye_side = matches!(choice, VoteChoice::Aye | VoteChoice::Abstain);
		match proposal.status {
			ProposalStatus::Approved { .. } if aye_side => Some(BlockNumber::MAX),
			ProposalStatus::Enacted { .. } if aye_side => proposal.locks_until,
			ProposalStatus::Rejected if !aye_side => proposal.locks_until,
			_ => None,
		}
	}

	/// Delegates `who`'s vote in `scope` to `to` (not transitive). `who` must hold power
	/// in the scope now, and a deposit is held for the delegation; naming the current
	/// delegate again fails [`Error::AlreadyDelegating`]; naming another moves the
	/// delegation (and its deposit).
	pub(crate) fn do_delegate(
		who: T::AccountId,
		scope: DaoScope,
		to: T::AccountId,
	) -> DispatchResult {
		ensure!(who != to, Error::<T>::SelfDelegation);
		let old = Delegations::<T>::get(scope, &who);
		ensure!(old.as_ref().map(|d| &d.to) != Some(&to), Error::<T>::AlreadyDelegating);
		ensure!(!Self::lockable(scope, &who).is_zero(), Error::<T>::NoVotingPower);
		Delegators::<T>::try_mutate(scope, &to, |list| list.try_push(who.clone()))
			.map_err(|_| Error::<T>::TooManyDelegators)?;
		let deposit = match old {
			Some(old) => {
				Delegators::<T>::mutate(scope, &old.to, |list| list.retain(|d| *d != who));
				old.deposit
			}
			None => {
				let deposit = T::DelegationDeposit::get();
				T::Currency::hold(&HoldReason::DelegationDeposit.into(), &who, deposit)
					.map_err(|_| Error::<T>::InsufficientDeposit)?;
				deposit
			}
		};
		Delegations::<T>::insert(scope, &who, Delegation { to: to.clone(), deposit });
		Self::deposit_event(Event::Delegated { scope, who, to, deposit });
		Ok(())
	}

	/// Ends `who`'s delegation in `scope` and releases its deposit. Votes already cast for
	/// it stay (and stay locked) like its own.
	pub(crate) fn do_undelegate(who: T::AccountId, scope: DaoScope) -> DispatchResult {
		let delegation = Delegations::<T>::take(scope, &who).ok_or(Error::<T>::NotDelegating)?;
		Delegators::<T>::mutate(scope, &delegation.to, |list| list.retain(|d| *d != who));
		let _ = T::Currency::release(
			&HoldReason::DelegationDeposit.into(),
			&who,
			delegation.deposit,
			Precision::BestEffort,
		);
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

	/// `(power at the end of block at, what can be locked now)`, each storage item read once.
	fn power_and_lockable(
		scope: DaoScope,
		who: &T::AccountId,
		at: BlockNumber,
	) -> (Balance, Balance) {
		match scope {
			DaoScope::Chain => {
				let stake = Stakes::<T>::get(who);
				(Self::stake_of_at(who, &stake, at), stake.amount)
			}
			DaoScope::Model(model) => {
				let (now, then) = T::Shares::balance_now_and_at(model, who, at);
				(then, now.saturating_sub(T::Shares::pledged(model, who)))
			}
		}
	}

	/// What `who` can lock for a vote now: the stake, or the shares not pledged (a pledge
	/// can be seized by a liquidation, so a vote lock never covers it).
	pub(crate) fn lockable(scope: DaoScope, who: &T::AccountId) -> Balance {
		match scope {
			DaoScope::Chain => Stakes::<T>::get(who).amount,
			DaoScope::Model(model) => {
				T::Shares::balance(model, who).saturating_sub(T::Shares::pledged(model, who))
			}
		}
	}

	/// Records `record` as `who`'s vote on `proposal` (replacing an earlier one) and its
	/// lock, and updates the tally in memory. Fails before changing anything. The lock is
	/// the vote's entry in `LockedVotes`: the stake freeze (`unstake`) and the models
	/// pallet's transfers (through [`ShareLockSource`]) both hold the largest one.
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

/// The models pallet asks here how many of an account's shares its open votes lock.
impl<T: Config> ShareLockSource<T::AccountId> for Pallet<T> {
	fn locked(model: ModelId, who: &T::AccountId) -> Balance {
		Self::largest_lock(&LockedVotes::<T>::get(DaoScope::Model(model), who))
	}
}
