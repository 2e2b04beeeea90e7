//! Key administration: configuring, removing and resuming keys. A reconfiguration takes
//! effect at once: the key is recombined under its new rules.

use crate::{
	price_asset, Config, Error, Event, KeyConfig, KeyStateOf, Keys, OracleKey, Pallet, PriceKeys,
};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get, traits::Time};

impl<T: Config> Pallet<T> {
	/// Checks a configuration's own rules.
	pub(crate) fn check_config(config: &KeyConfig) -> DispatchResult {
		ensure!(
			config.min_feeders >= 1 && config.min_feeders <= T::MaxFeeders::get(),
			Error::<T>::InvalidMinFeeders
		);
		ensure!(config.max_age > 0, Error::<T>::InvalidMaxAge);
		if let (Some(min), Some(max)) = (config.min_value, config.max_value) {
			ensure!(min <= max, Error::<T>::InvalidBounds);
		}
		ensure!(config.max_deviation.is_none_or(|d| !d.is_zero()), Error::<T>::InvalidMaxDeviation);
		Ok(())
	}

	/// Makes room for a new key `key`: checks `MaxKeys` and, for a price, `MaxPriceKeys`,
	/// and counts the price.
	pub(crate) fn count_new_key(key: &OracleKey) -> DispatchResult {
		ensure!(Keys::<T>::count() < T::MaxKeys::get(), Error::<T>::TooManyKeys);
		if price_asset(key).is_some() {
			PriceKeys::<T>::try_mutate(|count| -> DispatchResult {
				ensure!(*count < T::MaxPriceKeys::get(), Error::<T>::TooManyPriceKeys);
				*count = count.saturating_add(1);
				Ok(())
			})?;
		}
		Ok(())
	}

	/// Creates or reconfigures `key` and recombines it under the new rules.
	pub(crate) fn do_set_key_config(key: OracleKey, config: KeyConfig) -> DispatchResult {
		Self::check_config(&config)?;
		let mut state = match Keys::<T>::get(key) {
			Some(mut state) => {
				state.config = config;
				state
			}
			None => {
				Self::count_new_key(&key)?;
				KeyStateOf::<T>::new(config)
			}
		};
		Self::deposit_event(Event::KeyConfigured { key, config });
		Self::refresh(&key, &mut state, T::Time::now(), false);
		Keys::<T>::insert(key, state);
		Ok(())
	}

	/// Removes `key` with its feeds, value and pause; a price's consumers are told.
	pub(crate) fn do_remove_key(key: OracleKey) -> DispatchResult {
		let mut state = Keys::<T>::take(key).ok_or(Error::<T>::KeyNotConfigured)?;
		Self::clear_combined(&key, &mut state);
		Self::clear_paused_value(&key, &mut state);
		if price_asset(&key).is_some() {
			PriceKeys::<T>::mutate(|count| *count = count.saturating_sub(1));
		}
		Self::deposit_event(Event::KeyRemoved { key });
		Ok(())
	}

	/// Lifts `key`'s pause and recombines it from its feeds without the deviation check.
	pub(crate) fn do_resume_key(key: OracleKey) -> DispatchResult {
		let mut state = Keys::<T>::get(key).ok_or(Error::<T>::KeyNotConfigured)?;
		// Pausing cleared the value, so the key recombines from its feeds alone; the
		// liquidation-only value goes (and consumers are told) before the new one comes.
		state.pause.take().ok_or(Error::<T>::KeyNotPaused)?;
		Self::clear_paused_value(&key, &mut state);
		let value = Self::recombine(&key, &mut state, T::Time::now(), false).map(|c| c.value);
		Keys::<T>::insert(key, state);
		Self::deposit_event(Event::KeyResumed { key, value });
		Ok(())
	}
}
