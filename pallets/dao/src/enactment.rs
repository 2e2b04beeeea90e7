//! Enactment: a queue that never refuses a passed proposal, and dispatch with the DAO's
//! origin in `on_initialize`.
//!
//! A passed proposal is placed in the bucket of its earliest block ([`Enactments`], up to
//! `MaxEnactmentsPerBlock` per block). If that bucket is full it goes to its lane's
//! backlog ([`Backlog`]): one first-in first-out list per scope kind and track
//! ([`Lane`]), with no limit on its length. Closing never fails, however many blocks
//! ahead are taken.
//!
//! Each block serves, in order: the chain's backlogs (emergency, critical, standard), the
//! block's bucket, then the models' backlogs. The backlogs together serve at most
//! `MaxEnactmentsPerBlock` entries per block, each only once its earliest block has come.
//! Anyone can fill buckets with proposals in models they own outright; they cannot fill
//! the chain's lanes (a chain proposal needs a share of the stake and a quorum of the
//! issuance to pass), so a flood of model proposals never delays a chain proposal.
//!
//! A chain proposal on the critical track is dispatched with the Root origin (the chain
//! DAO's critical track is what replaces sudo: runtime upgrades go through it); every other
//! proposal with `Origin::Chain` or `Origin::Model(id)`.
//!
//! Every enactment reads its call again (`decode_all`), checks that the runtime still puts
//! it on the same track and that its weight is within that track's limit, and is charged what the call declared (or reported using); once
//! the block's `MaxEnactmentWeight` is used (the first enactment of a block always runs),
//! the rest of the bucket moves to the backlogs.

use super::*;

/// How a block's enactments are going: weight used, whether one ran, backlog entries
/// served.
struct BlockBudget {
	used: Weight,
	limit: Weight,
	enacted_any: bool,
	served: u32,
}

impl<T: Config> Pallet<T> {
	/// Enacts what is due at block `now` within the block's enactment weight; returns the
	/// weight used.
	pub(crate) fn enact_queued(now: BlockNumber) -> Weight {
		let mut budget = BlockBudget {
			used: T::DbWeight::get().reads_writes(1, 1),
			limit: T::MaxEnactmentWeight::get(),
			enacted_any: false,
			served: 0,
		};
		let mut open = Self::serve_backlogs(&Lane::CHAIN, now, &mut budget);
		for id in Enactments::<T>::take(now) {
			let outcome = if open { Self::try_enact(id, &mut budget) } else { None };
			if outcome.is_none() {
				open = false;
				let lane = Proposals::<T>::get(id)
					.map(|p| Lane::of(p.scope, p.track))
					.unwrap_or(Lane::Models(Track::Standard));
				Self::push_backlog(lane, Backlogged { id, due: now });
				budget.used = budget.used.saturating_add(T::DbWeight::get().reads_writes(3, 2));
				Self::deposit_event(Event::EnactmentDeferred { id });
			}
		}
		if open {
			Self::serve_backlogs(&Lane::MODELS, now, &mut budget);
		}
		budget.used
	}

	/// Serves `lanes` in order while entries are due and the block has room; returns
	/// whether the block still has room.
	fn serve_backlogs(lanes: &[Lane], now: BlockNumber, budget: &mut BlockBudget) -> bool {
		for lane in lanes {
			while budget.served < T::MaxEnactmentsPerBlock::get() {
				let (head, tail) = BacklogEnds::<T>::get(lane);
				budget.used = budget.used.saturating_add(T::DbWeight::get().reads(1));
				if head >= tail {
					break;
				}
				budget.used = budget.used.saturating_add(T::DbWeight::get().reads(1));
				let Some(entry) = Backlog::<T>::get(lane, head) else {
					break;
				};
				if entry.due > now {
					break;
				}
				if Self::try_enact(entry.id, budget).is_none() {
					return false;
				}
				Backlog::<T>::remove(lane, head);
				BacklogEnds::<T>::insert(lane, (head.saturating_add(1), tail));
				budget.used = budget.used.saturating_add(T::DbWeight::get().writes(2));
				budget.served = budget.served.saturating_add(1);
			}
		}
		true
	}

