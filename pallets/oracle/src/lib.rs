//! # Modelchain oracle pallet
//!
//! Asset prices and model evaluation metrics, fed by a governed set of feeders and combined
//! by median. The pallet's one promise: **a value that is stale, thinly fed, out of bounds or
//! under suspicion is never served as current.**
//!
//! ## Model
//!
//! - **Keys** ([`OracleKey`]): `AssetPrice(asset)` or `ModelMetric { model, version, metric }`.
//!   A key must be configured by the admin origin before it can be fed.
//! - **Feeders**: a sorted, bounded member set ([`Config::MaxFeeders`]) that only the admin
//!   origin changes. Removing a feeder drops all their values and recombines the keys they fed.
//! - **Feeding**: [`Pallet::feed_values`] takes a bounded list of `(key, value)`. Members
//!   only, at most once per block per feeder, free for members (`Pays::No`). A value outside
//!   the key's bounds fails the whole call with [`Error::ValueOutOfBounds`].
//! - **Aggregation**: after each feed, the key's combined value is recomputed as the median
//!   of its *fresh* (`now - fed_at <= max_age`), in-bounds feeds; for an even count, the
//!   lower middle feed, never a mean, which one feeder could move halfway to anything
//!   (`[100, 200]` → 100, `[1, 2, 3, 1000]` → 2). With fewer than `min_feeders` such feeds
//!   nothing is stored and the previous combined value keeps its own expiry; it is never
//!   extended.
//! - **Expiry**: a combined value carries `expires_at`, the time its `min_feeders`-th
//!   freshest input expires. After that the getters return `None`. This makes reads O(1)
//!   while matching the rule "fewer than `min_feeders` fresh feeds → no value".
//! - **Deviation guard**: if a new combined value moves further than `max_deviation` from
//!   the previous one *that is still served* (`now < expires_at`), the key is paused (event
//!   [`Event::KeyPaused`]) and serves nothing to general readers until the admin origin
//!   calls [`Pallet::resume_key`]. An expired previous value is never compared with, so the
//!   first feed after an outage cannot trip it.
//! - **Paused keys keep liquidations working**: a paused key still takes feeds. Once
//!   `min_feeders` fresh, in-bounds feeds made after the pause (`fed_at > paused_at`, i.e.
//!   in a later block than the pausing feed) exist, their median is stored in
//!   [`PausedValue`] ([`Event::PausedValueConfirmed`]) and pushed to consumers as a
//!   liquidation-only [`PricePoint`]: lending liquidates with it and refuses every
//!   risk-increasing call. `PriceFeed::price` still returns `None` for the key.
//!
//! ## Invariants (checked by `try_state`)
//!
//! 1. Every stored combined value has `feeds >= min_feeders` of its key and belongs to a
//!    configured key; `updated_at <= expires_at`.
//! 2. Every feed record belongs to a current feeder and a configured key.
//! 3. The feeder list is sorted, without duplicates; the key count is within `MaxKeys`.
//! 4. A [`PausedValue`] exists only for a paused, configured key, has `feeds >=
//!    min_feeders`, and was observed after the pause.
//!
//! ## Reading values
//!
//! Pallets use [`PriceFeed`] / [`MetricFeed`]; they get `Some((value, updated_at))` only for
//! a current value and should still apply their own maximum age to `updated_at`. Clients use
//! the `OracleApi` runtime API or the node's `oracle_getValue` / `oracle_getAllValues` RPCs.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod offchain_feeder;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::Time};
use frame_system::{
	offchain::{AppCrypto, CreateSignedTransaction},
	pallet_prelude::*,
};
use modelchain_primitives::{
	AssetId, MetricFeed, MetricKind, ModelId, ModelVersion, Moment, OnPriceChange, PriceFeed,
	PricePoint,
};
use sp_arithmetic::{
	traits::{Saturating, Zero},
	FixedPointNumber, Permill,
};

