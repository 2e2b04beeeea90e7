//! Market parameters and state, account positions, and the pure arithmetic on them:
//! the kinked rate curve, interest accrual, share/underlying conversion and valuation.
//!
//! Everything here is a pure function of its inputs, so the pallet, the runtime API and
//! the tests compute exactly the same numbers.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::traits::{fungibles::Mutate, tokens::Preservation};
use modelchain_primitives::{AssetId, Balance, LendingAsset, Moment, Price, PricePoint};
use scale_info::TypeInfo;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Bounded, CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, Permill, Rounding,
};
use sp_runtime::DispatchError;

/// Seconds in a (365-day) year: rates are annual, interest compounds per second.
pub const SECONDS_PER_YEAR: u64 = 31_536_000;

/// Virtual shares and virtual underlying added to both sides of every conversion. With the
/// pool's own cash accounting (donations are ignored) they make the first-depositor
/// inflation attack pointless: the exchange rate starts at 1 and no transfer can move it.
pub const VIRTUAL_LIQUIDITY: Balance = 1_000;

/// The kinked ("jump") borrow-rate curve. Rates are annual and may exceed 100 %.
///
/// `rate(u) = base + multiplier·u` up to the kink, then
/// `base + multiplier·kink + jump_multiplier·(u − kink)`, never above `max_rate`.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct RateModel {
	/// Rate at zero utilisation.
	pub base_rate: Price,
	/// Slope below the kink.
	pub multiplier: Price,
	/// Slope above the kink.
	pub jump_multiplier: Price,
	/// Utilisation where the slope changes (strictly between 0 and 100 %).
	pub kink: Permill,
	/// Cap on the rate, itself capped by the pallet's `MaxBorrowRate`.
	pub max_rate: Price,
}

impl RateModel {
	/// The annual borrow rate at `utilisation`.
	pub fn borrow_rate(&self, utilisation: Price) -> Price {
		let kink = Price::from(self.kink);
		let rate = if utilisation <= kink {
			self.base_rate.saturating_add(fixed_mul(self.multiplier, utilisation))
		} else {
			self.base_rate
				.saturating_add(fixed_mul(self.multiplier, kink))
				.saturating_add(fixed_mul(self.jump_multiplier, utilisation.saturating_sub(kink)))
		};
		rate.min(self.max_rate)
	}
}

/// A market's risk parameters, set by the admin origin.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct MarketParams {
	/// Loan-to-value: a borrow may bring debt up to this share of the collateral's value.
	pub collateral_factor: Permill,
	/// Above the collateral factor and below 100 %: debt beyond this share of the
	/// collateral's value makes the account liquidatable (health factor < 1).
	pub liquidation_threshold: Permill,
	/// Extra collateral a liquidator seizes, on top of the value repaid.
	pub liquidation_bonus: Permill,
	/// The protocol's share of the bonus, kept as reserves.
	pub protocol_liquidation_share: Permill,
	/// Share of interest (and flash-loan fees) kept as reserves.
	pub reserve_factor: Permill,
	/// Most underlying the market may hold as supply (cash + borrows − reserves) after a
	/// supply. Interest may take it beyond.
	pub supply_cap: Balance,
	/// Most total borrows after a borrow. Interest may take it beyond.
	pub borrow_cap: Balance,
	/// The borrow-rate curve.
	pub rate_model: RateModel,
	/// A price older than this (ms) is stale: risk-increasing calls fail.
	pub max_price_age: Moment,
	/// The oracle key (`OracleKey::AssetPrice(price_key)`) pricing one whole token.
	pub price_key: AssetId,
	/// Decimals of the asset: a price is per `10^decimals` units.
	pub decimals: u8,
	/// Isolation mode: an account using this asset as collateral may use no other
	/// collateral, and all debt backed by it is capped at this value (USD).
	pub isolation_debt_ceiling: Option<Price>,
}

