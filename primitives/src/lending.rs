//! Lending types shared by the lending pallet, the runtime API and the node's `lending_*`
//! RPC, and the asset classifier the runtime's unified `fungibles` view uses.
//!
//! Values (collateral value, debt value, ceilings) are in the oracle's unit of account
//! (USD) as [`Price`] fixed-point numbers: `Price::one()` is one dollar.

use crate::{models::balance_string, AssetId, Balance, ModelId, Price};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::Convert, Either};

/// An asset a lending market can be opened for: the native token, a `pallet-assets` asset,
/// or the shares of a model. Stored (market keys, positions) and part of the DEX's pool
/// ids: the indices never change.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
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
pub enum LendingAsset {
	/// The native token (`Balances`).
	#[codec(index = 0)]
	Native,
	/// An asset of `pallet-assets`, by id.
	#[codec(index = 1)]
	Asset(AssetId),
	/// The shares of a model (the models pallet's ledger). Only collateral: a market for
	/// them lends nothing, and the shares stay with their holder under lending's lock.
	#[codec(index = 2)]
	ModelShares(
		// Ids above 2^53 do not fit a JavaScript number: the RPCs write a decimal string and
		// read a string or a number.
		#[serde(with = "crate::models::id_string")] ModelId,
	),
}

impl LendingAsset {
	/// The model whose shares this is, if it is model shares.
	pub fn model(&self) -> Option<ModelId> {
		match self {
			LendingAsset::ModelShares(model) => Some(*model),
			_ => None,
		}
	}
}

/// A token other than the native one: a `pallet-assets` asset or a model's shares (the right
/// side of the runtime's one `fungibles` view).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum NonNative {
	/// A `pallet-assets` asset.
	#[codec(index = 0)]
	Asset(AssetId),
	/// A model's shares.
	#[codec(index = 1)]
	Shares(ModelId),
}

/// Routes [`LendingAsset::Native`] to the native currency and everything else to the
/// non-native side, for `frame_support`'s `fungible::UnionOf`.
pub struct NativeOrOther;
impl Convert<LendingAsset, Either<(), NonNative>> for NativeOrOther {
	fn convert(asset: LendingAsset) -> Either<(), NonNative> {
		match asset {
			LendingAsset::Native => Either::Left(()),
			LendingAsset::Asset(id) => Either::Right(NonNative::Asset(id)),
			LendingAsset::ModelShares(model) => Either::Right(NonNative::Shares(model)),
		}
	}
}

/// Routes [`NonNative::Asset`] to `pallet-assets` and [`NonNative::Shares`] to the models
/// pallet, for `frame_support`'s `fungibles::UnionOf`.
pub struct AssetOrShares;
impl Convert<NonNative, Either<AssetId, ModelId>> for AssetOrShares {
	fn convert(token: NonNative) -> Either<AssetId, ModelId> {
		match token {
			NonNative::Asset(id) => Either::Left(id),
			NonNative::Shares(model) => Either::Right(model),
		}
	}
}

/// One of an account's positions, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PositionSummary {
	/// The market.
	pub asset: LendingAsset,
	/// Underlying the account's supply shares redeem for now.
	#[serde(with = "balance_string")]
	pub supplied: Balance,
	/// Whether the supply counts as collateral.
	pub collateral: bool,
	/// Debt now, interest included (rounded up).
	#[serde(with = "balance_string")]
	pub debt: Balance,
}

/// How much of one market an account could borrow now.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Borrowable {
	/// The market.
	pub asset: LendingAsset,
	/// Limited by the account's remaining borrow limit, the market's cash and its borrow
	/// cap. Zero when a price is missing or stale or the market is paused.
	#[serde(with = "balance_string")]
	pub amount: Balance,
}

/// An account's health, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountHealth {
	/// Σ collateral value (USD).
	pub collateral_value: Price,
	/// Σ collateral value × collateral factor: the most the account may owe after a borrow.
	pub borrow_limit: Price,
	/// Σ collateral value × liquidation threshold.
	pub liquidation_limit: Price,
	/// Σ debt value (USD).
	pub debt_value: Price,
	/// `liquidation_limit / debt_value`; `None` without debt.
	pub health_factor: Option<Price>,
	/// Whether every price the figures use was current; if not, they use the last price
	/// seen and risk-increasing calls will fail.
	pub prices_fresh: bool,
	/// Whether anyone may liquidate the account now.
	pub liquidatable: bool,
	/// Every position.
	pub positions: Vec<PositionSummary>,
	/// What the account could borrow now, per market.
	pub max_borrowable: Vec<Borrowable>,
}

/// A market's state, as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MarketSummary {
	/// The market.
	pub asset: LendingAsset,
	/// Borrows ÷ (cash + borrows − reserves).
	pub utilisation: Price,
	/// Annual borrow rate now (simple, before compounding).
	pub borrow_rate: Price,
	/// Borrow APY: the borrow rate compounded every second for a year.
	pub borrow_apy: Price,
	/// Supply APY: what suppliers earn, after the reserve factor, compounded per second.
	pub supply_apy: Price,
	/// The borrow index (starts at 1).
	pub borrow_index: Price,
	/// Underlying one supply share redeems for.
	pub exchange_rate: Price,
	/// Underlying the pool holds by its own accounting (donations are not counted).
	#[serde(with = "balance_string")]
	pub cash: Balance,
	/// Total borrows, interest included.
	#[serde(with = "balance_string")]
	pub total_borrows: Balance,
	/// Reserves owned by the protocol.
	#[serde(with = "balance_string")]
	pub total_reserves: Balance,
	/// Supply shares in issue.
	#[serde(with = "balance_string")]
	pub total_shares: Balance,
	/// Bad debt that reserves could not cover and suppliers bore, not yet covered.
	#[serde(with = "balance_string")]
	pub deficit: Balance,
	/// The current price, if the oracle has one within the market's maximum age.
	pub price: Option<Price>,
	/// Whether the market is paused.
	pub paused: bool,
}

sp_api::decl_runtime_apis! {
	/// Read access to lending for RPC and wallets. Figures are accrued to the current block's
	/// timestamp without writing anything.
	pub trait LendingApi<AccountId> where AccountId: codec::Codec {
		/// An account's health and positions.
		fn account_health(who: AccountId) -> AccountHealth;
		/// A market's state, or `None` if there is no market for `asset`.
		fn market(asset: LendingAsset) -> Option<MarketSummary>;
	}
}