/// The value type: an 18-decimal unsigned fixed-point number.
pub type Value = modelchain_primitives::Price;

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

// FRAME's pallet macros expand to code that calls `expect` on values they guarantee (storage
// prefixes, metadata); that expansion carries this module's spans. Our own code in this
// module uses no `expect`/`unwrap` outside genesis building (see the hook in shared/hooks).
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + CreateSignedTransaction<Call<Self>> {
		/// Who manages feeders and key configuration (Root now, the chain DAO later).
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The chain's clock, in milliseconds.
		type Time: Time<Moment = Moment>;
		/// Maximum number of feeders.
		#[pallet::constant]
		type MaxFeeders: Get<u32>;
		/// Maximum number of configured keys.
		#[pallet::constant]
		type MaxKeys: Get<u32>;
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
			assert!(
				self.keys.len() <= T::MaxKeys::get() as usize,
				"genesis: more keys than MaxKeys"
			);
			for (key, config) in &self.keys {
				assert!(
					config.min_feeders >= 1 && config.min_feeders <= T::MaxFeeders::get(),
					"genesis: invalid min_feeders"
				);
				KeyConfigs::<T>::insert(key, config);
			}
		}
	}

	/// The feeders, sorted by account id.
	#[pallet::storage]
	pub type Feeders<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxFeeders>, ValueQuery>;

	/// Configuration of every key that may be fed.
	#[pallet::storage]
	pub type KeyConfigs<T: Config> = CountedStorageMap<_, Blake2_128Concat, OracleKey, KeyConfig>;

	/// Each feeder's latest value per key. At most `MaxFeeders` entries per key.
	#[pallet::storage]
	pub type Feeds<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		OracleKey,
		Blake2_128Concat,
		T::AccountId,
		FeedRecord,
	>;

	/// The last combined value of each key. Read it through [`Pallet::current_value`], which
	/// applies expiry and pauses.
	#[pallet::storage]
	pub type Combined<T: Config> = StorageMap<_, Blake2_128Concat, OracleKey, CombinedValue>;

	/// Keys paused by the deviation guard.
	#[pallet::storage]
	pub type Paused<T: Config> = StorageMap<_, Blake2_128Concat, OracleKey, PauseRecord>;

	/// A paused key's price confirmed after the pause: the median of at least `min_feeders`
	/// fresh, in-bounds feeds made after the key was paused. Served to consumers as a
	/// liquidation-only [`PricePoint`]; general readers still get nothing for the key.
	#[pallet::storage]
	pub type PausedValue<T: Config> = StorageMap<_, Blake2_128Concat, OracleKey, CombinedValue>;

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
		/// A key has a new combined value.
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
		/// A quorum of feeders confirmed a price for a paused key after the pause: it is
		/// served to liquidations only, until the key is resumed.
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
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Feed values for configured keys. Members only, once per block, free for members.
		///
		/// Each value is stored with the block's timestamp and its key is recombined (a
		/// paused key's feeds made after the pause may confirm a liquidation-only price).
		/// Fails as a whole if any key is unknown or repeated, or any value is out of bounds.
		#[pallet::call_index(0)]
		#[pallet::weight((
			T::WeightInfo::feed_values(values.len() as u32, T::MaxFeeders::get())
				.saturating_add(Pallet::<T>::price_change_weight(values.len() as u32)),
			DispatchClass::Operational,
		))]
		pub fn feed_values(
			origin: OriginFor<T>,
			values: BoundedVec<(OracleKey, Value), T::MaxFeedValues>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			ensure!(Self::is_feeder(&who), Error::<T>::NotFeeder);
			let now_block = frame_system::Pallet::<T>::block_number();
			ensure!(
				LastFeedBlock::<T>::get(&who) != Some(now_block),
				Error::<T>::AlreadyFedThisBlock
			);
			ensure!(!values.is_empty(), Error::<T>::NoValues);

			// Validate everything before changing anything.
			let mut configs = Vec::with_capacity(values.len());
			for (i, (key, value)) in values.iter().enumerate() {
				ensure!(
					!values.iter().take(i).any(|(earlier, _)| earlier == key),
					Error::<T>::DuplicateKey
				);
				let config = KeyConfigs::<T>::get(key).ok_or(Error::<T>::KeyNotConfigured)?;
				ensure!(config.in_bounds(*value), Error::<T>::ValueOutOfBounds);
				configs.push(config);
			}

			let now = T::Time::now();
			LastFeedBlock::<T>::insert(&who, now_block);
			for ((key, value), config) in values.iter().zip(configs) {
				Feeds::<T>::insert(key, &who, FeedRecord { value: *value, timestamp: now });
				match Paused::<T>::get(key) {
					Some(pause) => Self::confirm_paused(key, &config, now, &pause, false),
					None => {
						Self::recombine(key, &config, now, true);
					}
				}
			}
			Self::deposit_event(Event::ValuesFed { who, count: values.len() as u32 });
			Ok(Pays::No.into())
		}

		/// Add a feeder. Admin origin.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_feeder(T::MaxFeeders::get()))]
		pub fn add_feeder(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Feeders::<T>::try_mutate(|feeders| -> DispatchResult {
				let pos = feeders.binary_search(&who).err().ok_or(Error::<T>::AlreadyFeeder)?;
				feeders.try_insert(pos, who.clone()).map_err(|_| Error::<T>::TooManyFeeders)?;
				Ok(())
			})?;
			Self::deposit_event(Event::FeederAdded { who });
			Ok(())
		}

		/// Remove a feeder, drop all their values and recombine the keys they fed. Admin
		/// origin.
		///
		/// Reads every configured key. Charged up front for the worst split of `MaxKeys`
		/// keys between fed (`k`, recombined) and unfed (`u`, read only); the actual weight
		/// is charged for the keys actually read, split as they were.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::remove_feeder(T::MaxKeys::get(), 0, T::MaxFeeders::get())
				.max(T::WeightInfo::remove_feeder(0, T::MaxKeys::get(), T::MaxFeeders::get()))
				.saturating_add(Pallet::<T>::price_change_weight(T::MaxKeys::get()))
		)]
		pub fn remove_feeder(
			origin: OriginFor<T>,
			who: T::AccountId,
		) -> DispatchResultWithPostInfo {
			T::AdminOrigin::ensure_origin(origin)?;
			Feeders::<T>::try_mutate(|feeders| -> DispatchResult {
				let pos = feeders.binary_search(&who).map_err(|_| Error::<T>::NotFeeder)?;
				feeders.remove(pos);
				Ok(())
			})?;
			LastFeedBlock::<T>::remove(&who);

			let now = T::Time::now();
			let mut dropped: u32 = 0;
			let mut read: u32 = 0;
			for (key, config) in KeyConfigs::<T>::iter() {
				read = read.saturating_add(1);
				if Feeds::<T>::take(key, &who).is_some() {
					dropped = dropped.saturating_add(1);
					// A paused key keeps only a confirmed value its remaining feeds back.
					match Paused::<T>::get(key) {
						Some(pause) => Self::confirm_paused(&key, &config, now, &pause, true),
						None => {
							Self::recombine(&key, &config, now, false);
						}
					}
				}
			}
			Self::deposit_event(Event::FeederRemoved { who, dropped });
			// Every key was read: those the feeder fed were dropped and recombined (`k`),
			// the others only had their configuration and feed record read (`u`).
			let unfed = read.saturating_sub(dropped);
			Ok(Some(
				T::WeightInfo::remove_feeder(dropped, unfed, T::MaxFeeders::get())
					.saturating_add(Self::price_change_weight(dropped)),
			)
			.into())
		}

		/// Configure a key (create it or change it). The key is recombined under the new
		/// rules at once, so a stricter `min_feeders` or narrower bounds take effect
		/// immediately. Admin origin.
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::set_key_config(T::MaxFeeders::get()).saturating_add(Pallet::<T>::price_change_weight(1))
		)]
		pub fn set_key_config(
			origin: OriginFor<T>,
			key: OracleKey,
			config: KeyConfig,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(
				config.min_feeders >= 1 && config.min_feeders <= T::MaxFeeders::get(),
				Error::<T>::InvalidMinFeeders
			);
			ensure!(config.max_age > 0, Error::<T>::InvalidMaxAge);
			if let (Some(min), Some(max)) = (config.min_value, config.max_value) {
				ensure!(min <= max, Error::<T>::InvalidBounds);
			}
			ensure!(
				config.max_deviation.is_none_or(|d| !d.is_zero()),
				Error::<T>::InvalidMaxDeviation
			);
			if !KeyConfigs::<T>::contains_key(key) {
				ensure!(KeyConfigs::<T>::count() < T::MaxKeys::get(), Error::<T>::TooManyKeys);
			}
			KeyConfigs::<T>::insert(key, config);
			Self::deposit_event(Event::KeyConfigured { key, config });
			match Paused::<T>::get(key) {
				Some(pause) => Self::confirm_paused(&key, &config, T::Time::now(), &pause, true),
				None => {
					Self::recombine(&key, &config, T::Time::now(), false);
				}
			}
			Ok(())
		}

		/// Remove a key with all its feeds, its value and its pause. Admin origin.
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::remove_key(T::MaxFeeders::get()).saturating_add(Pallet::<T>::price_change_weight(1))
		)]
		pub fn remove_key(origin: OriginFor<T>, key: OracleKey) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(KeyConfigs::<T>::contains_key(key), Error::<T>::KeyNotConfigured);
			KeyConfigs::<T>::remove(key);
			let _ = Feeds::<T>::clear_prefix(key, T::MaxFeeders::get(), None);
			Self::clear_combined(&key);
			Self::clear_paused_value(&key);
			Paused::<T>::remove(key);
			Self::deposit_event(Event::KeyRemoved { key });
			Ok(())
		}

		/// Resume a key paused by the deviation guard, accepting the current feeds: the key
		/// is recombined without the deviation check. Admin origin.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::resume_key(T::MaxFeeders::get()).saturating_add(Pallet::<T>::price_change_weight(2))
		)]
		pub fn resume_key(origin: OriginFor<T>, key: OracleKey) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let config = KeyConfigs::<T>::get(key).ok_or(Error::<T>::KeyNotConfigured)?;
			// Pausing cleared the value, so the key recombines from its feeds alone; the
			// liquidation-only value goes (and consumers are told) before the new one comes.
			Paused::<T>::take(key).ok_or(Error::<T>::KeyNotPaused)?;
			Self::clear_paused_value(&key);
			let value = Self::recombine(&key, &config, T::Time::now(), false).map(|c| c.value);
			Self::deposit_event(Event::KeyResumed { key, value });
			Ok(())
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

