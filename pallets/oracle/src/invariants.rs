//! The pallet's invariants, checked by `try_state` and at the end of every unit test.

use crate::{price_asset, CombinedValue, Config, Feeders, Keys, LastFeedBlock, Pallet, PriceKeys};
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let feeders = Feeders::<T>::get();
		ensure!(
			feeders.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"feeders not strictly sorted"
		);
		let mut keys: u32 = 0;
		let mut prices: u32 = 0;
		for (key, state) in Keys::<T>::iter() {
			keys = keys.saturating_add(1);
			if price_asset(&key).is_some() {
				prices = prices.saturating_add(1);
			}
			ensure!(Self::check_config(&state.config).is_ok(), "an invalid key configuration");
			ensure!(
				state.feeds.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)),
				"a key's feeds are not strictly sorted by feeder"
			);
			for (who, _) in state.feeds.iter() {
				ensure!(feeders.binary_search(who).is_ok(), "feed from a non-member");
			}
			let min_feeders = state.config.min_feeders;
			let fed = u32::try_from(state.feeds.len()).unwrap_or(u32::MAX);
			// Every change of configuration recombines under the new one, so a value
			// expires exactly its key's `max_age` after it was last backed.
			let max_age = state.config.max_age;
			let expires_on_time =
				|c: &CombinedValue| c.expires_at == c.updated_at.saturating_add(max_age);
			if let Some(combined) = state.combined {
				ensure!(state.pause.is_none(), "combined value for a paused key");
				ensure!(combined.feeds >= min_feeders, "combined value below min_feeders");
				ensure!(combined.feeds <= fed, "combined value of more feeds than the key holds");
				ensure!(expires_on_time(&combined), "combined value expires off max_age");
			}
			if let Some(confirmed) = state.paused_value {
				let pause = state.pause.ok_or("paused value for a key not paused")?;
				ensure!(confirmed.feeds >= min_feeders, "paused value below min_feeders");
				ensure!(confirmed.feeds <= fed, "paused value of more feeds than the key holds");
				ensure!(
					confirmed.updated_at > pause.paused_at,
					"paused value from before the pause"
				);
				ensure!(expires_on_time(&confirmed), "paused value expires off max_age");
			}
		}
		for who in LastFeedBlock::<T>::iter_keys() {
			ensure!(feeders.binary_search(&who).is_ok(), "a last feed of a non-member");
		}
		ensure!(keys == Keys::<T>::count(), "key counter out of sync");
		ensure!(keys <= T::MaxKeys::get(), "more keys than MaxKeys");
		ensure!(prices == PriceKeys::<T>::get(), "price key counter out of sync");
		ensure!(prices <= T::MaxPriceKeys::get(), "more price keys than MaxPriceKeys");
		Ok(())
	}
}
