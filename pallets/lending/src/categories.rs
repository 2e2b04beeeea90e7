//! Risk categories: creating, updating and removing them, and which markets are in them.
//! How a category values collateral is in `MarketCache::risk`; its debt ceiling is counted
//! in `borrow.rs` and released in `health.rs`.

use crate::{Categories, Category, CategoryId, Config, Error, Event, Market, Pallet, RiskCategory};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use sp_arithmetic::{
	traits::{One, Saturating, Zero},
	Permill,
};

impl<T: Config> Pallet<T> {
	/// Checks a category's values (see [`Error::InvalidCategory`]): the same rules as a
	/// market's collateral factor, threshold and bonus.
	pub fn validate_category(params: &RiskCategory) -> DispatchResult {
		ensure!(
			Self::valid_risk(
				params.collateral_factor,
				params.liquidation_threshold,
				params.liquidation_bonus
			),
			Error::<T>::InvalidCategory
		);
		Ok(())
	}

	/// LTV < threshold < 100 % and threshold × (1 + bonus) < 100 %: a liquidation at the
	/// threshold can always pay its bonus out of the collateral.
	pub(crate) fn valid_risk(ltv: Permill, threshold: Permill, bonus: Permill) -> bool {
		let with_bonus = modelchain_primitives::Price::from(threshold)
			.saturating_mul(modelchain_primitives::Price::one().saturating_add(bonus.into()));
		ltv < threshold && threshold < Permill::one() && with_bonus < One::one()
	}

	/// Creates category `id` or replaces its values. Whether the category has a ceiling,
	/// and the ceiling's debt asset, can change only while no market is in it: debt
	/// borrowed before a ceiling existed was never counted (repaying it would release room
	/// other debt still uses), and a count in one asset's units can't become another's.
	/// The ceiling's amount, and every other value, can change at any time.
	pub(crate) fn do_set_category(id: CategoryId, params: RiskCategory) -> DispatchResult {
		Self::validate_category(&params)?;
		let category = match Categories::<T>::get(id) {
			Some(mut category) => {
				let old_asset = category.params.debt_ceiling.map(|c| c.debt_asset);
				let new_asset = params.debt_ceiling.map(|c| c.debt_asset);
				ensure!(
					old_asset == new_asset
						|| (category.markets.is_zero() && category.scaled_debt.is_zero()),
					Error::<T>::CategoryInUse
				);
				category.params = params;
				category
			}
			None => Category { params, scaled_debt: 0, markets: 0 },
		};
		Categories::<T>::insert(id, category);
		Self::deposit_event(Event::CategorySet { id, params });
		Ok(())
	}

	/// Removes category `id`, which no market may be in.
	pub(crate) fn do_remove_category(id: CategoryId) -> DispatchResult {
		let category = Categories::<T>::get(id).ok_or(Error::<T>::CategoryNotFound)?;
		ensure!(category.markets.is_zero(), Error::<T>::CategoryInUse);
		Categories::<T>::remove(id);
		Self::deposit_event(Event::CategoryRemoved { id });
		Ok(())
	}

	/// Moves a market from its category to `to` (either may be `None`), keeping each
	/// category's market count. A market with supply can't move: its suppliers' collateral
	/// would change rules under them, and debt counted against the old ceiling could never
	/// be released. Fails without changing anything.
	pub(crate) fn move_market_category(market: &Market, to: Option<CategoryId>) -> DispatchResult {
		let from = market.params.category;
		if from == to {
			return Ok(());
		}
		ensure!(market.state.total_shares.is_zero(), Error::<T>::MarketInUse);
		if let Some(id) = to {
			let mut category = Categories::<T>::get(id).ok_or(Error::<T>::CategoryNotFound)?;
			category.markets = category.markets.saturating_add(1);
			Categories::<T>::insert(id, category);
		}
		if let Some(id) = from {
			if let Some(mut category) = Categories::<T>::get(id) {
				category.markets = category.markets.saturating_sub(1);
				Categories::<T>::insert(id, category);
			}
		}
		Ok(())
	}
}