impl<T: Config> Pallet<T> {
	/// Whether `who` is a feeder.
	pub fn is_feeder(who: &T::AccountId) -> bool {
		Feeders::<T>::get().binary_search(who).is_ok()
	}

	/// The median of the fresh, in-bounds feeds of `key`, or `None` with fewer than
	/// `min_feeders` of them. Reads at most `MaxFeeders` feed records.
	pub fn aggregate(key: &OracleKey, config: &KeyConfig, now: Moment) -> Option<CombinedValue> {
		Self::aggregate_since(key, config, now, None)
	}

	/// [`Self::aggregate`] over the feeds made strictly after `after` (ms), if given.
	pub fn aggregate_since(
		key: &OracleKey,
		config: &KeyConfig,
		now: Moment,
		after: Option<Moment>,
	) -> Option<CombinedValue> {
		let mut fresh: Vec<FeedRecord> = Feeds::<T>::iter_prefix_values(key)
			.filter(|f| after.is_none_or(|t| f.timestamp > t))
			.filter(|f| now.saturating_sub(f.timestamp) <= config.max_age)
			.filter(|f| config.in_bounds(f.value))
			.collect();
		let quorum = usize::try_from(config.min_feeders).ok()?;
		if quorum == 0 || fresh.len() < quorum {
			return None;
		}
		// The `min_feeders`-th freshest feed decides how long the value stays backed.
		fresh.sort_by_key(|f| core::cmp::Reverse(f.timestamp));
		let updated_at = fresh.get(quorum.checked_sub(1)?)?.timestamp;

		let mut values: Vec<Value> = fresh.iter().map(|f| f.value).collect();
		values.sort();
		let value = median_of_sorted(&values)?;
		let dispersion = values.last()?.saturating_sub(*values.first()?);
		Some(CombinedValue {
			value,
			updated_at,
			expires_at: updated_at.saturating_add(config.max_age),
			feeds: u32::try_from(values.len()).ok()?,
			dispersion,
		})
	}

