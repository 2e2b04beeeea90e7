//! Read-only views for the runtime API (`DaoApi`).

use super::*;

impl<T: Config> Pallet<T> {
	/// A proposal with its tally, its call (bytes, pallet and method) and its locks, for
	/// the runtime API.
	pub fn proposal_summary(
		id: ProposalId,
	) -> Option<modelchain_primitives::dao::ProposalSummary<T::AccountId>> {
		let p = Proposals::<T>::get(id)?;
		let call = Self::call_bytes(&p).unwrap_or_default();
		let (call_pallet, call_method) = match Self::decode_call(&call) {
			Ok(decoded) => {
				let meta = decoded.get_call_metadata();
				(meta.pallet_name.as_bytes().to_vec(), meta.function_name.as_bytes().to_vec())
			}
			Err(_) => Default::default(),
		};
		Some(modelchain_primitives::dao::ProposalSummary {
			id,
			scope: p.scope,
			proposer: p.proposer.clone(),
			metadata_hash: p.metadata_hash,
			snapshot: p.snapshot,
			voting_ends: p.voting_ends,
			electorate: p.electorate,
			quorum_needed: Self::quorum_needed(&p),
			tally: p.tally,
			voters: p.voters,
			passing: Self::passes(&p),
			status: p.status,
			track: p.track,
			locks_until: p.locks_until,
			call_hash: p.call_hash,
			call,
			call_pallet,
			call_method,
		})
	}
}
