//! The price copy the oracle pushes. Every change of a stored oracle price reaches the
//! markets valued with it ([`OnPriceChange`], indexed by [`PriceKeyMarkets`]), so each
//! market carries the oracle's [`PricePoint`] and valuing a position reads nothing but its
//! market. This file holds the push, the subscriptions, the rule for when a copied price is
//! current, and their checks.

use crate::{Config, Error, Event, Market, Markets, Pallet, PriceKeyMarkets};
use frame_support::{pallet_prelude::*, traits::Get};
use modelchain_primitives::{AssetId, LendingAsset, Moment, OnPriceChange, Price, PricePoint};
use sp_arithmetic::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Adds `asset` to the markets that `key`'s price changes are copied to.
	pub(crate) fn subscribe_to_price(asset: LendingAsset, key: AssetId) -> DispatchResult {
		PriceKeyMarkets::<T>::try_mutate(key, |markets| {
			if markets.contains(&asset) {
				return Ok(());
			}
			markets.try_push(asset).map_err(|_| Error::<T>::TooManyMarketsOnPriceKey)
		})?;
		Ok(())
	}

	/// Removes `asset` from the markets that `key`'s price changes are copied to.
	pub(crate) fn unsubscribe_from_price(asset: LendingAsset, key: AssetId) {
		PriceKeyMarkets::<T>::mutate_exists(key, |entry| {
			if let Some(markets) = entry {
				markets.retain(|a| *a != asset);
				if markets.is_empty() {
					*entry = None;
				}
			}
		});
	}

	/// Stores `point` as the market's copy of its oracle price (for model shares, with its
	/// rise bounded: see `share_collateral.rs`); a served price also becomes the market's
	/// last price, which outlives the oracle's point.
	pub(crate) fn set_market_price(
		asset: LendingAsset,
		market: &mut Market,
		point: Option<PricePoint>,
	) {
		let point =
			if asset.model().is_some() { Self::bound_share_price(market, point) } else { point };
		market.state.price = point;
		if let Some(point) = point {
			if !point.price.is_zero() {
				market.state.last_price = point.price;
				market.state.last_observed_at = point.observed_at;
			}
		}
	}

	/// The price a liquidation values `market`'s collateral at (to decide whether the
	/// account can be liquidated, and how much): the current price (liquidation-only points
	/// count), else the last price written down on the market's schedule
	/// ([`crate::WriteDown`]), else 0. Never fails: a missing price never blocks a
	/// liquidation, it only lowers the collateral's value. Collateral is *seized* at the
	/// last price all the same (`liquidation_price`), so a written-down value is never a
	/// discount for the liquidator: it only makes the account liquidatable sooner.
	pub fn collateral_price(market: &Market, now: Moment) -> Price {
		Self::current_price(market, now, true)
			.unwrap_or_else(|_| Self::written_down_price(market, now).unwrap_or_default())
	}

	/// The last price written down by the market's schedule, if it has one.
	pub(crate) fn written_down_price(market: &Market, now: Moment) -> Option<Price> {
		let schedule = market.params.stale_write_down?;
		let stale_since = market.state.last_observed_at.saturating_add(market.params.max_price_age);
		let remaining = schedule.remaining(now.saturating_sub(stale_since));
		Some(crate::math::fixed_mul(market.state.last_price, remaining))
	}

	/// The market's price if it is current: the oracle has one, still serves it, it is no
	/// older than the market's `max_price_age` and not zero. A liquidation-only point (the
	/// oracle key is paused and a quorum of feeders confirmed the price after the pause)
	/// counts only when `for_liquidation` is set. Every valuation that gates a call goes
	/// through here.
	pub fn current_price(
		market: &Market,
		now: Moment,
		for_liquidation: bool,
	) -> Result<Price, Error<T>> {
		let point = market.state.price.ok_or(Error::<T>::PriceUnavailable)?;
		ensure!(for_liquidation || !point.liquidation_only, Error::<T>::PriceLiquidationOnly);
		let (price, at) = point.current_at(now).ok_or(Error::<T>::PriceStale)?;
		ensure!(now.saturating_sub(at) <= market.params.max_price_age, Error::<T>::PriceStale);
		ensure!(!price.is_zero(), Error::<T>::PriceUnavailable);
		Ok(price)
	}

	/// Checks the copies: each market's point equals the oracle's, its last price follows
	/// a served point, and it is listed under its price key; each key lists real markets of
	/// its own, once.
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_price_sync() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::PriceFeed;
		use sp_runtime::TryRuntimeError;
		for (asset, market) in Markets::<T>::iter() {
			let oracle = T::PriceFeed::price_point(market.params.price_key);
			// A share market's copy may lag a rise: the same point at a price no higher.
			let same = match (market.state.price, oracle) {
				(Some(copy), Some(point)) if asset.model().is_some() => {
					copy.price <= point.price && PricePoint { price: point.price, ..copy } == point
				}
				(copy, point) => copy == point,
			};
			if !same {
				return Err(TryRuntimeError::Other("a market's price differs from the oracle's"));
			}
			if let Some(point) = market.state.price {
				if !point.price.is_zero()
					&& (point.price != market.state.last_price
						|| point.observed_at != market.state.last_observed_at)
				{
					return Err(TryRuntimeError::Other("a market's last price lags its point"));
				}
			}
			if !PriceKeyMarkets::<T>::get(market.params.price_key).contains(&asset) {
				return Err(TryRuntimeError::Other("a market is missing from its price key"));
			}
		}
		for (key, subscribed) in PriceKeyMarkets::<T>::iter() {
			if subscribed.is_empty() {
				return Err(TryRuntimeError::Other("an empty price key entry"));
			}
			for (i, asset) in subscribed.iter().enumerate() {
				let market = Markets::<T>::get(asset)
					.ok_or(TryRuntimeError::Other("a price key lists a missing market"))?;
				if market.params.price_key != key
					|| subscribed.iter().skip(i.saturating_add(1)).any(|a| a == asset)
				{
					return Err(TryRuntimeError::Other(
						"a price key lists a market twice or wrongly",
					));
				}
			}
		}
		Ok(())
	}
}

/// The oracle's push: every change of a stored price is copied into the markets valued with
/// it, so that valuing a position reads the market alone. At most `MaxMarketsPerPriceKey`
/// markets per price; the oracle charges [`OnPriceChange::max_weight`] for each price a
/// call may change.
impl<T: Config> OnPriceChange for Pallet<T> {
	fn on_price_change(key: AssetId, point: Option<PricePoint>) {
		for asset in PriceKeyMarkets::<T>::get(key) {
			if let Some(mut market) = Markets::<T>::get(asset) {
				Self::set_market_price(asset, &mut market, point);
				let point = market.state.price;
				Markets::<T>::insert(asset, market);
				Self::deposit_event(Event::MarketPriceChanged { asset, point });
			}
		}
	}

	fn max_weight() -> Weight {
		use crate::WeightInfo;
		T::WeightInfo::on_price_change(T::MaxMarketsPerPriceKey::get())
	}
}