	/// Recomputes and stores the combined value of `key`. With `guard_deviation`, a jump
	/// beyond `max_deviation` pauses the key instead. Without enough fresh feeds, an
	/// update (`guard_deviation`) leaves the previous value to expire on its own, while a
	/// reconfiguration clears it. Returns the stored value.
	fn recombine(
		key: &OracleKey,
		config: &KeyConfig,
		now: Moment,
		guard_deviation: bool,
	) -> Option<CombinedValue> {
		let Some(combined) = Self::aggregate(key, config, now) else {
			if !guard_deviation && Self::clear_combined(key).is_some() {
				Self::deposit_event(Event::ValueCleared { key: *key });
			}
			return None;
		};
		if guard_deviation {
			// Only a value still served is compared: the first feed after an outage is
			// never judged against an expired one.
			let previous = Combined::<T>::get(key).filter(|p| now < p.expires_at);
			if let (Some(max), Some(previous)) = (config.max_deviation, previous) {
				let deviation = relative_deviation(previous.value, combined.value);
				if deviation > max {
					// A paused key serves nothing: its value goes with the pause, which keeps
					// the previous value for the record.
					Self::clear_combined(key);
					Paused::<T>::insert(
						key,
						PauseRecord {
							previous: previous.value,
							proposed: combined.value,
							paused_at: now,
						},
					);
					Self::deposit_event(Event::KeyPaused {
						key: *key,
						previous: previous.value,
						proposed: combined.value,
						deviation,
					});
					return None;
				}
			}
		}
		Self::store_combined(key, combined);
		Self::deposit_event(Event::ValueUpdated {
			key: *key,
			value: combined.value,
			updated_at: combined.updated_at,
			expires_at: combined.expires_at,
			feeds: combined.feeds,
			dispersion: combined.dispersion,
		});
		Some(combined)
	}

