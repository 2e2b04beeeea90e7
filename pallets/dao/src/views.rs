//! Read-only views for the runtime API (`DaoApi`).

use super::*;

impl<T: Config> Pallet<T> {
	/// A proposal with its tally, for the runtime API.
	pub fn proposal_summary(
		id: ProposalId,
	) -> Option<modelchain_primitives::dao::ProposalSummary<T::AccountId>> {
		let p = Proposals::<T>::get(id)?;
		Some(modelchain_primitives::dao::ProposalSummary {
			id,
			scope: p.scope,
			proposer: p.proposer.clone(),
			metadata_hash: p.metadata_hash,
			snapshot: p.snapshot,
			voting_ends: p.voting_ends,
			electorate: p.electorate,
			quorum_needed: p.quorum.mul_ceil(p.electorate),
			tally: p.tally,
			voters: p.voters,
			passing: Self::passes(&p),
			status: p.status,
		})
	}
}
