//! Plain data of the lending pallet (market parameters and state, account positions,
//! health) and the pure functions on it: share/underlying conversion and valuation.
//!
//! Everything here is a pure function of its inputs, so the pallet, the runtime API and
//! the tests compute exactly the same numbers.

use crate::math::{fixed_mul, mul_div};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use modelchain_primitives::{AssetId, Balance, LendingAsset, Moment, Price, PricePoint};
use scale_info::TypeInfo;
use sp_arithmetic::{
	traits::{Bounded, CheckedDiv, One, Saturating, Zero},
	FixedPointNumber, Permill, Rounding,
};

pub use crate::rate_model::{RateModel, SECONDS_PER_YEAR};

/// Virtual shares and virtual underlying added to both sides of every conversion. With the
/// pool's own cash accounting (donations are ignored) they make the first-depositor
/// inflation attack pointless: the exchange rate starts at 1 and no transfer can move it.
pub const VIRTUAL_LIQUIDITY: Balance = 1_000;

/// Identifies a risk category (see [`RiskCategory`]).
pub type CategoryId = u8;

/// The debt ceiling of a risk category. An account whose collateral is in a category with
/// a ceiling may use no collateral outside that category and may borrow only `debt_asset`,
/// and all such debt together is capped at `ceiling` units of `debt_asset`. The count rises
/// by each amount borrowed and falls by each amount repaid, liquidated or written off, in
/// the debt asset's own units, so no price enters it and it cannot drift.
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
pub struct DebtCeiling {
	/// The one asset accounts with this category's collateral may borrow.
	pub debt_asset: LendingAsset,
	/// Most units of `debt_asset` that may be borrowed against the category in all.
	pub ceiling: Balance,
}

/// A risk category, in the manner of Aave's eMode: the collateral markets in it are valued
/// with the category's loan-to-value, liquidation threshold and bonus instead of their own.
/// New or riskier kinds of collateral (tokenised real-world assets, model shares) each get
/// one, so governance tightens a whole kind at once.
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
pub struct RiskCategory {
	/// Loan-to-value of the category's collateral (see `MarketParams::collateral_factor`).
	pub collateral_factor: Permill,
	/// Liquidation threshold of the category's collateral.
	pub liquidation_threshold: Permill,
	/// Liquidation bonus on seizing the category's collateral.
	pub liquidation_bonus: Permill,
	/// Zero LTV: the category's collateral gives no borrowing power at all (new borrows and
	/// withdrawals of other collateral see it as worth 0), while it still counts at the
	/// liquidation threshold, so existing debt is not liquidated by the flag alone.
	pub zero_ltv: bool,
	/// The category's debt ceiling, or `None`.
	pub debt_ceiling: Option<DebtCeiling>,
}

impl RiskCategory {
	/// The loan-to-value the category's collateral gives: 0 under the zero-LTV flag.
	pub fn effective_collateral_factor(&self) -> Permill {
		if self.zero_ltv {
			Permill::zero()
		} else {
			self.collateral_factor
		}
	}
}

/// A risk category and its state.
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
pub struct Category {
	/// The category's parameters.
	pub params: RiskCategory,
	/// The debt borrowed against the category's collateral and not yet repaid, scaled by
	/// the debt market's borrow index (units of the ceiling's debt asset at index 1; 0
	/// without a ceiling): × the index gives the debt now, interest included, so repaying
	/// interest frees no room that outstanding debt still uses. See [`Category::debt_now`].
	pub scaled_debt: Balance,
	/// How many markets are in the category (it can be removed only at 0).
	pub markets: u32,
}

impl Category {
	/// `amount` of debt at `index`, scaled down to index 1: rounded up when counted, down
	/// when released, so the count never falls below the debt it stands for.
	pub fn scale(amount: Balance, index: Price, rounding: Rounding) -> Balance {
		if index.is_zero() {
			return amount;
		}
		mul_div(amount, Price::accuracy(), index.into_inner(), rounding)
	}

	/// The debt counted against the ceiling now, at the debt market's `index` (rounded up).
	pub fn debt_now(&self, index: Price) -> Balance {
		mul_div(self.scaled_debt, index.into_inner(), Price::accuracy(), Rounding::Up)
	}
}

