//! The deficit: bad debt that reserves could not cover.
//!
//! Policy: a write-off moves the uncovered debt from `total_borrows` to `deficit`. The
//! deficit stays on the books as the suppliers' receivable: new supply is priced with it
//! (the booked rate), redemptions without it (the pool rate). Then
//! - `cover_deficit` (anyone, e.g. the treasury through the chain DAO) turns it into cash:
//!   the pool rate rises to the booked rate, and a supplier who entered just before the
//!   cover paid the booked rate, so gains nothing;
//! - `socialise_deficit` (the admin origin) removes it in one step: the booked rate falls to
//!   the pool rate, and a supplier who entered just before it loses with everyone else,
//!   while one who left just before it was paid the pool rate, the same as after.
//!
//! So neither call can be front-run for profit, and no supplier can run ahead of a loss.

use crate::{Config, Error, Event, Markets, Pallet};
use frame_support::{ensure, pallet_prelude::DispatchError};
use modelchain_primitives::{Balance, LendingAsset};
use sp_arithmetic::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Pays up to `amount` of the market's deficit from `who`.
	pub(crate) fn do_cover_deficit(
		who: T::AccountId,
		asset: LendingAsset,
		amount: Balance,
	) -> Result<(), DispatchError> {
		let mut market = Self::market_accrued(asset)?;
		ensure!(!market.state.deficit.is_zero(), Error::<T>::NoDeficit);
		let amount = amount.min(market.state.deficit);
		Self::pay_in(asset, &who, amount)?;
		market.state.cash = market.state.cash.saturating_add(amount);
		market.state.deficit = market.state.deficit.saturating_sub(amount);
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::DeficitCovered { who, asset, amount });
		Ok(())
	}

	/// Removes the market's whole deficit: the suppliers bear it, pro rata, at once.
	pub(crate) fn do_socialise_deficit(asset: LendingAsset) -> Result<(), DispatchError> {
		let mut market = Self::market_accrued(asset)?;
		let amount = market.state.deficit;
		ensure!(!amount.is_zero(), Error::<T>::NoDeficit);
		market.state.deficit = 0;
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::DeficitSocialised { asset, amount });
		Ok(())
	}
}
