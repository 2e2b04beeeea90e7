//! Tests: storage migrations v2 → v3 (isolation ceilings become risk categories) and v3 →
//! v4 (model-share fields on every market's state).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::{
	migrations::{
		v3::{
			migrate_market, read_all, IsolationCeilingV2, MarketParamsV2, MarketStateV2, MarketV2,
			MarketV3, MigrateV2ToV3,
		},
		v4::{self, MigrateV3ToV4},
	},
	Categories, Category, DebtCeiling, RiskCategory,
};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use modelchain_primitives::PriceFeed;

fn params_v2(price_key: u32, decimals: u8, ceiling: Option<IsolationCeilingV2>) -> MarketParamsV2 {
	let p = params(price_key, decimals);
	MarketParamsV2 {
		collateral_factor: Permill::from_percent(50),
		liquidation_threshold: Permill::from_percent(60),
		liquidation_bonus: p.liquidation_bonus,
		protocol_liquidation_share: p.protocol_liquidation_share,
		reserve_factor: p.reserve_factor,
		supply_cap: p.supply_cap,
		borrow_cap: p.borrow_cap,
		min_borrow: 7,
		rate_model: p.rate_model,
		max_price_age: p.max_price_age,
		price_key,
		decimals,
		isolation_debt_ceiling: ceiling,
	}
}

fn state_v2(key: u32, isolated_debt: Balance) -> MarketStateV2 {
	let point = TestPrices::price_point(key);
	MarketStateV2 {
		cash: 0,
		in_flight: 0,
		total_borrows: 0,
		total_reserves: 0,
		total_shares: 0,
		borrow_index: price(11, 10),
		last_accrued: Timestamp::get() - 5_000,
		deficit: 0,
		isolated_debt,
		paused: true,
		halted: false,
		price: point,
		last_price: point.unwrap().price,
	}
}

/// Writes version-2 markets for MDL, USD (neither isolated) and RWA (isolated: USD only,
/// 50,000 USD, 1,234 counted), listed under their keys, at storage version 2.
fn version_2_chain() -> [(LendingAsset, MarketV2); 3] {
	let ceiling = IsolationCeilingV2 { debt_asset: usd(), ceiling: 50_000 * DOLLAR };
	let old = [
		(
			native(),
			MarketV2 { params: params_v2(NATIVE_KEY, 12, None), state: state_v2(NATIVE_KEY, 0) },
		),
		(usd(), MarketV2 { params: params_v2(USD, 6, None), state: state_v2(USD, 0) }),
		(rwa(), MarketV2 { params: params_v2(RWA, 6, Some(ceiling)), state: state_v2(RWA, 1_234) }),
	];
	for (asset, market) in old {
		frame_support::storage::unhashed::put_raw(
			&Markets::<Test>::hashed_key_for(asset),
			&market.encode(),
		);
		let key = market.params.price_key;
		PriceKeyMarkets::<Test>::insert(key, frame_support::BoundedVec::truncate_from(vec![asset]));
	}
	crate::MarketCount::<Test>::put(3);
	StorageVersion::new(2).put::<Lending>();
	old
}

#[test]
fn migration_to_v3_turns_each_isolation_ceiling_into_a_category_and_v4_adds_share_fields() {
	new_test_ext().execute_with(|| {
		let old = version_2_chain();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Lending::on_chain_storage_version(), 3);
		// Version 3 is written raw, in its own layout: the next migration reads it.
		let v3: Vec<(LendingAsset, MarketV3)> = read_all::<Test, MarketV3>();
		assert_eq!(v3.len(), 3);
		let usd_v3 = v3.iter().find(|(a, _)| *a == usd()).unwrap().1;
		assert_eq!(usd_v3, migrate_market(old[1].1, 1).0);
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Lending::on_chain_storage_version(), 4);

		let usd_market = market(usd());
		assert_eq!(usd_market, v4::migrate_market(usd_v3));
		assert!(!usd_market.state.shares_flagged);
		assert_eq!(usd_market.state.price_rose_at, 0);
		assert_eq!(usd_market.state.last_observed_at, usd_v3.state.last_observed_at);
		assert_eq!(usd_market.params.category, None);
		assert_eq!(usd_market.params.min_borrow, 7);
		assert_eq!(usd_market.state.borrow_index, price(11, 10));
		assert!(usd_market.state.paused);
		assert_eq!(market(native()).params.category, None);
		// RWA's isolation becomes category 1 with its own values, ceiling and count, so
		// its borrowers keep exactly their borrowing power and their ceiling.
		assert_eq!(market(rwa()).params.category, Some(1));
		assert_eq!(
			Categories::<Test>::get(1),
			Some(Category {
				params: RiskCategory {
					collateral_factor: Permill::from_percent(50),
					liquidation_threshold: Permill::from_percent(60),
					liquidation_bonus: Permill::from_percent(5),
					zero_ltv: false,
					debt_ceiling: Some(DebtCeiling { debt_asset: usd(), ceiling: 50_000 * DOLLAR }),
				},
				scaled_debt: 1_234,
				markets: 1,
			})
		);
		assert_eq!(Categories::<Test>::iter().count(), 1);
		Lending::do_try_state().unwrap();
		// A second upgrade does nothing.
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Categories::<Test>::iter().count(), 1);
		assert_eq!(market(usd()), usd_market);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn migrations_to_v3_then_v4_pass_their_try_runtime_checks() {
	new_test_ext().execute_with(|| {
		version_2_chain();
		MigrateV2ToV3::<Test>::try_on_runtime_upgrade(true).unwrap();
		assert_eq!(Lending::on_chain_storage_version(), 3);
		MigrateV3ToV4::<Test>::try_on_runtime_upgrade(true).unwrap();
		assert_eq!(Lending::on_chain_storage_version(), 4);
	});
}
