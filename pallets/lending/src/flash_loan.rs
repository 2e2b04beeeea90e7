//! Flash loans, invisible to the books.
//!
//! The lent amount leaves `cash` (it cannot be paid out twice) but is counted as
//! `in_flight`, which every valuation adds back: the exchange rate, utilisation, caps,
//! health factors and liquidation quotes read the same numbers inside the loan's call as
//! outside it. Lending calls inside the loan are allowed (as in Aave); only what can be
//! paid out now is smaller. A storage flag rejects nested flash loans.

use crate::{Config, Error, Event, FlashLoanActive, Markets, Pallet, WeightInfo};
use frame_support::{dispatch::GetDispatchInfo, ensure, pallet_prelude::*};
use frame_system::pallet_prelude::OriginFor;
use modelchain_primitives::{Balance, LendingAsset};
use sp_runtime::traits::Dispatchable;

impl<T: Config> Pallet<T> {
	/// Lends `amount` to `who`, dispatches `call` as `origin`, and takes back the amount and
	/// the fee. Any failure fails the whole extrinsic, so nothing the call did remains.
	pub(crate) fn do_flash_loan(
		origin: OriginFor<T>,
		who: T::AccountId,
		asset: LendingAsset,
		amount: Balance,
		call: <T as Config>::RuntimeCall,
	) -> DispatchResultWithPostInfo {
		ensure!(!FlashLoanActive::<T>::get(), Error::<T>::FlashLoanReentrancy);
		ensure!(asset.model().is_none(), Error::<T>::SharesNotBorrowable);
		let mut market = Self::market_accrued(asset)?;
		Self::ensure_open(&market)?;
		ensure!(market.state.cash >= amount, Error::<T>::InsufficientCash);
		let fee = T::FlashLoanFee::get().mul_ceil(amount);

		Self::pay_out(asset, &who, amount)?;
		market.state.cash = market.state.cash.saturating_sub(amount);
		market.state.in_flight = market.state.in_flight.saturating_add(amount);
		Markets::<T>::insert(asset, market);

		let declared_call_weight = call.get_dispatch_info().total_weight();
		FlashLoanActive::<T>::put(true);
		let result = call.dispatch(origin);
		FlashLoanActive::<T>::kill();
		let call_weight = match result {
			Ok(post) => post.actual_weight,
			Err(e) => return Err(e.error.into()),
		};

		let owed = amount.saturating_add(fee);
		Self::pay_in_all(asset, &who, owed).map_err(|_| Error::<T>::FlashLoanNotRepaid)?;
		// The call may have changed the market: read it again.
		let mut market = Self::market_accrued(asset)?;
		market.state.in_flight = market.state.in_flight.saturating_sub(amount);
		market.state.cash = market.state.cash.saturating_add(owed);
		market.state.total_reserves =
			market.state.total_reserves.saturating_add(market.params.reserve_factor.mul_floor(fee));
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::FlashLoan { who, asset, amount, fee });
		let call_weight = call_weight.unwrap_or(declared_call_weight);
		Ok(Some(T::WeightInfo::flash_loan().saturating_add(call_weight)).into())
	}
}
