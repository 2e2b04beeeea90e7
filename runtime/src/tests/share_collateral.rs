//! Model shares as collateral through the real pallets: the models pallet registers the
//! model and keeps the pledge lock, the oracle prices the shares, lending lends against
//! them, the DEX refuses to pool them, and an ownership ruling drops a squatter's pledge.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use super::ext_from_preset;
use crate::{genesis_config_presets::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungibles::{Inspect, Mutate},
};
use modelchain_primitives::{
	Hash, LendingAsset, LicenseKind, LicenseTerms, ModelId, ModelShares, OracleKey,
};
use pallet_modelchain_lending::{share_collateral::PLEDGE_LOCK, Error as LendingError};
use sp_keyring::Sr25519Keyring;

const SHARE_KEY: AssetId = 700;
const USD: LendingAsset = LendingAsset::Asset(USDM);

/// Alice registers a model of 10,000 shares (commit in block 1, reveal in block 2) and
/// gives Dave 2,000 of them; governance prices them at $10 and opens their market in
/// category 5 (LTV 20 %, threshold 30 %, 10,000 USDM ceiling); Bob supplies USDM.
fn shares_listed() -> (ModelId, LendingAsset) {
	let [alice, bob, dave] = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Dave]
		.map(|k| k.to_account_id());
	System::set_block_number(1);
	pallet_timestamp::Now::<Runtime>::put(1_800_000_000_000);
	let salt = Hash::repeat_byte(0x5c);
	let content = Hash::repeat_byte(0xc5);
	let commitment = Models::commitment_of(&content, &alice, &salt);
	assert_ok!(Models::commit_registration(RuntimeOrigin::signed(alice.clone()), commitment));
	System::set_block_number(2);
	let terms = LicenseTerms {
		kind: LicenseKind::PerUse { price: UNIT },
		commercial_use: true,
		derivatives_allowed: true,
		derivative_royalty_floor: Permill::zero(),
		contributor_share: Permill::zero(),
		restrictions_hash: None,
	};
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(alice.clone()),
		content,
		salt,
		Default::default(),
		vec![],
		vec![],
		10_000,
		terms,
	));
	let model = pallet_modelchain_models::ModelByHash::<Runtime>::get(content).unwrap();
	assert_ok!(Models::transfer_shares(RuntimeOrigin::signed(alice.clone()), model, dave, 2_000));

	let key = OracleKey::AssetPrice(SHARE_KEY);
	let config = pallet_modelchain_oracle::KeyConfig {
		min_feeders: 1,
		max_age: 30_000,
		min_value: None,
		max_value: None,
		max_deviation: None,
	};
	assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), key, config));
	feed(10);
	let category = pallet_modelchain_lending::RiskCategory {
		collateral_factor: Permill::from_percent(20),
		liquidation_threshold: Permill::from_percent(30),
		liquidation_bonus: Permill::from_percent(10),
		zero_ltv: false,
		debt_ceiling: Some(pallet_modelchain_lending::DebtCeiling {
			debt_asset: USD,
			ceiling: 10_000 * USDM_UNIT,
		}),
	};
	assert_ok!(Lending::set_category(RuntimeOrigin::root(), 5, category));
	let params = pallet_modelchain_lending::MarketParams {
		collateral_factor: Permill::from_percent(10),
		liquidation_threshold: Permill::from_percent(20),
		liquidation_bonus: Permill::from_percent(5),
		protocol_liquidation_share: Permill::zero(),
		reserve_factor: Permill::from_percent(10),
		supply_cap: 5_000,
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
		price_key: SHARE_KEY,
		decimals: 0,
		category: Some(5),
		stale_write_down: None,
	};
	let shares = LendingAsset::ModelShares(model);
	assert_ok!(Lending::add_market(RuntimeOrigin::root(), shares, params));
	assert_ok!(Lending::supply(RuntimeOrigin::signed(bob), USD, 50_000 * USDM_UNIT));
	(model, shares)
}

/// Alice feeds the share price (whole dollars) and USDM at $1.
fn feed(share_dollars: u32) {
	let alice = Sr25519Keyring::Alice.to_account_id();
	let prices = vec![
		(OracleKey::AssetPrice(SHARE_KEY), Price::from_u32(share_dollars)),
		(OracleKey::AssetPrice(USDM), Price::from_u32(1)),
	];
	assert_ok!(Oracle::feed_values(RuntimeOrigin::signed(alice), prices.try_into().unwrap()));
}

