//! Liquidation: a pure quote, then apply, then write-off.
//!
//! - **Who can be liquidated.** An account whose health factor, valued in
//!   [`PriceMode::Liquidation`], is below 1: collateral without a current price counts as
//!   0, debt without one is valued at its last price. No missing, stale or paused price can
//!   shield an account.
//! - **What a liquidation may do.** Repay up to the close factor of one debt (all of it
//!   below `FullCloseHealthFactor` or for small positions) and seize collateral worth the
//!   repaid value × (1 + bonus), at most the whole position; the protocol keeps its share
//!   of the bonus as reserves. Collateral is seized at its liquidation price (current, else
//!   last). The seized value never exceeds the repaid value × (1 + bonus), and nothing else
//!   is asked of the result: there is no "health must improve" rule, which traps accounts
//!   whose HF is below (1 + bonus) × threshold.
//! - **Write-off.** When no collateral that can be seized is left and debt remains, all of
//!   it is written off in the same call: reserves first, then the market's deficit, with an
//!   event per market.

use crate::{
	math::mul_div, Config, Error, Event, LiquidationWindow, Market, MarketCache, Pallet, Position,
	Positions, PriceMode,
};
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::DispatchError, traits::Get, BoundedVec};
use modelchain_primitives::{Balance, LendingAsset, Moment, Price};
use sp_arithmetic::{
	traits::{Bounded, CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, Rounding,
};
use sp_runtime::traits::UniqueSaturatedInto;

/// What a liquidation will do, computed before anything changes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LiquidationQuote {
	/// Debt repaid by the liquidator (units of the debt asset).
	pub repay: Balance,
	/// Collateral seized (underlying units).
	pub seized: Balance,
	/// Supply shares the borrower loses.
	pub seized_shares: Balance,
	/// Of those, shares burnt into reserves (the protocol's share of the bonus).
	pub protocol_shares: Balance,
	/// The underlying value of `protocol_shares`.
	pub protocol_fee: Balance,
	/// Shares the liquidator receives.
	pub liquidator_shares: Balance,
	/// Debt left in the market after the repayment.
	pub remaining_debt: Balance,
	/// The position's close-factor window after this liquidation.
	pub window: LiquidationWindow,
}

impl<T: Config> Pallet<T> {
	/// The price a liquidation uses for `market`: current (liquidation-only points count),
	/// else the last price the oracle served.
	pub(crate) fn liquidation_price(market: &Market, now: Moment) -> Price {
		Self::current_price(market, now, true).unwrap_or(market.state.last_price)
	}

	/// Whether any enabled collateral is worth anything at the price it would be seized at
	/// (its underlying × its liquidation price, rounded as the quote rounds it). Collateral
	/// worth nothing is gone as far as a liquidation can tell: the debt it backs is written
	/// off, and the collateral itself is swept into reserves.
	pub(crate) fn has_seizable_collateral(
		positions: &[Position],
		markets: &mut MarketCache<T>,
	) -> Result<bool, Error<T>> {
		for position in positions.iter().filter(|p| p.is_collateral()) {
			let market = markets.get(position.asset)?;
			let price = Self::liquidation_price(&market, markets.now);
			// The same test the quote applies: worth something at the price it is seized at.
			let value = market.value_of(market.state.underlying_of(position.shares), price);
			if !value.is_zero() {
				return Ok(true);
			}
		}
		Ok(false)
	}

