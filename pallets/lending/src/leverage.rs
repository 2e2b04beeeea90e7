//! One-shot leverage (Acala's `expand_position_collateral`, Gearbox's multicall with one
//! health check at the end): supply, borrow, swap and supply again in one call, and the
//! unwind that repays the whole debt from the collateral.
//!
//! Every swap is bounded by the oracle, not by the pool: the most the call may pay is the
//! oracle value of what it buys plus `max_slippage`. A sandwich in the same block can take
//! at most that slippage, and a pool pushed further makes the call fail, changing nothing.
//! The position is an ordinary lending position afterwards: it is liquidated, repaid and
//! valued like any other.

use crate::{Config, Error, Event, MarketCache, Pallet, Positions, PriceMode};
use frame_support::{ensure, pallet_prelude::DispatchError, traits::Get};
use modelchain_primitives::{AssetSwap, Balance, LendingAsset, Price};
use sp_arithmetic::{
	traits::{Bounded, One, Saturating, Zero},
	FixedPointNumber, Permill,
};

/// The widest slippage bound a leveraged open or close may take.
pub const MAX_SLIPPAGE: Permill = Permill::from_percent(10);

impl<T: Config> Pallet<T> {
	/// `amount` plus a bound of `max_slippage` of it, rounded down.
	fn with_slippage(amount: Balance, max_slippage: Permill) -> Balance {
		amount.saturating_add(max_slippage.mul_floor(amount))
	}

	/// Opens (or adds to) a leveraged position: supplies `amount` of `collateral` from
	/// `who`, borrows `debt`, swaps it for `amount × (leverage − 1)` more collateral and
	/// supplies that too, all as collateral. Checks health once, at the end: the debt within
	/// the borrow limit and the health factor at least `LeverageSafetyMargin`. Returns the
	/// position count for the weight.
	pub(crate) fn do_open_leveraged_position(
		who: T::AccountId,
		collateral: LendingAsset,
		debt: LendingAsset,
		amount: Balance,
		leverage: Price,
		max_slippage: Permill,
	) -> Result<u32, DispatchError> {
		ensure!(collateral != debt, Error::<T>::SameAsset);
		ensure!(max_slippage <= MAX_SLIPPAGE, Error::<T>::SlippageBoundTooWide);
		ensure!(
			leverage > Price::one() && leverage <= T::MaxLeverage::get(),
			Error::<T>::InvalidLeverage
		);
		let extra = leverage.saturating_sub(Price::one()).saturating_mul_int(amount);
		ensure!(!extra.is_zero(), Error::<T>::InvalidLeverage);

		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		// What the extra collateral is worth in the debt asset at the oracle's prices.
		let collateral_price = markets.price(collateral)?;
		let debt_price = markets.price(debt)?;
		let collateral_market = markets.get(collateral)?;
		let debt_market = markets.get(debt)?;
		let fair = debt_market
			.amount_for_value_up(collateral_market.value_of(extra, collateral_price), debt_price);
		let quote =
			T::Swap::quote_exact_out(debt, collateral, extra).ok_or(Error::<T>::NoSwapRoute)?;
		ensure!(quote <= Self::with_slippage(fair, max_slippage), Error::<T>::SlippageExceeded);

		Self::supply_in(&who, &mut positions, &mut markets, collateral, amount)?;
		Self::make_collateral(&who, &mut positions, &mut markets, collateral)?;
		Self::borrow_out(&who, &mut positions, &mut markets, debt, quote)?;
		T::Swap::swap_exact_out(&who, debt, collateral, extra, quote)?;
		Self::supply_in(&who, &mut positions, &mut markets, collateral, extra)?;

		let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
		ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		let health_factor = health.health_factor().unwrap_or_else(Price::max_value);
		ensure!(health_factor >= T::LeverageSafetyMargin::get(), Error::<T>::BelowSafetyMargin);

		let n = Self::weight_count(&positions);
		markets.commit();
		Positions::<T>::insert(&who, positions);
		Self::deposit_event(Event::LeveragedPositionOpened {
			who,
			collateral,
			debt,
			supplied: amount.saturating_add(extra),
			borrowed: quote,
			health_factor,
		});
		Ok(n)
	}

	/// Closes a leveraged position: withdraws all of `who`'s `collateral` supply, sells just
	/// enough of it for the whole `debt` debt (at most its oracle value plus
	/// `max_slippage`), repays that debt, and leaves the rest of the collateral in `who`'s
	/// account. Any other debt must stay within the borrow limit after.
	pub(crate) fn do_close_leveraged_position(
		who: T::AccountId,
		collateral: LendingAsset,
		debt: LendingAsset,
		max_slippage: Permill,
	) -> Result<u32, DispatchError> {
		ensure!(collateral != debt, Error::<T>::SameAsset);
		ensure!(max_slippage <= MAX_SLIPPAGE, Error::<T>::SlippageBoundTooWide);
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let debt_market = markets.get(debt)?;
		let owed = positions
			.iter()
			.find(|p| p.asset == debt && !p.principal.is_zero())
			.map(|p| debt_market.state.debt_of(p.principal, p.borrow_index))
			.ok_or(Error::<T>::NoDebt)?;
		let collateral_price = markets.price(collateral)?;
		let debt_price = markets.price(debt)?;
		let collateral_market = markets.get(collateral)?;
		let fair = collateral_market
			.amount_for_value_up(debt_market.debt_value_of(owed, debt_price), collateral_price);
		let quote =
			T::Swap::quote_exact_out(collateral, debt, owed).ok_or(Error::<T>::NoSwapRoute)?;
		ensure!(quote <= Self::with_slippage(fair, max_slippage), Error::<T>::SlippageExceeded);

		let (withdrawn, _) =
			Self::withdraw_out(&who, &mut positions, &mut markets, collateral, None)?;
		ensure!(quote <= withdrawn, Error::<T>::InsufficientCollateral);
		let sold = T::Swap::swap_exact_out(&who, collateral, debt, owed, quote)?;
		let repaid = Self::repay_in(&who, &mut positions, &mut markets, debt, None)?;
		if Self::has_debt(&positions) {
			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		}

		markets.commit();
		Self::store_positions(&who, positions);
		Self::deposit_event(Event::LeveragedPositionClosed {
			who,
			collateral,
			debt,
			repaid,
			sold,
			returned: withdrawn.saturating_sub(sold),
		});
		Ok(n)
	}
}
