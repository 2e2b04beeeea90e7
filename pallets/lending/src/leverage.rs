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
	/// What the DEX asks in `pay` for exactly `amount_out` of `buy`, if that is at most the
	/// oracle value of `amount_out` (rounded up) plus `max_slippage` of it: the one bound
	/// both directions of leverage swap under. Both prices must be current.
	pub(crate) fn bounded_quote(
		markets: &mut MarketCache<T>,
		pay: LendingAsset,
		buy: LendingAsset,
		amount_out: Balance,
		max_slippage: Permill,
	) -> Result<Balance, DispatchError> {
		let pay_price = markets.price(pay)?;
		let buy_price = markets.price(buy)?;
		let value = markets.get(buy)?.debt_value_of(amount_out, buy_price);
		let fair = markets.get(pay)?.amount_for_value_up(value, pay_price);
		let quote =
			T::Swap::quote_exact_out(pay, buy, amount_out).ok_or(Error::<T>::NoSwapRoute)?;
		let bound = fair.saturating_add(max_slippage.mul_floor(fair));
		ensure!(quote <= bound, Error::<T>::SlippageExceeded);
		Ok(quote)
	}

	/// Swaps exactly `amount_in` of `pay` from `who` for at least the oracle value of it in
	/// `buy` (rounded down) less `max_slippage` of that, and returns what was received: the
	/// exact-in twin of [`Self::bounded_quote`].
	pub(crate) fn bounded_swap_in(
		markets: &mut MarketCache<T>,
		who: &T::AccountId,
		pay: LendingAsset,
		buy: LendingAsset,
		amount_in: Balance,
		max_slippage: Permill,
	) -> Result<Balance, DispatchError> {
		let pay_price = markets.price(pay)?;
		let buy_price = markets.price(buy)?;
		let value = markets.get(pay)?.value_of(amount_in, pay_price);
		let fair = markets.get(buy)?.amount_for_value(value, buy_price);
		let min_out = fair.saturating_sub(max_slippage.mul_ceil(fair)).max(1);
		T::Swap::swap_exact_in(who, pay, buy, amount_in, min_out)
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
		let quote = Self::bounded_quote(&mut markets, debt, collateral, extra, max_slippage)?;

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
		let quote = Self::bounded_quote(&mut markets, collateral, debt, owed, max_slippage)?;

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
