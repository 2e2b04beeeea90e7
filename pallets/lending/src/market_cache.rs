//! The markets (and risk categories) one call works with: each read and accrued once,
//! written back once.

use crate::{
	Categories, Category, CategoryId, CollateralRisk, Config, Error, Market, Markets, Pallet,
};
use alloc::vec::Vec;
use modelchain_primitives::{LendingAsset, Moment, Price};

/// The markets one call works with, each read and accrued once, written back once by
/// [`Self::commit`].
pub struct MarketCache<T> {
	/// The call's time (ms).
	pub now: Moment,
	entries: Vec<(LendingAsset, Market, bool)>,
	categories: Vec<(CategoryId, Category, bool)>,
	_config: core::marker::PhantomData<T>,
}

impl<T: Config> MarketCache<T> {
	/// An empty cache for a call at `now`.
	pub fn new(now: Moment) -> Self {
		Self { now, entries: Vec::new(), categories: Vec::new(), _config: Default::default() }
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

	/// The risk category `id`.
	pub fn category(&mut self, id: CategoryId) -> Result<Category, Error<T>> {
		if let Some((_, category, _)) = self.categories.iter().find(|(c, _, _)| *c == id) {
			return Ok(*category);
		}
		let category = Categories::<T>::get(id).ok_or(Error::<T>::CategoryNotFound)?;
		self.categories.push((id, category, false));
		Ok(category)
	}

	/// Replaces the cached category, to be written by [`Self::commit`].
	pub fn put_category(&mut self, id: CategoryId, category: Category) {
		match self.categories.iter_mut().find(|(c, _, _)| *c == id) {
			Some(entry) => *entry = (id, category, true),
			None => self.categories.push((id, category, true)),
		}
	}

	/// The risk values `asset`'s collateral is valued with: its category's if it has one
	/// (reading the category once per call), else its own; a flagged model's shares lend
	/// with a collateral factor of 0.
	pub fn risk(&mut self, asset: LendingAsset) -> Result<CollateralRisk, Error<T>> {
		let market = self.get(asset)?;
		let risk = match market.params.category {
			None => CollateralRisk {
				collateral_factor: market.params.collateral_factor,
				liquidation_threshold: market.params.liquidation_threshold,
				liquidation_bonus: market.params.liquidation_bonus,
				ceiling_category: None,
			},
			Some(id) => {
				let category = self.category(id)?.params;
				CollateralRisk {
					collateral_factor: category.effective_collateral_factor(),
					liquidation_threshold: category.liquidation_threshold,
					liquidation_bonus: category.liquidation_bonus,
					ceiling_category: category.debt_ceiling.map(|_| id),
				}
			}
		};
		// Flagged model shares lend no borrowing power (still valued for liquidation).
		Ok(CollateralRisk {
			collateral_factor: Pallet::<T>::share_collateral_factor(
				&market,
				risk.collateral_factor,
			),
			..risk
		})
	}

	/// Writes every changed market and category.
	pub fn commit(self) {
		for (asset, market, dirty) in self.entries {
			if dirty {
				Markets::<T>::insert(asset, market);
			}
		}
		for (id, category, dirty) in self.categories {
			if dirty {
				Categories::<T>::insert(id, category);
			}
		}
	}
}
