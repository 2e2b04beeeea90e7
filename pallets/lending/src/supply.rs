//! The supply side: supplying, withdrawing, and choosing which supply counts as collateral.

use crate::{Config, Error, Event, MarketCache, Pallet, Position, Positions, PriceMode};
use frame_support::{ensure, pallet_prelude::DispatchError, BoundedVec};
use modelchain_primitives::{Balance, LendingAsset};
use sp_arithmetic::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Supplies `amount` and mints shares at the booked rate. Needs no price.
	pub(crate) fn do_supply(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<(), DispatchError> {
		Self::ensure_not_flagged(asset)?;
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		Self::supply_in(&who, &mut positions, &mut markets, asset, amount)?;
		markets.commit();
		Positions::<T>::insert(&who, positions);
		Ok(())
	}

	/// Books a supply of `amount` into the call's positions and markets, takes the tokens
	/// and returns the shares minted. The caller commits.
	pub(crate) fn supply_in(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		let mut market = markets.get(asset)?;
		Self::ensure_open(&market)?;
		let shares = market.state.shares_for_supply(amount);
		ensure!(!shares.is_zero(), Error::<T>::NothingToMint);
		ensure!(
			market.state.booked_assets().saturating_add(amount) <= market.params.supply_cap,
			Error::<T>::SupplyCapReached
		);
		let position = Self::position_mut_or_insert(positions, asset)?;
		position.shares = position.shares.saturating_add(shares);
		Self::pay_in(asset, who, amount)?;
		market.state.cash = market.state.cash.saturating_add(amount);
		market.state.total_shares = market.state.total_shares.saturating_add(shares);
		markets.put(asset, market);
		Self::deposit_event(Event::Supplied { who: who.clone(), asset, amount, shares });
		Ok(shares)
	}

	/// Withdraws `amount` (or everything, `None`) at the redemption rate. Collateral of an
	/// account in debt needs every price current and the debt within the borrow limit after.
	pub(crate) fn do_withdraw(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let (_, was_collateral) =
			Self::withdraw_out(&who, &mut positions, &mut markets, asset, amount)?;
		if was_collateral && Self::has_debt(&positions) {
			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		}
		markets.commit();
		Self::store_positions(&who, positions);
		Ok(n)
	}

	/// Books a withdrawal of `amount` (or everything, `None`) from the call's positions and
	/// markets and pays it out; returns the amount and whether the supply was collateral.
	/// Checks no health: the caller does, then commits.
	pub(crate) fn withdraw_out(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<(Balance, bool), DispatchError> {
		let mut market = markets.get(asset)?;
		Self::ensure_open(&market)?;
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && !p.shares.is_zero())
			.ok_or(Error::<T>::NoSupply)?;
		let (amount, shares) = match amount {
			Some(amount) => (amount, market.state.shares_for_withdrawal(amount)),
			None => (market.state.underlying_of(position.shares), position.shares),
		};
		ensure!(shares <= position.shares, Error::<T>::InsufficientShares);
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
		position.shares = position.shares.saturating_sub(shares);
		let was_collateral = position.collateral;
		market.state.total_shares = market.state.total_shares.saturating_sub(shares);
		market.state.cash = market.state.cash.saturating_sub(amount);
		markets.put(asset, market);
		Self::pay_out(asset, who, amount)?;
		Self::deposit_event(Event::Withdrawn { who: who.clone(), asset, amount, shares });
		Ok((amount, was_collateral))
	}

	/// Makes the supply of `asset` collateral. The market needs a current price (new
	/// collateral that cannot be valued would be worth 0 to a liquidation, and a borrower
	/// could hide behind it). Collateral in a category with a debt ceiling may be combined
	/// only with collateral of the same category, and an account in debt can enter such a
	/// category only if it is in it already (its debt was counted against the ceiling when
	/// borrowed, or it was not counted at all).
	pub(crate) fn do_enable_collateral(
		who: T::AccountId,
		asset: LendingAsset,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let position = positions
			.iter()
			.find(|p| p.asset == asset && !p.shares.is_zero())
			.ok_or(Error::<T>::NoSupply)?;
		ensure!(!position.collateral, Error::<T>::AlreadyCollateral);
		Self::ensure_not_flagged(asset)?;
		Self::make_collateral(&who, &mut positions, &mut markets, asset)?;
		Positions::<T>::insert(&who, positions);
		Ok(n)
	}

	/// Makes the supply of `asset` in the call's positions collateral, under the rules of
	/// `enable_collateral`; does nothing if it is collateral already.
	pub(crate) fn make_collateral(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
	) -> Result<(), DispatchError> {
		if positions.iter().any(|p| p.asset == asset && p.collateral) {
			return Ok(());
		}
		markets.price(asset)?;
		let new_category = markets.risk(asset)?.ceiling_category;
		let mut in_category_already = false;
		for other in positions.iter().filter(|p| p.collateral && p.asset != asset) {
			let other_category = markets.risk(other.asset)?.ceiling_category;
			ensure!(other_category == new_category, Error::<T>::CategoryConflict);
			in_category_already = true;
		}
		ensure!(
			new_category.is_none() || in_category_already || !Self::has_debt(positions),
			Error::<T>::CategoryConflict
		);
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && !p.shares.is_zero())
			.ok_or(Error::<T>::NoSupply)?;
		position.collateral = true;
		Self::deposit_event(Event::CollateralEnabled { who: who.clone(), asset });
		Ok(())
	}

	/// Stops the supply of `asset` counting as collateral; in debt, every price must be
	/// current and the debt within the borrow limit after.
	pub(crate) fn do_disable_collateral(
		who: T::AccountId,
		asset: LendingAsset,
	) -> Result<u32, DispatchError> {
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let position =
			positions.iter_mut().find(|p| p.asset == asset).ok_or(Error::<T>::NoSupply)?;
		ensure!(position.collateral, Error::<T>::NotCollateral);
		position.collateral = false;
		let mut markets = MarketCache::<T>::new(Self::now());
		Self::ensure_not_halted(&markets.get(asset)?)?;
		if Self::has_debt(&positions) {
			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		}
		Positions::<T>::insert(&who, positions);
		Self::deposit_event(Event::CollateralDisabled { who, asset });
		Ok(n)
	}
}
