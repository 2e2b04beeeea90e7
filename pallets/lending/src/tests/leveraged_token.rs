//! Tests: leveraged tokens (mint and redeem at NAV, rebalance into the band, the ripcord,
//! stale prices, bad input) and a seeded 10,000-step random price path.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::{leveraged_token::VaultState, LeveragedTokenParams};

const TOKEN: u32 = 50;
const ID: u32 = 1;
/// The pool's MDL reserve; its USD reserve follows the price (arbitrage keeps the pool at
/// the oracle's price between steps).
const POOL_MDL: u128 = 10_000_000 * MDL;

fn x(n: u128, d: u128) -> Price {
	Price::from_rational(n, d)
}

fn token_params(max_trade: u128) -> LeveragedTokenParams {
	LeveragedTokenParams {
		collateral: native(),
		debt: usd(),
		token: TOKEN,
		target: x(2, 1),
		min_leverage: x(17, 10),
		max_leverage: x(23, 10),
		ripcord: x(27, 10),
		max_trade,
		reward: Permill::from_parts(1_000),
	}
}

fn vault() -> u64 {
	Lending::vault_account(ID)
}

/// Sets MDL's oracle price (dollars × 100) and moves the pool to it.
fn set_mdl_price(cents: u128) {
	TestPrices::set(NATIVE_KEY, x(cents, 100));
	TestPrices::set(USD, Price::one());
	TestPrices::set(RWA, Price::saturating_from_integer(100u32));
	let pool = TestAmm::pool(native(), usd()).unwrap();
	NativeAndAssets::set_balance(native(), &pool, POOL_MDL);
	NativeAndAssets::set_balance(usd(), &pool, POOL_MDL / MDL * DOLLAR * cents / 100);
}

/// The MDL/USD pool at $2, BOB lending 5,000,000 USD, the token asset, a seeded vault and
/// the token (`max_trade` MDL per rebalance).
fn token_with(max_trade: u128) {
	TestAmm::create_pool(native(), usd(), POOL_MDL, 2 * POOL_MDL / MDL * DOLLAR);
	assert_ok!(NativeAndAssets::mint_into(usd(), &BOB, 5_000_000 * DOLLAR));
	assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 5_000_000 * DOLLAR));
	assert_ok!(NativeAndAssets::mint_into(native(), &vault(), ED));
	assert_ok!(NativeAndAssets::mint_into(usd(), &vault(), 1));
	assert_ok!(Lending::create_leveraged_token(RuntimeOrigin::root(), ID, token_params(max_trade)));
}

fn state() -> VaultState {
	let positions = Positions::<Test>::get(vault());
	let mut markets = MarketCache::<Test>::new(Timestamp::get());
	Lending::vault_state(&token_params(1), &positions, &mut markets).unwrap()
}

fn supply_of_token() -> u128 {
	NativeAndAssets::total_issuance(LendingAsset::Asset(TOKEN))
}

/// NAV per whole token (USD).
fn nav() -> Price {
	Price::from_inner(crate::math::mul_div(
		state().equity().into_inner(),
		MDL,
		supply_of_token(),
		sp_arithmetic::Rounding::Down,
	))
}

fn mint(who: u64, amount: u128) -> sp_runtime::DispatchResult {
	Lending::mint_leveraged_token(RuntimeOrigin::signed(who), ID, amount, Permill::from_percent(5))
}

fn rebalance() -> sp_runtime::DispatchResult {
	Lending::rebalance_leveraged_token(RuntimeOrigin::signed(DAVE), ID)
}

fn last_rebalance() -> (Price, Price, u128, bool) {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Lending(Event::LeveragedTokenRebalanced {
				leverage_before,
				leverage_after,
				reward,
				ripcord,
				..
			}) => Some((leverage_before, leverage_after, reward, ripcord)),
			_ => None,
		})
		.unwrap()
}

