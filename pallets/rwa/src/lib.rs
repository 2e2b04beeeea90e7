//! # Real-world-asset pallet
//!
//! Tokenised real-world assets (invoices, bonds, gold in a vault, property) as
//! `pallet-assets` assets that carry their paperwork on chain. An issuer calls `issue`; the
//! pallet creates the asset under an id of its own range, sets its metadata, and records:
//! - the issuer's declared identity (a legal name or LEI: declared, not verified; governance
//!   vets it before listing the asset as collateral);
//! - the hash of the legal documents (what a token holder owns, and the issuer's duties);
//! - the hash of the latest valuation report (what it is worth, and by whom).
//!
//! The pallet keeps the asset's owner, admin and freezer roles; the issuer only mints. So an
//! issuer can't freeze the lending pool or a DEX pool holding its token, burn a holder's
//! tokens, nor take the asset back. (Redemptions are transfers back to the issuer; burning
//! them needs a call this pallet doesn't have yet.) Governance can suspend a record (`set_status`), the signal to pause
//! its lending market and value it with care. Listing as collateral is lending's business:
//! governance opens a market for the asset in a risk category with a debt ceiling, priced
//! by an oracle key, with a stale-price write-down schedule (docs/pallets/rwa.md).
//!
//! | file | what it holds |
//! |---|---|
//! | `lib.rs` | config, storage, events, errors, and thin calls (origin, then `Self::do_*`) |
//! | `issuance.rs` | issuing, updating documents, status |
//! | `types.rs` | the record |
//! | `invariants.rs` | `try_state` |
//!
//! ## Invariants (`try_state`)
//! Every record's asset exists in `Assets` with the pallet account as owner and the record's
//! issuer as issuer; every id is in `[FirstAssetId, NextAssetId)`; each record's deposit is
//! held from its issuer (Σ per issuer ≤ what is held for `HoldReason::IssuerDeposit`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod issuance;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use types::*;
pub use weights::WeightInfo;

use frame_support::{
	pallet_prelude::*,
	traits::{fungible, fungibles},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{AssetId, Balance};

// The pallet macros expand to `expect` on values they construct themselves; our code in
// this module uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime's hold reason, which must be able to carry this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// Native currency: the issuer's deposit is held for [`HoldReason::IssuerDeposit`].
		type Currency: fungible::Inspect<Self::AccountId, Balance = Balance>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The asset ledger (`pallet-assets`): creates the asset, sets its metadata and
		/// hands its roles out.
		type Assets: fungibles::Create<Self::AccountId, AssetId = AssetId, Balance = Balance>
			+ fungibles::metadata::Mutate<Self::AccountId>
			+ fungibles::roles::ResetTeam<Self::AccountId>
			+ fungibles::roles::Inspect<Self::AccountId>;
		/// May suspend and reinstate a record (Root, or the chain DAO).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Derives the account that owns every real-world asset.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// The first asset id the pallet gives out; ids from here up are the pallet's (the
		/// runtime stops anyone else creating assets there).
		#[pallet::constant]
		type FirstAssetId: Get<AssetId>;
		/// Held from the issuer for each asset for as long as the record exists: it makes
		/// issuing cost something. (Releasing or slashing it needs a call this pallet does
		/// not have yet; see docs/pallets/rwa.md.)
		#[pallet::constant]
		type IssuerDeposit: Get<Balance>;
		/// Longest declared identity (bytes).
		#[pallet::constant]
		type MaxIdentityLen: Get<u32>;
		/// Longest name or symbol (bytes); at most the asset ledger's own limit.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;
		/// Weights.
		type WeightInfo: WeightInfo;
	}

	/// Why the pallet holds native tokens.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The issuer's deposit behind an asset's record.
		#[codec(index = 0)]
		IssuerDeposit,
	}

	/// Each real-world asset's record, by asset id.
	#[pallet::storage]
	pub type Rwas<T: Config> = StorageMap<_, Twox64Concat, AssetId, RwaInfo<T>>;

	/// The id the next issued asset gets (`FirstAssetId` when none was issued).
	#[pallet::storage]
	pub type NextAssetId<T: Config> = StorageValue<_, AssetId, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `issuer` created real-world asset `asset` with these documents, holding
		/// `deposit`.
		RwaIssued {
			asset: AssetId,
			issuer: T::AccountId,
			identity: BoundedVec<u8, T::MaxIdentityLen>,
			documents: Documents,
			deposit: Balance,
		},
		/// The issuer replaced the hashes of `asset`'s documents (a new valuation report,
		/// amended terms).
		DocumentsUpdated { asset: AssetId, documents: Documents },
		/// Governance set `asset`'s status.
		StatusSet { asset: AssetId, status: RwaStatus },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// There is no real-world asset with that id; list them with the `Rwas` storage.
		UnknownAsset,
		/// Only the asset's issuer may do that.
		NotIssuer,
		/// The name or symbol is empty or longer than `MaxNameLen`; shorten it.
		BadName,
		/// The identity is empty; declare a legal name or LEI.
		NoIdentity,
		/// More than 24 decimals; lending can't value such an asset.
		TooManyDecimals,
		/// The minimum balance must be above zero.
		ZeroMinBalance,
		/// The next `MAX_ID_SKIPS` ids of the pallet's range are all taken by other assets;
		/// governance must destroy the squatted assets first.
		IdsExhausted,
		/// The asset already has that status.
		StatusUnchanged,
		/// The documents' hashes are the ones recorded already.
		DocumentsUnchanged,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Issues a real-world asset: holds `IssuerDeposit`, creates the asset under the next
		/// id of the pallet's range with `min_balance`, sets its name, symbol and decimals
		/// (the asset ledger's metadata deposit is reserved from you too), records your
		/// declared `identity` and the hashes of the legal documents and the valuation
		/// report (`documents`), and makes you the asset's issuer: you mint; the pallet keeps the
		/// owner, admin and freezer roles.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::issue())]
		pub fn issue(
			origin: OriginFor<T>,
			name: BoundedVec<u8, T::MaxNameLen>,
			symbol: BoundedVec<u8, T::MaxNameLen>,
			decimals: u8,
			min_balance: Balance,
			identity: BoundedVec<u8, T::MaxIdentityLen>,
			documents: Documents,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_issue(
				issuer,
				AssetMetadata { name, symbol, decimals, min_balance },
				identity,
				documents,
			)
		}

		/// Replaces the hashes of your asset's legal documents and valuation report. The
		/// event keeps the history.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_documents())]
		pub fn update_documents(
			origin: OriginFor<T>,
			asset: AssetId,
			documents: Documents,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_documents(who, asset, documents)
		}

		/// Suspends or reinstates a record. Admin (Root, or the chain DAO).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_status())]
		pub fn set_status(
			origin: OriginFor<T>,
			asset: AssetId,
			status: RwaStatus,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_status(asset, status)
		}
	}
}