/// A market's mutable state.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct MarketState {
	/// Underlying the pool holds by its own books. Transfers to the pool account that do
	/// not go through a call (donations) are not counted.
	pub cash: Balance,
	/// Total borrows, interest included, rounded down.
	pub total_borrows: Balance,
	/// Reserves owned by the protocol (part of cash + borrows).
	pub total_reserves: Balance,
	/// Supply shares in issue.
	pub total_shares: Balance,
	/// Global borrow index; starts at 1 and never decreases.
	pub borrow_index: Price,
	/// Time (ms) interest was last accrued to. Advances in whole seconds.
	pub last_accrued: Moment,
	/// Bad debt written off that reserves could not cover, until someone covers it.
	pub deficit: Balance,
	/// In isolation mode: debt value (USD) currently backed by this collateral.
	pub isolated_debt: Price,
	/// A paused market takes no supply, borrow, withdrawal or flash loan.
	pub paused: bool,
	/// The pallet-wide pause (`PalletPaused`), stamped on every market so that a call
	/// learns of it from the market it reads anyway rather than from a storage read of its
	/// own. Always equal to `PalletPaused` (checked by `try_state`).
	pub halted: bool,
	/// The oracle's stored price point for `params.price_key`, kept equal to
	/// `PriceFeed::price_point` by the oracle's `OnPriceChange` push (checked by
	/// `try_state`), so that valuing a position reads no oracle storage. Whether it is
	/// current is decided at use: see `Pallet::current_price`.
	pub price: Option<PricePoint>,
}

/// One market: parameters and state, stored together so a call reads one item per market.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Market {
	/// Risk parameters.
	pub params: MarketParams,
	/// State.
	pub state: MarketState,
}

impl MarketState {
	/// A new market's state at time `now`.
	pub fn new(now: Moment) -> Self {
		Self {
			cash: 0,
			total_borrows: 0,
			total_reserves: 0,
			total_shares: 0,
			borrow_index: Price::one(),
			last_accrued: now,
			deficit: 0,
			isolated_debt: Price::zero(),
			paused: false,
			halted: false,
			price: None,
		}
	}

	/// What all suppliers own together: cash + borrows − reserves.
	pub fn supplied_assets(&self) -> Balance {
		self.cash.saturating_add(self.total_borrows).saturating_sub(self.total_reserves)
	}

	/// Borrows ÷ (cash + borrows − reserves), at most 1.
	pub fn utilisation(&self) -> Price {
		let assets = self.supplied_assets();
		if assets.is_zero() {
			return Price::zero();
		}
		Price::from_inner(mul_div(self.total_borrows, Price::accuracy(), assets, Rounding::Down))
			.min(Price::one())
	}

	/// Shares minted for supplying `amount` (rounded down: the pool keeps the dust).
	pub fn shares_for_supply(&self, amount: Balance) -> Balance {
		mul_div(
			amount,
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
			self.supplied_assets().saturating_add(VIRTUAL_LIQUIDITY),
			Rounding::Down,
		)
	}

	/// Shares burnt to withdraw `amount` (rounded up: the pool keeps the dust). Never fewer
	/// than a pro-rata share of the real supply would need, so after bad debt (exchange
	/// rate below 1) the virtual liquidity cannot be withdrawn.
	pub fn shares_for_withdrawal(&self, amount: Balance) -> Balance {
		let with_virtual = mul_div(
			amount,
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
			self.supplied_assets().saturating_add(VIRTUAL_LIQUIDITY),
			Rounding::Up,
		);
		let pro_rata = if self.supplied_assets().is_zero() {
			Balance::MAX
		} else {
			mul_div(amount, self.total_shares, self.supplied_assets(), Rounding::Up)
		};
		with_virtual.max(pro_rata)
	}

	/// Underlying `shares` redeem for (rounded down): the virtual-liquidity rate, but never
	/// more than a pro-rata share of the real supply, so Σ redeemable ≤ supplied assets.
	pub fn underlying_of(&self, shares: Balance) -> Balance {
		if self.total_shares.is_zero() {
			return 0;
		}
		let with_virtual = mul_div(
			shares,
			self.supplied_assets().saturating_add(VIRTUAL_LIQUIDITY),
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
			Rounding::Down,
		);
		let pro_rata = mul_div(shares, self.supplied_assets(), self.total_shares, Rounding::Down);
		with_virtual.min(pro_rata)
	}

	/// Underlying one share redeems for.
	pub fn exchange_rate(&self) -> Price {
		let with_virtual = Price::checked_from_rational(
			self.supplied_assets().saturating_add(VIRTUAL_LIQUIDITY),
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
		)
		.unwrap_or_else(Price::one);
		match Price::checked_from_rational(self.supplied_assets(), self.total_shares) {
			Some(pro_rata) if !self.total_shares.is_zero() => with_virtual.min(pro_rata),
			_ => with_virtual,
		}
	}

	/// A debt recorded as `principal` at `snapshot_index`, now (rounded up: the borrower
	/// never owes less than the exact amount).
	pub fn debt_of(&self, principal: Balance, snapshot_index: Price) -> Balance {
		if principal.is_zero() || snapshot_index.is_zero() {
			return principal;
		}
		mul_div(
			principal,
			self.borrow_index.into_inner(),
			snapshot_index.into_inner(),
			Rounding::Up,
		)
	}
}

