//! # Modelchain validator-set pallet
//!
//! Who validates is decided by governance, not fixed in genesis. The chain DAO (the runtime's
//! `AdminOrigin`) adds and removes validators; a session manager in the runtime hands the
//! set to `pallet-session`, which derives the Aura and GRANDPA authorities from each
//! validator's session keys.
//!
//! ## Rules
//!
//! - **Only accounts with session keys join** ([`Config::SessionKeys`], which the runtime
//!   answers from `pallet-session`): an operator runs `author_rotateKeysWithOwner(<the
//!   account's SCALE-encoded id>)` on their node and submits the returned keys and proof
//!   with `session.set_keys(keys, proof)` (the proof shows the account owns the keys) before
//!   governance adds them. A validator without keys would hold a seat and author nothing.
//! - **Changes take effect at a session boundary** (`planning.rs`): every change marks the
//!   set as changed; when `pallet-session` next plans a session it gets the planned set
//!   ([`Pallet::plan_session`], [`Event::NewSetPlanned`]), which becomes active one session
//!   later (`pallet-session` queues it).
//! - **At most a third of the set changes per session** (`planning.rs`): keys prove
//!   nothing about liveness, and GRANDPA needs more than two thirds of the authorities. A
//!   plan adds or removes at most `max(1, n / 3)` members of the `n` planned last time
//!   (additions first); the rest of the change waits for the next session.
//! - **A floor** ([`MinValidators`], set in genesis, changed by the admin): no removal leaves
//!   fewer validators, and no set with fewer members that still have session keys is handed
//!   to `pallet-session`.
//! - **Members keep their keys** (`keys.rs`): the runtime's call filter stops
//!   `session.purge_keys`; [`Pallet::purge_keys`] purges keys only for accounts that
//!   neither validate nor are planned to.
//! - **A ceiling** ([`Config::MaxValidators`]) bounds the set and every call's work.
//! - **Session length** ([`SessionPeriod`], set in genesis): the runtime's
//!   `ShouldEndSession` reads it through [`SessionLength`].
//!
//! ## Invariants (`try_state`, `invariants.rs`)
//!
//! 1. The governed set and the planned set are strictly sorted (no duplicates).
//! 2. Each holds between `MinValidators` and `MaxValidators` members (or none, before
//!    genesis has given it any).
//! 3. `1 <= MinValidators <= MaxValidators` and `SessionPeriod >= 1`.
//! 4. A set that differs from the planned one is marked changed.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
// Also in std builds: the runtime's tests check these invariants after wiring changes.
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod keys;
mod membership;
#[cfg(test)]
mod mock;
mod planning;
#[cfg(test)]
mod tests;
pub mod weights;

pub use planning::SessionLength;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::BuildGenesisConfig};
use frame_system::pallet_prelude::*;

/// A session's index, as `pallet-session` counts them.
pub type SessionIndex = u32;

/// What the pallet needs to know and do about session keys (the runtime answers from
/// `pallet-session`).
pub trait SessionKeys<AccountId> {
	/// Whether `who` has set session keys.
	fn has_keys(who: &AccountId) -> bool;
	/// Purges `who`'s session keys and returns their deposit.
	fn purge_keys(who: &AccountId) -> DispatchResult;
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Gives `who` session keys, so that `SessionKeys::has_keys` reports them.
	fn register(who: &AccountId);
}

