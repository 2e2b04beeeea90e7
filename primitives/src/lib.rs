//! # Modelchain primitives
//!
//! The small set of types and traits that Modelchain's pallets, runtime and node share.
//! Pallets talk to each other only through the traits defined here; the runtime wires the
//! implementations together. This crate depends on no pallet.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// An index to a block.
pub type BlockNumber = u32;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain. We intentionally make it equivalent
/// to the public key of our transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account, in the native token's smallest unit (planck-like "unit").
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// Milliseconds since the Unix epoch, as kept by `pallet_timestamp`.
pub type Moment = u64;

/// Identifier of a non-native fungible asset held in `pallet-assets`.
pub type AssetId = u32;

/// Identifier of a registered AI model.
pub type ModelId = u64;

/// A price or any other oracle value: an unsigned fixed-point number with 18 decimals.
pub type Price = sp_arithmetic::FixedU128;

/// Ticker of the native token.
pub const TOKEN_SYMBOL: &str = "MDL";
/// Decimals of the native token.
pub const TOKEN_DECIMALS: u8 = 12;
/// SS58 address prefix. 42 is the generic Substrate prefix, which every wallet understands.
pub const SS58_PREFIX: u16 = 42;

/// One whole native token, in units.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a token.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// One millionth of a token.
pub const MICRO_UNIT: Balance = 1_000_000;

/// Version number of a model, counted from 1 by the model registry.
pub type ModelVersion = u32;

pub mod oracle;
pub use oracle::{
	CombinedValue, MetricFeed, MetricKind, OnPriceChange, OracleKey, PriceFeed, PricePoint,
	ValueStatus,
};

pub mod models;
pub use models::{
	LicenseEntry, LicenseKind, LicenseStatus, LicenseTerms, ModelFilter, ModelRisk,
	ModelShareHooks, ModelShares, ModelStatus, Page, Relation, ShareLockId, ShareLockSource,
};

pub mod dao;
pub use dao::{DaoScope, ProposalId, ProposalStatus, Tally, Track, VoteChoice};
pub mod history;

pub mod dex;
pub use dex::AssetSwap;
pub mod lending;
pub use lending::{AssetOrShares, LendingAsset, NativeOrOther, NonNative};