impl Market {
	/// Accrues interest from `last_accrued` to `now`, in whole seconds.
	///
	/// The index grows by `(1 + rate/year)^seconds` (per-second compounding, the per-second
	/// rate rounded up); total borrows grow by the same factor, rounded down; the reserve
	/// factor's share of the new interest becomes reserves. Every step saturates, so a long
	/// idle period at the maximum rate cannot overflow or make the market unusable.
	pub fn accrue(&mut self, now: Moment) {
		let elapsed_ms = now.saturating_sub(self.state.last_accrued);
		let seconds = elapsed_ms.checked_div(1_000).unwrap_or_default();
		if seconds.is_zero() {
			return;
		}
		self.state.last_accrued =
			self.state.last_accrued.saturating_add(seconds.saturating_mul(1_000));
		if self.state.total_borrows.is_zero() {
			return;
		}
		let growth = self.growth_factor(seconds);
		self.state.borrow_index = fixed_mul(self.state.borrow_index, growth);
		let new_borrows = mul_div(
			growth.into_inner(),
			self.state.total_borrows,
			Price::accuracy(),
			Rounding::Down,
		);
		let interest = new_borrows.saturating_sub(self.state.total_borrows);
		self.state.total_borrows = new_borrows;
		self.state.total_reserves = self
			.state
			.total_reserves
			.saturating_add(self.params.reserve_factor.mul_floor(interest));
	}

	/// `(1 + rate/year)^seconds` at the current utilisation.
	pub fn growth_factor(&self, seconds: u64) -> Price {
		let rate = self.params.rate_model.borrow_rate(self.state.utilisation());
		let per_second =
			Price::from_inner(rate.into_inner().div_ceil(u128::from(SECONDS_PER_YEAR)));
		fixed_pow(Price::one().saturating_add(per_second), seconds)
	}

	/// The last price the oracle stored for this market, current or not (zero if none):
	/// for reports and for lowering isolated debt, never for a call's risk check.
	pub fn last_price(&self) -> Price {
		self.state.price.map(|point| point.price).unwrap_or_default()
	}

	/// A copy accrued to `now`, for reading without writing.
	pub fn accrued(mut self, now: Moment) -> Self {
		self.accrue(now);
		self
	}

	/// Value (USD) of `amount` units at `price` per whole token.
	pub fn value_of(&self, amount: Balance, price: Price) -> Price {
		// `checked_from_rational(amount, unit)`, rounded down; `unit` is never zero.
		let units =
			Price::from_inner(mul_div(amount, Price::accuracy(), self.unit(), Rounding::Down));
		fixed_mul(units, price)
	}

	/// Units worth `value` (USD) at `price` per whole token, rounded down.
	pub fn amount_for_value(&self, value: Price, price: Price) -> Balance {
		if price.is_zero() {
			return 0;
		}
		let whole = value.checked_div(&price).unwrap_or_else(Price::max_value);
		mul_div(whole.into_inner(), self.unit(), Price::accuracy(), Rounding::Down)
	}

	/// Units in one whole token.
	pub fn unit(&self) -> Balance {
		10u128.saturating_pow(u32::from(self.params.decimals))
	}

	/// Annual borrow rate, compounded per second for a year, minus one.
	pub fn borrow_apy(&self) -> Price {
		self.growth_factor(SECONDS_PER_YEAR).saturating_sub(Price::one())
	}

	/// Annual rate suppliers earn: borrow rate × utilisation × (1 − reserve factor),
	/// compounded per second for a year, minus one.
	pub fn supply_apy(&self) -> Price {
		let utilisation = self.state.utilisation();
		let borrow_rate = self.params.rate_model.borrow_rate(utilisation);
		let kept = Price::from(Permill::one().saturating_sub(self.params.reserve_factor));
		let supply_rate = borrow_rate.saturating_mul(utilisation).saturating_mul(kept);
		let per_second = Price::from_inner(
			supply_rate.into_inner().checked_div(u128::from(SECONDS_PER_YEAR)).unwrap_or_default(),
		);
		fixed_pow(Price::one().saturating_add(per_second), SECONDS_PER_YEAR)
			.saturating_sub(Price::one())
	}
}

/// The close-factor window of a borrow position: liquidations of one position within one
/// block are limited by the debt at the first of them, so splitting one liquidation into
/// many cannot take more than the close factor.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct LiquidationWindow {
	/// The block of the first liquidation.
	pub block: u32,
	/// The debt before that liquidation.
	pub debt_at_start: Balance,
	/// Repaid by liquidations in this block so far.
	pub repaid: Balance,
}

