//! Storage migrations of the lending pallet.
//!
//! Versions 1 (spec 102) and 2 (spec 104) have run on every chain; their code lives in the
//! git history. Version 3 (spec 108) → 4 (spec 110) follows [`v3`].

/// Version 2 → 3: risk categories replace the per-market isolation ceiling, and markets
/// gain a stale-price write-down schedule.
///
/// - every market without an isolation ceiling keeps its values and gets `category: None`;
/// - every isolated market gets a risk category of its own, with the market's collateral
///   factor, threshold and bonus, `zero_ltv = false`, the market's ceiling (debt asset and
///   units) as the category's debt ceiling, and the market's isolated debt as the
///   category's debt count. Ids are given from 1 in the order the markets are stored;
///   accounts keep exactly the borrowing power and the ceiling they had;
/// - every market gets `stale_write_down: None` (collateral without a current price counts
///   as 0 to a liquidation, as before) and `last_observed_at` = its point's observation
///   time (0 without a point);
/// - nothing else changes (the state loses its `isolated_debt` field, now the category's).
pub mod v3 {
	use crate::{
		Categories, Category, CategoryId, Config, DebtCeiling, MarketParams, Markets, Pallet,
		RateModel, RiskCategory,
	};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use modelchain_primitives::{AssetId, Balance, LendingAsset, Moment, Price, PricePoint};
	use sp_arithmetic::Permill;

	/// An isolation ceiling as version 2 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct IsolationCeilingV2 {
		pub debt_asset: LendingAsset,
		pub ceiling: Balance,
	}

	/// A market's parameters as version 2 stored them.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketParamsV2 {
		pub collateral_factor: Permill,
		pub liquidation_threshold: Permill,
		pub liquidation_bonus: Permill,
		pub protocol_liquidation_share: Permill,
		pub reserve_factor: Permill,
		pub supply_cap: Balance,
		pub borrow_cap: Balance,
		pub min_borrow: Balance,
		pub rate_model: RateModel,
		pub max_price_age: Moment,
		pub price_key: AssetId,
		pub decimals: u8,
		pub isolation_debt_ceiling: Option<IsolationCeilingV2>,
	}

	/// A market's state as version 2 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketStateV2 {
		pub cash: Balance,
		pub in_flight: Balance,
		pub total_borrows: Balance,
		pub total_reserves: Balance,
		pub total_shares: Balance,
		pub borrow_index: Price,
		pub last_accrued: Moment,
		pub deficit: Balance,
		pub isolated_debt: Balance,
		pub paused: bool,
		pub halted: bool,
		pub price: Option<PricePoint>,
		pub last_price: Price,
	}

	/// A market as version 2 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketV2 {
		pub params: MarketParamsV2,
		pub state: MarketStateV2,
	}

	/// A market's state as version 3 stored it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketStateV3 {
		pub cash: Balance,
		pub in_flight: Balance,
		pub total_borrows: Balance,
		pub total_reserves: Balance,
		pub total_shares: Balance,
		pub borrow_index: Price,
		pub last_accrued: Moment,
		pub deficit: Balance,
		pub paused: bool,
		pub halted: bool,
		pub price: Option<PricePoint>,
		pub last_price: Price,
		pub last_observed_at: Moment,
	}

	/// A market as version 3 stored it (the parameters did not change).
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Debug)]
	pub struct MarketV3 {
		pub params: MarketParams,
		pub state: MarketStateV3,
	}

	/// Converts one version-2 market; `category` is the id its isolation ceiling becomes
	/// (ignored without a ceiling). Returns the market and, if isolated, its category.
	pub fn migrate_market(old: MarketV2, category: CategoryId) -> (MarketV3, Option<Category>) {
		let p = old.params;
		let params = MarketParams {
			collateral_factor: p.collateral_factor,
			liquidation_threshold: p.liquidation_threshold,
			liquidation_bonus: p.liquidation_bonus,
			protocol_liquidation_share: p.protocol_liquidation_share,
			reserve_factor: p.reserve_factor,
			supply_cap: p.supply_cap,
			borrow_cap: p.borrow_cap,
			min_borrow: p.min_borrow,
			rate_model: p.rate_model,
			max_price_age: p.max_price_age,
			price_key: p.price_key,
			decimals: p.decimals,
			category: p.isolation_debt_ceiling.map(|_| category),
			stale_write_down: None,
		};
		let s = old.state;
		let state = MarketStateV3 {
			cash: s.cash,
			in_flight: s.in_flight,
			total_borrows: s.total_borrows,
			total_reserves: s.total_reserves,
			total_shares: s.total_shares,
			borrow_index: s.borrow_index,
			last_accrued: s.last_accrued,
			deficit: s.deficit,
			paused: s.paused,
			halted: s.halted,
			price: s.price,
			last_price: s.last_price,
			last_observed_at: s.price.map(|p| p.observed_at).unwrap_or_default(),
		};
		let new_category = p.isolation_debt_ceiling.map(|c| Category {
			params: RiskCategory {
				collateral_factor: p.collateral_factor,
				liquidation_threshold: p.liquidation_threshold,
				liquidation_bonus: p.liquidation_bonus,
				zero_ltv: false,
				debt_ceiling: Some(DebtCeiling { debt_asset: c.debt_asset, ceiling: c.ceiling }),
			},
			scaled_debt: s.isolated_debt,
			markets: 1,
		});
		(MarketV3 { params, state }, new_category)
	}

	/// The migration's body; run it through [`MigrateV2ToV3`], which checks the version.
	pub struct InnerMigrateV2ToV3<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut markets: u64 = 0;
			let mut next: CategoryId = 1;
			let mut created: alloc::vec::Vec<(CategoryId, Category)> = alloc::vec::Vec::new();
			// Written in the version-3 layout, raw: version 4 (the next migration) reads it.
			for (asset, old) in read_all::<T, MarketV2>() {
				markets = markets.saturating_add(1);
				let (market, category) = migrate_market(old, next);
				if let Some(category) = category {
					created.push((next, category));
					next = next.saturating_add(1);
				}
				frame_support::storage::unhashed::put_raw(
					&Markets::<T>::hashed_key_for(asset),
					&market.encode(),
				);
			}
			let categories = created.len() as u64;
			for (id, category) in created {
				Categories::<T>::insert(id, category);
			}
			T::DbWeight::get().reads_writes(markets, markets.saturating_add(categories))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			let snapshot = read_all::<T, MarketV2>();
			ensure!(
				snapshot.len() == Markets::<T>::iter_keys().count(),
				"a market does not decode as version 2"
			);
			ensure!(Categories::<T>::iter_keys().next().is_none(), "categories exist already");
			Ok(snapshot.encode())
		}

		/// Checks the version-3 markets raw (the pallet's own checks run after version 4).
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let snapshot: alloc::vec::Vec<(LendingAsset, MarketV2)> =
				Decode::decode(&mut &state[..])
					.map_err(|_| sp_runtime::TryRuntimeError::Other("bad snapshot"))?;
			let migrated = read_all::<T, MarketV3>();
			ensure!(migrated.len() == snapshot.len(), "a market does not decode as version 3");
			let mut isolated = 0usize;
			for ((asset, old), (new_asset, new)) in snapshot.into_iter().zip(migrated) {
				ensure!(asset == new_asset, "the markets changed");
				let id = new.params.category.unwrap_or_default();
				let (expected, category) = migrate_market(old, id);
				ensure!(new == expected, "a market migrated wrongly");
				if let Some(category) = category {
					isolated = isolated.saturating_add(1);
					ensure!(
						Categories::<T>::get(id) == Some(category),
						"an isolated market's category is wrong"
					);
				}
			}
			ensure!(
				Categories::<T>::iter_keys().count() == isolated,
				"a category for each isolated market, and no other"
			);
			Ok(())
		}
	}

	/// Every market decoded raw in layout `M` (those that decode), in storage order.
	pub fn read_all<T: Config, M: Decode>() -> alloc::vec::Vec<(LendingAsset, M)> {
		Markets::<T>::iter_keys()
			.filter_map(|asset| {
				let raw = frame_support::storage::unhashed::get_raw(
					&Markets::<T>::hashed_key_for(asset),
				)?;
				M::decode(&mut &raw[..]).ok().map(|m| (asset, m))
			})
			.collect()
	}

	/// Migrates the lending pallet from storage version 2 to 3, once.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 3 → 4: model shares as collateral. Each market's state gains `shares_flagged`
