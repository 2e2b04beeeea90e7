//! The pallet's invariants, checked by `try_state` and at the end of every unit test.

use crate::{price_asset, Config, Feeders, Keys, Pallet, PriceKeys};
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
			ensure!(
				state.feeds.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)),
				"a key's feeds are not strictly sorted by feeder"
			);
			for (who, _) in state.feeds.iter() {
				ensure!(feeders.binary_search(who).is_ok(), "feed from a non-member");
			}
			let min_feeders = state.config.min_feeders;
			if let Some(combined) = state.combined {
				ensure!(state.pause.is_none(), "combined value for a paused key");
				ensure!(combined.feeds >= min_feeders, "combined value below min_feeders");
				ensure!(combined.updated_at <= combined.expires_at, "combined value expires early");
			}
			if let Some(confirmed) = state.paused_value {
				let pause = state.pause.ok_or("paused value for a key not paused")?;
				ensure!(confirmed.feeds >= min_feeders, "paused value below min_feeders");
				ensure!(
					confirmed.updated_at > pause.paused_at,
					"paused value from before the pause"
				);
				ensure!(confirmed.updated_at <= confirmed.expires_at, "paused value expires early");
			}
		}
		ensure!(keys == Keys::<T>::count(), "key counter out of sync");
		ensure!(keys <= T::MaxKeys::get(), "more keys than MaxKeys");
		ensure!(prices == PriceKeys::<T>::get(), "price key counter out of sync");
		ensure!(prices <= T::MaxPriceKeys::get(), "more price keys than MaxPriceKeys");
		Ok(())
	}
}