/// An account's position in one market: supply shares and/or debt.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Position {
	/// The market.
	pub asset: LendingAsset,
	/// Supply shares held.
	pub shares: Balance,
	/// Whether the supply counts as collateral.
	pub collateral: bool,
	/// Debt as of `borrow_index`.
	pub principal: Balance,
	/// The market's borrow index when `principal` was recorded.
	pub borrow_index: Price,
	/// Liquidations of this debt in the current block.
	pub liquidation_window: Option<LiquidationWindow>,
}

impl Position {
	/// An empty position in `asset`.
	pub fn empty(asset: LendingAsset) -> Self {
		Self {
			asset,
			shares: 0,
			collateral: false,
			principal: 0,
			borrow_index: Price::one(),
			liquidation_window: None,
		}
	}

	/// Whether the position holds nothing and can be dropped.
	pub fn is_empty(&self) -> bool {
		self.shares.is_zero() && self.principal.is_zero()
	}
}

/// An account's totals, valued with current prices.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Health {
	/// Σ collateral value.
	pub collateral_value: Price,
	/// Σ collateral value × collateral factor.
	pub borrow_limit: Price,
	/// Σ collateral value × liquidation threshold.
	pub liquidation_limit: Price,
	/// Σ debt value.
	pub debt_value: Price,
}

impl Health {
	/// `liquidation_limit / debt_value`, or `None` without debt.
	pub fn health_factor(&self) -> Option<Price> {
		if self.debt_value.is_zero() {
			return None;
		}
		Some(self.liquidation_limit.checked_div(&self.debt_value).unwrap_or_else(Price::max_value))
	}

	/// Health factor < 1.
	pub fn is_liquidatable(&self) -> bool {
		self.liquidation_limit < self.debt_value
	}

	/// Debt within the borrow limit (the bound every risk-increasing call must keep).
	pub fn within_borrow_limit(&self) -> bool {
		self.debt_value <= self.borrow_limit
	}
}

// ---------------------------------------------------------------- fixed-point arithmetic
//
// The three functions below give exactly the results of `sp_arithmetic`'s
// `multiply_by_rational_with_rounding`, `FixedU128::saturating_mul` and
// `FixedU128::saturating_pow`, bit for bit (the tests compare them on random inputs). They
// are faster because the common case, a product that fits in 128 bits, takes one native
// division; `multiply_by_rational_with_rounding` always goes through its 256-bit long
// division, which costs four 128-bit divisions even when the product is small. Interest
// compounding runs ~40 of these products per market per call.

/// `a × b ÷ c`, rounded as asked, with 256-bit intermediate precision when the product
/// needs it. Saturates instead of overflowing, and `c = 0` gives 0.
pub fn mul_div(a: Balance, b: Balance, c: Balance, rounding: Rounding) -> Balance {
	if c.is_zero() {
		return 0;
	}
	let Some(product) = a.checked_mul(b) else {
		return multiply_by_rational_with_rounding(a, b, c, rounding).unwrap_or(Balance::MAX);
	};
	let quotient = product.checked_div(c).unwrap_or_default();
	let remainder = product.checked_rem(c).unwrap_or_default();
	let half_down = c >> 1;
	let round_up = match rounding {
		Rounding::Up => remainder > 0,
		Rounding::NearestPrefUp => remainder >= half_down.saturating_add(c & 1),
		Rounding::NearestPrefDown => remainder > half_down,
		Rounding::Down => false,
	};
	// `quotient = MAX` only when `c = 1`, and then the remainder is 0: no overflow.
	quotient.saturating_add(Balance::from(round_up))
}

/// `a × b` in fixed point, rounded down and saturating, exactly as
/// `FixedU128::saturating_mul`.
pub fn fixed_mul(a: Price, b: Price) -> Price {
	Price::from_inner(mul_div(a.into_inner(), b.into_inner(), Price::accuracy(), Rounding::Down))
}

/// `base^exponent` by repeated squaring, each product rounded by [`fixed_mul`]. Equal to
/// `FixedU128::saturating_pow` for every exponent up to `u32::MAX` (which silently
/// truncates larger exponents; this takes the whole `u64`), and it skips the final,
/// unused squaring.
pub fn fixed_pow(base: Price, exponent: u64) -> Price {
	let mut result = Price::one();
	let mut square = base;
	let mut remaining = exponent;
	while remaining > 0 {
		if remaining & 1 == 1 {
			result = fixed_mul(result, square);
		}
		remaining >>= 1;
		if remaining > 0 {
			square = fixed_mul(square, square);
		}
	}
	result
}

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
