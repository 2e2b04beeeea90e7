//! Session keys of accounts that do not validate: purging them returns their deposit.
//!
//! The runtime's call filter stops `session.purge_keys`: `pallet-session` drops a validator
//! without keys from the authorities at the next rotation, whatever was planned, so a
//! member's purge could shrink the authorities below the floor. This call purges only for
//! accounts that are neither in the governed set nor in the planned one (which
//! `pallet-session` may still be about to make active).

use crate::{Config, Error, Event, Pallet, Planned, SessionKeys, Validators};
use frame_support::{ensure, pallet_prelude::DispatchResult};

impl<T: Config> Pallet<T> {
	/// Purges `who`'s keys unless it validates or is planned to.
	pub(crate) fn do_purge_keys(who: T::AccountId) -> DispatchResult {
		ensure!(
			Validators::<T>::get().binary_search(&who).is_err()
				&& Planned::<T>::get().binary_search(&who).is_err(),
			Error::<T>::KeysInUse
		);
		T::SessionKeys::purge_keys(&who)?;
		Self::deposit_event(Event::KeysPurged { who });
		Ok(())
	}
}
