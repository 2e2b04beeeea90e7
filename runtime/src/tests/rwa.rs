//! A real-world asset from issue to collateral, through the real pallets: the RWA pallet
//! issues it, the asset ledger holds it, the oracle prices it, and lending lists it in a
//! risk category with a debt ceiling and a stale-price write-down.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use super::ext_from_preset;
use crate::{genesis_config_presets::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungibles::roles::Inspect as _};
use modelchain_primitives::{Hash, LendingAsset, OracleKey};
use sp_keyring::Sr25519Keyring;

const GOLD: AssetId = 100_000;
const GOLD_UNIT: Balance = 1_000_000;
const USD: LendingAsset = LendingAsset::Asset(USDM);

fn bounded<N: frame_support::traits::Get<u32>>(bytes: &[u8]) -> frame_support::BoundedVec<u8, N> {
	bytes.to_vec().try_into().unwrap()
}

#[test]
fn nobody_can_squat_the_ids_real_world_assets_get() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let eve = Sr25519Keyring::Eve.to_account_id();
		assert_noop!(
			Assets::create(RuntimeOrigin::signed(eve.clone()), GOLD.into(), eve.clone().into(), 1),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Assets::create(
			RuntimeOrigin::signed(eve.clone()),
			(GOLD - 1).into(),
			eve.into(),
			1
		));
	});
}

#[test]
fn an_issued_real_world_asset_is_listed_and_borrowed_against_within_its_category() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
		let [alice, bob, charlie, dave] = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]
		.map(|k| k.to_account_id());
		// Charlie issues Vault Gold (6 decimals) and mints 1,000 to Dave and a unit to the
		// lending pool (a market needs the asset's minimum balance there).
		assert_ok!(Rwa::issue(
			RuntimeOrigin::signed(charlie.clone()),
			bounded(b"Vault Gold"),
			bounded(b"VGLD"),
			6,
			1,
			bounded(b"LEI 5493001KJTIIGC8Y1R12"),
			pallet_modelchain_rwa::Documents {
				legal: Hash::repeat_byte(1),
				valuation: Hash::repeat_byte(2)
			},
		));
		let pool = Lending::pool_account();
		assert_ok!(Assets::mint(
			RuntimeOrigin::signed(charlie.clone()),
			GOLD.into(),
			dave.clone().into(),
			1_000 * GOLD_UNIT
		));
		assert_ok!(Assets::mint(
			RuntimeOrigin::signed(charlie.clone()),
			GOLD.into(),
			pool.clone().into(),
			1
		));
		// The issuer can't freeze the lending pool's holding.
		assert_eq!(Assets::freezer(GOLD), Some(Rwa::account()));
		assert_noop!(
			Assets::freeze(RuntimeOrigin::signed(charlie), GOLD.into(), pool.into()),
			pallet_assets::Error::<Runtime>::NoPermission
		);

		// Governance prices it ($100, Alice feeding) and lists it: category 1, LTV 50 %,
		// threshold 60 %, USDM only up to 10,000, written down 10 % a day after a day stale.
		let key = OracleKey::AssetPrice(GOLD);
		let config = pallet_modelchain_oracle::KeyConfig {
			min_feeders: 1,
			max_age: 30_000,
			min_value: None,
			max_value: None,
			max_deviation: Some(Permill::from_percent(20)),
		};
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), key, config));
		let hundred = Price::from_u32(100);
		let usd = Price::from_u32(1);
		let prices = vec![(key, hundred), (OracleKey::AssetPrice(USDM), usd)];
		assert_ok!(Oracle::feed_values(RuntimeOrigin::signed(alice), prices.try_into().unwrap()));
		let category = pallet_modelchain_lending::RiskCategory {
			collateral_factor: Permill::from_percent(50),
			liquidation_threshold: Permill::from_percent(60),
			liquidation_bonus: Permill::from_percent(5),
			zero_ltv: false,
			debt_ceiling: Some(pallet_modelchain_lending::DebtCeiling {
				debt_asset: USD,
				ceiling: 10_000 * USDM_UNIT,
			}),
		};
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), 1, category));
		let params = pallet_modelchain_lending::MarketParams {
			collateral_factor: Permill::from_percent(10),
			liquidation_threshold: Permill::from_percent(20),
			liquidation_bonus: Permill::from_percent(5),
			protocol_liquidation_share: Permill::from_percent(10),
			reserve_factor: Permill::from_percent(10),
			supply_cap: 100_000 * GOLD_UNIT,
			borrow_cap: 0,
			min_borrow: 0,
			rate_model: pallet_modelchain_lending::RateModel {
				base_rate: Price::from_rational(2, 100),
				multiplier: Price::from_rational(10, 100),
				jump_multiplier: Price::from_u32(3),
				kink: Permill::from_percent(80),
				max_rate: Price::from_u32(5),
			},
			max_price_age: 60_000,
			price_key: GOLD,
			decimals: 6,
			category: Some(1),
			stale_write_down: Some(pallet_modelchain_lending::WriteDown {
				grace: pallet_modelchain_lending::MS_PER_DAY,
				per_day: Permill::from_percent(10),
			}),
		};
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), LendingAsset::Asset(GOLD), params));

		// Dave borrows against 100 VGLD ($10,000): $5,000 at the category's 50 %.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(bob.clone()), USD, 50_000 * USDM_UNIT));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(bob), LendingAsset::Native, 1_000 * UNIT));
		let gold = LendingAsset::Asset(GOLD);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(dave.clone()), gold, 100 * GOLD_UNIT));
		assert_ok!(Lending::enable_collateral(RuntimeOrigin::signed(dave.clone()), gold));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(dave.clone()), USD, 5_000 * USDM_UNIT + 1),
			pallet_modelchain_lending::Error::<Runtime>::InsufficientCollateral
		);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(dave.clone()), LendingAsset::Native, UNIT),
			pallet_modelchain_lending::Error::<Runtime>::CategoryBorrowNotAllowed
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(dave.clone()), USD, 5_000 * USDM_UNIT));
		assert_eq!(
			pallet_modelchain_lending::Categories::<Runtime>::get(1).unwrap().scaled_debt,
			5_000 * USDM_UNIT
		);
		// Suspending the record is governance's signal; the chain keeps the record.
		assert_ok!(Rwa::set_status(
			RuntimeOrigin::root(),
			GOLD,
			pallet_modelchain_rwa::RwaStatus::Suspended
		));
		#[cfg(feature = "try-runtime")]
		{
			Lending::do_try_state().unwrap();
			Rwa::do_try_state().unwrap();
		}
	});
}
