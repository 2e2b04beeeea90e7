//! One-shot leverage through the real DEX: lending's `AssetSwap` is `pallet-asset-conversion`
//! here, with the dev preset's MDL/USDM pool and prices fed through the oracle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use super::ext_from_preset;
use crate::{dex::DexSwap, genesis_config_presets::*, *};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect as _};
use modelchain_primitives::{AssetSwap, LendingAsset, OracleKey};
use sp_keyring::Sr25519Keyring;

const MDL: LendingAsset = LendingAsset::Native;
const USD: LendingAsset = LendingAsset::Asset(USDM);

/// Block 1 at a fixed time; MDL and USDM both $1, fed by Alice (the dev feeder), which
/// matches the seeded pool's 100,000 : 100,000; Bob lends 50,000 USDM.
fn priced_and_lent() {
	System::set_block_number(1);
	pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
	let alice = Sr25519Keyring::Alice.to_account_id();
	let values = vec![
		(OracleKey::AssetPrice(NATIVE_PRICE_KEY), Price::from_u32(1)),
		(OracleKey::AssetPrice(USDM), Price::from_u32(1)),
	];
	assert_ok!(Oracle::feed_values(RuntimeOrigin::signed(alice), values.try_into().unwrap()));
	let bob = Sr25519Keyring::Bob.to_account_id();
	assert_ok!(Lending::supply(RuntimeOrigin::signed(bob), USD, 50_000 * USDM_UNIT));
}

#[test]
fn a_leveraged_position_opens_and_closes_through_the_real_dex() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		priced_and_lent();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let before = Balances::balance(&charlie);
		// 1,000 MDL at 2×: 1,000 MDL more bought with USDM from the 100,000/100,000 pool:
		// 1e11 × 1e15 × 1,000 / ((1e17 − 1e15) × 997) + 1 = 1,013.140432 USDM.
		let quote = DexSwap::quote_exact_out(USD, MDL, 1_000 * UNIT).unwrap();
		assert_eq!(quote, 1_013_140_432);
		assert_ok!(Lending::open_leveraged_position(
			RuntimeOrigin::signed(charlie.clone()),
			MDL,
			USD,
			1_000 * UNIT,
			Price::saturating_from_integer(2u32),
			Permill::from_percent(2),
		));
		assert_eq!(
			AssetConversion::get_reserves(MDL, USD).unwrap(),
			(99_000 * UNIT, 100_000 * USDM_UNIT + quote)
		);
		let health = Lending::account_health(&charlie);
		assert_eq!(health.debt_value, Price::from_rational(quote, USDM_UNIT));
		// Every price is fresh and the position is what the one call built.
		assert_eq!(health.collateral_value, Price::saturating_from_integer(2_000u32));
		assert_eq!(before - Balances::balance(&charlie), 1_000 * UNIT);

		// Close: sell just enough MDL for the 1,013.140432 USDM owed; the rest comes back.
		// ⌊99,000e12 × 1,013,140,432 × 10⁶ ÷ (10¹¹ × 997,000)⌋ + 1 MDL units.
		let sold = DexSwap::quote_exact_out(MDL, USD, quote).unwrap();
		assert_eq!(sold, 1_006_027_109_007_022);
		assert_ok!(Lending::close_leveraged_position(
			RuntimeOrigin::signed(charlie.clone()),
			MDL,
			USD,
			Permill::from_percent(2),
		));
		assert!(pallet_modelchain_lending::Positions::<Runtime>::get(&charlie).is_empty());
		assert_eq!(before - Balances::balance(&charlie), sold - 1_000 * UNIT);
		// Two pool fees and the impact: 6.027109007022 MDL, 0.6 % of his 1,000.
		#[cfg(feature = "try-runtime")]
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn a_leveraged_open_into_a_moved_pool_fails_at_its_bound() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		priced_and_lent();
		let (charlie, eve) =
			(Sr25519Keyring::Charlie.to_account_id(), Sr25519Keyring::Eve.to_account_id());
		// Eve buys 5,000 MDL first: the pool's MDL now costs ~10 % over the oracle.
		assert_ok!(DexSwap::swap_exact_out(&eve, USD, MDL, 5_000 * UNIT, u128::MAX));
		assert_noop!(
			Lending::open_leveraged_position(
				RuntimeOrigin::signed(charlie),
				MDL,
				USD,
				1_000 * UNIT,
				Price::saturating_from_integer(2u32),
				Permill::from_percent(2),
			),
			pallet_modelchain_lending::Error::<Runtime>::SlippageExceeded
		);
	});
}