#[test]
fn mint_then_rebalance_reaches_twice_the_exposure() {
	test(|| {
		token_with(1_000_000 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		// The first mint: one token per MDL; the vault holds 1,000 MDL ($2,000), no debt.
		assert_eq!(NativeAndAssets::balance(LendingAsset::Asset(TOKEN), &ALICE), 1_000 * MDL);
		assert_eq!(state().leverage(), Price::one());
		// 1× is below the band: anyone may rebalance, toward 2×: buy $2,000 of MDL with USD.
		assert_ok!(rebalance());
		let (before, after, reward, ripcord) = last_rebalance();
		assert_eq!(before, Price::one());
		assert!(!ripcord);
		// The reward is 0.1 % of the $2,000 traded: $2 = 1 MDL, paid to DAVE.
		assert_eq!(reward, MDL);
		let s = state();
		assert_eq!(s.collateral, 1_999 * MDL);
		// 1,000 MDL from a pool of 10,000,000 MDL and 20,000,000 USD:
		// ⌊2×10¹³ × 10¹⁵ × 1,000 ÷ ((10¹⁹ − 10¹⁵) × 997)⌋ + 1 = 2,006.218677 USD.
		assert_eq!(s.debt, 2_006_218_677);
		assert_eq!(after, s.leverage());
		assert!(after > x(199, 100) && after < x(201, 100), "{after:?}");
		assert_noop!(rebalance(), Error::<Test>::RebalanceNotNeeded);
	});
}

#[test]
fn price_moves_push_leverage_out_of_band_and_a_rebalance_brings_it_back() {
	test(|| {
		token_with(1_000_000 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		assert_ok!(rebalance());
		// MDL +25 %: leverage falls to about 1.67×; the rebalance levers up.
		set_mdl_price(250);
		assert!(state().leverage() < x(17, 10));
		assert_ok!(rebalance());
		let (_, after, _, ripcord) = last_rebalance();
		assert!(!ripcord && after > x(199, 100) && after < x(201, 100), "{after:?}");
		// MDL −20 %: about 2.5×, above the band but below the ripcord: delever.
		set_mdl_price(200);
		let l = state().leverage();
		assert!(l > x(23, 10) && l < x(27, 10), "{l:?}");
		assert_ok!(rebalance());
		let (_, after, _, ripcord) = last_rebalance();
		assert!(!ripcord && after > x(199, 100) && after < x(201, 100), "{after:?}");
	});
}

#[test]
fn past_the_ripcord_keepers_earn_twice_the_reward_for_capped_trades() {
	test(|| {
		// A rebalance may trade at most 100 MDL.
		token_with(100 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		// Capped: rebalances of 100 MDL each climb from 1× toward the band.
		assert_ok!(rebalance());
		assert_eq!(state().collateral, 1_100 * MDL - MDL / 10);
		while state().leverage() < x(17, 10) {
			assert_ok!(rebalance());
		}
		// Now in band (~1.7×). A 40 % crash: past the ripcord (2.7×), below lending's
		// liquidation leverage (5× at an 80 % threshold).
		set_mdl_price(120);
		assert!(state().leverage() > x(27, 10), "{:?}", state().leverage());
		let mut calls = 0;
		while state().leverage() > x(23, 10) {
			let before = state();
			assert_ok!(rebalance());
			let (l_before, _, reward, ripcord) = last_rebalance();
			assert_eq!(ripcord, l_before > x(27, 10));
			// Each trade is capped at 100 MDL; the reward is 0.1 %, doubled past the ripcord.
			let traded = before.collateral - state().collateral - reward;
			assert_eq!(traded, 100 * MDL);
			let rate = if ripcord { 2 } else { 1 };
			assert!(reward.abs_diff(traded * rate / 1_000) <= 1, "reward {reward} on {traded}");
			calls += 1;
		}
		assert!(calls >= 3, "{calls}");
		assert!(!liquidation_health(vault()).is_liquidatable());
	});
}

#[test]
fn redeeming_pays_the_slice_and_leaves_the_others_nav_whole() {
	test(|| {
		token_with(1_000_000 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		assert_ok!(rebalance());
		// CHARLIE mints in kind: his 500 MDL ($1,000) are levered to 2× with his own swap,
		// and he gets tokens for the equity he added: nobody else's NAV moves.
		let nav_before = nav();
		assert_ok!(mint(CHARLIE, 500 * MDL));
		let charlie = NativeAndAssets::balance(LendingAsset::Asset(TOKEN), &CHARLIE);
		let at_nav =
			Price::saturating_from_integer(1_000u32).into_inner() / (nav_before.into_inner() / MDL);
		// A little less than $1,000 at NAV: his swap's fee and impact are his.
		assert!(charlie < at_nav && charlie > at_nav * 99 / 100, "{charlie} vs {at_nav}");
		assert!(nav() >= nav_before, "{:?} < {nav_before:?}", nav());
		let l = state().leverage();
		assert!(l > x(199, 100) && l < x(201, 100), "{l:?}");
		// ALICE redeems half her tokens: she gets her slice less her slice of debt.
		let nav_mid = nav();
		let mdl_before = balance(native(), ALICE);
		assert_ok!(Lending::redeem_leveraged_token(
			RuntimeOrigin::signed(ALICE),
			ID,
			500 * MDL,
			Permill::from_percent(1)
		));
		let paid = balance(native(), ALICE) - mdl_before;
		// Worth about 500 tokens × NAV ($1.99…) ÷ $2, less the swap's fee and impact.
		assert!(paid > 490 * MDL && paid < 500 * MDL, "{paid}");
		// Those who stay are not diluted: NAV is unchanged (or a unit up from rounding).
		assert!(nav() >= nav_mid, "{:?} < {nav_mid:?}", nav());
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn a_stale_price_stops_mint_redeem_and_rebalance() {
	test(|| {
		token_with(1_000_000 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		advance(MAX_PRICE_AGE / 1_000 + 1);
		assert_noop!(mint(ALICE, MDL), Error::<Test>::PriceStale);
		assert_noop!(
			Lending::redeem_leveraged_token(
				RuntimeOrigin::signed(ALICE),
				ID,
				MDL,
				Permill::from_percent(1)
			),
			Error::<Test>::PriceStale
		);
		assert_noop!(rebalance(), Error::<Test>::PriceStale);
	});
}

#[test]
fn a_mint_and_redeem_round_trip_gains_nothing_from_a_pool_above_the_oracle() {
	test(|| {
		token_with(1_000_000 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		assert_ok!(rebalance());
		// The pool prices MDL 5 % above the oracle's $2 (a lagging or pushed oracle).
		let pool = TestAmm::pool(native(), usd()).unwrap();
		NativeAndAssets::set_balance(usd(), &pool, POOL_MDL / MDL * DOLLAR * 210 / 100);
		let nav_before = nav();
		let before = balance(native(), CHARLIE);
		// Minting in kind buys at the pool's dear price; redeeming sells there: no gain.
		assert_ok!(Lending::mint_leveraged_token(
			RuntimeOrigin::signed(CHARLIE),
			ID,
			1_000 * MDL,
			Permill::from_percent(10)
		));
		let tokens = NativeAndAssets::balance(LendingAsset::Asset(TOKEN), &CHARLIE);
		assert_ok!(Lending::redeem_leveraged_token(
			RuntimeOrigin::signed(CHARLIE),
			ID,
			tokens,
			Permill::from_percent(10)
		));
		assert!(balance(native(), CHARLIE) <= before, "the round trip gained");
		assert!(nav() >= nav_before, "{:?} < {nav_before:?}", nav());
	});
}

#[test]
fn bad_input_fails_by_name() {
	test(|| {
		token_with(1_000_000 * MDL);
		let bad = [
			LeveragedTokenParams { debt: native(), ..token_params(1) },
			LeveragedTokenParams { min_leverage: x(21, 10), ..token_params(1) },
			LeveragedTokenParams { ripcord: x(6, 1), ..token_params(1) },
			LeveragedTokenParams { max_trade: 0, ..token_params(1) },
			LeveragedTokenParams { reward: Permill::from_percent(2), ..token_params(1) },
			// Past what MDL's 75 % LTV lets the vault borrow (4×).
			LeveragedTokenParams {
				max_leverage: x(42, 10),
				ripcord: x(45, 10),
				token: 51,
				..token_params(1)
			},
		];
		for params in bad {
			assert_noop!(
				Lending::create_leveraged_token(RuntimeOrigin::root(), 2, params),
				Error::<Test>::InvalidLeveragedToken
			);
		}
		// The token asset is created by the pallet: an id in use is refused.
		assert_noop!(
			Lending::create_leveraged_token(
				RuntimeOrigin::root(),
				2,
				LeveragedTokenParams { token: USD, ..token_params(1) }
			),
			Error::<Test>::TokenAssetTaken
		);
		assert_noop!(
			Lending::create_leveraged_token(RuntimeOrigin::root(), ID, token_params(1)),
			Error::<Test>::LeveragedTokenExists
		);
		assert_noop!(
			Lending::create_leveraged_token(RuntimeOrigin::signed(ALICE), 2, token_params(1)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Lending::mint_leveraged_token(RuntimeOrigin::signed(ALICE), 9, MDL, Permill::zero()),
			Error::<Test>::UnknownLeveragedToken
		);
		assert_noop!(
			Lending::mint_leveraged_token(
				RuntimeOrigin::signed(ALICE),
				ID,
				MDL,
				Permill::from_percent(11)
			),
			Error::<Test>::SlippageBoundTooWide
		);
		// With nothing minted there is nothing to rebalance.
		assert_noop!(rebalance(), Error::<Test>::RebalanceNotNeeded);
		// The token asset belongs to the pool account: nobody can sign to mint it.
		use frame_support::traits::fungibles::roles::Inspect as _;
		assert_eq!(Assets::issuer(TOKEN), Some(Lending::pool_account()));
		assert_eq!(Assets::owner(TOKEN), Some(Lending::pool_account()));
	});
}

#[test]
fn a_vault_above_its_band_takes_no_mint_until_rebalanced() {
	test(|| {
		token_with(1_000_000 * MDL);
		assert_ok!(mint(ALICE, 1_000 * MDL));
		assert_ok!(rebalance());
		set_mdl_price(170);
		assert!(state().leverage() > x(23, 10));
		assert_noop!(mint(CHARLIE, 100 * MDL), Error::<Test>::RebalanceFirst);
		assert_ok!(rebalance());
		assert_ok!(mint(CHARLIE, 100 * MDL));
	});
}

/// 10,000 seeded steps of an hour each: the MDL price moves by up to ±3 % a step, with a
/// 1 % chance of a crash of 15–30 % or a jump of 15–30 %; holders mint and redeem at random.
/// After every step the vault is rebalanced if it left its band. Checked after each step:
/// - after a rebalance (uncapped trades here), leverage is back in the band;
/// - the ripcord fires exactly when leverage was past 2.7×;
/// - the vault is solvent: positive equity, never liquidatable; lending's invariants hold.
#[test]
fn ten_thousand_step_random_price_path_stays_in_band_and_solvent() {
	test(|| {
		token_with(u128::MAX / 4);
		assert_ok!(mint(ALICE, 10_000 * MDL));
		let mut rng = Rng(0x2f1e_7a3c_0b5d_9e11);
		let mut cents: u128 = 200;
		let (mut rebalances, mut ripcords) = (0, 0);
		for step in 0..10_000 {
			advance(3_600);
			let shock = rng.below(100) == 0;
			let pct = if shock { 15 + rng.below(16) as u128 } else { rng.below(4) as u128 };
			let up = rng.below(2) == 0 || cents < 40;
			cents = if up && cents < 2_000 {
				cents * (100 + pct) / 100
			} else {
				cents * (100 - pct) / 100
			};
			set_mdl_price(cents);
			match rng.below(10) {
				0 => {
					let _ = mint(CHARLIE, (1 + rng.below(200) as u128) * MDL);
				}
				1 => {
					let held = NativeAndAssets::balance(LendingAsset::Asset(TOKEN), &CHARLIE);
					if held > 0 {
						let part = held * (1 + rng.below(100) as u128) / 100;
						assert_ok!(Lending::redeem_leveraged_token(
							RuntimeOrigin::signed(CHARLIE),
							ID,
							part,
							Permill::from_percent(5)
						));
					}
				}
				_ => {}
			}
			let l = state().leverage();
			if l < x(17, 10) || l > x(23, 10) {
				assert_ok!(rebalance());
				let (before, after, _, ripcord) = last_rebalance();
				assert_eq!(ripcord, before > x(27, 10), "step {step}");
				assert!(after >= x(17, 10) && after <= x(23, 10), "step {step}: {after:?}");
				rebalances += 1;
				ripcords += ripcord as u32;
			}
			let s = state();
			assert!(!s.equity().is_zero(), "step {step}: vault insolvent");
			assert!(!liquidation_health(vault()).is_liquidatable(), "step {step}");
			if step % 500 == 0 {
				Lending::do_try_state().unwrap();
			}
		}
		// This seed: 83 rebalances, 21 of them past the ripcord.
		assert!(rebalances > 50 && ripcords > 10, "{rebalances} rebalances, {ripcords} ripcords");
	});
}