	/// Stores `key`'s combined value and tells `OnPriceChange` if it is a price. Every write
	/// of `Combined` goes through here or [`Self::clear_combined`], so a consumer's copy
	/// never goes out of date.
	fn store_combined(key: &OracleKey, combined: CombinedValue) {
		Combined::<T>::insert(key, combined);
		if let OracleKey::AssetPrice(asset) = key {
			T::OnPriceChange::on_price_change(*asset, Some(price_point(&combined)));
		}
	}

	/// Removes `key`'s combined value, telling `OnPriceChange` if there was a price.
	fn clear_combined(key: &OracleKey) -> Option<CombinedValue> {
		let previous = Combined::<T>::take(key);
		if let (OracleKey::AssetPrice(asset), Some(_)) = (key, previous) {
			T::OnPriceChange::on_price_change(*asset, None);
		}
		previous
	}

	/// Recomputes a paused key's liquidation-only value from the feeds made after the pause.
	/// With a quorum of them, their median is stored in [`PausedValue`] and pushed to
	/// consumers as a liquidation-only point. Without one, the previous confirmed value is
	/// left to expire on its own, unless `clear` (a reconfiguration or a removed feeder),
	/// which removes it.
	fn confirm_paused(
		key: &OracleKey,
		config: &KeyConfig,
		now: Moment,
		pause: &PauseRecord,
		clear: bool,
	) {
		match Self::aggregate_since(key, config, now, Some(pause.paused_at)) {
			Some(combined) => {
				PausedValue::<T>::insert(key, combined);
				if let OracleKey::AssetPrice(asset) = key {
					T::OnPriceChange::on_price_change(*asset, Some(paused_point(&combined)));
				}
				Self::deposit_event(Event::PausedValueConfirmed {
					key: *key,
					value: combined.value,
					expires_at: combined.expires_at,
					feeds: combined.feeds,
				});
			}
			None if clear => Self::clear_paused_value(key),
			None => {}
		}
	}

