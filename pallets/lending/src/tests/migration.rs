//! Tests: storage migration v1 → v2.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::migrations::v2::{
	migrate_market, MarketParamsV1, MarketStateV1, MarketV1, MigrateV1ToV2, PricePointV1,
};
use codec::Encode;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn params_v1(price_key: u32, decimals: u8, ceiling: Option<Price>) -> MarketParamsV1 {
	let p = params(price_key, decimals);
	MarketParamsV1 {
		collateral_factor: p.collateral_factor,
		liquidation_threshold: p.liquidation_threshold,
		liquidation_bonus: p.liquidation_bonus,
		protocol_liquidation_share: p.protocol_liquidation_share,
		reserve_factor: p.reserve_factor,
		supply_cap: p.supply_cap,
		borrow_cap: p.borrow_cap,
		rate_model: p.rate_model,
		max_price_age: p.max_price_age,
		price_key,
		decimals,
		isolation_debt_ceiling: ceiling,
	}
}

#[test]
fn migration_to_v2_keeps_every_market_and_adds_the_new_fields() {
	new_test_ext().execute_with(|| {
		let now = Timestamp::get();
		let point = |p: Price| PricePointV1 { price: p, observed_at: now, expires_at: u64::MAX };
		let state = |point: Option<PricePointV1>, isolated: Price| MarketStateV1 {
			cash: 5 * DOLLAR,
			total_borrows: 2 * DOLLAR,
			total_reserves: 7,
			total_shares: 6 * DOLLAR,
			borrow_index: price(11, 10),
			last_accrued: now - 5_000,
			deficit: 3,
			isolated_debt: isolated,
			paused: true,
			halted: false,
			price: point,
		};
		let old_usd = MarketV1 {
			params: params_v1(USD, 6, None),
			state: state(Some(point(Price::one())), Price::zero()),
		};
		let old_rwa = MarketV1 {
			params: params_v1(RWA, 6, Some(Price::saturating_from_integer(50_000u32))),
			state: state(Some(point(Price::saturating_from_integer(100u32))), Price::one()),
		};
		for (asset, old) in [(usd(), old_usd), (rwa(), old_rwa)] {
			frame_support::storage::unhashed::put_raw(
				&Markets::<Test>::hashed_key_for(asset),
				&old.encode(),
			);
		}
		crate::MarketCount::<Test>::put(2);
		// Version 1 left RWA out of its price key's list (the list was full).
		PriceKeyMarkets::<Test>::insert(USD, frame_support::BoundedVec::truncate_from(vec![usd()]));
		StorageVersion::new(1).put::<Lending>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		let usd_market = market(usd());
		assert_eq!(usd_market, migrate_market(usd(), old_usd));
		assert_eq!(usd_market.params, params(USD, 6));
		assert_eq!(usd_market.state.cash, 5 * DOLLAR);
		assert_eq!(usd_market.state.total_borrows, 2 * DOLLAR);
		assert_eq!(usd_market.state.total_reserves, 7);
		assert_eq!(usd_market.state.total_shares, 6 * DOLLAR);
		assert_eq!(usd_market.state.borrow_index, price(11, 10));
		assert_eq!(usd_market.state.last_accrued, now - 5_000);
		assert_eq!(usd_market.state.deficit, 3);
		assert!(usd_market.state.paused);
		assert_eq!(usd_market.state.in_flight, 0);
		assert_eq!(usd_market.state.last_price, Price::one());
		assert!(!usd_market.state.price.unwrap().liquidation_only);
		// The USD ceiling can't become units without a choice of asset: RWA stays
		// isolated with a ceiling of 0 units of itself until governance sets one.
		let rwa_market = market(rwa());
		assert_eq!(
			rwa_market.params.isolation_debt_ceiling,
			Some(crate::IsolationCeiling { debt_asset: rwa(), ceiling: 0 })
		);
		assert_eq!(rwa_market.state.isolated_debt, 0);
		assert_eq!(rwa_market.state.last_price, Price::saturating_from_integer(100u32));
		// The missing subscription is repaired.
		assert_eq!(PriceKeyMarkets::<Test>::get(RWA).into_inner(), vec![rwa()]);
		assert_eq!(Lending::on_chain_storage_version(), 2);
		// (The made-up balances have no positions behind them: only the price copies are
		// checked here.)
		Lending::check_price_sync().unwrap();
		// A second upgrade does nothing.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(market(usd()), usd_market);
	});
}
