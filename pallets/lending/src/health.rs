//! Valuing an account: its collateral, borrow limit, liquidation limit and debt, in the
//! three price modes ([`PriceMode`]), and the debt-ceiling bookkeeping of risk categories
//! that rides on it.

use crate::{
	math::fixed_mul, Category, CategoryId, Config, Error, Health, MarketCache, Pallet, Position,
	PriceMode,
};
use modelchain_primitives::{Balance, LendingAsset, Price};
use sp_arithmetic::traits::Saturating;
use sp_arithmetic::Rounding;

impl<T: Config> Pallet<T> {
	/// The price `mode` values `asset` with: as collateral (`as_debt` false) or as debt.
	/// `RequireFresh` fails without a current price; `Liquidation` counts collateral
	/// without one as written down by its schedule (0 without one) and debt without one at
	/// the last price; `BestEffort` uses the last
	/// price and clears `all_fresh`.
	pub(crate) fn price_in_mode(
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		mode: PriceMode,
		as_debt: bool,
		all_fresh: &mut bool,
	) -> Result<Price, Error<T>> {
		let market = markets.get(asset)?;
		let now = markets.now;
		match mode {
			PriceMode::RequireFresh => Self::current_price(&market, now, false),
			PriceMode::Liquidation => Ok(if as_debt {
				Self::current_price(&market, now, true).unwrap_or(market.state.last_price)
			} else {
				Self::collateral_price(&market, now)
			}),
			PriceMode::BestEffort => {
				Ok(Self::current_price(&market, now, false).unwrap_or_else(|_| {
					*all_fresh = false;
					market.state.last_price
				}))
			}
		}
	}

	/// Values an account's positions with the cached markets.
	pub fn health(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		mode: PriceMode,
	) -> Result<Health, Error<T>> {
		Self::health_reporting(positions, markets, mode).map(|(h, _)| h)
	}

	/// [`Self::health`], and whether every price used was current.
	pub(crate) fn health_reporting(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		mode: PriceMode,
	) -> Result<(Health, bool), Error<T>> {
		let mut health = Health::default();
		let mut all_fresh = true;
		for position in positions {
			if position.is_collateral() {
				let market = markets.get(position.asset)?;
				let price =
					Self::price_in_mode(markets, position.asset, mode, false, &mut all_fresh)?;
				let risk = markets.risk(position.asset)?;
				let value = market.value_of(market.state.underlying_of(position.shares), price);
				health.collateral_value = health.collateral_value.saturating_add(value);
				health.borrow_limit = health
					.borrow_limit
					.saturating_add(fixed_mul(value, risk.collateral_factor.into()));
				health.liquidation_limit = health
					.liquidation_limit
					.saturating_add(fixed_mul(value, risk.liquidation_threshold.into()));
			}
			if position.principal != 0 {
				let market = markets.get(position.asset)?;
				let price =
					Self::price_in_mode(markets, position.asset, mode, true, &mut all_fresh)?;
				let debt = market.state.debt_of(position.principal, position.borrow_index);
				health.debt_value =
					health.debt_value.saturating_add(market.debt_value_of(debt, price));
			}
		}
		Ok((health, all_fresh))
	}

	/// Whether any position owes anything.
	pub(crate) fn has_debt(positions: &[Position]) -> bool {
		positions.iter().any(|p| p.principal != 0)
	}

	/// The risk category with a debt ceiling the account's collateral is in, if any
	/// (collateral enabled, shares or not). An account's collateral is either all in one
	/// such category or in none (`enable_collateral` keeps it so).
	pub(crate) fn ceiling_category(
		positions: &[Position],
		markets: &mut MarketCache<T>,
	) -> Result<Option<CategoryId>, Error<T>> {
		for position in positions.iter().filter(|p| p.collateral) {
			if let Some(id) = markets.risk(position.asset)?.ceiling_category {
				return Ok(Some(id));
			}
		}
		Ok(None)
	}

	/// Lowers the category's debt count by `repaid` units of `asset` (scaled by the debt
	/// market's index), if the account borrows against collateral in a category with a
	/// ceiling and `asset` is the ceiling's debt asset. In units, so it needs no price.
	pub(crate) fn release_category_debt(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		repaid: Balance,
	) -> Result<(), Error<T>> {
		if let Some(id) = Self::ceiling_category(positions, markets)? {
			let mut category = markets.category(id)?;
			if category.params.debt_ceiling.is_some_and(|c| c.debt_asset == asset) {
				let index = markets.get(asset)?.state.borrow_index;
				let scaled = Category::scale(repaid, index, Rounding::Down);
				category.scaled_debt = category.scaled_debt.saturating_sub(scaled);
				markets.put_category(id, category);
			}
		}
		Ok(())
	}
}