	/// Removes a paused key's liquidation-only value, telling `OnPriceChange` if there was a
	/// price.
	fn clear_paused_value(key: &OracleKey) {
		let previous = PausedValue::<T>::take(key);
		if let (OracleKey::AssetPrice(asset), Some(_)) = (key, previous) {
			T::OnPriceChange::on_price_change(*asset, None);
		}
	}

	/// What telling `OnPriceChange` of up to `keys` prices may weigh.
	pub fn price_change_weight(keys: u32) -> Weight {
		T::OnPriceChange::max_weight().saturating_mul(u64::from(keys))
	}

	/// The value of `key` if it is current, else `None` with the reason.
	///
	/// A stored combined value implies a configured, unpaused key (removing a key or
	/// pausing it clears its value; `try_state` checks this), so a current value costs one
	/// read. The other reads only explain why there is none.
	pub fn value_status(key: &OracleKey) -> (ValueStatus, Option<CombinedValue>) {
		let combined = Combined::<T>::get(key);
		if let Some(c) = combined {
			if T::Time::now() < c.expires_at {
				return (ValueStatus::Current, Some(c));
			}
		}
		let status = if !KeyConfigs::<T>::contains_key(key) {
			ValueStatus::Unknown
		} else if Paused::<T>::contains_key(key) {
			ValueStatus::Paused
		} else if combined.is_some() {
			ValueStatus::Stale
		} else {
			ValueStatus::InsufficientFeeds
		};
		(status, None)
	}

	/// The current combined value of `key`: `None` if unknown, insufficiently fed, stale or
	/// paused. One storage read (see [`Self::value_status`]).
	pub fn current_value(key: &OracleKey) -> Option<CombinedValue> {
		Combined::<T>::get(key).filter(|c| T::Time::now() < c.expires_at)
	}

	/// Every configured key with its status. Bounded by `MaxKeys`.
	pub fn all_values() -> Vec<(OracleKey, ValueStatus, Option<CombinedValue>)> {
		KeyConfigs::<T>::iter_keys()
			.map(|key| {
				let (status, value) = Self::value_status(&key);
				(key, status, value)
			})
			.collect()
	}

