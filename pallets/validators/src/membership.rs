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
	/// `session`: the members that still have session keys, if the set changed since the last
	/// plan, else `None` (keep the current one).
	///
	/// A member may purge its keys after joining, and `pallet-session` would drop it from
	/// the authorities. So the floor is checked again here, on the members with keys: a set
	/// with fewer than `MinValidators` of them is not planned (the current one stays,
	/// [`Event::PlanRefused`]), and the change is planned again at the next session.
	pub fn plan_session(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !SetChanged::<T>::get() {
			return None;
		}
		let set: Vec<T::AccountId> = Validators::<T>::get()
			.into_inner()
			.into_iter()
			.filter(T::ValidatorRegistration::is_registered)
			.collect();
		let validators = u32::try_from(set.len()).unwrap_or(u32::MAX);
		if validators < T::MinValidators::get() {
			Self::deposit_event(Event::PlanRefused { session, with_keys: validators });
			return None;
		}
		SetChanged::<T>::kill();
		Self::deposit_event(Event::NewSetPlanned { session, validators });
		Some(set)
	}

	/// The set at genesis, for the session pallet's first sessions.
	pub fn genesis_set() -> Vec<T::AccountId> {
		Validators::<T>::get().into_inner()
	}
}