/// The risk values one collateral market is valued with: its own, or its category's.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CollateralRisk {
	/// Loan-to-value in effect (0 under a zero-LTV category).
	pub collateral_factor: Permill,
	/// Liquidation threshold.
	pub liquidation_threshold: Permill,
	/// Liquidation bonus.
	pub liquidation_bonus: Permill,
	/// The category, if it has a debt ceiling.
	pub ceiling_category: Option<CategoryId>,
}

/// How a collateral market's value is written down while its price is stale, instead of
/// dropping to zero at once (Centrifuge writes overdue or unpriced real-world assets down
/// on a schedule): after `grace` ms past the price's maximum age, the last price is cut by
/// `per_day` for each day (pro rata by the ms) until it reaches zero. Borrowing against the
/// market stops as soon as the price is stale, whatever the schedule; only the liquidation
/// test (whether, and how much of, an account can be liquidated) sees the written-down
/// value. Seizing is at the last price: the schedule is never a liquidator's discount.
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
pub struct WriteDown {
	/// How long (ms) a stale price is still taken at full value.
	pub grace: Moment,
	/// The share of the last price written off per day after the grace (more than 0).
	pub per_day: Permill,
}

/// Milliseconds in a day, the write-down schedule's unit.
pub const MS_PER_DAY: Moment = 86_400_000;

/// The longest grace a write-down schedule may give (30 days): a longer one would value a
/// stale price in full for too long.
pub const MAX_WRITE_DOWN_GRACE: Moment = 30 * MS_PER_DAY;

impl WriteDown {
	/// The share of the last price still counted `stale_for` ms after the price went stale:
	/// 1 within the grace, then falling by `per_day` a day, at least 0.
	pub fn remaining(&self, stale_for: Moment) -> Price {
		let past_grace = stale_for.saturating_sub(self.grace);
		let written_off = Price::from(self.per_day)
			.saturating_mul(Price::saturating_from_rational(past_grace, MS_PER_DAY));
		Price::one().saturating_sub(written_off)
	}
}

/// Identifies a leveraged token (see `leveraged_token.rs`).
pub type LeveragedTokenId = u32;