	/// Quotes a liquidation of `debt_asset` debt against `collateral_asset` collateral of
	/// an account with health factor `hf` (< 1). Reads the cache, writes nothing.
	pub fn quote_liquidation(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		debt_asset: LendingAsset,
		collateral_asset: LendingAsset,
		max_repay: Balance,
		hf: Price,
		block: u32,
	) -> Result<LiquidationQuote, Error<T>> {
		let now = markets.now;
		let debt_market = markets.get(debt_asset)?;
		let collateral_market = markets.get(collateral_asset)?;
		let debt_position = positions
			.iter()
			.find(|p| p.asset == debt_asset && !p.principal.is_zero())
			.ok_or(Error::<T>::NoDebt)?;
		let collateral_position = positions
			.iter()
			.find(|p| p.asset == collateral_asset && p.is_collateral())
			.ok_or(Error::<T>::NoCollateralToSeize)?;
		let debt_price = Self::liquidation_price(&debt_market, now);
		ensure!(!debt_price.is_zero(), Error::<T>::PriceUnavailable);
		let collateral_price = Self::liquidation_price(&collateral_market, now);
		ensure!(!collateral_price.is_zero(), Error::<T>::CollateralUnpriced);

		let debt = debt_market.state.debt_of(debt_position.principal, debt_position.borrow_index);
		let available = collateral_market.state.underlying_of(collateral_position.shares);

		// The close factor, applied to the debt at this block's first liquidation. Collateral
		// without a current price counts as 0 (or as written down) here too.
		let small = T::SmallPositionValue::get();
		let collateral_value =
			collateral_market.value_of(available, Self::collateral_price(&collateral_market, now));
		let full_close = hf < T::FullCloseHealthFactor::get()
			|| debt_market.debt_value_of(debt, debt_price) < small
			|| collateral_value < small;
		let window = match debt_position.liquidation_window {
			Some(w) if w.block == block => w,
			_ => LiquidationWindow { block, debt_at_start: debt, repaid: 0 },
		};
		let allowed = if full_close {
			debt
		} else {
			T::CloseFactor::get()
				.mul_floor(window.debt_at_start)
				.saturating_sub(window.repaid)
				.min(debt)
		};
		ensure!(!allowed.is_zero(), Error::<T>::CloseFactorReached);
		let mut repay = max_repay.min(allowed);

		// Seize repay × (1 + bonus) of value, at most all of the collateral position; then
		// repay no more than that position pays for.
		let bonus_rate = markets.risk(collateral_asset)?.liquidation_bonus;
		let bonus = Price::one().saturating_add(bonus_rate.into());
		let seize_value = debt_market.value_of(repay, debt_price).saturating_mul(bonus);
		let mut seized = collateral_market.amount_for_value(seize_value, collateral_price);
		let exhausted = seized >= available;
		if exhausted {
			seized = available;
			let seized_value = collateral_market.value_of(available, collateral_price);
			let repay_value = Price::from_inner(mul_div(
				seized_value.into_inner(),
				Price::accuracy(),
				bonus.into_inner(),
				Rounding::Up,
			));
			repay = repay.min(debt_market.amount_for_value_up(repay_value, debt_price));
		}
		ensure!(!repay.is_zero() && !seized.is_zero(), Error::<T>::LiquidationTooSmall);
		let remaining_debt = debt.saturating_sub(repay);
		let leftover_floor =
			small.checked_div(&Price::saturating_from_integer(2u32)).unwrap_or(small);
		ensure!(
			remaining_debt.is_zero()
				|| exhausted || debt_market.debt_value_of(remaining_debt, debt_price) >= leftover_floor,
			Error::<T>::LiquidationLeavesDust
		);

		// The borrower loses `seized_shares`; the protocol's part of the bonus is burnt into
		// reserves; the liquidator receives the rest.
		let seized_shares = if exhausted {
			collateral_position.shares
		} else {
			collateral_market.state.shares_for_withdrawal(seized).min(collateral_position.shares)
		};
		let bonus_amount = seized.saturating_sub(mul_div(
			seized,
			Price::accuracy(),
			bonus.into_inner(),
			Rounding::Up,
		));
		let protocol_fee =
			collateral_market.params.protocol_liquidation_share.mul_floor(bonus_amount);
		let protocol_shares = mul_div(seized_shares, protocol_fee, seized, Rounding::Down);
		let protocol_fee = collateral_market.state.underlying_of(protocol_shares);
		Ok(LiquidationQuote {
			repay,
			seized,
			seized_shares,
			protocol_shares,
			protocol_fee,
			liquidator_shares: seized_shares.saturating_sub(protocol_shares),
			remaining_debt,
			window: LiquidationWindow {
				block,
				debt_at_start: window.debt_at_start,
				repaid: window.repaid.saturating_add(repay),
			},
		})
	}

	/// Liquidates `borrower`: quote, apply, then write off what no collateral backs.
	pub(crate) fn do_liquidate(
		liquidator: T::AccountId,
		borrower: T::AccountId,
		debt_asset: LendingAsset,
		collateral_asset: LendingAsset,
		max_repay: Balance,
	) -> Result<(u32, u32), DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		Self::ensure_not_halted(&markets.get(debt_asset)?)?;
		let mut positions = Positions::<T>::get(&borrower);
		let n = Self::weight_count(&positions);
		let pledges = Self::pledge_count(&positions);
		let before = Self::health(&positions, &mut markets, PriceMode::Liquidation)?;
		ensure!(before.is_liquidatable(), Error::<T>::NotLiquidatable);

		// Nothing left to seize: write the debt off, which is all a liquidation can do.
		if !Self::has_seizable_collateral(&positions, &mut markets)? {
			Self::write_off_bad_debt(&borrower, &mut positions, &mut markets)?;
			markets.commit();
			Self::store_positions(&borrower, positions);
			return Ok((n, pledges));
		}

		let hf = before.health_factor().unwrap_or_else(Price::max_value);
		let block: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		let quote = Self::quote_liquidation(
			&positions,
			&mut markets,
			debt_asset,
			collateral_asset,
			max_repay,
			hf,
			block,
		)?;
		Self::apply_liquidation(
			&liquidator,
			&borrower,
			&mut positions,
			&mut markets,
			debt_asset,
			collateral_asset,
			&quote,
		)?;

