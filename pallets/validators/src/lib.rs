//! # Modelchain validator-set pallet
//!
//! Who validates is decided by governance, not fixed in genesis. The chain DAO (the runtime's
//! `AdminOrigin`) adds and removes validators; a session manager in the runtime hands the
//! set to `pallet-session`, which derives the Aura and GRANDPA authorities from each
//! validator's session keys.
//!
//! ## Rules
//!
//! - **Only accounts with session keys join** ([`Config::ValidatorRegistration`], which
//!   `pallet-session` implements): an operator runs `author_rotateKeysWithOwner(<the
//!   account's SCALE-encoded id>)` on their node and submits the returned keys and proof
//!   with `session.set_keys(keys, proof)` (the proof shows the account owns the keys) before
//!   governance adds them. A validator without keys would hold a seat and author nothing.
//! - **Changes take effect at a session boundary** (`membership.rs`): every change marks the
//!   set as changed; the next time `pallet-session` plans a session it gets the whole set
//!   ([`Pallet::plan_session`], [`Event::NewSetPlanned`]), which becomes active one session
//!   later (`pallet-session` queues it). Several changes in one session are planned
//!   together.
//! - **A floor** ([`Config::MinValidators`]): no removal leaves fewer validators, and no set
//!   with fewer members that still have session keys is handed to `pallet-session` (a
//!   member may purge its keys after joining). GRANDPA finalises while more than two thirds
//!   of the authorities vote; the floor keeps a set that can lose one validator and still
//!   finalise (4 tolerates 1 offline).
//! - **A ceiling** ([`Config::MaxValidators`]) bounds the set and every call's work.
//!
//! ## Invariants (`try_state`, `invariants.rs`)
//!
//! 1. The set is strictly sorted (no duplicates).
//! 2. It holds between `MinValidators` and `MaxValidators` members (or none, before genesis
//!    has given it any).
//!
//! ## Status
//!
//! The runtime does not use this pallet yet (issue 23): `pallet-session` and the session
//! manager that calls [`Pallet::plan_session`] come next, with its benchmarks run on the
//! runtime. `weights.rs` holds provisional weights until then.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod membership;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
use frame_system::pallet_prelude::*;

/// A session's index, as `pallet-session` counts them.
pub type SessionIndex = u32;

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` session keys, so that `ValidatorRegistration` reports it registered.
	fn register(who: &AccountId);
}

// FRAME's pallet macros expand to code that calls `expect` on values they guarantee; that
// expansion carries this module's spans. Our own code uses no `expect` outside genesis.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who adds and removes validators (the chain DAO).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Whether an account has set session keys (`pallet-session`).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;
		/// The fewest validators the set may hold.
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// The most validators the set may hold.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Gives a benchmark's account session keys (the runtime's `pallet-session` sets
		/// them with `set_keys`).
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validators at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial validators (their session keys come from `pallet-session`'s genesis).
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Genesis is built off-chain; an invalid genesis must abort chain-spec creation.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			let mut validators = self.validators.clone();
			validators.sort();
			validators.dedup();
			// None is allowed: a chain whose session pallet takes its first set elsewhere.
			assert!(
				validators.is_empty() || validators.len() >= T::MinValidators::get() as usize,
				"genesis: fewer validators than MinValidators"
			);
			let validators: BoundedVec<_, T::MaxValidators> =
				validators.try_into().expect("genesis: more validators than MaxValidators");
			Validators::<T>::put(validators);
		}
	}

	/// The validator set, sorted: the set the next planned session gets.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether the set changed since `pallet-session` last planned a session with it.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validators from the next planned session.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the validators from the next planned session.
		ValidatorRemoved { who: T::AccountId },
		/// Session `session` was planned with the changed set: its `validators` members that
		/// have session keys. `pallet-session` makes it active one session later.
		NewSetPlanned { session: SessionIndex, validators: u32 },
		/// The changed set was not planned for session `session`: only `with_keys` of its
		/// members have session keys, fewer than `MinValidators`. The current set stays;
		/// planning is tried again at the next session.
		PlanRefused { session: SessionIndex, with_keys: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has not set session keys. Its operator runs
		/// `author_rotateKeysWithOwner` on their node and submits the keys and proof with
		/// `session.set_keys` first.
		NoSessionKeys,
		/// The account already validates; nothing to do.
		AlreadyValidator,
		/// The account is not a validator; nothing to remove.
		NotValidator,
		/// The set is full (`MaxValidators`). Remove a validator first.
		TooManyValidators,
		/// Removing the account would leave fewer than `MinValidators` validators, too few
		/// for GRANDPA to keep finalising with one offline. Add a validator first.
		BelowMinimum,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validators from the next planned session. Admin origin; `who`
		/// must have set session keys.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Removes `who` from the validators from the next planned session (an offline or
		/// misbehaving validator, or one leaving). Admin origin; never below
		/// `MinValidators`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}
