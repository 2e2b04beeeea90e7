//! Leveraged tokens (Index Coop's FLI): a token whose vault holds a real lending position —
//! collateral in one market, debt in another, bought and repaid through the DEX — kept near a
//! target leverage (2×), so the token tracks about twice the collateral's daily return.
//!
//! - **NAV** per token = (collateral value − debt value) ÷ supply, at the oracle's current
//!   prices. Minting adds collateral at NAV; redeeming takes a pro-rata slice of collateral
//!   and debt (the redeemer's slice of debt is bought back with their slice of collateral,
//!   under their slippage bound) and pays the rest, so nobody's exit moves the others' NAV.
//! - **Leverage** = collateral value ÷ equity. It drifts as the price moves (down when the
//!   price rises, up when it falls). Anyone may `rebalance` a token whose leverage left its
//!   band (1.7–2.3×): the call trades toward the target, at most `max_trade` collateral at a
//!   time, and pays the caller a reward out of the vault (at most 1 % of the trade).
//! - **Minting is in kind**: the deposit is levered to the vault's leverage with the
//!   minter's own swap, and the minter gets tokens for exactly the equity added, so a mint
//!   and a redemption in one batch gain nothing from a gap between the DEX and the oracle.
//! - **Ripcord**: past the wider bound (2.7×) a rebalance pays twice the reward, so keepers
//!   race to delever (a call at a time, each capped by `max_trade` so it fits its slippage
//!   bound, repeatable at once) well before lending could liquidate the vault (the ripcord
//!   is checked below the liquidation leverage at creation).
//! - Every operation needs current prices (a stale price stops mint, redeem and rebalance),
//!   and every swap is bounded by the oracle (`REBALANCE_SLIPPAGE` for the keeper's trades,
//!   the redeemer's own bound for a redemption).
//!
//! The vault is an ordinary lending account: its health, liquidation and interest are the
//! market's, so the token can never owe more than its collateral covers without lending's
//! own liquidation stepping in.

