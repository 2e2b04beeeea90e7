//! Enactment: the per-block queue of approved proposals and their dispatch with the DAO's
//! origin in `on_initialize`.

use super::*;

impl<T: Config> Pallet<T> {
	/// Enacts everything queued for block `now`; returns the weight used.
	pub(crate) fn enact_queued(now: BlockNumber) -> Weight {
		let queued = Enactments::<T>::take(now);
		let mut weight = T::DbWeight::get().reads_writes(1, 1);
		for id in queued {
			weight = weight.saturating_add(Self::enact(id));
		}
		weight
	}

	/// Queues `id` at the first block from `earliest` with room; returns that block.
	pub(crate) fn queue_enactment(
		earliest: BlockNumber,
		id: ProposalId,
	) -> Result<BlockNumber, DispatchError> {
		for offset in 0..64u32 {
			let at = earliest.saturating_add(offset);
			if Enactments::<T>::try_mutate(at, |queue| queue.try_push(id)).is_ok() {
				return Ok(at);
			}
		}
		Err(Error::<T>::EnactmentQueueFull.into())
	}

	/// Dispatches an approved proposal with its DAO's origin and returns the weight used.
	fn enact(id: ProposalId) -> Weight {
		let Some(mut proposal) = Proposals::<T>::get(id) else {
			return T::DbWeight::get().reads(1);
		};
		let result = match <T as Config>::RuntimeCall::decode(&mut &proposal.call[..]) {
			Ok(call) => {
				let origin = <T as Config>::RuntimeOrigin::from(proposal.scope);
				call.dispatch(origin).map(|_| ()).map_err(|e| e.error)
			}
			Err(_) => Err(DispatchError::Other("proposal call no longer decodes")),
		};
		Self::release_deposit(&proposal);
		proposal.status = ProposalStatus::Enacted { ok: result.is_ok() };
		Proposals::<T>::insert(id, proposal);
		Self::deposit_event(Event::Enacted { id, result });
		T::WeightInfo::enact_one().saturating_add(T::MaxCallWeight::get())
	}
}
