//! Proposals: making one (threshold, deposit, snapshot), closing it after the vote,
//! cancelling and vetoing, and the deposit's way back or to the treasury.

use super::*;

impl<T: Config> Pallet<T> {
	/// Records a proposal of `call` to the DAO of `scope`, holding the deposit from `who`.
	pub(crate) fn do_propose(
		who: T::AccountId,
		scope: DaoScope,
		call: Box<<T as Config>::RuntimeCall>,
		metadata_hash: Hash,
	) -> DispatchResult {
		let encoded: BoundedVec<u8, T::MaxCallLen> =
			call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
		ensure!(
			call.get_dispatch_info().total_weight().all_lte(T::MaxCallWeight::get()),
			Error::<T>::CallTooHeavy
		);
		if let DaoScope::Model(model) = scope {
			ensure!(T::Shares::model_exists(model), Error::<T>::UnknownModel);
		}
		let rules = Self::rules(scope);
		let now = Self::now();
		let snapshot = now.saturating_sub(1);
		ensure!(
			Self::power_at(scope, &who, snapshot) >= rules.proposal_threshold,
			Error::<T>::BelowProposalThreshold
		);
		let deposit = T::ProposalDeposit::get();
		T::Currency::hold(&HoldReason::ProposalDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let electorate = match scope {
			DaoScope::Chain => <T::Currency as FunInspect<_>>::total_issuance(),
			DaoScope::Model(model) => T::Shares::total_supply_at(model, snapshot),
		};
		let voting_ends = now.saturating_add(rules.voting_period);
		let id = NextProposalId::<T>::get();
		NextProposalId::<T>::put(id.saturating_add(1));
		Proposals::<T>::insert(
			id,
			Proposal {
				scope,
				proposer: who.clone(),
				call: encoded,
				metadata_hash,
				deposit,
				snapshot,
				electorate,
				voting_ends,
				enactment_delay: rules.enactment_delay,
				quorum: rules.quorum,
				approval: rules.approval,
				tally: Tally::default(),
				voters: 0,
				status: ProposalStatus::Voting,
			},
		);
		Self::deposit_event(Event::Proposed {
			id,
			scope,
			proposer: who,
			snapshot,
			voting_ends,
			electorate,
		});
		Ok(())
	}

	/// Ends voting on a proposal whose period is over: queues it or rejects it.
	pub(crate) fn do_close(id: ProposalId) -> DispatchResult {
		let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(proposal.status == ProposalStatus::Voting, Error::<T>::VotingClosed);
		let now = Self::now();
		ensure!(now > proposal.voting_ends, Error::<T>::VotingOpen);
		let tally = proposal.tally;
		if Self::passes(&proposal) {
			let earliest = proposal
				.voting_ends
				.saturating_add(proposal.enactment_delay)
				.max(now.saturating_add(1));
			let enact_at = Self::queue_enactment(earliest, id)?;
			proposal.status = ProposalStatus::Approved { enact_at };
			Self::deposit_event(Event::Approved { id, tally, enact_at });
		} else {
			Self::release_deposit(&proposal);
			proposal.status = ProposalStatus::Rejected;
			Self::deposit_event(Event::Rejected { id, tally });
		}
		Proposals::<T>::insert(id, proposal);
		Ok(())
	}

	/// The proposer withdraws a proposal nobody voted on yet; the deposit is returned.
	pub(crate) fn do_cancel(who: T::AccountId, id: ProposalId) -> DispatchResult {
		let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(
			proposal.proposer == who
				&& proposal.status == ProposalStatus::Voting
				&& proposal.voters == 0,
			Error::<T>::CannotCancel
		);
		Self::release_deposit(&proposal);
		proposal.status = ProposalStatus::Cancelled;
		Proposals::<T>::insert(id, proposal);
		Self::deposit_event(Event::Cancelled { id });
		Ok(())
	}

	/// Stops a voting or queued proposal; its deposit goes to the treasury.
	pub(crate) fn do_veto(id: ProposalId, reason_hash: Hash) -> DispatchResult {
		let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		match proposal.status {
			ProposalStatus::Voting => {}
			ProposalStatus::Approved { enact_at } => {
				Enactments::<T>::mutate(enact_at, |queue| queue.retain(|p| *p != id))
			}
			_ => return Err(Error::<T>::CannotVeto.into()),
		}
		let slashed = Self::slash_deposit(&proposal);
		proposal.status = ProposalStatus::Vetoed;
		Proposals::<T>::insert(id, proposal);
		Self::deposit_event(Event::Vetoed { id, reason_hash, slashed });
		Ok(())
	}

	/// Whether a proposal in `status` still has its deposit held (voting or queued).
	pub fn holds_deposit(status: ProposalStatus) -> bool {
		matches!(status, ProposalStatus::Voting | ProposalStatus::Approved { .. })
	}

	/// Releases a proposal's deposit to its proposer. Best effort, like the `unreserve` it
	/// replaces: it releases what is still held, and never blocks the status change (it could
	/// fail only if the deposit were below the existential deposit of an emptied account).
	pub(crate) fn release_deposit(proposal: &ProposalOf<T>) {
		let _ = T::Currency::release(
			&HoldReason::ProposalDeposit.into(),
			&proposal.proposer,
			proposal.deposit,
			Precision::BestEffort,
		);
	}

	/// Moves a proposal's held deposit to the treasury and returns the amount taken from the
	/// proposer. The treasury account is created if it does not exist; if it cannot be (the
	/// deposit is below the existential deposit), the deposit is burned instead, as the
	/// dropped imbalance of the old `resolve_creating` was. Forced, like `slash_reserved`:
	/// the proposer's freezes do not protect its held deposit.
	fn slash_deposit(proposal: &ProposalOf<T>) -> Balance {
		let reason = HoldReason::ProposalDeposit.into();
		T::Currency::transfer_on_hold(
			&reason,
			&proposal.proposer,
			&Self::treasury_account(),
			proposal.deposit,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)
		.or_else(|_| {
			T::Currency::burn_held(
				&reason,
				&proposal.proposer,
				proposal.deposit,
				Precision::BestEffort,
				Fortitude::Force,
			)
		})
		.unwrap_or(0)
	}

	/// Quorum: aye + abstain ≥ quorum × electorate (rounded up). Approval: aye > approval ×
	/// (aye + nay), and at least one aye.
	pub fn passes(proposal: &ProposalOf<T>) -> bool {
		let t = proposal.tally;
		let turnout = t.aye.saturating_add(t.abstain);
		let quorum_met = turnout >= proposal.quorum.mul_ceil(proposal.electorate);
		let decided = t.aye.saturating_add(t.nay);
		let approved = t.aye > 0 && t.aye > proposal.approval.mul_floor(decided);
		quorum_met && approved
	}
}
