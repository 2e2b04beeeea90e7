//! # Modelchain oracle pallet
//!
//! Asset prices and model evaluation metrics, fed by a governed set of feeders and combined
//! by median. The pallet's one promise: **a value that is stale, thinly fed, out of bounds or
//! under suspicion is never served as current.**
//!
//! ## Model
//!
//! - **Keys** ([`OracleKey`]): `AssetPrice(asset)` or `ModelMetric { model, version, metric }`.
//!   A key must be configured by the admin origin before it can be fed. At most
//!   [`Config::MaxKeys`] keys, of which at most [`Config::MaxPriceKeys`] are prices.
//! - **One record per key** ([`KeyState`], storage [`Keys`]): the configuration, each
//!   feeder's latest feed, the combined value, the pause and the liquidation-only value.
//!   Feeding one value reads and writes that record once; the median, the guard and the
//!   expiry are computed in memory (`aggregation.rs`).
//! - **Feeders**: a sorted, bounded member set ([`Config::MaxFeeders`]) that only the admin
//!   origin changes. Removing a feeder drops all their values and recombines the keys they
//!   fed (`feeders.rs`).
//! - **Feeding** (`feeding.rs`): [`Pallet::feed_values`] takes a bounded list of `(key,
//!   value)`. Members only, at most once per block per feeder, free for members (`Pays::No`).
//!   A value outside the key's bounds, an unknown key or a repeated key fails the whole call.
//! - **Aggregation**: after each feed, the key's combined value is recomputed as the median
//!   of its *fresh* (`now - fed_at <= max_age`), in-bounds feeds; for an even count, the
//!   lower middle feed, never a mean, which one feeder could move halfway to anything
//!   (`[100, 200]` → 100, `[1, 2, 3, 1000]` → 2). With fewer than `min_feeders` such feeds
//!   nothing is stored and the previous combined value keeps its own expiry; it is never
//!   extended.
//! - **Expiry**: a combined value carries `expires_at`, the time its `min_feeders`-th
//!   freshest input expires. After that the getters return `None`.
//! - **Deviation guard**: if a new combined value moves further than `max_deviation` from
//!   the previous one *that is still served* (`now < expires_at`), the key is paused (event
//!   [`Event::KeyPaused`]) and serves nothing to general readers until the admin origin
//!   calls [`Pallet::resume_key`]. An expired previous value is never compared with, so the
//!   first feed after an outage cannot trip it.
//! - **Paused keys keep liquidations working**: a paused key still takes feeds. Once
//!   `min_feeders` fresh, in-bounds feeds made after the pause (`fed_at > paused_at`, i.e.
//!   in a later block than the pausing feed) exist, their median is the key's
//!   liquidation-only value ([`Event::PausedValueConfirmed`]), pushed to consumers as a
//!   liquidation-only [`PricePoint`]: lending liquidates with it and refuses every
//!   risk-increasing call. `PriceFeed::price` still returns `None` for the key.
//! - **Events**: every feed emits [`Event::ValuesFed`]. A price key's new value also emits
//!   [`Event::ValueUpdated`] (consumers copy prices); a metric's new value is read through
//!   the runtime API or RPC, so that a block of thousands of metric values does not carry
//!   thousands of events. Pauses, resumptions, cleared values and every admin change emit
//!   their own events for every key (a liquidation-only value's, prices only).
//!
//! ## Invariants (checked by `try_state`, `invariants.rs`)
//!
//! 1. Every combined value has `feeds >= min_feeders` of its key, `updated_at <=
//!    expires_at`, and its key is not paused.
//! 2. Every feed belongs to a current feeder; a key's feeds are sorted by feeder, without
//!    duplicates.
//! 3. The feeder list is sorted, without duplicates; the key count is within `MaxKeys`, and
//!    [`PriceKeys`] counts the configured price keys, within `MaxPriceKeys`.
//! 4. A liquidation-only value exists only for a paused key, has `feeds >= min_feeders`,
//!    and was observed after the pause.
//!
//! ## Reading values
//!
//! Pallets use [`PriceFeed`] / [`MetricFeed`]; they get `Some((value, updated_at))` only for
//! a current value and should still apply their own maximum age to `updated_at`. Clients use
//! the `OracleApi` runtime API or the node's `oracle_getValue` / `oracle_getAllValues` RPCs
//! (`reading.rs`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod aggregation;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod feeders;
mod feeding;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
mod keys;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod offchain_feeder;
mod reading;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use aggregation::{median_of_sorted, relative_deviation};
pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::Time};
use frame_system::{
	offchain::{AppCrypto, CreateSignedTransaction},
	pallet_prelude::*,
};
use modelchain_primitives::{AssetId, Moment, OnPriceChange};
use sp_arithmetic::{traits::Zero, Permill};

