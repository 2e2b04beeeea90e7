//! Planning: handing the set to the session pallet, at most a third of it at a time, never
//! below the floor; and the session length.

use crate::{
	Config, Event, MinValidators, Pallet, Planned, SessionIndex, SessionKeys, SessionPeriod,
	SetChanged, Validators,
};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{traits::Get, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;

/// The session length in blocks, from [`SessionPeriod`] (at least 1), for the runtime's
/// `PeriodicSessions`.
pub struct SessionLength<T>(PhantomData<T>);
impl<T: Config> Get<BlockNumberFor<T>> for SessionLength<T> {
	fn get() -> BlockNumberFor<T> {
		SessionPeriod::<T>::get().max(1).into()
	}
}

/// Members `a` holds and `b` does not; both sorted.
fn missing_from<A: Ord + Clone>(a: &[A], b: &[A]) -> Vec<A> {
	a.iter().filter(|x| b.binary_search(x).is_err()).cloned().collect()
}

impl<T: Config> Pallet<T> {
	/// What the runtime's session manager answers when `pallet-session` plans session
	/// `session`: the next planned set if the governed one changed since the last plan and
	/// the plan moves towards it, else `None` (keep the current one).
	///
	/// - Only members with session keys are planned (a member without keys would not
	///   author; `pallet-session` drops it anyway).
	/// - At most `max(1, n / 3)` members of the `n` planned last time are added or removed,
	///   additions first: keys do not prove a node is live, and GRANDPA needs more than two
	///   thirds of the authorities. What is left waits for the next session
	///   (`pending`). Adding first means every intermediate set holds at least as many
	///   members as the target, so it never drops below the floor.
	/// - A target with fewer keyed members than the floor is not planned
	///   ([`Event::PlanRefused`]); the change is tried again at the next session.
	pub fn plan_session(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::get() {
			return None;
		}
		let governed = Validators::<T>::get().into_inner();
		let target: Vec<T::AccountId> =
			governed.iter().filter(|m| T::SessionKeys::has_keys(m)).cloned().collect();
		let with_keys = u32::try_from(target.len()).unwrap_or(u32::MAX);
		if with_keys < MinValidators::<T>::get() {
			Self::deposit_event(Event::PlanRefused { session, with_keys });
			return None;
		}
		let planned = Planned::<T>::get().into_inner();
		let budget = (planned.len() / 3).max(1);
		let mut added = missing_from(&target, &planned);
		added.truncate(budget);
		let mut removed = missing_from(&planned, &target);
		removed.truncate(budget.saturating_sub(added.len()));

		let mut next: Vec<T::AccountId> = planned
			.iter()
			.filter(|m| removed.binary_search(m).is_err())
			.chain(added.iter())
			.cloned()
			.collect();
		next.sort();
		// Every governed member planned: nothing waits. A member without keys keeps the
		// flag up, so that it is planned again once it sets keys.
		let pending = next != governed;
		if !pending {
			SetChanged::<T>::kill();
		}
		if next == planned {
			return None;
		}
		// `next` is a subset of the governed set and the planned one, both bounded.
		Planned::<T>::put(BoundedVec::<_, T::MaxValidators>::truncate_from(next.clone()));
		Self::deposit_event(Event::NewSetPlanned {
			session,
			validators: u32::try_from(next.len()).unwrap_or(u32::MAX),
			added,
			removed,
			pending,
		});
		Some(next)
	}

	/// The set at genesis, for the session pallet's first sessions; `None` when genesis gave
	/// none (the session pallet then uses its genesis keys).
	pub fn genesis_set() -> Option<Vec<T::AccountId>> {
		let set = Validators::<T>::get().into_inner();
		(!set.is_empty()).then_some(set)
	}

	/// Called once, in genesis, when `pallet-session` starts session 0 with `validators`: a
	/// genesis that named no validators adopts them (up to `MaxValidators`), so that the
	/// governed set, the planned one and the authorities agree from the first block.
	///
	/// A chain with no validator at all (neither here nor in `session.keys`) would have no
	/// block author, ever, and `pallet-session` accepts it. So a genesis that sets a floor
	/// (`min_validators`, as every preset does) but names no validator is refused: building
	/// its chain spec fails (the `testnet` preset before its operators fill it in). Only
	/// the all-default genesis, which tooling builds, passes without one.
	pub fn note_genesis_session(validators: Vec<T::AccountId>) {
		if !Validators::<T>::get().is_empty() {
			return;
		}
		assert!(
			!validators.is_empty() || !MinValidators::<T>::exists(),
			"genesis: no validators (validatorSet and session.keys are empty)"
		);
		let mut set = validators;
		set.sort();
		set.dedup();
		let set = BoundedVec::<_, T::MaxValidators>::truncate_from(set);
		Validators::<T>::put(&set);
		Planned::<T>::put(set);
	}
}
