//! How the pool moves tokens: the [`AssetTransfer`] seam and its generic adapter, and the
//! pallet's two movements built on it (into the pool, out of the pool). Every supply,
//! withdrawal, borrow, repayment, liquidation, flash loan, deficit cover and reserve
//! withdrawal moves tokens through [`Pallet::pay_in`] / [`Pallet::pay_out`] and nothing else.
//! Model shares never enter the pool: for them "in" is a pledge (lending's lock on the
//! holder's shares rises) and "out" a release, on the same account (`share_collateral.rs`).
//! The one exception is a share market's reserves (pledges swept by a write-off), which
//! the pool account holds and [`Pallet::pay_out_reserves`] pays out.

use crate::{Config, Pallet};
use core::marker::PhantomData;
use frame_support::traits::{fungibles::Mutate, tokens::Preservation};
use modelchain_primitives::{Balance, LendingAsset};
use sp_runtime::{DispatchError, DispatchResult};

/// How the pool moves tokens: every supply, withdrawal, borrow, repayment, liquidation and
/// flash loan goes through here, under the token ledger's own rules (minimum balances,
/// freezes, holds, frozen accounts).
///
/// [`FungiblesTransfer`] does it through any `fungibles::Mutate` view. A runtime may route
/// each asset class to its ledger's direct transfer instead. For `pallet-assets` that skips
/// the generic trait's extra steps, though its own transfer still re-reads the asset's
/// details and the accounts several times (see docs/performance.md).
pub trait AssetTransfer<AccountId> {
	/// Moves exactly `amount` of `asset` from `source` to `dest`. With
	/// [`Preservation::Expendable`] the source may be emptied; otherwise it must keep at
	/// least the asset's minimum balance.
	fn transfer(
		asset: LendingAsset,
		source: &AccountId,
		dest: &AccountId,
		amount: Balance,
		preservation: Preservation,
	) -> Result<Balance, DispatchError>;
}

/// [`AssetTransfer`] through a `fungibles::Mutate` view's own `transfer`.
pub struct FungiblesTransfer<F>(PhantomData<F>);

impl<AccountId: Eq, F> AssetTransfer<AccountId> for FungiblesTransfer<F>
where
	F: Mutate<AccountId, AssetId = LendingAsset, Balance = Balance>,
{
	fn transfer(
		asset: LendingAsset,
		source: &AccountId,
		dest: &AccountId,
		amount: Balance,
		preservation: Preservation,
	) -> Result<Balance, DispatchError> {
		F::transfer(asset, source, dest, amount, preservation)
	}
}

impl<T: Config> Pallet<T> {
	/// Pays `amount` of `asset` from the pool's cash to `to`. The pool keeps the minimum
	/// balance it was seeded with (see [`crate::Error::PoolNotSeeded`]), so it never dies
	/// and no dust is ever burnt from it: any `amount` ≤ cash can be paid.
	pub(crate) fn pay_out(
		asset: LendingAsset,
		to: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if let Some(model) = asset.model() {
			return Self::release_pledge(model, to, amount);
		}
		T::Transfer::transfer(asset, &Self::pool_account(), to, amount, Preservation::Preserve)
			.map(|_| ())
	}

	/// Pays `amount` of `asset`'s reserves to `to`. A share market's reserves are shares
	/// the pool account holds (swept from written-off pledges), moved by the models
	/// pallet's settled transfer; any other market's are part of its pooled cash.
	pub(crate) fn pay_out_reserves(
		asset: LendingAsset,
		to: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if asset.model().is_some() {
			return T::Transfer::transfer(
				asset,
				&Self::pool_account(),
				to,
				amount,
				Preservation::Expendable,
			)
			.map(|_| ());
		}
		Self::pay_out(asset, to, amount)
	}

	/// Takes `amount` of `asset` from `from` into the pool; `from` must stay alive.
	pub(crate) fn pay_in(
		asset: LendingAsset,
		from: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		Self::take_into_pool(asset, from, amount, Preservation::Preserve)
	}

	/// Takes `amount` of `asset` from `from` into the pool, even if that empties `from`
	/// (a flash loan's repayment: the borrower may spend everything it holds on it).
	pub(crate) fn pay_in_all(
		asset: LendingAsset,
		from: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		Self::take_into_pool(asset, from, amount, Preservation::Expendable)
	}

	fn take_into_pool(
		asset: LendingAsset,
		from: &T::AccountId,
		amount: Balance,
		preservation: Preservation,
	) -> DispatchResult {
		if let Some(model) = asset.model() {
			return Self::pledge(model, from, amount);
		}
		T::Transfer::transfer(asset, from, &Self::pool_account(), amount, preservation).map(|_| ())
	}
}
