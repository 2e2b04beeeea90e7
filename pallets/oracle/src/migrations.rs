//! Storage migrations of the oracle pallet.

/// Version 0 → 1 (spec 113): one record per key.
///
/// Version 0 kept five maps per key: `KeyConfigs` (counted), `Feeds` (key, feeder),
/// `Combined`, `Paused` and `PausedValue`. Feeding one value read nine records and recombined
/// from up to `MaxFeeders` more. Version 1 keeps one [`KeyState`] per key in [`Keys`]:
///
/// - every configured key keeps its configuration, its feeds from current feeders (sorted by
///   feeder), its combined value, its pause and its liquidation-only value, unchanged;
/// - [`PriceKeys`] counts the configured price keys;
/// - the five old maps and the old key counter are removed, including any feed of a key that
///   was not configured or of an account that is no longer a feeder (version 0's invariants
///   already ruled both out).
///
/// Bounded: version 0 allowed 64 keys and 16 feeders, so at most 64 records are written and
/// about 1,100 read.
pub mod v1 {
	use crate::{
		CombinedValue, Config, FeedRecord, Feeders, KeyConfig, KeyState, Keys, OracleKey, Pallet,
		PauseRecord, PriceKeys,
	};
	use alloc::vec::Vec;
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage_alias,
		traits::UncheckedOnRuntimeUpgrade, Blake2_128Concat,
	};

	/// Version 0's key configurations.
	#[storage_alias]
	pub type KeyConfigs<T: Config> =
		CountedStorageMap<Pallet<T>, Blake2_128Concat, OracleKey, KeyConfig>;
	/// Version 0's feeds.
	#[storage_alias]
	pub type Feeds<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		OracleKey,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		FeedRecord,
	>;
	/// Version 0's combined values.
	#[storage_alias]
	pub type Combined<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, OracleKey, CombinedValue>;
	/// Version 0's pauses.
	#[storage_alias]
	pub type Paused<T: Config> = StorageMap<Pallet<T>, Blake2_128Concat, OracleKey, PauseRecord>;
	/// Version 0's liquidation-only values.
	#[storage_alias]
	pub type PausedValue<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, OracleKey, CombinedValue>;

	/// One key as version 0 held it, its feeds limited to current feeders and sorted.
	type OldKey<AccountId> = (
		OracleKey,
		KeyConfig,
		Vec<(AccountId, FeedRecord)>,
		Option<CombinedValue>,
		Option<PauseRecord>,
		Option<CombinedValue>,
	);

	fn read_old<T: Config>() -> (Vec<OldKey<T::AccountId>>, u64) {
		let feeders = Feeders::<T>::get();
		let mut reads: u64 = 1;
		let keys = KeyConfigs::<T>::iter()
			.map(|(key, config)| {
				let mut feeds: Vec<_> = Feeds::<T>::iter_prefix(key)
					.inspect(|_| reads = reads.saturating_add(1))
					.filter(|(who, _)| feeders.binary_search(who).is_ok())
					.collect();
				feeds.sort_by(|a, b| a.0.cmp(&b.0));
				// The configuration, the value, the pause and the paused value.
				reads = reads.saturating_add(4);
				(
					key,
					config,
					feeds,
					Combined::<T>::get(key),
					Paused::<T>::get(key),
					PausedValue::<T>::get(key),
				)
			})
			.collect();
		(keys, reads)
	}

	/// The migration's body; run it through [`MigrateV0ToV1`], which checks the version.
	pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (old, mut reads) = read_old::<T>();
			let mut writes: u64 = 0;
			let mut prices: u32 = 0;
			for (key, config, feeds, combined, pause, paused_value) in old {
				if crate::price_asset(&key).is_some() {
					prices = prices.saturating_add(1);
				}
				// At most one feed per current feeder, and the feeders are at most
				// `MaxFeeders`, so nothing is cut.
				let feeds = BoundedVec::truncate_from(feeds);
				Keys::<T>::insert(key, KeyState { config, feeds, combined, pause, paused_value });
				// The record, and the key counter (read and written by each insert).
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(2);
			}
			PriceKeys::<T>::put(prices);
			let cleared = [
				KeyConfigs::<T>::clear(u32::MAX, None).unique,
				Feeds::<T>::clear(u32::MAX, None).unique,
				Combined::<T>::clear(u32::MAX, None).unique,
				Paused::<T>::clear(u32::MAX, None).unique,
				PausedValue::<T>::clear(u32::MAX, None).unique,
			];
			writes = cleared
				.iter()
				.fold(writes.saturating_add(2), |sum, n| sum.saturating_add(u64::from(*n)));
			log::info!(
				target: crate::LOG_TARGET,
				"oracle v0 -> v1: {} keys into one record each, {prices} of them prices",
				Keys::<T>::count()
			);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let (old, _) = read_old::<T>();
			Ok(old.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let old: Vec<OldKey<T::AccountId>> = Decode::decode(&mut &state[..])
				.map_err(|_| "oracle v1: cannot decode the pre-upgrade state")?;
			ensure!(Keys::<T>::count() as usize == old.len(), "oracle v1: key count changed");
			let mut prices: u32 = 0;
			for (key, config, feeds, combined, pause, paused_value) in old {
				let state = Keys::<T>::get(key).ok_or("oracle v1: a key was lost")?;
				ensure!(state.config == config, "oracle v1: a configuration changed");
				ensure!(state.feeds.to_vec() == feeds, "oracle v1: feeds changed");
				ensure!(state.combined == combined, "oracle v1: a combined value changed");
				ensure!(state.pause == pause, "oracle v1: a pause changed");
				ensure!(state.paused_value == paused_value, "oracle v1: a paused value changed");
				if crate::price_asset(&key).is_some() {
					prices = prices.saturating_add(1);
				}
			}
			ensure!(PriceKeys::<T>::get() == prices, "oracle v1: price keys miscounted");
			ensure!(KeyConfigs::<T>::count() == 0, "oracle v1: old key counter left");
			ensure!(KeyConfigs::<T>::iter().next().is_none(), "oracle v1: old configs left");
			ensure!(Feeds::<T>::iter().next().is_none(), "oracle v1: old feeds left");
			ensure!(Combined::<T>::iter().next().is_none(), "oracle v1: old values left");
			ensure!(Paused::<T>::iter().next().is_none(), "oracle v1: old pauses left");
			ensure!(PausedValue::<T>::iter().next().is_none(), "oracle v1: old paused left");
			Ok(())
		}
	}

	/// Version 0 → 1, run once (checks and sets the pallet's storage version).
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
