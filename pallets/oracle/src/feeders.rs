//! The feeder set: the admin adds and removes members. Removing one drops their feed from
//! every key and recombines the keys they fed, so a departed feeder never backs a value.

use crate::{Config, Error, Event, Feeders, Keys, LastFeedBlock, OracleKey, Pallet, WeightInfo};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::{DispatchResult, DispatchResultWithPostInfo},
	traits::Time,
};

impl<T: Config> Pallet<T> {
	/// Adds `who` to the sorted feeder set.
	pub(crate) fn do_add_feeder(who: T::AccountId) -> DispatchResult {
		Feeders::<T>::try_mutate(|feeders| -> DispatchResult {
			let pos = feeders.binary_search(&who).err().ok_or(Error::<T>::AlreadyFeeder)?;
			feeders.try_insert(pos, who.clone()).map_err(|_| Error::<T>::TooManyFeeders)?;
			Ok(())
		})?;
		Self::deposit_event(Event::FeederAdded { who });
		Ok(())
	}

	/// Removes `who`, drops their feeds and recombines the keys they fed. Reads every key
	/// (at most `MaxKeys`); charged for the keys read, the keys written and the prices told.
	pub(crate) fn do_remove_feeder(who: T::AccountId) -> DispatchResultWithPostInfo {
		Feeders::<T>::try_mutate(|feeders| -> DispatchResult {
			let pos = feeders.binary_search(&who).map_err(|_| Error::<T>::NotFeeder)?;
			feeders.remove(pos);
			Ok(())
		})?;
		LastFeedBlock::<T>::remove(&who);

		let now = T::Time::now();
		let mut read: u32 = 0;
		let mut prices: u32 = 0;
		// Collected first: the records are rewritten below.
		let fed: Vec<_> = Keys::<T>::iter()
			.inspect(|_| read = read.saturating_add(1))
			.filter_map(|(key, mut state)| state.drop_feed(&who).then_some((key, state)))
			.collect();
		let dropped = u32::try_from(fed.len()).unwrap_or(u32::MAX);
		for (key, mut state) in fed {
			if matches!(key, OracleKey::AssetPrice(_)) {
				prices = prices.saturating_add(1);
			}
			// A paused key keeps only a confirmed value its remaining feeds back.
			Self::refresh(&key, &mut state, now, false);
			Keys::<T>::insert(key, state);
		}
		Self::deposit_event(Event::FeederRemoved { who, dropped });
		let unfed = read.saturating_sub(dropped);
		Ok(Some(
			T::WeightInfo::remove_feeder(dropped, unfed)
				.saturating_add(Self::price_change_weight(prices)),
		)
		.into())
	}
}