/// Sessions last this many blocks unless genesis says otherwise: an hour of 6-second blocks.
pub const DEFAULT_SESSION_PERIOD: u32 = 600;

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
		/// Who adds and removes validators and sets the floor (the chain DAO).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Session keys: who has them, and purging them (`pallet-session`).
		type SessionKeys: SessionKeys<Self::AccountId>;
		/// The most validators the set may hold. At most Aura's and GRANDPA's
		/// `MaxAuthorities`.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Gives a benchmark's account session keys.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validators, the floor and the session length at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial validators (their session keys come from `pallet-session`'s genesis).
		/// None: the set is taken from `pallet-session`'s genesis keys
		/// ([`Pallet::note_genesis_session`]), as zombienet writes them.
		pub validators: Vec<T::AccountId>,
		/// The floor: no removal leaves fewer validators. Zero means 1, and is the only value
		/// that lets a genesis name no validator at all (see `note_genesis_session`).
		pub min_validators: u32,
		/// Blocks per session. Zero means [`DEFAULT_SESSION_PERIOD`].
		pub session_period: u32,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Genesis is built off-chain; an invalid genesis must abort chain-spec creation.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			let min = self.min_validators.max(1);
			assert!(min <= T::MaxValidators::get(), "genesis: MinValidators above MaxValidators");
			// Stored only when set: an all-default genesis (tooling's) stays without validators.
			if self.min_validators > 0 {
				MinValidators::<T>::put(min);
			}
			if self.session_period > 0 {
				SessionPeriod::<T>::put(self.session_period);
			}
			let mut validators = self.validators.clone();
			validators.sort();
			validators.dedup();
			assert!(
				validators.is_empty() || validators.len() >= min as usize,
				"genesis: fewer validators than MinValidators"
			);
			let validators: BoundedVec<_, T::MaxValidators> =
				validators.try_into().expect("genesis: more validators than MaxValidators");
			Validators::<T>::put(&validators);
			Planned::<T>::put(validators);
		}
	}

	/// The validator set governance decided on, sorted. The session pallet gets it, at most a
	/// third at a time, through [`Planned`].
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The set last handed to `pallet-session`, sorted: the authorities from the session
	/// after the one it was planned in.
	#[pallet::storage]
	pub type Planned<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] may differ from [`Planned`]: set by every change, cleared
	/// when a plan reaches it.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The floor: the fewest validators the set may hold.
	#[pallet::storage]
	pub type MinValidators<T: Config> = StorageValue<_, u32, ValueQuery, ConstU32<1>>;

	/// Blocks per session.
	#[pallet::storage]
	pub type SessionPeriod<T: Config> =
		StorageValue<_, u32, ValueQuery, ConstU32<DEFAULT_SESSION_PERIOD>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` joins the validators; a coming session plans it.
		ValidatorAdded { who: T::AccountId },
		/// `who` leaves the validators; a coming session plans it.
		ValidatorRemoved { who: T::AccountId },
		/// The floor is now `min` validators.
		MinValidatorsSet { min: u32 },
		/// `who` purged its session keys and got their deposit back.
		KeysPurged { who: T::AccountId },
		/// Session `session` was planned with `validators` members: `added` joined and
		/// `removed` left (at most a third of the previous plan). `pallet-session` makes it
		/// active one session later. `pending` is true when more of the change waits for
		/// the next session.
		NewSetPlanned {
			session: SessionIndex,
			validators: u32,
			added: Vec<T::AccountId>,
			removed: Vec<T::AccountId>,
			pending: bool,
		},
		/// The changed set was not planned for session `session`: only `with_keys` of its
		/// members have session keys, fewer than the floor. The current set stays; planning
		/// is tried again at the next session.
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
		/// Removing the account would leave fewer validators than the floor
		/// (`MinValidators`). Add a validator first, or lower the floor.
		BelowMinimum,
		/// A floor must be at least 1 and at most the number of validators, both governed
		/// and planned for the coming session. Add validators (and wait for the session
		/// that plans them) first, or choose a lower floor.
		InvalidMinimum,
		/// The account validates, or is planned to: its keys are in use. Have governance
		/// remove it, wait two sessions, then purge.
		KeysInUse,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validators from a coming session. Admin origin; `who` must
		/// have set session keys.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Removes `who` from the validators from a coming session (an offline or
		/// misbehaving validator, or one leaving). Admin origin; never below the floor.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}

		/// Sets the floor to `min` validators. Admin origin; `min` between 1 and the
		/// current number of validators.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_min_validators())]
		pub fn set_min_validators(origin: OriginFor<T>, min: u32) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_min_validators(min)
		}

		/// Purges the caller's session keys and returns their deposit. Refused while the
		/// caller validates or is planned to (`KeysInUse`): the runtime stops
		/// `session.purge_keys`, so that no member can shrink the authorities by purging.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::purge_keys(T::MaxValidators::get()))]
		pub fn purge_keys(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_purge_keys(who)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Charges the one read of [`SessionPeriod`] that the session pallet's
		/// `ShouldEndSession` makes in every block (it charges nothing for it itself).
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::DbWeight::get().reads(1)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}
