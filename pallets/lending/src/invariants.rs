//! The pallet's invariants, checked by `try_state` (and after every step of the tests).

use crate::{
	Categories, CategoryId, Config, FlashLoanActive, LeveragedTokens, MarketCount, Markets, Pallet,
	PalletPaused, Positions,
};
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{fungibles::Inspect, Get};
use modelchain_primitives::{Balance, LendingAsset, Price};
use sp_arithmetic::traits::{One, Zero};
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks every invariant (see the crate docs).
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut shares: BTreeMap<LendingAsset, Balance> = BTreeMap::new();
		let mut debts: BTreeMap<LendingAsset, Balance> = BTreeMap::new();
		for (_, positions) in Positions::<T>::iter() {
			for p in positions.iter() {
				let market = Markets::<T>::get(p.asset)
					.ok_or(TryRuntimeError::Other("a position in a market that does not exist"))?;
				if p.borrow_index > market.state.borrow_index {
					return Err(TryRuntimeError::Other(
						"a position's index is ahead of its market",
					));
				}
				let s = shares.entry(p.asset).or_default();
				*s = s.saturating_add(p.shares);
				let d = debts.entry(p.asset).or_default();
				*d = d.saturating_add(market.state.debt_of(p.principal, p.borrow_index));
			}
		}
		let outside_a_loan = !FlashLoanActive::<T>::get();
		let mut members: BTreeMap<CategoryId, u32> = BTreeMap::new();
		for (asset, market) in Markets::<T>::iter() {
			let state = &market.state;
			if state.borrow_index < Price::one() {
				return Err(TryRuntimeError::Other("borrow index below 1"));
			}
			if shares.get(&asset).copied().unwrap_or_default() != state.total_shares {
				return Err(TryRuntimeError::Other("Σ position shares ≠ total shares"));
			}
			if debts.get(&asset).copied().unwrap_or_default() < state.total_borrows {
				return Err(TryRuntimeError::Other("Σ account debts < total borrows"));
			}
			// Σ supplier claims ≤ cash + in flight + borrows − reserves (≤ … + deficit).
			if state.underlying_of(state.total_shares) > state.pool_assets() {
				return Err(TryRuntimeError::Other("shares redeem for more than the pool has"));
			}
			if state.total_reserves
				> state.cash.saturating_add(state.in_flight).saturating_add(state.total_borrows)
			{
				return Err(TryRuntimeError::Other("reserves exceed cash + borrows"));
			}
			if outside_a_loan && !state.in_flight.is_zero() {
				return Err(TryRuntimeError::Other("flash-loaned cash in flight outside a loan"));
			}
			// Pledged model shares stay with their holders (`check_share_markets`).
			let floor = state.cash.saturating_add(T::Assets::minimum_balance(asset));
			if asset.model().is_none() && T::Assets::balance(asset, &Self::pool_account()) < floor {
				return Err(TryRuntimeError::Other(
					"the pool holds less than its cash plus the minimum balance",
				));
			}
			if state.halted != PalletPaused::<T>::get() {
				return Err(TryRuntimeError::Other(
					"a market's halted flag differs from PalletPaused",
				));
			}
			if let Some(id) = market.params.category {
				if !Categories::<T>::contains_key(id) {
					return Err(TryRuntimeError::Other("a market's risk category does not exist"));
				}
				let n = members.entry(id).or_default();
				*n = n.saturating_add(1);
			}
		}
		for (id, category) in Categories::<T>::iter() {
			if Self::validate_category(&category.params).is_err() {
				return Err(TryRuntimeError::Other("a risk category has invalid values"));
			}
			if members.get(&id).copied().unwrap_or_default() != category.markets {
				return Err(TryRuntimeError::Other("a category's market count is wrong"));
			}
			if category.params.debt_ceiling.is_none() && !category.scaled_debt.is_zero() {
				return Err(TryRuntimeError::Other("debt counted on a category without a ceiling"));
			}
		}
		for (id, token) in LeveragedTokens::<T>::iter() {
			if !Markets::<T>::contains_key(token.collateral)
				|| !Markets::<T>::contains_key(token.debt)
			{
				return Err(TryRuntimeError::Other("a leveraged token's market does not exist"));
			}
			if !T::Assets::asset_exists(LendingAsset::Asset(token.token)) {
				return Err(TryRuntimeError::Other("a leveraged token's asset does not exist"));
			}
			let vault = Positions::<T>::get(Self::vault_account(id));
			if vault.iter().any(|p| p.asset != token.collateral && p.asset != token.debt) {
				return Err(TryRuntimeError::Other("a vault holds a position outside its token"));
			}
		}
		Self::check_price_sync()?;
		Self::check_share_markets()?;
		let count = MarketCount::<T>::get();
		if count > T::MaxMarkets::get() {
			return Err(TryRuntimeError::Other("more markets than MaxMarkets"));
		}
		if Markets::<T>::iter_keys().count() != count as usize {
			return Err(TryRuntimeError::Other("MarketCount differs from the markets"));
		}
		Ok(())
	}
}
