//! Membership: adding and removing validators, and the floor.

use crate::{
	Config, Error, Event, MinValidators, Pallet, Planned, SessionKeys, SetChanged, Validators,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};

impl<T: Config> Pallet<T> {
	/// Adds `who`, who must have session keys, to the sorted set.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		ensure!(T::SessionKeys::has_keys(&who), Error::<T>::NoSessionKeys);
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
		let min = MinValidators::<T>::get();
		Validators::<T>::try_mutate(|set| -> DispatchResult {
			let pos = set.binary_search(&who).map_err(|_| Error::<T>::NotValidator)?;
			ensure!(set.len() > min as usize, Error::<T>::BelowMinimum);
			set.remove(pos);
			Ok(())
		})?;
		SetChanged::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// Sets the floor: at least 1, at most the governed set's size and the planned one's.
	pub(crate) fn do_set_min_validators(min: u32) -> DispatchResult {
		let members = Validators::<T>::decode_len().unwrap_or(0);
		let planned = Planned::<T>::decode_len().unwrap_or(0);
		ensure!(min >= 1 && min as usize <= members.min(planned), Error::<T>::InvalidMinimum);
		MinValidators::<T>::put(min);
		Self::deposit_event(Event::MinValidatorsSet { min });
		Ok(())
	}
}
