//! The markets one call works with: each read and accrued once, written back once.

use crate::{Config, Error, Market, Markets, Pallet};
use alloc::vec::Vec;
use modelchain_primitives::{LendingAsset, Moment, Price};

/// The markets one call works with, each read and accrued once, written back once by
/// [`Self::commit`].
pub struct MarketCache<T> {
	/// The call's time (ms).
	pub now: Moment,
	entries: Vec<(LendingAsset, Market, bool)>,
	_config: core::marker::PhantomData<T>,
}

impl<T: Config> MarketCache<T> {
	/// An empty cache for a call at `now`.
	pub fn new(now: Moment) -> Self {
		Self { now, entries: Vec::new(), _config: Default::default() }
	}

	/// The market for `asset`, accrued to `now`.
	pub fn get(&mut self, asset: LendingAsset) -> Result<Market, Error<T>> {
		if let Some((_, market, _)) = self.entries.iter().find(|(a, _, _)| *a == asset) {
			return Ok(*market);
		}
		let market = Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?.accrued(self.now);
		self.entries.push((asset, market, false));
		Ok(market)
	}

	/// The current price of `asset`'s market for a risk-increasing call (see
	/// [`Pallet::current_price`]).
	pub fn price(&mut self, asset: LendingAsset) -> Result<Price, Error<T>> {
		let market = self.get(asset)?;
		Pallet::<T>::current_price(&market, self.now, false)
	}

	/// Replaces the cached market, to be written by [`Self::commit`].
	pub fn put(&mut self, asset: LendingAsset, market: Market) {
		match self.entries.iter_mut().find(|(a, _, _)| *a == asset) {
			Some(entry) => *entry = (asset, market, true),
			None => self.entries.push((asset, market, true)),
		}
	}

	/// Writes every changed market.
	pub fn commit(self) {
		for (asset, market, dirty) in self.entries {
			if dirty {
				Markets::<T>::insert(asset, market);
			}
		}
	}
}
