//! The pallet's invariants, checked by `try_state` and after every unit test.

use super::*;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use sp_runtime::TryRuntimeError;
		let now = Self::now();
		for (id, proposal) in Proposals::<T>::iter() {
			if let ProposalStatus::Approved { enact_at } = proposal.status {
				if enact_at < now {
					return Err(TryRuntimeError::Other("an approved proposal missed its block"));
				}
			}
			if proposal.status != ProposalStatus::Voting {
				continue;
			}
			let mut tally = Tally::default();
			let mut voters = 0u32;
			for (who, vote) in Votes::<T>::iter_prefix(id) {
				Self::tally_add(&mut tally, vote);
				voters = voters.saturating_add(1);
				let active = LockedVotes::<T>::get(proposal.scope, &who);
				if !active.iter().any(|(p, a)| *p == id && *a == vote.locked) {
					return Err(TryRuntimeError::Other("a vote is missing from its voter's locks"));
				}
				if proposal.scope == DaoScope::Chain
					&& Stakes::<T>::get(&who).amount < Self::largest_lock(&active)
				{
					return Err(TryRuntimeError::Other("a stake is below its vote locks"));
				}
			}
			if tally != proposal.tally || voters != proposal.voters {
				return Err(TryRuntimeError::Other("a tally differs from the sum of its votes"));
			}
		}
		let stake_reason = FreezeReason::Stake.into();
		for (who, stake) in Stakes::<T>::iter() {
			if <T::Currency as fungible::InspectFreeze<_>>::balance_frozen(&stake_reason, &who)
				!= stake.amount
			{
				return Err(TryRuntimeError::Other("a stake differs from its freeze"));
			}
		}
		let mut deposits = alloc::collections::btree_map::BTreeMap::<T::AccountId, Balance>::new();
		for (_, proposal) in Proposals::<T>::iter() {
			if Self::holds_deposit(proposal.status) {
				let sum = deposits.entry(proposal.proposer).or_default();
				*sum = sum.saturating_add(proposal.deposit);
			}
		}
		let deposit_reason = HoldReason::ProposalDeposit.into();
		for (who, sum) in deposits {
			if <T::Currency as fungible::InspectHold<_>>::balance_on_hold(&deposit_reason, &who)
				!= sum
			{
				return Err(TryRuntimeError::Other("a proposer's hold differs from its deposits"));
			}
		}
		Ok(())
	}
}