/// A leveraged token's parameters, set by the admin origin.
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
pub struct LeveragedTokenParams {
	/// The market whose asset the vault holds as collateral (the exposure).
	pub collateral: LendingAsset,
	/// The market the vault borrows from.
	pub debt: LendingAsset,
	/// The `pallet-assets` id of the token, created with the token (owned by the pool
	/// account, so only the lending pallet mints and burns it).
	pub token: AssetId,
	/// The leverage a rebalance trades toward (2×).
	pub target: Price,
	/// Below this leverage anyone may rebalance (1.7×).
	pub min_leverage: Price,
	/// Above this leverage anyone may rebalance (2.3×).
	pub max_leverage: Price,
	/// Above this leverage a rebalance pays twice the reward (2.7×).
	pub ripcord: Price,
	/// The most collateral units one rebalance trades: size it so a trade's fee and price
	/// impact fit the 1 % bound in the pool.
	pub max_trade: Balance,
	/// The caller's reward: this share of a rebalance's trade value, in collateral (≤ 1 %).
	pub reward: Permill,
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
	/// (A market in a risk category is valued with the category's values instead of these
	/// three.)
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
	/// Most underlying the market may owe its suppliers (cash + borrows − reserves +
	/// deficit) after a supply. Interest may take it beyond.
	pub supply_cap: Balance,
	/// Most total borrows after a borrow. Interest may take it beyond.
	pub borrow_cap: Balance,
	/// Least debt a borrow may leave in this market (units): no position too small for a
	/// liquidator to bother with can be opened.
	pub min_borrow: Balance,
	/// The borrow-rate curve.
	pub rate_model: RateModel,
	/// A price older than this (ms) is stale: risk-increasing calls fail.
	pub max_price_age: Moment,
	/// The oracle key (`OracleKey::AssetPrice(price_key)`) pricing one whole token.
	pub price_key: AssetId,
	/// Decimals of the asset: a price is per `10^decimals` units.
	pub decimals: u8,
	/// The market's risk category (see [`RiskCategory`]), or `None` to be valued with its
	/// own collateral factor, threshold and bonus.
	pub category: Option<CategoryId>,
	/// How its collateral is written down while its price is stale (see [`WriteDown`]), or
	/// `None`: then collateral without a current price counts as 0 to a liquidation.
	pub stale_write_down: Option<WriteDown>,
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
	/// Underlying lent by the flash loan in progress, owed back before the extrinsic ends.
	/// It still belongs to the suppliers, so every valuation counts it with `cash`; only
	/// what can be paid out now (`cash`) leaves it out. Zero between extrinsics.
	pub in_flight: Balance,
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
	/// Bad debt written off that reserves could not cover: a receivable of the suppliers
	/// until someone covers it (`cover_deficit`) or governance socialises it
	/// (`socialise_deficit`). New supply is priced with it, redemptions without it, so
	/// nobody gains by entering before a cover or leaving before a socialisation.
	pub deficit: Balance,
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
	/// The last price the oracle pushed, kept when the oracle stops serving one (zero if it
	/// never did): collateral without a current price is seized at it, and debt without a
	/// current price is valued at it, so that no missing price blocks a liquidation.
	pub last_price: Price,
	/// When the oracle observed `last_price` (ms), kept with it: a stale price's write-down
	/// (see [`WriteDown`]) counts from here.
	pub last_observed_at: Moment,
	/// Model-share markets only: the model (or one it derives from) is flagged by an upheld
	/// incident, as last synced (the models pallet's hook for the model itself, or
	/// `sync_model_flag`). Flagged collateral lends no borrowing power. (Supplying or
	/// enabling shares reads the flag itself and is refused while it is set.)
	pub shares_flagged: bool,
	/// Model-share markets only: the block the price copy last rose in. A share price rises
	/// by at most `SharePriceMaxRise` per block since then (see `share_collateral.rs`).
	pub price_rose_at: u32,
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
	/// A new market's state at time `now`, valued with the oracle's `price` point.
	pub fn new(now: Moment, price: Option<PricePoint>) -> Self {
		Self {
			cash: 0,
			in_flight: 0,
			total_borrows: 0,
			total_reserves: 0,
			total_shares: 0,
			borrow_index: Price::one(),
			last_accrued: now,
			deficit: 0,
			paused: false,
			halted: false,
			price,
			last_price: price.map(|p| p.price).unwrap_or_default(),
			last_observed_at: price.map(|p| p.observed_at).unwrap_or_default(),
			shares_flagged: false,
			price_rose_at: 0,
		}
	}

	/// What the pool owns for its suppliers: cash + in flight + borrows − reserves. Shares
	/// redeem against this.
	pub fn pool_assets(&self) -> Balance {
		self.cash
			.saturating_add(self.in_flight)
			.saturating_add(self.total_borrows)
			.saturating_sub(self.total_reserves)
	}

	/// What the suppliers are owed on the books: [`Self::pool_assets`] plus the deficit,
	/// a receivable until it is covered or socialised. New shares are priced against this.
	pub fn booked_assets(&self) -> Balance {
		self.pool_assets().saturating_add(self.deficit)
	}

	/// Borrows ÷ (cash + in flight + borrows − reserves), at most 1.
	pub fn utilisation(&self) -> Price {
		let assets = self.pool_assets();
		if assets.is_zero() {
			return Price::zero();
		}
		Price::from_inner(mul_div(self.total_borrows, Price::accuracy(), assets, Rounding::Down))
			.min(Price::one())
	}

	/// Shares minted for supplying `amount` (rounded down: the pool keeps the dust), at
	/// the booked rate: a deficit still counts as owed to the suppliers, so supplying
	/// before a cover buys no share of it.
	pub fn shares_for_supply(&self, amount: Balance) -> Balance {
		mul_div(
			amount,
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
			self.booked_assets().saturating_add(VIRTUAL_LIQUIDITY),
			Rounding::Down,
		)
	}