		if Self::has_debt(&positions) && !Self::has_seizable_collateral(&positions, &mut markets)? {
			Self::write_off_bad_debt(&borrower, &mut positions, &mut markets)?;
		}
		markets.commit();
		Self::store_positions(&borrower, positions);
		Self::deposit_event(Event::Liquidated {
			liquidator,
			borrower,
			debt_asset,
			collateral_asset,
			repaid: quote.repay,
			seized: quote.seized,
			seized_shares: quote.seized_shares,
			protocol_fee: quote.protocol_fee,
		});
		Ok((n, pledges))
	}

	/// Applies a quote: the liquidator pays the debt and receives the shares, the protocol
	/// takes its share of the bonus as reserves. Pledged model shares (one supply share
	/// each, no protocol share) leave the market's books and move from the borrower to the
	/// liquidator themselves.
	fn apply_liquidation(
		liquidator: &T::AccountId,
		borrower: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
		debt_asset: LendingAsset,
		collateral_asset: LendingAsset,
		quote: &LiquidationQuote,
	) -> Result<(), DispatchError> {
		let mut collateral_market = markets.get(collateral_asset)?;
		collateral_market.state.total_shares =
			collateral_market.state.total_shares.saturating_sub(quote.protocol_shares);
		collateral_market.state.total_reserves =
			collateral_market.state.total_reserves.saturating_add(quote.protocol_fee);
		markets.put(collateral_asset, collateral_market);
		// Read after the put: the same market when a debt is liquidated against itself.
		let mut debt_market = markets.get(debt_asset)?;
		debt_market.state.cash = debt_market.state.cash.saturating_add(quote.repay);
		debt_market.state.total_borrows =
			debt_market.state.total_borrows.saturating_sub(quote.repay);
		let index = debt_market.state.borrow_index;
		markets.put(debt_asset, debt_market);

		for position in positions.iter_mut() {
			if position.asset == collateral_asset {
				position.shares = position.shares.saturating_sub(quote.seized_shares);
			}
			if position.asset == debt_asset {
				position.principal = quote.remaining_debt;
				position.borrow_index = index;
				position.liquidation_window = Some(quote.window);
			}
		}
		Self::release_category_debt(positions, markets, debt_asset, quote.repay)?;

		Self::pay_in(debt_asset, liquidator, quote.repay)?;
		if let Some(model) = collateral_asset.model() {
			let mut collateral_market = markets.get(collateral_asset)?;
			let state = &mut collateral_market.state;
			state.total_shares = state.total_shares.saturating_sub(quote.liquidator_shares);
			state.cash = state.cash.saturating_sub(quote.liquidator_shares);
			markets.put(collateral_asset, collateral_market);
			Self::seize_pledge(model, borrower, liquidator, quote.liquidator_shares)?;
		} else if !quote.liquidator_shares.is_zero() {
			let mut theirs = Positions::<T>::get(liquidator);
			let position = Self::position_mut_or_insert(&mut theirs, collateral_asset)?;
			position.shares = position.shares.saturating_add(quote.liquidator_shares);
			Positions::<T>::insert(liquidator, theirs);
		}
		Ok(())
	}

	/// Writes off every debt of an account with no collateral left to seize: reserves
	/// cover what they can, the rest becomes the market's deficit. Each write-off is an
	/// event.
	pub(crate) fn write_off_bad_debt(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
	) -> Result<(), DispatchError> {
		let mut released = Vec::new();
		for position in positions.iter_mut().filter(|p| !p.principal.is_zero()) {
			let mut market = markets.get(position.asset)?;
			let debt = market.state.debt_of(position.principal, position.borrow_index);
			let written_off = debt.min(market.state.total_borrows);
			market.state.total_borrows = market.state.total_borrows.saturating_sub(written_off);
			let covered = written_off.min(market.state.total_reserves);
			market.state.total_reserves = market.state.total_reserves.saturating_sub(covered);
			let deficit = written_off.saturating_sub(covered);
			market.state.deficit = market.state.deficit.saturating_add(deficit);
			position.principal = 0;
			position.borrow_index = market.state.borrow_index;
			position.liquidation_window = None;
			markets.put(position.asset, market);
			released.push((position.asset, debt));
			Self::deposit_event(Event::BadDebtWrittenOff {
				who: who.clone(),
				asset: position.asset,
				debt,
				covered_by_reserves: covered,
				deficit,
			});
		}
		for (asset, amount) in released {
			Self::release_category_debt(positions, markets, asset, amount)?;
		}
		// Collateral pledged against the written-off debt does not go back to the borrower:
		// whatever is left (worth nothing to a liquidation now, maybe something later) is
		// burnt into its market's reserves. Pledged model shares are seized into the pool
		// account, where a share market keeps its reserves.
		for position in positions.iter_mut().filter(|p| p.is_collateral()) {
			let mut market = markets.get(position.asset)?;
			let amount = market.state.underlying_of(position.shares);
			if let Some(model) = position.asset.model() {
				if !amount.is_zero() {
					Self::seize_pledge(model, who, &Self::pool_account(), amount)?;
				}
			}
			market.state.total_shares = market.state.total_shares.saturating_sub(position.shares);
			market.state.total_reserves = market.state.total_reserves.saturating_add(amount);
			Self::deposit_event(Event::CollateralSwept {
				who: who.clone(),
				asset: position.asset,
				shares: position.shares,
				amount,
			});
			position.shares = 0;
			markets.put(position.asset, market);
		}
		Ok(())
	}
}
