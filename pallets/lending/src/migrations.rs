//! Storage migrations of the lending pallet.
//!
//! Version 1 (price points in markets, `PriceKeyMarkets`, `MarketCount`) shipped with
//! spec 102 and has run on every chain; its code lives in the git history.

/// Version 1 → 2: flash loans counted in flight, the price a liquidation falls back on,
/// isolation ceilings in units of one debt asset, and a minimum borrow per market.
///
/// - every market gains `in_flight = 0`, `last_price` = its current point's price (or 0)
///   and `min_borrow = 0`;
/// - an isolation ceiling counted in USD cannot be turned into units of an asset without
///   choosing the asset, so an isolated market keeps isolation with a ceiling of 0 units of
///   its own asset: nothing new can be borrowed against it until governance sets the
///   ceiling with `update_market`. Its USD count is dropped (`isolated_debt = 0`);
/// - every market is listed under its price key if the list has room (version 1 could
///   leave one out when the list was full); `try_state` reports any still missing.
pub mod v2 {
	use crate::{
		Config, IsolationCeiling, Market, MarketParams, MarketState, Markets, Pallet, RateModel,
	};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use modelchain_primitives::{AssetId, Balance, Moment, Price};
	use sp_arithmetic::Permill;

	/// A market's parameters as version 1 stored them.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketParamsV1 {
		pub collateral_factor: Permill,
		pub liquidation_threshold: Permill,
		pub liquidation_bonus: Permill,
		pub protocol_liquidation_share: Permill,
		pub reserve_factor: Permill,
		pub supply_cap: Balance,
		pub borrow_cap: Balance,
		pub rate_model: RateModel,
		pub max_price_age: Moment,
		pub price_key: AssetId,
		pub decimals: u8,
		pub isolation_debt_ceiling: Option<Price>,
	}

	/// A market's state as version 1 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketStateV1 {
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
		pub price: Option<PricePointV1>,
	}

	/// A price point as version 1 stored it (without `liquidation_only`).
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct PricePointV1 {
		pub price: Price,
		pub observed_at: Moment,
		pub expires_at: Moment,
	}

	/// A market as version 1 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketV1 {
		pub params: MarketParamsV1,
		pub state: MarketStateV1,
	}

	/// Converts one version-1 market.
	pub fn migrate_market(asset: crate::LendingAsset, old: MarketV1) -> Market {
		let p = old.params;
		let params = MarketParams {
			collateral_factor: p.collateral_factor,
			liquidation_threshold: p.liquidation_threshold,
			liquidation_bonus: p.liquidation_bonus,
			protocol_liquidation_share: p.protocol_liquidation_share,
			reserve_factor: p.reserve_factor,
			supply_cap: p.supply_cap,
			borrow_cap: p.borrow_cap,
			min_borrow: 0,
			rate_model: p.rate_model,
			max_price_age: p.max_price_age,
			price_key: p.price_key,
			decimals: p.decimals,
			isolation_debt_ceiling: p
				.isolation_debt_ceiling
				.map(|_| IsolationCeiling { debt_asset: asset, ceiling: 0 }),
		};
		let s = old.state;
		let price = s.price.map(|point| modelchain_primitives::PricePoint {
			price: point.price,
			observed_at: point.observed_at,
			expires_at: point.expires_at,
			liquidation_only: false,
		});
		let mut state = MarketState::new(s.last_accrued, price);
		state.cash = s.cash;
		state.total_borrows = s.total_borrows;
		state.total_reserves = s.total_reserves;
		state.total_shares = s.total_shares;
		state.borrow_index = s.borrow_index;
		state.deficit = s.deficit;
		state.paused = s.paused;
		state.halted = s.halted;
		Market { params, state }
	}

	/// The migration's body; run it through [`MigrateV1ToV2`], which checks the version.
	pub struct InnerMigrateV1ToV2<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut markets: u64 = 0;
			Markets::<T>::translate::<MarketV1, _>(|asset, old| {
				markets = markets.saturating_add(1);
				let market = migrate_market(asset, old);
				if Pallet::<T>::subscribe_to_price(asset, market.params.price_key).is_err() {
					log::error!(
						target: "runtime::lending",
						"market {asset:?} still not listed under its price key: MaxMarketsPerPriceKey reached"
					);
				}
				Some(market)
			});
			// Per market: the market and its key list read and written.
			T::DbWeight::get().reads_writes(markets.saturating_mul(2), markets.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let snapshot: alloc::vec::Vec<(crate::LendingAsset, MarketV1)> =
				Markets::<T>::iter_keys()
					.filter_map(|asset| {
						let raw = frame_support::storage::unhashed::get_raw(
							&Markets::<T>::hashed_key_for(asset),
						)?;
						MarketV1::decode(&mut &raw[..]).ok().map(|m| (asset, m))
					})
					.collect();
			ensure!(
				snapshot.len() == Markets::<T>::iter_keys().count(),
				"a market does not decode as version 1"
			);
			Ok(snapshot.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let snapshot: alloc::vec::Vec<(crate::LendingAsset, MarketV1)> =
				Decode::decode(&mut &state[..])
					.map_err(|_| sp_runtime::TryRuntimeError::Other("bad snapshot"))?;
			for (asset, old) in snapshot {
				let new = Markets::<T>::get(asset)
					.ok_or(sp_runtime::TryRuntimeError::Other("a market disappeared"))?;
				ensure!(new == migrate_market(asset, old), "a market migrated wrongly");
				ensure!(new.state.in_flight == 0, "a migrated market has cash in flight");
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the lending pallet from storage version 1 to 2, once.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