/// The value type: an 18-decimal unsigned fixed-point number.
pub type Value = modelchain_primitives::Price;

/// A key's record as this runtime stores it.
pub type KeyStateOf<T> =
	KeyState<<T as frame_system::Config>::AccountId, <T as Config>::MaxFeeders>;

const LOG_TARGET: &str = "runtime::oracle";

pub use modelchain_primitives::oracle::ORACLE_KEY_TYPE;

/// The off-chain feeder's signing key: sr25519 under key type `orcl`.
pub mod crypto {
	use super::ORACLE_KEY_TYPE;
	use sp_runtime::{
		app_crypto::{app_crypto, sr25519},
		MultiSignature, MultiSigner,
	};
	app_crypto!(sr25519, ORACLE_KEY_TYPE);

	/// Binds the `orcl` app key to the runtime's `MultiSigner`/`MultiSignature` accounts.
	pub struct OracleFeederId;
	impl frame_system::offchain::AppCrypto<MultiSigner, MultiSignature> for OracleFeederId {
		type RuntimeAppPublic = Public;
		type GenericPublic = sp_runtime::app_crypto::sr25519::Public;
		type GenericSignature = sp_runtime::app_crypto::sr25519::Signature;
	}
}

/// The asset a key prices, if it is a price key.
pub fn price_asset(key: &OracleKey) -> Option<AssetId> {
	match key {
		OracleKey::AssetPrice(asset) => Some(*asset),
		OracleKey::ModelMetric { .. } => None,
	}
}

