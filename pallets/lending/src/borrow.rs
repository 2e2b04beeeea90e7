//! The borrow side: borrowing against collateral, repaying, and risk categories' debt
//! ceilings.

use crate::{Category, Config, Error, Event, MarketCache, Pallet, Position, Positions, PriceMode};
use frame_support::{ensure, pallet_prelude::DispatchError, BoundedVec};
use modelchain_primitives::{Balance, LendingAsset};
use sp_arithmetic::Rounding;

impl<T: Config> Pallet<T> {
	/// Borrows `amount`: cash, the borrow cap, the market's minimum borrow, every price
	/// current, the debt within the borrow limit after, and the category's debt ceiling.
	pub(crate) fn do_borrow(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		Self::borrow_out(&who, &mut positions, &mut markets, asset, amount)?;
		let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
		ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		let n = Self::weight_count(&positions);
		markets.commit();
		Positions::<T>::insert(&who, positions);
		Ok(n)
	}

	/// Books a borrow of `amount` into the call's positions and markets (cash, borrow cap,
	/// minimum borrow, the category's debt ceiling) and pays it out. Checks no health: the
	/// caller does, then commits.
	pub(crate) fn borrow_out(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		ensure!(asset.model().is_none(), Error::<T>::SharesNotBorrowable);
		let mut market = markets.get(asset)?;
		Self::ensure_open(&market)?;
		ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
		let total_borrows = market.state.total_borrows.saturating_add(amount);
		ensure!(total_borrows <= market.params.borrow_cap, Error::<T>::BorrowCapReached);
		let position = Self::position_mut_or_insert(positions, asset)?;
		let debt =
			market.state.debt_of(position.principal, position.borrow_index).saturating_add(amount);
		ensure!(debt >= market.params.min_borrow, Error::<T>::BorrowTooSmall);
		position.principal = debt;
		position.borrow_index = market.state.borrow_index;
		market.state.total_borrows = total_borrows;
		market.state.cash = market.state.cash.saturating_sub(amount);
		markets.put(asset, market);
		Self::count_category_debt(positions, markets, asset, amount)?;
		Self::pay_out(asset, who, amount)?;
		Self::deposit_event(Event::Borrowed { who: who.clone(), asset, amount, debt });
		Ok(debt)
	}

	/// Repays `amount` (or the whole debt, `None`), never more than is owed. No price, no
	/// pause: repaying only ever lowers risk.
	pub(crate) fn do_repay(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<u32, DispatchError> {
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&who);
		let n = Self::weight_count(&positions);
		Self::repay_in(&who, &mut positions, &mut markets, asset, amount)?;
		markets.commit();
		Self::store_positions(&who, positions);
		Ok(n)
	}

	/// Books a repayment of `amount` (or the whole debt) into the call's positions and
	/// markets, takes the tokens and returns what was paid. The caller commits.
	pub(crate) fn repay_in(
		who: &T::AccountId,
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		amount: Option<Balance>,
	) -> Result<Balance, DispatchError> {
		let mut market = markets.get(asset)?;
		let position = positions
			.iter_mut()
			.find(|p| p.asset == asset && p.principal != 0)
			.ok_or(Error::<T>::NoDebt)?;
		let debt = market.state.debt_of(position.principal, position.borrow_index);
		let paid = amount.map_or(debt, |a| a.min(debt));
		Self::pay_in(asset, who, paid)?;
		let remaining = debt.saturating_sub(paid);
		position.principal = remaining;
		position.borrow_index = market.state.borrow_index;
		market.state.cash = market.state.cash.saturating_add(paid);
		market.state.total_borrows = market.state.total_borrows.saturating_sub(paid);
		markets.put(asset, market);
		Self::release_category_debt(positions, markets, asset, paid)?;
		Self::deposit_event(Event::Repaid { who: who.clone(), asset, amount: paid, remaining });
		Ok(paid)
	}

	/// Counts a borrow of `amount` of `asset` against the debt ceiling of the account's
	/// collateral category, if it has one: only the ceiling's debt asset may be borrowed,
	/// and the category's whole debt now, interest included, may not pass the ceiling.
	pub(crate) fn count_category_debt(
		positions: &[Position],
		markets: &mut MarketCache<T>,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<(), DispatchError> {
		if let Some(id) = Self::ceiling_category(positions, markets)? {
			let mut category = markets.category(id)?;
			let ceiling = category.params.debt_ceiling.ok_or(Error::<T>::CategoryConflict)?;
			ensure!(ceiling.debt_asset == asset, Error::<T>::CategoryBorrowNotAllowed);
			let index = markets.get(asset)?.state.borrow_index;
			let scaled = Category::scale(amount, index, Rounding::Up);
			category.scaled_debt = category.scaled_debt.saturating_add(scaled);
			ensure!(
				category.debt_now(index) <= ceiling.ceiling,
				Error::<T>::CategoryDebtCeilingReached
			);
			markets.put_category(id, category);
		}
		Ok(())
	}
}