	/// Checks the pallet's invariants (see the crate docs).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let feeders = Feeders::<T>::get();
		ensure!(
			feeders.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"feeders not strictly sorted"
		);
		ensure!(KeyConfigs::<T>::count() <= T::MaxKeys::get(), "more keys than MaxKeys");
		ensure!(
			KeyConfigs::<T>::count() as usize == KeyConfigs::<T>::iter_keys().count(),
			"key counter out of sync"
		);
		for (key, combined) in Combined::<T>::iter() {
			let config = KeyConfigs::<T>::get(key).ok_or("combined value for unknown key")?;
			ensure!(!Paused::<T>::contains_key(key), "combined value for a paused key");
			ensure!(combined.feeds >= config.min_feeders, "combined value below min_feeders");
			ensure!(combined.updated_at <= combined.expires_at, "combined value expires early");
		}
		for (key, who, _) in Feeds::<T>::iter() {
			ensure!(feeders.binary_search(&who).is_ok(), "feed from a non-member");
			ensure!(KeyConfigs::<T>::contains_key(key), "feed for an unknown key");
		}
		for key in Paused::<T>::iter_keys() {
			ensure!(KeyConfigs::<T>::contains_key(key), "pause of an unknown key");
		}
		for (key, confirmed) in PausedValue::<T>::iter() {
			let config = KeyConfigs::<T>::get(key).ok_or("paused value for an unknown key")?;
			let pause = Paused::<T>::get(key).ok_or("paused value for a key not paused")?;
			ensure!(confirmed.feeds >= config.min_feeders, "paused value below min_feeders");
			ensure!(confirmed.updated_at > pause.paused_at, "paused value from before the pause");
			ensure!(confirmed.updated_at <= confirmed.expires_at, "paused value expires early");
		}
		Ok(())
	}
}

/// The median of an ascending slice; for an even length, the lower of the two middle
/// values. Never a mean: with two feeds a mean would let one feeder move the served value
/// halfway to anything it likes; the lower middle is a value an honest feeder fed (and the
/// lower one, the conservative side for collateral).
pub fn median_of_sorted(values: &[Value]) -> Option<Value> {
	let len = values.len();
	let lower_middle = len.checked_sub(1)?.checked_div(2)?;
	values.get(lower_middle).copied()
}

/// |proposed − previous| / previous, saturating at 100%. A previous value of zero counts as
/// no deviation when the proposal is also zero, else as 100%.
pub fn relative_deviation(previous: Value, proposed: Value) -> Permill {
	let gap = if proposed > previous {
		proposed.saturating_sub(previous)
	} else {
		previous.saturating_sub(proposed)
	};
	if gap.is_zero() {
		return Permill::zero();
	}
	match gap.checked_div(&previous) {
		Some(ratio) if ratio < Value::one() => {
			// ratio in [0, 1): scale to parts per million, rounding up so a deviation just
			// over the limit is never rounded under it.
			let ppm = ratio.into_inner().saturating_mul(1_000_000).div_ceil(Value::accuracy());
			Permill::from_parts(u32::try_from(ppm).unwrap_or(1_000_000))
		}
		_ => Permill::one(),
	}
}

/// The price point a combined value serves.
fn price_point(combined: &CombinedValue) -> PricePoint {
	PricePoint {
		price: combined.value,
		observed_at: combined.updated_at,
		expires_at: combined.expires_at,
		liquidation_only: false,
	}
}

/// The liquidation-only price point a paused key's confirmed value serves.
fn paused_point(combined: &CombinedValue) -> PricePoint {
	PricePoint { liquidation_only: true, ..price_point(combined) }
}

impl<T: Config> PriceFeed for Pallet<T> {
	fn price(asset: AssetId) -> Option<(Value, Moment)> {
		Self::current_value(&OracleKey::AssetPrice(asset)).map(|c| (c.value, c.updated_at))
	}
	/// The stored point: the combined value, or a paused key's liquidation-only value.
	fn price_point(asset: AssetId) -> Option<PricePoint> {
		let key = OracleKey::AssetPrice(asset);
		Combined::<T>::get(key)
			.map(|c| price_point(&c))
			.or_else(|| PausedValue::<T>::get(key).map(|c| paused_point(&c)))
	}
}

impl<T: Config> MetricFeed for Pallet<T> {
	fn metric(
		model: ModelId,
		version: ModelVersion,
		metric: MetricKind,
	) -> Option<(Value, Moment)> {
		Self::current_value(&OracleKey::ModelMetric { model, version, metric })
			.map(|c| (c.value, c.updated_at))
	}
}