// FRAME's pallet macros expand to code that calls `expect` on values they guarantee (storage
// prefixes, metadata); that expansion carries this module's spans. Our own code in this
// module uses no `expect`/`unwrap` outside genesis building (see the hook in shared/hooks).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 1: one [`KeyState`] record per key (version 0 kept five maps).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + CreateSignedTransaction<Call<Self>> {
		/// Who manages feeders and key configuration (Root now, the chain DAO later).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The chain's clock, in milliseconds.
		type Time: Time<Moment = Moment>;
		/// Maximum number of feeders. It bounds each key's record (one feed per feeder), so
		/// it may only grow without a migration: records with more feeds than a lowered
		/// bound would no longer decode.
		#[pallet::constant]
		type MaxFeeders: Get<u32>;
		/// Maximum number of configured keys, prices and metrics together.
		#[pallet::constant]
		type MaxKeys: Get<u32>;
		/// Maximum number of configured price keys (`AssetPrice`). Each price change is
		/// pushed to `OnPriceChange`, so this bounds what removing a feeder may push.
		#[pallet::constant]
		type MaxPriceKeys: Get<u32>;
		/// Maximum number of `(key, value)` pairs in one `feed_values` call.
		#[pallet::constant]
		type MaxFeedValues: Get<u32>;
		/// The key the off-chain feeder signs `feed_values` with.
		type AuthorityId: AppCrypto<Self::Public, Self::Signature>;
		/// The off-chain feeder runs every this many blocks (0 disables it).
		#[pallet::constant]
		type OffchainFeedInterval: Get<BlockNumberFor<Self>>;
		/// Told of every change to an asset price's stored value (lending keeps a copy in
		/// each market). Its `max_weight` is charged for every price a call may change.
		type OnPriceChange: OnPriceChange;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Feeders and keys present at genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Initial feeders.
		pub feeders: Vec<T::AccountId>,
		/// Initially configured keys.
		pub keys: Vec<(OracleKey, KeyConfig)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// Genesis is built off-chain; an invalid genesis must abort chain-spec creation.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			let mut feeders = self.feeders.clone();
			feeders.sort();
			feeders.dedup();
			let feeders: BoundedVec<_, T::MaxFeeders> =
				feeders.try_into().expect("genesis: more feeders than MaxFeeders");
			Feeders::<T>::put(feeders);
			for (key, config) in &self.keys {
				Pallet::<T>::check_config(config).expect("genesis: invalid key configuration");
				if !Keys::<T>::contains_key(key) {
					Pallet::<T>::count_new_key(key).expect("genesis: more keys than allowed");
				}
				Keys::<T>::insert(key, KeyStateOf::<T>::new(*config));
			}
		}
	}

	/// The feeders, sorted by account id.
	#[pallet::storage]
	pub type Feeders<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxFeeders>, ValueQuery>;

	/// Every configured key with its feeds, value and pause. Read values through
	/// [`Pallet::current_value`], which applies expiry.
	#[pallet::storage]
	pub type Keys<T: Config> = CountedStorageMap<_, Blake2_128Concat, OracleKey, KeyStateOf<T>>;

	/// How many of the configured keys are price keys (`AssetPrice`).
	#[pallet::storage]
	pub type PriceKeys<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The block in which each feeder last fed (one feed per block).
	#[pallet::storage]
	pub type LastFeedBlock<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BlockNumberFor<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A feeder joined.
		FeederAdded { who: T::AccountId },
		/// A feeder left; their `dropped` values were removed and those keys recombined.
		FeederRemoved { who: T::AccountId, dropped: u32 },
		/// A key was configured (created or changed).
		KeyConfigured { key: OracleKey, config: KeyConfig },
		/// A key and all its values were removed.
		KeyRemoved { key: OracleKey },
		/// A feeder fed `count` values.
		ValuesFed { who: T::AccountId, count: u32 },
		/// A price key has a new combined value (metric keys announce theirs through
		/// [`Event::ValuesFed`]).
		ValueUpdated {
			key: OracleKey,
			value: Value,
			updated_at: Moment,
			expires_at: Moment,
			feeds: u32,
			dispersion: Value,
		},
		/// A key lost its combined value (reconfiguration or feeder removal left too few
		/// fresh feeds).
		ValueCleared { key: OracleKey },
		/// The proposed combined value deviated more than allowed from the value still
		/// served; the key serves general readers nothing until resumed (feeds made after
		/// the pause may confirm a liquidation-only value, [`Event::PausedValueConfirmed`]).
		KeyPaused { key: OracleKey, previous: Value, proposed: Value, deviation: Permill },
		/// The admin resumed a paused key; `value` is its recombined value, if any.
		KeyResumed { key: OracleKey, value: Option<Value> },
		/// A quorum of feeders confirmed a price for a paused price key after the pause: it
		/// is served to liquidations only, until the key is resumed.
		PausedValueConfirmed { key: OracleKey, value: Value, expires_at: Moment, feeds: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only feeders may feed. Ask the admin (the chain DAO) to add your account.
		NotFeeder,
		/// The account is already a feeder; nothing to do.
		AlreadyFeeder,
		/// The feeder set is full (`MaxFeeders`). Remove a feeder first.
		TooManyFeeders,
		/// You already fed in this block. Feed again in the next block.
		AlreadyFedThisBlock,
		/// The key is not configured. Ask the admin to configure it with `set_key_config`.
		KeyNotConfigured,
		/// No longer returned: paused keys take feeds (which confirm a liquidation-only
		/// price). Kept so that the errors after it keep their indices.
		KeyPaused,
		/// The key is not paused; nothing to resume.
		KeyNotPaused,
		/// A value lies outside the key's `min_value..=max_value`. Check your data source.
		ValueOutOfBounds,
		/// The same key appears twice in one call. Feed each key once.
		DuplicateKey,
		/// `feed_values` was called with no values. Send at least one.
		NoValues,
		/// The maximum number of keys (`MaxKeys`) is configured. Remove an unused key first.
		TooManyKeys,
		/// `min_feeders` must be between 1 and `MaxFeeders`.
		InvalidMinFeeders,
		/// `max_age` must be greater than zero.
		InvalidMaxAge,
		/// `min_value` must not exceed `max_value`.
		InvalidBounds,
		/// `max_deviation` must be greater than zero (use `None` to disable the guard).
		InvalidMaxDeviation,
		/// The maximum number of price keys (`MaxPriceKeys`) is configured. Remove an unused
		/// price key first.
		TooManyPriceKeys,
		/// The key already holds a feed from `MaxFeeders` other accounts. This cannot happen
		/// while removed feeders' feeds are dropped; report it to the chain's developers.
		TooManyFeeds,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Feed values for configured keys. Members only, once per block, free for members.
		///
		/// Each value is stored with the block's timestamp and its key is recombined (a
		/// paused key's feeds made after the pause may confirm a liquidation-only price).
		/// Fails as a whole if any key is unknown or repeated, or any value is out of bounds.
		/// Charged per value, plus telling price consumers of each price key fed.
		#[pallet::call_index(0)]
		#[pallet::weight((
			T::WeightInfo::feed_values(values.len() as u32)
				.saturating_add(Pallet::<T>::price_change_weight(price_keys_in(values))),
			DispatchClass::Operational,
		))]
		pub fn feed_values(
			origin: OriginFor<T>,
			values: BoundedVec<(OracleKey, Value), T::MaxFeedValues>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_feed_values(who, &values)?;
			Ok(Pays::No.into())
		}

		/// Add a feeder. Admin origin.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_feeder(T::MaxFeeders::get()))]
		pub fn add_feeder(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_add_feeder(who)
		}

		/// Remove a feeder, drop all their values and recombine the keys they fed. Admin
		/// origin.
		///
		/// Reads every configured key. Charged up front for the worst split of `MaxKeys`
		/// keys between fed (`k`, recombined and written) and unfed (`u`, read only) and for
		/// telling price consumers of every price key; the actual weight is charged for the
		/// keys actually read, split as they were, and the prices actually changed.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::remove_feeder(T::MaxKeys::get(), 0)
				.max(T::WeightInfo::remove_feeder(0, T::MaxKeys::get()))
				.saturating_add(Pallet::<T>::price_change_weight(T::MaxPriceKeys::get()))
		)]
		pub fn remove_feeder(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_feeder(who)
		}

		/// Configure a key (create it or change it). The key is recombined under the new
		/// rules at once, so a stricter `min_feeders` or narrower bounds take effect
		/// immediately. Admin origin.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::set_key_config()
				.saturating_add(Pallet::<T>::price_change_weight(1))
				.saturating_add(Pallet::<T>::new_key_weight())
		)]
		pub fn set_key_config(
			origin: OriginFor<T>,
			key: OracleKey,
			config: KeyConfig,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_key_config(key, config)
		}

		/// Remove a key with all its feeds, its value and its pause. Admin origin.
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::remove_key()
				.saturating_add(Pallet::<T>::price_change_weight(1))
				.saturating_add(T::DbWeight::get().reads_writes(1, 1))
		)]
		pub fn remove_key(origin: OriginFor<T>, key: OracleKey) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_remove_key(key)
		}

		/// Resume a key paused by the deviation guard, accepting the current feeds: the key
		/// is recombined without the deviation check. Admin origin.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::resume_key().saturating_add(Pallet::<T>::price_change_weight(2))
		)]
		pub fn resume_key(origin: OriginFor<T>, key: OracleKey) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_resume_key(key)
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Runs the off-chain feeder (see [`offchain_feeder`]) every `OffchainFeedInterval`
		/// blocks. It only reads state and submits transactions.
		fn offchain_worker(now: BlockNumberFor<T>) {
			let interval = T::OffchainFeedInterval::get();
			let due = sp_arithmetic::traits::CheckedRem::checked_rem(&now, &interval)
				.is_some_and(|rest| rest.is_zero());
			if !due {
				return;
			}
			match Self::offchain_feed_round() {
				Ok(count) => log::info!(target: LOG_TARGET, "fed {count} values at #{now:?}"),
				Err(offchain_feeder::FeederError::NoSource)
				| Err(offchain_feeder::FeederError::NoFeederKey) => {}
				Err(e) => log::warn!(target: LOG_TARGET, "feeding round at #{now:?} failed: {e:?}"),
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}
}

/// How many of `values` are prices: each may be pushed to `OnPriceChange`.
pub fn price_keys_in(values: &[(OracleKey, Value)]) -> u32 {
	let count = values.iter().filter(|(key, _)| price_asset(key).is_some()).count();
	u32::try_from(count).unwrap_or(u32::MAX)
}
