//! The borrow side: borrowing against collateral, repaying, and the isolation ceiling.

use crate::{Config, Error, Event, MarketCache, Pallet, Positions, PriceMode};
use frame_support::{ensure, pallet_prelude::DispatchError};
use modelchain_primitives::{Balance, LendingAsset};

impl<T: Config> Pallet<T> {
	/// Borrows `amount`: cash, the borrow cap, the market's minimum borrow, every price
	/// current, the debt within the borrow limit after, and the isolation ceiling.
	pub(crate) fn do_borrow(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut market = markets.get(asset)?;
		Self::ensure_open(&market)?;
		ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
		let total_borrows = market.state.total_borrows.saturating_add(amount);
		ensure!(total_borrows <= market.params.borrow_cap, Error::<T>::BorrowCapReached);

		let mut positions = Positions::<T>::get(&who);
		let position = Self::position_mut_or_insert(&mut positions, asset)?;
		let debt =
			market.state.debt_of(position.principal, position.borrow_index).saturating_add(amount);
		ensure!(debt >= market.params.min_borrow, Error::<T>::BorrowTooSmall);
		position.principal = debt;
		position.borrow_index = market.state.borrow_index;
		market.state.total_borrows = total_borrows;
		market.state.cash = market.state.cash.saturating_sub(amount);
		markets.put(asset, market);

		let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
		ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		if let Some(isolated) = Self::isolated_collateral(&positions, &mut markets)? {
			let mut backing = markets.get(isolated)?;
			let ceiling =
				backing.params.isolation_debt_ceiling.ok_or(Error::<T>::IsolationConflict)?;
			ensure!(ceiling.debt_asset == asset, Error::<T>::IsolationBorrowNotAllowed);
			backing.state.isolated_debt = backing.state.isolated_debt.saturating_add(amount);
			ensure!(
				backing.state.isolated_debt <= ceiling.ceiling,
				Error::<T>::IsolationDebtCeilingReached
			);
			markets.put(isolated, backing);
		}

		let n = Self::weight_count(&positions);
		Self::pay_out(asset, &who, amount)?;
		markets.commit();
		Positions::<T>::insert(&who, positions);
		Self::deposit_event(Event::Borrowed { who, asset, amount, debt });
		Ok(n)
	}

	/// Repays `amount` (or the whole debt, `None`), never more than is owed. No price, no
	/// pause: repaying only ever lowers risk.
	pub(crate) fn do_repay(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut market = markets.get(asset)?;
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && p.principal != 0)
			.ok_or(Error::<T>::NoDebt)?;
		let debt = market.state.debt_of(position.principal, position.borrow_index);
		let paid = amount.map_or(debt, |a| a.min(debt));
		Self::pay_in(asset, &who, paid)?;
		let remaining = debt.saturating_sub(paid);
		position.principal = remaining;
		position.borrow_index = market.state.borrow_index;
		market.state.cash = market.state.cash.saturating_add(paid);
		market.state.total_borrows = market.state.total_borrows.saturating_sub(paid);
		markets.put(asset, market);
		Self::release_isolated_debt(&positions, &mut markets, asset, paid)?;
		markets.commit();
		Self::store_positions(&who, positions);
		Self::deposit_event(Event::Repaid { who, asset, amount: paid, remaining });
		Ok(n)
	}
}
