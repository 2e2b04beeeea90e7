//! The supply side: supplying, withdrawing, and choosing which supply counts as collateral.

use crate::{Config, Error, Event, MarketCache, Markets, Pallet, Positions, PriceMode};
use frame_support::{ensure, pallet_prelude::DispatchError};
use modelchain_primitives::{Balance, LendingAsset};
use sp_arithmetic::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Supplies `amount` and mints shares at the booked rate. Needs no price.
	pub(crate) fn do_supply(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<(), DispatchError> {
		let mut market = Self::market_accrued(asset)?;
		Self::ensure_open(&market)?;
		let shares = market.state.shares_for_supply(amount);
		ensure!(!shares.is_zero(), Error::<T>::NothingToMint);
		ensure!(
			market.state.booked_assets().saturating_add(amount) <= market.params.supply_cap,
			Error::<T>::SupplyCapReached
		);
		let mut positions = Positions::<T>::get(&who);
		let position = Self::position_mut_or_insert(&mut positions, asset)?;
		position.shares = position.shares.saturating_add(shares);
		Self::pay_in(asset, &who, amount)?;
		market.state.cash = market.state.cash.saturating_add(amount);
		market.state.total_shares = market.state.total_shares.saturating_add(shares);
		Markets::<T>::insert(asset, market);
		Positions::<T>::insert(&who, positions);
		Self::deposit_event(Event::Supplied { who, asset, amount, shares });
		Ok(())
	}

	/// Withdraws `amount` (or everything, `None`) at the redemption rate. Collateral of an
	/// account in debt needs every price current and the debt within the borrow limit after.
	pub(crate) fn do_withdraw(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut market = markets.get(asset)?;
		Self::ensure_open(&market)?;
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
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
		if was_collateral && Self::has_debt(&positions) {
			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		}
		Self::pay_out(asset, &who, amount)?;
		markets.commit();
		Self::store_positions(&who, positions);
		Self::deposit_event(Event::Withdrawn { who, asset, amount, shares });
		Ok(n)
	}

	/// Makes the supply of `asset` collateral. The market needs a current price (new
	/// collateral that cannot be valued would be worth 0 to a liquidation, and a borrower
	/// could hide behind it); isolated collateral must be the account's only collateral
	/// and cannot be enabled while the account owes anything.
	pub(crate) fn do_enable_collateral(
		who: T::AccountId,
		asset: LendingAsset,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let market = markets.get(asset)?;
		markets.price(asset)?;
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let isolated_new = market.params.isolation_debt_ceiling.is_some();
		for other in positions.iter().filter(|p| p.is_collateral() && p.asset != asset) {
			let isolated_other = markets.get(other.asset)?.params.isolation_debt_ceiling.is_some();
			ensure!(!isolated_new && !isolated_other, Error::<T>::IsolationConflict);
		}
		ensure!(!(isolated_new && Self::has_debt(&positions)), Error::<T>::IsolationConflict);
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && !p.shares.is_zero())
			.ok_or(Error::<T>::NoSupply)?;
		ensure!(!position.collateral, Error::<T>::AlreadyCollateral);
		position.collateral = true;
		Positions::<T>::insert(&who, positions);
		Self::deposit_event(Event::CollateralEnabled { who, asset });
		Ok(n)
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