	/// Shares burnt to withdraw `amount` (rounded up: the pool keeps the dust), at the
	/// redemption rate (without the deficit). Never fewer than a pro-rata share of the
	/// pool's assets would need, so after bad debt the virtual liquidity cannot be
	/// withdrawn.
	pub fn shares_for_withdrawal(&self, amount: Balance) -> Balance {
		let with_virtual = mul_div(
			amount,
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
			self.pool_assets().saturating_add(VIRTUAL_LIQUIDITY),
			Rounding::Up,
		);
		let pro_rata = if self.pool_assets().is_zero() {
			Balance::MAX
		} else {
			mul_div(amount, self.total_shares, self.pool_assets(), Rounding::Up)
		};
		with_virtual.max(pro_rata)
	}

	/// Underlying `shares` redeem for (rounded down): the virtual-liquidity rate, but never
	/// more than a pro-rata share of the pool's assets, so Σ redeemable ≤ pool assets.
	pub fn underlying_of(&self, shares: Balance) -> Balance {
		if self.total_shares.is_zero() {
			return 0;
		}
		let with_virtual = mul_div(
			shares,
			self.pool_assets().saturating_add(VIRTUAL_LIQUIDITY),
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
			Rounding::Down,
		);
		let pro_rata = mul_div(shares, self.pool_assets(), self.total_shares, Rounding::Down);
		with_virtual.min(pro_rata)
	}

	/// Underlying one share redeems for.
	pub fn exchange_rate(&self) -> Price {
		let with_virtual = Price::checked_from_rational(
			self.pool_assets().saturating_add(VIRTUAL_LIQUIDITY),
			self.total_shares.saturating_add(VIRTUAL_LIQUIDITY),
		)
		.unwrap_or_else(Price::one);
		match Price::checked_from_rational(self.pool_assets(), self.total_shares) {
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
	/// Value (USD) of `amount` units at `price` per whole token, rounded down: how
	/// collateral is valued.
	pub fn value_of(&self, amount: Balance, price: Price) -> Price {
		let units =
			Price::from_inner(mul_div(amount, Price::accuracy(), self.unit(), Rounding::Down));
		fixed_mul(units, price)
	}

	/// Value (USD) of `amount` units of debt at `price`, rounded up: a debt is never worth
	/// less than its exact value.
	pub fn debt_value_of(&self, amount: Balance, price: Price) -> Price {
		let units =
			Price::from_inner(mul_div(amount, Price::accuracy(), self.unit(), Rounding::Up));
		Price::from_inner(mul_div(
			units.into_inner(),
			price.into_inner(),
			Price::accuracy(),
			Rounding::Up,
		))
	}

	/// Units worth `value` (USD) at `price` per whole token, rounded down.
	pub fn amount_for_value(&self, value: Price, price: Price) -> Balance {
		if price.is_zero() {
			return 0;
		}
		let whole = value.checked_div(&price).unwrap_or_else(Price::max_value);
		mul_div(whole.into_inner(), self.unit(), Price::accuracy(), Rounding::Down)
	}

	/// Units worth `value` (USD) at `price` per whole token, rounded up: what must be
	/// repaid for a value, never less.
	pub fn amount_for_value_up(&self, value: Price, price: Price) -> Balance {
		if price.is_zero() {
			return 0;
		}
		let whole =
			mul_div(value.into_inner(), Price::accuracy(), price.into_inner(), Rounding::Up);
		mul_div(whole, self.unit(), Price::accuracy(), Rounding::Up)
	}

	/// Units in one whole token.
	pub fn unit(&self) -> Balance {
		10u128.saturating_pow(u32::from(self.params.decimals))
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

	/// Whether its supply counts as collateral now (enabled, and shares left).
	pub fn is_collateral(&self) -> bool {
		self.collateral && !self.shares.is_zero()
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

/// Whether a valuation must use current prices, and which.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PriceMode {
	/// Risk-increasing calls: every price must be current and not liquidation-only; a
	/// missing or stale one fails the call.
	RequireFresh,
	/// Liquidations: collateral without a current price counts as 0, or as written down by
	/// its market's schedule (liquidation-only prices count as current); debt without one
	/// is valued at the last price. Never fails for want of a price.
	Liquidation,
	/// Read-only views: whatever price exists, reporting whether all were current.
	BestEffort,
}
