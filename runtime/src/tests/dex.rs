//! The DEX: the seeded pool, exact swap and quote arithmetic, and the attacks a swap must
//! survive (a sandwich that moves the price, a path through no pool, pool spam).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use super::ext_from_preset;
use crate::{dex::DexSwap, genesis_config_presets::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect as _, fungibles::Inspect as _},
};
use modelchain_primitives::{AssetSwap, LendingAsset};
use sp_keyring::Sr25519Keyring;

const MDL: LendingAsset = LendingAsset::Native;
const USD: LendingAsset = LendingAsset::Asset(USDM);

fn usdm(who: &AccountId) -> Balance {
	Assets::balance(USDM, who)
}

fn reserves() -> (Balance, Balance) {
	AssetConversion::get_reserves(MDL, USD).unwrap()
}

#[test]
fn the_dev_preset_seeds_the_mdl_usdm_and_mdl_gold_pools_from_the_treasury() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let treasury = TreasuryAccount::get();
		assert_eq!(reserves(), (POOL_MDL, POOL_USDM));
		// And the MDL/mXAU pool: $2,000 an ounce at a dollar per MDL.
		let gold = LendingAsset::Asset(XAU);
		assert_eq!(AssetConversion::get_reserves(MDL, gold).unwrap(), (POOL_XAU_MDL, POOL_XAU));
		assert_eq!(Balances::balance(&treasury), TREASURY_ENDOWMENT - POOL_MDL - POOL_XAU_MDL);
		assert_eq!(usdm(&treasury), TREASURY_USDM - POOL_USDM);
		assert_eq!(Assets::balance(XAU, &treasury), TREASURY_XAU - POOL_XAU);
		// LP tokens: sqrt(1e17 × 1e11) = 1e14, less the 100 locked in the pool for ever.
		let lp = pallet_asset_conversion::Pools::<Runtime>::get((MDL, USD)).unwrap().lp_token;
		assert_eq!(PoolAssets::balance(lp, &treasury), 99_999_999_999_900);
		assert_eq!(PoolAssets::total_issuance(lp), 100_000_000_000_000);
		// Pools always hold MDL: no pool id exists for an asset on its own.
		assert_eq!(crate::dex::path(USD, LendingAsset::Asset(XAU)).unwrap().len(), 3);
		assert_eq!(crate::dex::path(MDL, USD).unwrap(), vec![MDL, USD]);
		assert_eq!(crate::dex::path(USD, USD), None);
	});
}

#[test]
fn a_swap_pays_the_constant_product_price_less_the_fee() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let (mdl0, usd0) = (Balances::balance(&bob), usdm(&bob));
		// out = in × 0.997 × R_out / (R_in + in × 0.997), rounded down:
		// 1e15 × 997,000 × 1e11 / (1e17 × 1e6 + 1e15 × 997,000) = 987,158,034 (987.158034 USDM).
		assert_eq!(DexSwap::quote_exact_in(MDL, USD, 1_000 * UNIT), Some(987_158_034));
		let out = DexSwap::swap_exact_in(&bob, MDL, USD, 1_000 * UNIT, 987_158_034).unwrap();
		assert_eq!(out, 987_158_034);
		assert_eq!(Balances::balance(&bob), mdl0 - 1_000 * UNIT);
		assert_eq!(usdm(&bob), usd0 + 987_158_034);
		assert_eq!(reserves(), (101_000 * UNIT, 100_000 * USDM_UNIT - 987_158_034));
		// The product only grows (the fee stays in the pool).
		let (r_mdl, r_usd) = reserves();
		assert!(
			sp_core::U256::from(r_mdl) * sp_core::U256::from(r_usd)
				> sp_core::U256::from(POOL_MDL) * sp_core::U256::from(POOL_USDM)
		);
		// Exact out: in = R_in × out / ((R_out − out) × 0.997) + 1, from the new reserves.
		let want = 1_000 * USDM_UNIT;
		let cost = r_mdl * want * 1_000_000 / ((r_usd - want) * 997_000) + 1;
		assert_eq!(DexSwap::quote_exact_out(MDL, USD, want), Some(cost));
		assert_eq!(DexSwap::swap_exact_out(&bob, MDL, USD, want, cost), Ok(cost));
		assert_eq!(usdm(&bob), usd0 + 987_158_034 + want);
	});
}

