//! The chain DAO's treasury: spending from it and acting as it.

use super::*;

impl<T: Config> Pallet<T> {
	/// The treasury the chain DAO controls.
	pub fn treasury_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Pays `amount` from the treasury, which stays alive.
	pub(crate) fn do_spend(to: T::AccountId, amount: Balance) -> DispatchResult {
		<T::Currency as FunMutate<_>>::transfer(
			&Self::treasury_account(),
			&to,
			amount,
			Preservation::Preserve,
		)?;
		Self::deposit_event(Event::TreasurySpent { to, amount });
		Ok(())
	}

	/// Dispatches `call` as the treasury account; its result is an event.
	pub(crate) fn do_dispatch_as_treasury(call: <T as Config>::RuntimeCall) {
		let treasury = frame_system::RawOrigin::Signed(Self::treasury_account());
		let result = call.dispatch(treasury.into()).map(|_| ()).map_err(|e| e.error);
		Self::deposit_event(Event::TreasuryDispatched { result });
	}
}
