//! The chain DAO's treasury: spending from it (capped per period outside the critical
//! track) and acting as it.

use super::*;

impl<T: Config> Pallet<T> {
	/// The treasury the chain DAO controls.
	pub fn treasury_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Pays `amount` from the treasury, which stays alive. Unless the enacting proposal is
	/// on the critical track, the period's standard-track total must stay within
	/// [`TreasurySpendLimit`].
	pub(crate) fn do_spend(to: T::AccountId, amount: Balance) -> DispatchResult {
		let track = EnactingTrack::<T>::get();
		if track != Some(Track::Critical) {
			let limit = TreasurySpendLimit::<T>::get();
			let index = Self::now().checked_div(limit.period).unwrap_or(0);
			let mut period = StandardSpent::<T>::get();
			if period.index != index {
				period = SpendPeriod { index, spent: 0 };
			}
			period.spent = period
				.spent
				.checked_add(amount)
				.filter(|total| *total <= limit.cap)
				.ok_or(Error::<T>::SpendAboveCap)?;
			StandardSpent::<T>::put(period);
		}
		<T::Currency as FunMutate<_>>::transfer(
			&Self::treasury_account(),
			&to,
			amount,
			Preservation::Preserve,
		)?;
		Self::deposit_event(Event::TreasurySpent { to, amount, track });
		Ok(())
	}

	/// Sets the standard track's spend limit.
	pub(crate) fn do_set_spend_limit(limit: SpendLimit) -> DispatchResult {
		ensure!(limit.period > 0, Error::<T>::InvalidSpendLimit);
		TreasurySpendLimit::<T>::put(limit);
		Self::deposit_event(Event::SpendLimitChanged { limit });
		Ok(())
	}

	/// Dispatches `call` as the treasury account; its result is an event.
	pub(crate) fn do_dispatch_as_treasury(call: <T as Config>::RuntimeCall) {
		let treasury = frame_system::RawOrigin::Signed(Self::treasury_account());
		let result = call.dispatch(treasury.into()).map(|_| ()).map_err(|e| e.error);
		Self::deposit_event(Event::TreasuryDispatched { result });
	}
}