#[test]
fn a_sandwiched_swap_gets_its_bound_or_nothing() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let (bob, eve) = (Sr25519Keyring::Bob.to_account_id(), Sr25519Keyring::Eve.to_account_id());
		// Bob quotes 1,000 MDL and accepts 0.5 % less.
		let quoted = DexSwap::quote_exact_in(MDL, USD, 1_000 * UNIT).unwrap();
		let min_out = quoted - quoted / 200;
		// Eve sees Bob's swap in the pool and buys USDM first, moving the price 10 %.
		assert_ok!(DexSwap::swap_exact_in(&eve, MDL, USD, 5_000 * UNIT, 1));
		let before = (Balances::balance(&bob), usdm(&bob), reserves());
		assert_noop!(
			DexSwap::swap_exact_in(&bob, MDL, USD, 1_000 * UNIT, min_out),
			pallet_asset_conversion::Error::<Runtime>::ProvidedMinimumNotSufficientForSwap
		);
		assert_eq!((Balances::balance(&bob), usdm(&bob), reserves()), before);
		// The same bound on the other side: paying more than `max_in` fails.
		let cost = DexSwap::quote_exact_out(MDL, USD, 1_000 * USDM_UNIT).unwrap();
		assert_noop!(
			DexSwap::swap_exact_out(&bob, MDL, USD, 1_000 * USDM_UNIT, cost - 1),
			pallet_asset_conversion::Error::<Runtime>::ProvidedMaximumNotSufficientForSwap
		);
	});
}

#[test]
fn a_swap_through_no_pool_or_into_itself_fails() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let unknown = LendingAsset::Asset(77);
		assert_eq!(DexSwap::quote_exact_in(MDL, unknown, UNIT), None);
		assert_eq!(DexSwap::quote_exact_in(USD, unknown, USDM_UNIT), None);
		// The pallet reads an absent pool as one with no reserves.
		assert_noop!(
			DexSwap::swap_exact_in(&bob, MDL, unknown, UNIT, 1),
			pallet_asset_conversion::Error::<Runtime>::PoolEmpty
		);
		// A swap must state a bound: no `min_out` of 0.
		assert_noop!(
			DexSwap::swap_exact_in(&bob, MDL, USD, UNIT, 0),
			pallet_asset_conversion::Error::<Runtime>::ZeroAmount
		);
		assert!(DexSwap::swap_exact_in(&bob, USD, USD, USDM_UNIT, 1).is_err());
		assert_eq!(DexSwap::quote_exact_in(USD, USD, USDM_UNIT), None);
		// An asset-to-asset pool can't be made: every pool holds MDL.
		assert_noop!(
			AssetConversion::create_pool(
				RuntimeOrigin::signed(bob),
				Box::new(USD),
				Box::new(unknown)
			),
			pallet_asset_conversion::Error::<Runtime>::InvalidAssetPair
		);
	});
}

#[test]
fn a_new_pool_costs_its_creator_the_setup_fee_paid_to_the_treasury() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let treasury = TreasuryAccount::get();
		assert_noop!(
			AssetConversion::create_pool(
				RuntimeOrigin::signed(bob.clone()),
				Box::new(MDL),
				Box::new(USD)
			),
			pallet_asset_conversion::Error::<Runtime>::PoolExists
		);
		assert_ok!(Assets::create(
			RuntimeOrigin::signed(bob.clone()),
			3.into(),
			bob.clone().into(),
			1
		));
		let (bob0, treasury0) = (Balances::balance(&bob), Balances::balance(&treasury));
		assert_ok!(AssetConversion::create_pool(
			RuntimeOrigin::signed(bob.clone()),
			Box::new(MDL),
			Box::new(LendingAsset::Asset(3))
		));
		assert_eq!(Balances::balance(&treasury), treasury0 + crate::dex::DexPoolSetupFee::get());
		// The fee, plus the pool account's deposit for the (non-sufficient) asset.
		assert_eq!(
			Balances::balance(&bob),
			bob0 - crate::dex::DexPoolSetupFee::get() - AssetAccountDeposit::get()
		);
	});
}
