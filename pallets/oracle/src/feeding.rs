//! Feeding: a member's values for configured keys, once per block. Each value costs one
//! read and one write of its key's record; validation happens in memory before anything is
//! written, so a bad value fails the whole call.

use crate::{
	Config, Error, Event, FeedRecord, KeyStateOf, Keys, LastFeedBlock, OracleKey, Pallet, Value,
};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Time};

impl<T: Config> Pallet<T> {
	/// Stores `who`'s `values` and recombines each key fed.
	pub(crate) fn do_feed_values(
		who: T::AccountId,
		values: &[(OracleKey, Value)],
	) -> DispatchResult {
		ensure!(Self::is_feeder(&who), Error::<T>::NotFeeder);
		let now_block = frame_system::Pallet::<T>::block_number();
		ensure!(LastFeedBlock::<T>::get(&who) != Some(now_block), Error::<T>::AlreadyFedThisBlock);
		ensure!(!values.is_empty(), Error::<T>::NoValues);
		ensure_distinct_keys::<T>(values)?;

		// Validate and apply in memory before writing anything.
		let now = T::Time::now();
		let mut fed: Vec<(OracleKey, KeyStateOf<T>)> = Vec::with_capacity(values.len());
		for (key, value) in values {
			let mut state = Keys::<T>::get(key).ok_or(Error::<T>::KeyNotConfigured)?;
			ensure!(state.config.in_bounds(*value), Error::<T>::ValueOutOfBounds);
			ensure!(
				state.set_feed(&who, FeedRecord { value: *value, timestamp: now }),
				Error::<T>::TooManyFeeds
			);
			fed.push((*key, state));
		}

		LastFeedBlock::<T>::insert(&who, now_block);
		for (key, mut state) in fed {
			Self::refresh(&key, &mut state, now, true);
			Keys::<T>::insert(key, state);
		}
		let count = u32::try_from(values.len()).unwrap_or(u32::MAX);
		Self::deposit_event(Event::ValuesFed { who, count });
		Ok(())
	}
}

/// Fails with [`Error::DuplicateKey`] if a key appears twice. Sorts references, so a call
/// of `MaxFeedValues` values costs `n log n` comparisons, not `n²`.
fn ensure_distinct_keys<T: Config>(values: &[(OracleKey, Value)]) -> DispatchResult {
	let mut keys: Vec<&OracleKey> = values.iter().map(|(key, _)| key).collect();
	keys.sort_unstable();
	ensure!(keys.windows(2).all(|pair| pair.first() != pair.get(1)), Error::<T>::DuplicateKey);
	Ok(())
}
