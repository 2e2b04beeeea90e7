//! Read-only views for the runtime API: an account's health and a market's summary, both
//! accrued to now. They never fail for want of a price.

use crate::{Config, Health, MarketCache, Markets, Pallet, Positions, PriceMode};
use alloc::vec::Vec;
use modelchain_primitives::{
	lending::{AccountHealth, Borrowable, MarketSummary, PositionSummary},
	LendingAsset,
};
use sp_arithmetic::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// An account's health and positions, accrued to now. `liquidatable` is what
	/// `liquidate` would decide now (collateral without a current price counts as 0, or as
	/// written down by its market's schedule). The value figures use the last prices.
	pub fn account_health(who: &T::AccountId) -> AccountHealth {
		let positions = Positions::<T>::get(who);
		let mut markets = MarketCache::<T>::new(Self::now());
		let (health, prices_fresh) =
			Self::health_reporting(&positions, &mut markets, PriceMode::BestEffort)
				.unwrap_or((Health::default(), false));
		let liquidatable = Self::health(&positions, &mut markets, PriceMode::Liquidation)
			.map(|h| h.is_liquidatable())
			.unwrap_or(false);
		let summaries = positions
			.iter()
			.filter_map(|p| {
				let market = markets.get(p.asset).ok()?;
				Some(PositionSummary {
					asset: p.asset,
					supplied: market.state.underlying_of(p.shares),
					collateral: p.collateral,
					debt: market.state.debt_of(p.principal, p.borrow_index),
				})
			})
			.collect();
		let headroom = health.borrow_limit.saturating_sub(health.debt_value);
		let now = markets.now;
		let max_borrowable: Vec<Borrowable> = Markets::<T>::iter()
			.map(|(asset, market)| {
				let market = market.accrued(now);
				let amount = match Self::current_price(&market, now, false) {
					Ok(price) if prices_fresh && !market.state.paused => market
						.amount_for_value(headroom, price)
						.min(market.state.cash)
						.min(market.params.borrow_cap.saturating_sub(market.state.total_borrows)),
					_ => 0,
				};
				Borrowable { asset, amount }
			})
			.collect();
		AccountHealth {
			collateral_value: health.collateral_value,
			borrow_limit: health.borrow_limit,
			liquidation_limit: health.liquidation_limit,
			debt_value: health.debt_value,
			health_factor: health.health_factor(),
			prices_fresh,
			liquidatable,
			positions: summaries,
			max_borrowable,
		}
	}

	/// A market's state accrued to now.
	pub fn market_summary(asset: LendingAsset) -> Option<MarketSummary> {
		let now = Self::now();
		let market = Markets::<T>::get(asset)?.accrued(now);
		let state = &market.state;
		Some(MarketSummary {
			asset,
			utilisation: state.utilisation(),
			borrow_rate: market.params.rate_model.borrow_rate(state.utilisation()),
			borrow_apy: market.borrow_apy(),
			supply_apy: market.supply_apy(),
			borrow_index: state.borrow_index,
			exchange_rate: state.exchange_rate(),
			cash: state.cash,
			total_borrows: state.total_borrows,
			total_reserves: state.total_reserves,
			total_shares: state.total_shares,
			deficit: state.deficit,
			price: Self::current_price(&market, now, false).ok(),
			paused: state.paused,
		})
	}
}