/// (false) and `price_rose_at` (0); nothing else changes (no market of model shares can
/// exist before). A chain still on version 2 runs [`v3::MigrateV2ToV3`] first, which writes
/// the version-3 layout raw for this one to read.
pub mod v4 {
	pub use super::v3::{MarketStateV3, MarketV3};
	use crate::{Config, Market, MarketState, Markets, Pallet};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// Converts one version-3 market.
	pub fn migrate_market(old: MarketV3) -> Market {
		let s = old.state;
		Market {
			params: old.params,
			state: MarketState {
				cash: s.cash,
				in_flight: s.in_flight,
				total_borrows: s.total_borrows,
				total_reserves: s.total_reserves,
				total_shares: s.total_shares,
				borrow_index: s.borrow_index,
				last_accrued: s.last_accrued,
				deficit: s.deficit,
				paused: s.paused,
				halted: s.halted,
				price: s.price,
				last_price: s.last_price,
				last_observed_at: s.last_observed_at,
				shares_flagged: false,
				price_rose_at: 0,
			},
		}
	}

	/// The migration's body; run it through [`MigrateV3ToV4`], which checks the version.
	pub struct InnerMigrateV3ToV4<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut markets: u64 = 0;
			Markets::<T>::translate::<MarketV3, _>(|_, old| {
				markets = markets.saturating_add(1);
				Some(migrate_market(old))
			});
			T::DbWeight::get().reads_writes(markets, markets)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let snapshot = super::v3::read_all::<T, MarketV3>();
			ensure!(
				snapshot.len() == Markets::<T>::iter_keys().count(),
				"a market does not decode as version 3"
			);
			Ok(snapshot.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			use modelchain_primitives::LendingAsset;
			let snapshot: alloc::vec::Vec<(LendingAsset, MarketV3)> =
				Decode::decode(&mut &state[..])
					.map_err(|_| sp_runtime::TryRuntimeError::Other("bad snapshot"))?;
			for (asset, old) in snapshot {
				let new = Markets::<T>::get(asset)
					.ok_or(sp_runtime::TryRuntimeError::Other("a market disappeared"))?;
				ensure!(new == migrate_market(old), "a market migrated wrongly");
			}
			Pallet::<T>::do_try_state()
		}
	}

	/// Migrates the lending pallet from storage version 3 to 4, once.
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateV3ToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