	/// The origin a proposal is enacted with: Root for the chain's critical track (as
	/// OpenGov's root track: runtime upgrades and other Root-only calls), the DAO's own
	/// origin otherwise. A model DAO never acts as Root.
	pub fn enactment_origin(scope: DaoScope, track: Track) -> <T as Config>::RuntimeOrigin {
		match (scope, track) {
			(DaoScope::Chain, Track::Critical) => frame_system::RawOrigin::Root.into(),
			_ => scope.into(),
		}
	}

	/// Queues `id` in the bucket of block `earliest`, or in its lane's backlog if the
	/// bucket is full. Never fails.
	pub(crate) fn queue_enactment(earliest: BlockNumber, id: ProposalId, lane: Lane) {
		if Enactments::<T>::try_mutate(earliest, |queue| queue.try_push(id)).is_err() {
			Self::push_backlog(lane, Backlogged { id, due: earliest });
		}
	}

	fn push_backlog(lane: Lane, entry: Backlogged) {
		let (head, tail) = BacklogEnds::<T>::get(lane);
		Backlog::<T>::insert(lane, tail, entry);
		BacklogEnds::<T>::insert(lane, (head, tail.saturating_add(1)));
	}

	/// Enacts `id` if it is still approved and fits the block: `Some(true)` if its call
	/// was dispatched, `Some(false)` if there was nothing to do or it could not be enacted
	/// (an event says why), `None` if the block's enactment weight is used up.
	fn try_enact(id: ProposalId, budget: &mut BlockBudget) -> Option<bool> {
		budget.used = budget.used.saturating_add(T::DbWeight::get().reads(1));
		let Some(mut proposal) = Proposals::<T>::get(id) else {
			return Some(false);
		};
		if !matches!(proposal.status, ProposalStatus::Approved { .. }) {
			return Some(false);
		}
		// Fetching and decoding cost by the call's length (up to 4 MiB by preimage).
		let enact_one = T::WeightInfo::enact_one(proposal.call.call_len());
		let checked = Self::call_bytes(&proposal)
			.and_then(|bytes| Self::decode_call(&bytes))
			.and_then(|call| {
				// Decided under one track's rules, enacted only if it still belongs there:
				// terms that a critical proposal changed meanwhile, or an upgrade, may have
				// moved it (a "standard" revert of a critical decision ends here).
				if T::Tracks::track(&call) != proposal.track {
					return Err(Unenactable::TrackChanged);
				}
				let info = call.get_dispatch_info();
				if info.total_weight().all_lte(Self::max_call_weight(proposal.track)) {
					Ok((call, info))
				} else {
					Err(Unenactable::TooHeavy)
				}
			});
		let (call, info) = match checked {
			Ok(found) => found,
			Err(reason) => {
				Self::release_deposit(&proposal);
				Self::end_preimage(&proposal);
				proposal.status = ProposalStatus::Unenactable;
				Proposals::<T>::insert(id, proposal);
				Self::deposit_event(Event::NotEnacted { id, reason });
				budget.used = budget.used.saturating_add(enact_one);
				return Some(false);
			}
		};
		let cost = enact_one.saturating_add(info.total_weight());
		if budget.enacted_any && !budget.used.saturating_add(cost).all_lte(budget.limit) {
			return None;
		}
		EnactingTrack::<T>::put(proposal.track);
		let origin = Self::enactment_origin(proposal.scope, proposal.track);
		let (result, post) = match call.dispatch(origin) {
			Ok(post) => (Ok(()), post),
			Err(e) => (Err(e.error), e.post_info),
		};
		EnactingTrack::<T>::kill();
		let locks_until = Self::now().saturating_add(proposal.rules.lock_period);
		// The call may have acted on this very proposal (a Root call vetoing it): then its
		// deposit and status are already settled and must not be settled twice.
		let still_ours = Proposals::<T>::get(id)
			.is_some_and(|p| matches!(p.status, ProposalStatus::Approved { .. }));
		if still_ours {
			Self::release_deposit(&proposal);
			Self::end_preimage(&proposal);
			proposal.status = ProposalStatus::Enacted { ok: result.is_ok() };
			proposal.locks_until = Some(locks_until);
			Proposals::<T>::insert(id, proposal);
		}
		Self::deposit_event(Event::Enacted { id, result, locks_until });
		budget.enacted_any = true;
		budget.used =
			budget.used.saturating_add(enact_one).saturating_add(post.calc_actual_weight(&info));
		Some(true)
	}
}
