//! Membership: adding and removing validators, and handing the set to the session pallet
//! at the next session it plans.

use crate::{Config, Error, Event, Pallet, SessionIndex, SetChanged, Validators};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{Get, ValidatorRegistration},
};

impl<T: Config> Pallet<T> {
	/// Adds `who`, who must have session keys, to the sorted set.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		ensure!(T::ValidatorRegistration::is_registered(&who), Error::<T>::NoSessionKeys);
		Validators::<T>::try_mutate(|set| -> DispatchResult {
			let pos = set.binary_search(&who).err().ok_or(Error::<T>::AlreadyValidator)?;
			set.try_insert(pos, who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Ok(())
		})?;
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Removes `who`, keeping at least `MinValidators`.
	pub(crate) fn do_remove_validator(who: T::AccountId) -> DispatchResult {
		Validators::<T>::try_mutate(|set| -> DispatchResult {
			let pos = set.binary_search(&who).map_err(|_| Error::<T>::NotValidator)?;
			ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::BelowMinimum);
			set.remove(pos);
			Ok(())
		})?;
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// What the runtime's session manager answers when `pallet-session` plans session
	/// `session`: the whole set if it changed since the last plan, else `None` (keep the
	/// current one). Two reads, and a write and an event when the set changed.
	pub fn plan_session(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let set = Validators::<T>::get().into_inner();
		let validators = u32::try_from(set.len()).unwrap_or(u32::MAX);
		Self::deposit_event(Event::NewSetPlanned { session, validators });
		Some(set)
	}

	/// The set at genesis, for the session pallet's first sessions.
	pub fn genesis_set() -> Vec<T::AccountId> {
		Validators::<T>::get().into_inner()
	}
}
