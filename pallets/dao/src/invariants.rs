//! The pallet's invariants, checked by `try_state` and after every unit test.

use super::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_queue()?;
		Self::check_votes()?;
		Self::check_stakes()?;
		Self::check_holds()?;
		Self::check_delegations()?;
		ensure!(
			EnactingTrack::<T>::get().is_none(),
			TryRuntimeError::Other("an enacting track was left behind")
		);
		Ok(())
	}

	/// Every approved proposal waits in the bucket of a block still to come, or in its
	/// lane's backlog; every backlog entry lies between its lane's ends.
	fn check_queue() -> Result<(), TryRuntimeError> {
		let now = Self::now();
		let mut backlogged = BTreeSet::new();
		for lane in Lane::CHAIN.into_iter().chain(Lane::MODELS) {
			let (head, tail) = BacklogEnds::<T>::get(lane);
			ensure!(head <= tail, TryRuntimeError::Other("a backlog's head passed its tail"));
			for (index, entry) in Backlog::<T>::iter_prefix(lane) {
				ensure!(
					head <= index && index < tail,
					TryRuntimeError::Other("a backlog entry lies outside its ends")
				);
				backlogged.insert(entry.id);
			}
		}
		for (id, proposal) in Proposals::<T>::iter() {
			if let ProposalStatus::Approved { enact_at } = proposal.status {
				let bucketed = enact_at >= now && Enactments::<T>::get(enact_at).contains(&id);
				ensure!(
					bucketed || backlogged.contains(&id),
					TryRuntimeError::Other("an approved proposal is in no queue")
				);
			}
		}
		Ok(())
	}

	/// The tally of every open proposal equals the sum of its votes, and each vote is among
	/// its voter's locks; a Chain voter's stake covers its largest lock.
	fn check_votes() -> Result<(), TryRuntimeError> {
		for (id, proposal) in Proposals::<T>::iter() {
			if proposal.status != ProposalStatus::Voting {
				continue;
			}
			let mut tally = Tally::default();
			let mut voters = 0u32;
			for (who, vote) in Votes::<T>::iter_prefix(id) {
				Self::tally_add(&mut tally, vote);
				voters = voters.saturating_add(1);
				let active = LockedVotes::<T>::get(proposal.scope, &who);
				ensure!(
					active.iter().any(|(p, a)| *p == id && *a == vote.locked),
					TryRuntimeError::Other("a vote is missing from its voter's locks")
				);
			}
			ensure!(
				tally == proposal.tally && voters == proposal.voters,
				TryRuntimeError::Other("a tally differs from the sum of its votes")
			);
		}
		for (who, active) in LockedVotes::<T>::iter_prefix(DaoScope::Chain) {
			ensure!(
				Stakes::<T>::get(&who).amount >= Self::largest_lock(&active),
				TryRuntimeError::Other("a stake is below its vote locks")
			);
		}
		Ok(())
	}

	/// Each stake is frozen exactly, the stakes add up to `TotalStake`, and its checkpoint
	/// is not from a block to come.
	fn check_stakes() -> Result<(), TryRuntimeError> {
		let stake_reason = FreezeReason::Stake.into();
		let mut total: Balance = 0;
		for (who, stake) in Stakes::<T>::iter() {
			ensure!(
				<T::Currency as fungible::InspectFreeze<_>>::balance_frozen(&stake_reason, &who)
					== stake.amount,
				TryRuntimeError::Other("a stake differs from its freeze")
			);
			total = total.saturating_add(stake.amount);
		}
		ensure!(
			total == TotalStake::<T>::get(),
			TryRuntimeError::Other("stakes differ from TotalStake")
		);
		ensure!(
			TotalStakeBefore::<T>::get().is_none_or(|c| c.changed_at <= Self::now()),
			TryRuntimeError::Other("the total stake's checkpoint lies in the future")
		);
		Ok(())
	}

	/// Each proposer's deposit hold equals the deposits of its voting or queued proposals;
	/// each delegator's delegation hold equals its delegations' deposits.
	fn check_holds() -> Result<(), TryRuntimeError> {
		let mut deposits = BTreeMap::<T::AccountId, Balance>::new();
		for (_, proposal) in Proposals::<T>::iter() {
			if Self::holds_deposit(proposal.status) {
				let sum = deposits.entry(proposal.proposer).or_default();
				*sum = sum.saturating_add(proposal.deposit);
			}
		}
		let reason = HoldReason::ProposalDeposit.into();
		for (who, sum) in deposits {
			ensure!(
				<T::Currency as fungible::InspectHold<_>>::balance_on_hold(&reason, &who) == sum,
				TryRuntimeError::Other("a proposer's hold differs from its deposits")
			);
		}
		let mut delegated = BTreeMap::<T::AccountId, Balance>::new();
		for (_, who, delegation) in Delegations::<T>::iter() {
			let sum = delegated.entry(who).or_default();
			*sum = sum.saturating_add(delegation.deposit);
		}
		let reason = HoldReason::DelegationDeposit.into();
		for (who, sum) in delegated {
			ensure!(
				<T::Currency as fungible::InspectHold<_>>::balance_on_hold(&reason, &who) == sum,
				TryRuntimeError::Other("a delegator's hold differs from its deposits")
			);
		}
		Ok(())
	}

	/// Each delegation appears once in its delegate's list, and each list entry delegates
	/// to that delegate.
	fn check_delegations() -> Result<(), TryRuntimeError> {
		for (scope, who, delegation) in Delegations::<T>::iter() {
			let listed = Delegators::<T>::get(scope, &delegation.to);
			ensure!(
				listed.iter().filter(|d| **d == who).count() == 1,
				TryRuntimeError::Other("a delegation is not listed once by its delegate")
			);
		}
		for (scope, to, list) in Delegators::<T>::iter() {
			for who in list {
				ensure!(
					Delegations::<T>::get(scope, &who).map(|d| d.to).as_ref() == Some(&to),
					TryRuntimeError::Other(
						"a delegate lists an account that does not delegate to it"
					)
				);
			}
		}
		Ok(())
	}
}