#[test]
fn shares_pledged_through_the_real_models_pallet_back_a_loan_and_never_reach_a_pool() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let (model, shares) = shares_listed();
		let [alice, dave, ferdie] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Dave, Sr25519Keyring::Ferdie]
				.map(|k| k.to_account_id());
		assert_ok!(Lending::supply(RuntimeOrigin::signed(dave.clone()), shares, 1_000));
		assert_ok!(Lending::enable_collateral(RuntimeOrigin::signed(dave.clone()), shares));
		// The shares stay Dave's, under lending's lock in the models pallet.
		assert_eq!(<Models as ModelShares<AccountId>>::balance(model, &dave), 2_000);
		assert_eq!(<Models as ModelShares<AccountId>>::lock_of(model, &dave, PLEDGE_LOCK), 1_000);
		assert_noop!(
			Models::transfer_shares(
				RuntimeOrigin::signed(dave.clone()),
				model,
				ferdie.clone(),
				1_001
			),
			pallet_modelchain_models::Error::<Runtime>::SharesLocked
		);
		// The one fungibles view reads shares, and moves them only by the settled transfer.
		assert_eq!(NativeAndAssets::balance(shares, &dave), 2_000);
		assert!(NativeAndAssets::mint_into(shares, &dave, 1).is_err());
		assert_ok!(NativeAndAssets::transfer(
			shares,
			&dave,
			&ferdie,
			1_000,
			frame_support::traits::tokens::Preservation::Expendable
		));
		assert_eq!(<Models as ModelShares<AccountId>>::balance(model, &ferdie), 1_000);
		// 20 % of $10,000.
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(dave.clone()), USD, 2_000 * USDM_UNIT + 1),
			LendingError::<Runtime>::InsufficientCollateral
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(dave.clone()), USD, 2_000 * USDM_UNIT));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(alice.clone()), shares, 1),
			LendingError::<Runtime>::SharesNotBorrowable
		);
		// No pool of shares: creating one fails before any fee is taken.
		let treasury_before = Balances::free_balance(TreasuryAccount::get());
		assert_noop!(
			AssetConversion::create_pool(
				RuntimeOrigin::signed(alice),
				Box::new(LendingAsset::Native),
				Box::new(shares)
			),
			pallet_asset_conversion::Error::<Runtime>::InvalidAssetPair
		);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury_before);
		#[cfg(feature = "try-runtime")]
		{
			Lending::do_try_state().unwrap();
			Models::do_try_state().unwrap();
		}
	});
}

#[test]
fn an_ownership_ruling_reaches_lending_and_the_squatters_debt_is_written_off() {
	ext_from_preset(development_config_genesis()).execute_with(|| {
		let (model, shares) = shares_listed();
		let [alice, bob, charlie] =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.map(|k| k.to_account_id());
		// Alice (the registrant) pledges 1,000 shares and borrows 1,500 USDM.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(alice.clone()), shares, 1_000));
		assert_ok!(Lending::enable_collateral(RuntimeOrigin::signed(alice.clone()), shares));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(alice.clone()), USD, 1_500 * USDM_UNIT));
		// The arbiter gives the model to Bob: Alice's 8,000 shares and her locks go.
		assert_ok!(Models::resolve_ownership_dispute(
			RuntimeOrigin::root(),
			model,
			bob.clone(),
			Hash::repeat_byte(0xee)
		));
		System::assert_has_event(
			pallet_modelchain_lending::Event::<Runtime>::CollateralForfeited {
				who: alice.clone(),
				asset: shares,
				amount: 1_000,
			}
			.into(),
		);
		assert_eq!(<Models as ModelShares<AccountId>>::balance(model, &bob), 8_000);
		assert_eq!(
			pallet_modelchain_lending::Markets::<Runtime>::get(shares).unwrap().state.cash,
			0
		);
		// Alice's debt has no collateral left: a liquidation writes it off (a block later,
		// with fresh prices).
		System::set_block_number(3);
		pallet_timestamp::Now::<Runtime>::put(1_800_000_006_000);
		feed(10);
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(charlie),
			alice.clone(),
			USD,
			shares,
			1
		));
		assert!(pallet_modelchain_lending::Positions::<Runtime>::get(&alice).is_empty());
		#[cfg(feature = "try-runtime")]
		{
			Lending::do_try_state().unwrap();
			Models::do_try_state().unwrap();
		}
	});
}