use crate::{
	AssetTransfer, Config, Error, Event, LeveragedTokenId, LeveragedTokenParams, LeveragedTokens,
	MarketCache, Pallet, Positions, PriceMode,
};
use codec::Decode;
use frame_support::{
	ensure,
	pallet_prelude::DispatchError,
	traits::{
		fungibles::{Create, Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use modelchain_primitives::{AssetSwap, Balance, LendingAsset, Price};
use sp_arithmetic::{
	traits::{CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, Permill, Rounding,
};
use sp_runtime::traits::{BlakeTwo256, Hash, TrailingZeroInput};

/// The most a keeper's rebalance trade may pay over the oracle value (1 %).
pub const REBALANCE_SLIPPAGE: Permill = Permill::from_percent(1);

/// The largest keeper reward a token may pay (1 % of a trade's value).
pub const MAX_KEEPER_REWARD: Permill = Permill::from_percent(1);

/// A vault's position, valued at current prices.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct VaultState {
	/// Collateral units supplied.
	pub collateral: Balance,
	/// Debt units owed.
	pub debt: Balance,
	/// Collateral value (USD).
	pub collateral_value: Price,
	/// Debt value (USD).
	pub debt_value: Price,
}

impl VaultState {
	/// Collateral value − debt value.
	pub fn equity(&self) -> Price {
		self.collateral_value.saturating_sub(self.debt_value)
	}

	/// Collateral value ÷ equity (1 without debt; the maximum without equity).
	pub fn leverage(&self) -> Price {
		if self.debt_value.is_zero() {
			return Price::one();
		}
		Price::checked_from_rational(self.collateral_value.into_inner(), self.equity().into_inner())
			.unwrap_or_else(|| Price::from_inner(u128::MAX))
	}
}

impl<T: Config> Pallet<T> {
	/// The vault account of leveraged token `id`: `blake2_256(("mdl/ltok", id))`, distinct
	/// from every other account the pallet uses.
	pub fn vault_account(id: LeveragedTokenId) -> T::AccountId {
		let hash = BlakeTwo256::hash_of(&(b"mdl/ltok", id));
		T::AccountId::decode(&mut TrailingZeroInput::new(hash.as_ref()))
			.unwrap_or_else(|_| Self::pool_account())
	}

	/// The vault's collateral and debt at current prices (fails on a stale price).
	pub(crate) fn vault_state(
		params: &LeveragedTokenParams,
		positions: &[crate::Position],
		markets: &mut MarketCache<T>,
	) -> Result<VaultState, DispatchError> {
		let c_price = markets.price(params.collateral)?;
		let d_price = markets.price(params.debt)?;
		let c_market = markets.get(params.collateral)?;
		let d_market = markets.get(params.debt)?;
		let collateral = positions
			.iter()
			.find(|p| p.asset == params.collateral)
			.map_or(0, |p| c_market.state.underlying_of(p.shares));
		let debt = positions
			.iter()
			.find(|p| p.asset == params.debt)
			.map_or(0, |p| d_market.state.debt_of(p.principal, p.borrow_index));
		Ok(VaultState {
			collateral,
			debt,
			collateral_value: c_market.value_of(collateral, c_price),
			debt_value: d_market.debt_value_of(debt, d_price),
		})
	}

	fn token_params(id: LeveragedTokenId) -> Result<LeveragedTokenParams, DispatchError> {
		Ok(LeveragedTokens::<T>::get(id).ok_or(Error::<T>::UnknownLeveragedToken)?)
	}

	pub(crate) fn do_create_leveraged_token(
		id: LeveragedTokenId,
		params: LeveragedTokenParams,
	) -> Result<(), DispatchError> {
		ensure!(!LeveragedTokens::<T>::contains_key(id), Error::<T>::LeveragedTokenExists);
		ensure!(
			params.collateral.model().is_none() && params.debt.model().is_none(),
			Error::<T>::SharesNotBorrowable
		);
		let one = Price::one();
		ensure!(
			params.collateral != params.debt
				&& one < params.min_leverage
				&& params.min_leverage < params.target
				&& params.target < params.max_leverage
				&& params.max_leverage < params.ripcord
				&& params.ripcord <= T::MaxLeverage::get()
				&& !params.max_trade.is_zero(),
			Error::<T>::InvalidLeveragedToken
		);
		ensure!(params.reward <= MAX_KEEPER_REWARD, Error::<T>::InvalidLeveragedToken);
		let mut markets = MarketCache::<T>::new(Self::now());
		markets.get(params.debt)?;
		// Levering up to the band's top must stay within the collateral's borrow limit, and
		// the ripcord must fire before lending would liquidate the vault:
		// max ≤ 1 ÷ (1 − LTV) and ripcord < 1 ÷ (1 − threshold).
		let risk = markets.risk(params.collateral)?;
		let reach = |share: Permill| {
			Price::one()
				.checked_div(&Price::one().saturating_sub(share.into()))
				.unwrap_or_else(|| Price::from_inner(u128::MAX))
		};
		ensure!(
			params.max_leverage <= reach(risk.collateral_factor)
				&& params.ripcord < reach(risk.liquidation_threshold),
			Error::<T>::InvalidLeveragedToken
		);
		// The token asset is created here, owned (and issued, administered, frozen) by the
		// lending pool account, which nobody can sign for: only this pallet mints or burns
		// it, and one asset can back one token only.
		T::TokenAssets::create(params.token, Self::pool_account(), false, 1)
			.map_err(|_| Error::<T>::TokenAssetTaken)?;
		// The vault pays swaps and repayments from its own account, so it holds each asset's
		// minimum (and the native existential deposit) for good, like the pool.
		let vault = Self::vault_account(id);
		for asset in [LendingAsset::Native, params.collateral, params.debt] {
			ensure!(
				T::Assets::balance(asset, &vault) >= T::Assets::minimum_balance(asset),
				Error::<T>::PoolNotSeeded
			);
		}
		LeveragedTokens::<T>::insert(id, params);
		Self::deposit_event(Event::LeveragedTokenCreated { id, params });
		Ok(())
	}

	/// Mints tokens for `amount` of collateral, in kind: the vault supplies it and borrows
	/// the minter's slice of debt to buy `amount × (L − 1)` more collateral (under the
	/// minter's `max_slippage`), so the leverage is unchanged, and the minter receives tokens
	/// for exactly the equity added (their own swap's cost included). A vault without
	/// equity, or above its band, takes no mint until it is rebalanced.
	pub(crate) fn do_mint_leveraged_token(
		who: T::AccountId,
		id: LeveragedTokenId,
		amount: Balance,
		max_slippage: Permill,
	) -> Result<(), DispatchError> {
		ensure!(max_slippage <= crate::leverage::MAX_SLIPPAGE, Error::<T>::SlippageBoundTooWide);
		let params = Self::token_params(id)?;
		let vault = Self::vault_account(id);
		let token = LendingAsset::Asset(params.token);
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&vault);
		let before = Self::vault_state(&params, &positions, &mut markets)?;
		let supply = T::Assets::total_issuance(token);
		let leverage = before.leverage();
		if !supply.is_zero() {
			ensure!(
				!before.equity().is_zero() && leverage <= params.max_leverage,
				Error::<T>::RebalanceFirst
			);
		}
		T::Transfer::transfer(params.collateral, &who, &vault, amount, Preservation::Preserve)?;
		Self::supply_in(&vault, &mut positions, &mut markets, params.collateral, amount)?;
		Self::make_collateral(&vault, &mut positions, &mut markets, params.collateral)?;
		let buy = leverage.saturating_sub(Price::one()).saturating_mul_int(amount);
		if !supply.is_zero() && !buy.is_zero() {
			let quote = Self::bounded_quote(
				&mut markets,
				params.debt,
				params.collateral,
				buy,
				max_slippage,
			)?;
			Self::borrow_out(&vault, &mut positions, &mut markets, params.debt, quote)?;
			T::Swap::swap_exact_out(&vault, params.debt, params.collateral, buy, quote)?;
			Self::supply_in(&vault, &mut positions, &mut markets, params.collateral, buy)?;
		}
		// The first mint sets one token per collateral unit; later ones mint for the equity
		// added, against the equity before (rounded so the holders never lose).
		let tokens = if supply.is_zero() {
			amount
		} else {
			let after = Self::vault_state(&params, &positions, &mut markets)?;
			let added = after.equity().saturating_sub(before.equity());
			crate::math::mul_div(
				added.into_inner(),
				supply,
				before.equity().into_inner().saturating_add(1),
				Rounding::Down,
			)
		};
		ensure!(!tokens.is_zero(), Error::<T>::NothingToMint);
		T::Assets::mint_into(token, &who, tokens)?;
		markets.commit();
		Positions::<T>::insert(&vault, positions);
		Self::deposit_event(Event::LeveragedTokenMinted { who, id, deposit: amount, tokens });
		Ok(())
	}

	/// Burns `tokens` and pays their slice of the vault: the slice of debt is repaid with
	/// the slice of collateral (bought under `max_slippage`), and the rest of the
	/// collateral slice goes to `who`.
	pub(crate) fn do_redeem_leveraged_token(
		who: T::AccountId,
		id: LeveragedTokenId,
		tokens: Balance,
		max_slippage: Permill,
	) -> Result<(), DispatchError> {
		ensure!(max_slippage <= crate::leverage::MAX_SLIPPAGE, Error::<T>::SlippageBoundTooWide);
		let params = Self::token_params(id)?;
		let vault = Self::vault_account(id);
		let token = LendingAsset::Asset(params.token);
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&vault);
		let state = Self::vault_state(&params, &positions, &mut markets)?;
		let supply = T::Assets::total_issuance(token);
		ensure!(tokens <= supply && !supply.is_zero(), Error::<T>::InsufficientShares);
		let take = crate::math::mul_div(state.collateral, tokens, supply, Rounding::Down);
		let owe = crate::math::mul_div(state.debt, tokens, supply, Rounding::Up).min(state.debt);
		ensure!(!take.is_zero(), Error::<T>::ZeroAmount);
		T::Assets::burn_from(
			token,
			&who,
			tokens,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::withdraw_out(&vault, &mut positions, &mut markets, params.collateral, Some(take))?;
		let mut sold = 0;
		if !owe.is_zero() {
			sold = Self::bounded_quote(
				&mut markets,
				params.collateral,
				params.debt,
				owe,
				max_slippage,
			)?;
			ensure!(sold <= take, Error::<T>::InsufficientCollateral);
			sold = T::Swap::swap_exact_out(&vault, params.collateral, params.debt, owe, sold)?;
			Self::repay_in(&vault, &mut positions, &mut markets, params.debt, Some(owe))?;
		}
		let paid = take.saturating_sub(sold);
		T::Transfer::transfer(params.collateral, &vault, &who, paid, Preservation::Preserve)?;
		markets.commit();
		Self::store_positions(&vault, positions);
		Self::deposit_event(Event::LeveragedTokenRedeemed { who, id, tokens, paid, sold });
		Ok(())
	}

	/// Trades the vault back toward its target leverage if it left its band; pays the
	/// caller `reward` of the trade's value (twice that past the ripcord) in collateral.
	pub(crate) fn do_rebalance_leveraged_token(
		who: T::AccountId,
		id: LeveragedTokenId,
	) -> Result<(), DispatchError> {
		let params = Self::token_params(id)?;
		let vault = Self::vault_account(id);
		let mut markets = MarketCache::<T>::new(Self::now());
		let mut positions = Positions::<T>::get(&vault);
		let state = Self::vault_state(&params, &positions, &mut markets)?;
		let before = state.leverage();
		ensure!(!state.collateral.is_zero(), Error::<T>::RebalanceNotNeeded);
		ensure!(
			before < params.min_leverage || before > params.max_leverage,
			Error::<T>::RebalanceNotNeeded
		);
		let ripcord = before > params.ripcord;
		let c_price = markets.price(params.collateral)?;
		let c_market = markets.get(params.collateral)?;
		let wanted = params.target.saturating_mul(state.equity());
		// Every trade is capped (an uncapped one would fail its slippage bound in a thin pool
		// exactly when the ripcord is needed); a rebalance may be repeated at once.
		let cap = |units: Balance| units.min(params.max_trade);
		let traded_value;
		if before > params.max_leverage {
			// Delever: sell collateral for debt and repay.
			let excess = state.collateral_value.saturating_sub(wanted);
			let sell = cap(c_market.amount_for_value(excess, c_price)).min(state.collateral);
			traded_value = c_market.value_of(sell, c_price);
			Self::withdraw_out(
				&vault,
				&mut positions,
				&mut markets,
				params.collateral,
				Some(sell),
			)?;
			let got = Self::bounded_swap_in(
				&mut markets,
				&vault,
				params.collateral,
				params.debt,
				sell,
				REBALANCE_SLIPPAGE,
			)?;
			Self::repay_in(&vault, &mut positions, &mut markets, params.debt, Some(got))?;
		} else {
			// Lever up: borrow debt, buy collateral and supply it.
			let shortfall = wanted.saturating_sub(state.collateral_value);
			let buy = cap(c_market.amount_for_value(shortfall, c_price));
			let quote = Self::bounded_quote(
				&mut markets,
				params.debt,
				params.collateral,
				buy,
				REBALANCE_SLIPPAGE,
			)?;
			traded_value = c_market.value_of(buy, c_price);
			Self::borrow_out(&vault, &mut positions, &mut markets, params.debt, quote)?;
			T::Swap::swap_exact_out(&vault, params.debt, params.collateral, buy, quote)?;
			Self::supply_in(&vault, &mut positions, &mut markets, params.collateral, buy)?;
		}
		// The keeper's reward, in collateral out of the vault.
		let rate =
			if ripcord { params.reward.saturating_add(params.reward) } else { params.reward };
		let reward_value = crate::math::fixed_mul(traded_value, rate.into());
		let reward = c_market.amount_for_value(reward_value, c_price);
		if !reward.is_zero() {
			Self::withdraw_out(
				&vault,
				&mut positions,
				&mut markets,
				params.collateral,
				Some(reward),
			)?;
			T::Transfer::transfer(params.collateral, &vault, &who, reward, Preservation::Preserve)?;
		}
		if before < params.min_leverage {
			// Levering up adds risk: the vault's debt must stay within its borrow limit.
			// (Delevering only lowers it, and must work even above the limit.)
			let health = Self::health(&positions, &mut markets, PriceMode::RequireFresh)?;
			ensure!(health.within_borrow_limit(), Error::<T>::InsufficientCollateral);
		}
		let after = Self::vault_state(&params, &positions, &mut markets)?.leverage();
		markets.commit();
		Self::store_positions(&vault, positions);
		Self::deposit_event(Event::LeveragedTokenRebalanced {
			id,
			who,
			leverage_before: before,
			leverage_after: after,
			traded_value,
			reward,
			ripcord,
		});
		Ok(())
	}
}
