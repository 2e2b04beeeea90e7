//! Proposals: making one (track, threshold, deposit, snapshot), closing it after the vote
//! (queued, or rejected with the deposit returned or, without quorum, slashed), cancelling
//! and vetoing, and the deposit's way back or to the treasury.

use super::*;
use codec::DecodeLimit;
use sp_runtime::traits::Hash as HashT;

/// Nesting depth allowed when decoding a proposal's call (as for extrinsics).
pub(crate) const CALL_DECODE_DEPTH: u32 = frame_support::MAX_EXTRINSIC_DEPTH;

impl<T: Config> Pallet<T> {
	/// Records a proposal of `call` to the DAO of `scope`, inline.
	pub(crate) fn do_propose(
		who: T::AccountId,
		scope: DaoScope,
		call: Box<<T as Config>::RuntimeCall>,
		metadata_hash: Hash,
	) -> DispatchResult {
		let encoded: BoundedVec<u8, T::MaxCallLen> =
			call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
		let call_hash = <BlakeTwo256 as HashT>::hash(&encoded);
		Self::create(who, scope, &call, ProposalCall::Inline(encoded), call_hash, metadata_hash)
	}

	/// Records a proposal of the call noted as a preimage under `call_hash`, and requests
	/// the preimage so that it stays until the proposal ends.
	pub(crate) fn do_propose_preimage(
		who: T::AccountId,
		scope: DaoScope,
		call_hash: Hash,
		len: u32,
		metadata_hash: Hash,
	) -> DispatchResult {
		let call = Self::fetch_call(&call_hash, len).map_err(|e| match e {
			Unenactable::Undecodable => Error::<T>::CallUndecodable,
			_ => Error::<T>::PreimageMissing,
		})?;
		Self::create(who, scope, &call, ProposalCall::Preimage { len }, call_hash, metadata_hash)?;
		T::Preimages::request(&call_hash);
		Ok(())
	}

	/// The rules every proposal passes: the track of its call and the scope's rules for
	/// it, the track's weight limit, the threshold, the deposit.
	fn create(
		who: T::AccountId,
		scope: DaoScope,
		call: &<T as Config>::RuntimeCall,
		stored: ProposalCall<T::MaxCallLen>,
		call_hash: Hash,
		metadata_hash: Hash,
	) -> DispatchResult {
		if let DaoScope::Model(model) = scope {
			ensure!(T::Shares::model_exists(model), Error::<T>::UnknownModel);
		}
		let track = T::Tracks::track(call);
		let rules = Self::rules(scope, track).ok_or(Error::<T>::NoRules)?;
		ensure!(
			call.get_dispatch_info().total_weight().all_lte(Self::max_call_weight(track)),
			Error::<T>::CallTooHeavy
		);
		let now = Self::now();
		let snapshot = now.saturating_sub(1);
		let (electorate, threshold_base) = match scope {
			DaoScope::Chain => {
				(<T::Currency as FunInspect<_>>::total_issuance(), Self::total_stake_at_snapshot())
			}
			DaoScope::Model(model) => {
				let supply = T::Shares::total_supply_at(model, snapshot);
				(supply, supply)
			}
		};
		let threshold = rules.proposal_threshold.mul_ceil(threshold_base).max(1);
		ensure!(
			Self::power_at(scope, &who, snapshot) >= threshold,
			Error::<T>::BelowProposalThreshold
		);
		T::Currency::hold(&HoldReason::ProposalDeposit.into(), &who, rules.deposit)
			.map_err(|_| Error::<T>::InsufficientDeposit)?;
		let voting_ends = now.saturating_add(rules.voting_period);
		let id = NextProposalId::<T>::get();
		NextProposalId::<T>::put(id.saturating_add(1));
		Proposals::<T>::insert(
			id,
			Proposal {
				scope,
				track,
				proposer: who.clone(),
				call: stored,
				call_hash,
				metadata_hash,
				deposit: rules.deposit,
				snapshot,
				electorate,
				voting_ends,
				rules,
				quorum_reached: false,
				locks_until: None,
				tally: Tally::default(),
				voters: 0,
				status: ProposalStatus::Voting,
			},
		);
		Self::deposit_event(Event::Proposed {
			id,
			scope,
			track,
			proposer: who,
			call_hash,
			deposit: rules.deposit,
			snapshot,
			voting_ends,
			electorate,
		});
		Ok(())
	}

