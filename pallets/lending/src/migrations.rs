//! Storage migrations of the lending pallet.

/// Version 0 → 1: every market carries the oracle's price point and is listed under its
/// price key (`PriceKeyMarkets`); the market count moves from the counted map's
/// `CounterForMarkets` to `MarketCount`.
pub mod v1 {
	use crate::{
		Config, Market, MarketCount, MarketParams, MarketState, Markets, Pallet, PriceFeed,
	};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage_alias,
		traits::UncheckedOnRuntimeUpgrade,
	};
	use modelchain_primitives::{Balance, Moment, Price};

	/// A market's state as version 0 stored it: without the price point.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketStateV0 {
		pub cash: Balance,
		pub total_borrows: Balance,
		pub total_reserves: Balance,
		pub total_shares: Balance,
		pub borrow_index: Price,
		pub last_accrued: Moment,
		pub deficit: Balance,
		pub isolated_debt: Price,
		pub paused: bool,
		pub halted: bool,
	}

	/// A market as version 0 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketV0 {
		pub params: MarketParams,
		pub state: MarketStateV0,
	}

	/// Version 0's market counter (the `CountedStorageMap` counter of `Markets`).
	#[storage_alias]
	pub type CounterForMarkets<T: Config> = StorageValue<Pallet<T>, u32, ValueQuery>;

	/// The migration's body; run it through [`MigrateV0ToV1`], which checks the version.
	pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut markets: u64 = 0;
			Markets::<T>::translate::<MarketV0, _>(|asset, old| {
				markets = markets.saturating_add(1);
				let key = old.params.price_key;
				if Pallet::<T>::subscribe_to_price(asset, key).is_err() {
					log::error!(
						target: "runtime::lending",
						"market {asset:?} not listed under price key {key}: MaxMarketsPerPriceKey reached; it keeps the price it has now until update_market moves it"
					);
				}
				let s = old.state;
				let state = MarketState {
					cash: s.cash,
					total_borrows: s.total_borrows,
					total_reserves: s.total_reserves,
					total_shares: s.total_shares,
					borrow_index: s.borrow_index,
					last_accrued: s.last_accrued,
					deficit: s.deficit,
					isolated_debt: s.isolated_debt,
					paused: s.paused,
					halted: s.halted,
					price: T::PriceFeed::price_point(key),
				};
				Some(Market { params: old.params, state })
			});
			MarketCount::<T>::put(u32::try_from(markets).unwrap_or(u32::MAX));
			CounterForMarkets::<T>::kill();
			// Per market: the market, its price and its key list read; the market and the
			// key list written. Then the counter read, killed, and the count written.
			T::DbWeight::get()
				.reads_writes(markets.saturating_mul(3), markets.saturating_mul(2))
				.saturating_add(T::DbWeight::get().reads_writes(1, 2))
		}
	}

	/// Migrates the lending pallet from storage version 0 to 1, once.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
