//! Administration: opening and updating markets, pausing, reserves, and the checks of
//! parameters and pauses every call relies on.

use crate::{
	Config, Error, Event, Market, MarketCount, MarketParams, MarketState, Markets, Pallet,
	PalletPaused, PriceFeed, WeightInfo,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungibles::Inspect, Get, Time},
};
use modelchain_primitives::{Balance, LendingAsset, Moment, Price};
use sp_arithmetic::{
	traits::{Saturating, Zero},
	Permill,
};
use sp_runtime::traits::AccountIdConversion;

impl<T: Config> Pallet<T> {
	/// The account holding every market's cash.
	pub fn pool_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Now, in ms.
	pub fn now() -> Moment {
		T::Time::now()
	}

	/// Fails with [`Error::PalletPaused`] while the pallet is paused, read from the market
	/// the call works with (every market carries the flag).
	pub(crate) fn ensure_not_halted(market: &Market) -> DispatchResult {
		ensure!(!market.state.halted, Error::<T>::PalletPaused);
		Ok(())
	}

	/// Neither the pallet nor the market is paused.
	pub(crate) fn ensure_open(market: &Market) -> DispatchResult {
		Self::ensure_not_halted(market)?;
		ensure!(!market.state.paused, Error::<T>::MarketPaused);
		Ok(())
	}

	/// The market, accrued to now.
	pub(crate) fn market_accrued(asset: LendingAsset) -> Result<Market, Error<T>> {
		Ok(Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?.accrued(Self::now()))
	}

	/// Checks a market's parameters (see [`Error::InvalidParams`]).
	pub fn validate_params(params: &MarketParams) -> DispatchResult {
		let one = Permill::one();
		let rates = &params.rate_model;
		let valid = Self::valid_risk(
			params.collateral_factor,
			params.liquidation_threshold,
			params.liquidation_bonus,
		) && params.reserve_factor < one
			&& rates.kink > Permill::zero()
			&& rates.kink < one
			&& rates.base_rate <= rates.max_rate
			&& rates.max_rate <= T::MaxBorrowRate::get()
			&& params.max_price_age > 0
			&& params.decimals <= 24
			&& params.min_borrow <= params.borrow_cap
			&& params
				.stale_write_down
				.is_none_or(|w| !w.per_day.is_zero() && w.grace <= crate::MAX_WRITE_DOWN_GRACE);
		ensure!(valid, Error::<T>::InvalidParams);
		Ok(())
	}

	/// A write-down schedule counts from the last price's observation, so it can be turned
	/// on only while the market's price is current: else it would count from an old (or
	/// no) observation and write the collateral down at once.
	fn ensure_schedule_starts_fresh(
		market: &Market,
		old: Option<crate::WriteDown>,
		params: &MarketParams,
	) -> DispatchResult {
		if old.is_none() && params.stale_write_down.is_some() {
			Self::current_price(market, Self::now(), false)?;
		}
		Ok(())
	}

	pub(crate) fn do_add_market(asset: LendingAsset, params: MarketParams) -> DispatchResult {
		ensure!(!Markets::<T>::contains_key(asset), Error::<T>::MarketExists);
		ensure!(MarketCount::<T>::get() < T::MaxMarkets::get(), Error::<T>::TooManyMarkets);
		Self::validate_params(&params)?;
		Self::ensure_share_market(asset, &params)?;
		Self::ensure_not_flagged(asset)?;
		ensure!(
			T::Assets::balance(asset, &Self::pool_account()) >= T::Assets::minimum_balance(asset),
			Error::<T>::PoolNotSeeded
		);
		let mut state = MarketState::new(Self::now(), None);
		state.halted = PalletPaused::<T>::get();
		let mut market = Market { params, state };
		// The first price goes through the one price-copy path (a share market records the
		// block its price was set in there).
		Self::set_market_price(asset, &mut market, T::PriceFeed::price_point(params.price_key));
		Self::ensure_schedule_starts_fresh(&market, None, &params)?;
		market.params.category = None;
		Self::move_market_category(&market, params.category)?;
		Self::subscribe_to_price(asset, params.price_key)?;
		market.params = params;
		Markets::<T>::insert(asset, market);
		MarketCount::<T>::mutate(|count| count.saturating_inc());
		Self::deposit_event(Event::MarketAdded { asset, params });
		Ok(())
	}

	pub(crate) fn do_update_market(asset: LendingAsset, params: MarketParams) -> DispatchResult {
		Self::validate_params(&params)?;
		Self::ensure_share_market(asset, &params)?;
		let mut market = Self::market_accrued(asset)?;
		let in_use = !market.state.total_shares.is_zero() || !market.state.total_borrows.is_zero();
		let revalues = params.decimals != market.params.decimals
			|| params.price_key != market.params.price_key;
		ensure!(!(in_use && revalues), Error::<T>::MarketInUse);
		if params.price_key != market.params.price_key {
			Self::subscribe_to_price(asset, params.price_key)?;
			Self::unsubscribe_from_price(asset, market.params.price_key);
			let point = T::PriceFeed::price_point(params.price_key);
			market.state.last_price = Price::zero();
			market.state.last_observed_at = 0;
			Self::set_market_price(asset, &mut market, point);
		}
		Self::ensure_schedule_starts_fresh(&market, market.params.stale_write_down, &params)?;
		Self::move_market_category(&market, params.category)?;
		market.params = params;
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::MarketUpdated { asset, params });
		Ok(())
	}

	pub(crate) fn do_set_market_paused(asset: LendingAsset, paused: bool) -> DispatchResult {
		let mut market = Self::market_accrued(asset)?;
		market.state.paused = paused;
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::MarketPauseSet { asset, paused });
		Ok(())
	}

	/// Stamps the pause on every market (at most `MaxMarkets`); returns the weight used.
	pub(crate) fn do_set_pallet_paused(paused: bool) -> Weight {
		PalletPaused::<T>::put(paused);
		let mut stamped: u32 = 0;
		// `translate` rewrites each market in place; interest stays lazily accrued.
		Markets::<T>::translate_values(|mut market: Market| {
			market.state.halted = paused;
			stamped = stamped.saturating_add(1);
			Some(market)
		});
		Self::deposit_event(Event::PalletPauseSet { paused });
		T::WeightInfo::set_pallet_paused(stamped)
	}

	pub(crate) fn do_withdraw_reserves(
		asset: LendingAsset,
		amount: Balance,
		to: T::AccountId,
	) -> DispatchResult {
		let mut market = Self::market_accrued(asset)?;
		ensure!(market.state.deficit.is_zero(), Error::<T>::DeficitOutstanding);
		ensure!(
			amount <= market.state.total_reserves && amount <= market.state.cash,
			Error::<T>::InsufficientReserves
		);
		market.state.total_reserves = market.state.total_reserves.saturating_sub(amount);
		market.state.cash = market.state.cash.saturating_sub(amount);
		Self::pay_out_reserves(asset, &to, amount)?;
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::ReservesWithdrawn { asset, amount, to });
		Ok(())
	}
}