	/// The encoded call of a proposal: inline, or fetched from its preimage.
	pub fn call_bytes(proposal: &ProposalOf<T>) -> Result<alloc::vec::Vec<u8>, Unenactable> {
		match &proposal.call {
			ProposalCall::Inline(bytes) => Ok(bytes.to_vec()),
			ProposalCall::Preimage { len } => T::Preimages::fetch(&proposal.call_hash, Some(*len))
				.map(|bytes| bytes.into_owned())
				.map_err(|_| Unenactable::PreimageMissing),
		}
	}

	/// Decodes a call that must be exactly one call of this runtime (`decode_all`, with
	/// the extrinsic nesting limit).
	pub fn decode_call(bytes: &[u8]) -> Result<<T as Config>::RuntimeCall, Unenactable> {
		<T as Config>::RuntimeCall::decode_all_with_depth_limit(CALL_DECODE_DEPTH, &mut &bytes[..])
			.map_err(|_| Unenactable::Undecodable)
	}

	/// The preimage `hash` of `len` bytes, decoded.
	fn fetch_call(hash: &Hash, len: u32) -> Result<<T as Config>::RuntimeCall, Unenactable> {
		let bytes =
			T::Preimages::fetch(hash, Some(len)).map_err(|_| Unenactable::PreimageMissing)?;
		Self::decode_call(&bytes)
	}

	/// Ends voting on a proposal whose period is over. A passed one is queued (this never
	/// fails: a full block sends it to its lane's backlog). A failed one is decided at
	/// once: the deposit is returned if the turnout reached quorum and goes to the
	/// treasury if not, and the nay side is locked for the lock period from the end of
	/// voting.
	pub(crate) fn do_close(id: ProposalId) -> DispatchResult {
		let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
		ensure!(proposal.status == ProposalStatus::Voting, Error::<T>::VotingClosed);
		let now = Self::now();
		ensure!(now > proposal.voting_ends, Error::<T>::VotingOpen);
		let tally = proposal.tally;
		if Self::passes(&proposal) {
			let enact_at = proposal
				.voting_ends
				.saturating_add(proposal.rules.enactment_delay)
				.max(now.saturating_add(1));
			Self::queue_enactment(enact_at, id, Lane::of(proposal.scope, proposal.track));
			proposal.status = ProposalStatus::Approved { enact_at };
			Self::deposit_event(Event::Approved { id, tally, enact_at });
		} else {
			let slashed = if Self::quorum_met(&proposal) {
				Self::release_deposit(&proposal);
				0
			} else {
				Self::slash_deposit(&proposal)
			};
			Self::end_preimage(&proposal);
			proposal.locks_until =
				Some(proposal.voting_ends.saturating_add(proposal.rules.lock_period));
			proposal.status = ProposalStatus::Rejected;
			Self::deposit_event(Event::Rejected { id, tally, slashed });
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
		Self::end_preimage(&proposal);
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
			// A backlogged one is skipped when its turn comes: its status is no longer
			// `Approved`.
			ProposalStatus::Approved { enact_at } => {
				Enactments::<T>::mutate(enact_at, |queue| queue.retain(|p| *p != id))
			}
			_ => return Err(Error::<T>::CannotVeto.into()),
		}
		let slashed = Self::slash_deposit(&proposal);
		Self::end_preimage(&proposal);
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
	pub(crate) fn slash_deposit(proposal: &ProposalOf<T>) -> Balance {
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

	/// Releases the pallet's request for a proposal's preimage (if it has one).
	pub(crate) fn end_preimage(proposal: &ProposalOf<T>) {
		if let ProposalCall::Preimage { .. } = proposal.call {
			T::Preimages::unrequest(&proposal.call_hash);
		}
	}

	/// Quorum: aye + abstain ≥ quorum × electorate (rounded up), and at least 1.
	pub fn quorum_met(proposal: &ProposalOf<T>) -> bool {
		let turnout = proposal.tally.aye.saturating_add(proposal.tally.abstain);
		turnout > 0 && turnout >= Self::quorum_needed(proposal)
	}

	/// The turnout quorum needs.
	pub fn quorum_needed(proposal: &ProposalOf<T>) -> Balance {
		proposal.rules.quorum.mul_ceil(proposal.electorate)
	}

	/// Quorum, and approval: aye > approval × (aye + nay), and at least one aye.
	pub fn passes(proposal: &ProposalOf<T>) -> bool {
		let t = proposal.tally;
		let decided = t.aye.saturating_add(t.nay);
		let approved = t.aye > 0 && t.aye > proposal.rules.approval.mul_floor(decided);
		Self::quorum_met(proposal) && approved
	}
}
