//! The record of a real-world asset.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec, DebugNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use modelchain_primitives::{Balance, Hash};
use scale_info::TypeInfo;

/// Whether governance stands by a record.
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
pub enum RwaStatus {
	/// Nothing is known against it.
	#[codec(index = 0)]
	Active,
	/// Governance found a problem (false paperwork, a default, a missing valuation): a
	/// signal to pause its lending market and stop listing it. The asset still moves.
	#[codec(index = 1)]
	Suspended,
}

/// The hashes of an asset's paperwork.
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
pub struct Documents {
	/// Hash of the legal documents (what a holder owns, the issuer's duties).
	pub legal: Hash,
	/// Hash of the latest valuation report (what it is worth, and by whom).
	pub valuation: Hash,
}

/// An issued asset's record.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct RwaInfo<T: Config> {
	/// Who issued it (the asset's issuer role: mints).
	pub issuer: T::AccountId,
	/// The issuer's declared legal identity (name or LEI).
	pub identity: BoundedVec<u8, T::MaxIdentityLen>,
	/// The paperwork's hashes.
	pub documents: Documents,
	/// The block the documents were last set.
	pub updated_at: BlockNumberFor<T>,
	/// Governance's status.
	pub status: RwaStatus,
	/// The deposit held from the issuer.
	pub deposit: Balance,
}

/// What the asset ledger records of a new asset.
pub struct AssetMetadata<T: Config> {
	/// Name.
	pub name: BoundedVec<u8, T::MaxNameLen>,
	/// Ticker.
	pub symbol: BoundedVec<u8, T::MaxNameLen>,
	/// Decimals (at most 24).
	pub decimals: u8,
	/// The least balance an account may hold (above 0).
	pub min_balance: Balance,
}
