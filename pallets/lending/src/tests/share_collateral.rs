//! Tests: model shares as collateral. Pledges stay with the holder under lending's lock;
//! the market lends nothing; the price copy rises at most 0.5 % a block; a flagged model
//! lends no borrowing power; a liquidation seizes pledged shares past a vote lock; an
//! ownership ruling drops the squatter's pledge. Numbers: model 7, 10,000 shares (ALICE),
//! $10 a share, LTV 20 %, threshold 30 %, bonus 10 %, ceiling 10,000 USD.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::{share_collateral::PLEDGE_LOCK, LeveragedTokenParams, MarketParams};
use modelchain_primitives::{ModelShareHooks, ModelShares};

fn pledged(who: u64) -> u128 {
	<MockShares as ModelShares<u64>>::lock_of(MODEL, &who, PLEDGE_LOCK)
}

fn held(who: u64) -> u128 {
	<MockShares as ModelShares<u64>>::balance(MODEL, &who)
}

fn dollars(n: u128) -> Price {
	Price::saturating_from_integer(n)
}

/// ALICE pledges 1,000 shares ($10,000: limit $2,000) and BOB supplies 10,000 USD.
fn alice_pledges_1000() {
	open_share_market();
	supply_collateral(ALICE, model_shares(), 1_000);
	assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
}

#[test]
fn pledged_shares_stay_with_their_holder_under_lock_and_borrow_at_the_category_ltv() {
	test(|| {
		alice_pledges_1000();
		// The shares did not move: ALICE holds all 10,000, 1,000 of them pledged.
		assert_eq!(held(ALICE), 10_000);
		assert_eq!(pledged(ALICE), 1_000);
		assert_eq!(held(Lending::pool_account()), 0);
		assert_eq!(shares(ALICE, model_shares()), 1_000);
		assert_eq!(market(model_shares()).state.cash, 1_000);
		// Pledged shares cannot be transferred; the rest can.
		assert!(MockShares::transfer(MODEL, ALICE, DAVE, 9_001).is_err());
		assert_ok!(MockShares::transfer(MODEL, ALICE, DAVE, 9_000));
		// A pledge needs the shares: ALICE now holds 1,000, all pledged.
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(ALICE), model_shares(), 1),
			Error::<Test>::NotEnoughModelShares
		);
		let h = health(ALICE);
		assert_eq!(h.collateral_value, dollars(10_000));
		assert_eq!(h.borrow_limit, dollars(2_000));
		assert_eq!(h.liquidation_limit, dollars(3_000));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 2_000 * DOLLAR + 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 2_000 * DOLLAR));
		// In debt, the pledge cannot be released.
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(ALICE), model_shares(), 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_ok!(Lending::withdraw(RuntimeOrigin::signed(ALICE), model_shares(), 400));
		assert_eq!(pledged(ALICE), 600);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(ALICE), model_shares()));
		assert_eq!(pledged(ALICE), 0);
		assert_eq!(held(ALICE), 1_000);
		assert_eq!(market(model_shares()).state.cash, 0);
		assert_ok!(MockShares::transfer(MODEL, ALICE, DAVE, 1_000));
	});
}

/// Escaping a vote lock by a self-liquidation: shares a vote locks can't be pledged.
#[test]
fn vote_locked_shares_cannot_be_pledged() {
	test(|| {
		open_share_market();
		MockShares::set_vote_lock(MODEL, ALICE, 9_500);
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(ALICE), model_shares(), 501),
			Error::<Test>::NotEnoughModelShares
		);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), model_shares(), 500));
		assert_eq!(pledged(ALICE), 500);
	});
}

/// A write-off sweeps what is left of a pledge into the pool account, as the market's
/// reserves; governance can withdraw them (a settled share transfer).
#[test]
fn a_write_off_sweeps_a_worthless_pledge_into_the_pool_as_reserves() {
	test(|| {
		alice_pledges_1000();
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 2_000 * DOLLAR));
		// The write-off a liquidation runs once the collateral is worth nothing at its price
		// (with whole shares that takes a price of 0 for the whole pledge, which the oracle
		// never serves, so it is called directly here).
		let mut positions = Positions::<Test>::get(ALICE);
		let mut markets = MarketCache::<Test>::new(Timestamp::get());
		assert_ok!(Pallet::<Test>::write_off_bad_debt(&ALICE, &mut positions, &mut markets));
		markets.commit();
		Pallet::<Test>::store_positions(&ALICE, positions);
		System::assert_has_event(
			Event::CollateralSwept {
				who: ALICE,
				asset: model_shares(),
				shares: 1_000,
				amount: 1_000,
			}
			.into(),
		);
		let pool = Lending::pool_account();
		assert_eq!(held(pool), 1_000);
		assert_eq!(pledged(ALICE), 0);
		assert_eq!(held(ALICE), 9_000);
		let state = market(model_shares()).state;
		assert_eq!((state.cash, state.total_shares, state.total_reserves), (1_000, 0, 1_000));
		assert_eq!(debt(ALICE, usd()), 0);
		assert_ok!(Lending::withdraw_reserves(RuntimeOrigin::root(), model_shares(), 400, DAVE));
		assert_eq!((held(pool), held(DAVE)), (600, 400));
		assert_eq!(market(model_shares()).state.total_reserves, 600);
	});
}

#[test]
fn shares_are_never_lent_flash_lent_or_built_into_a_leveraged_token() {
	test(|| {
		alice_pledges_1000();
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(BOB), model_shares(), 1),
			Error::<Test>::SharesNotBorrowable
		);
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_noop!(
			Lending::flash_loan(RuntimeOrigin::signed(BOB), model_shares(), 100, Box::new(call)),
			Error::<Test>::SharesNotBorrowable
		);
		let token = LeveragedTokenParams {
			collateral: model_shares(),
			debt: usd(),
			token: 900,
			target: price(2, 1),
			min_leverage: price(17, 10),
			max_leverage: price(23, 10),
			ripcord: price(27, 10),
			max_trade: 1,
			reward: Permill::from_parts(1_000),
		};
		assert_noop!(
			Lending::create_leveraged_token(RuntimeOrigin::root(), 1, token),
			Error::<Test>::SharesNotBorrowable
		);
	});
}

#[test]
fn a_share_market_needs_a_ceiling_no_lending_and_an_existing_unflagged_model() {
	test(|| {
		MockShares::register(MODEL, ALICE, 10_000);
		TestPrices::set(MODEL_KEY, dollars(10));
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), SHARE_CATEGORY, share_category()));
		let no_ceiling = crate::RiskCategory { debt_ceiling: None, ..share_category() };
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), 9, no_ceiling));
		let add = |params: MarketParams| {
			Lending::add_market(RuntimeOrigin::root(), model_shares(), params)
		};
		for bad in [
			MarketParams { category: None, ..share_params() },
			MarketParams { category: Some(9), ..share_params() },
			MarketParams { borrow_cap: 1, ..share_params() },
			MarketParams { protocol_liquidation_share: Permill::from_percent(1), ..share_params() },
		] {
			assert_noop!(add(bad), Error::<Test>::InvalidShareMarket);
		}
		assert_noop!(
			Lending::add_market(
				RuntimeOrigin::root(),
				LendingAsset::ModelShares(8),
				share_params()
			),
			Error::<Test>::InvalidShareMarket
		);
		MockShares::set_flagged(MODEL, true);
		assert_noop!(add(share_params()), Error::<Test>::ModelFlagged);
		MockShares::set_flagged(MODEL, false);
		assert_ok!(add(share_params()));
		// Updates keep the rules (a flagged model's market may still be updated).
		MockShares::set_flagged(MODEL, true);
		assert_noop!(
			Lending::update_market(
				RuntimeOrigin::root(),
				model_shares(),
				MarketParams { borrow_cap: 5, ..share_params() }
			),
			Error::<Test>::InvalidShareMarket
		);
		assert_ok!(Lending::update_market(
			RuntimeOrigin::root(),
			model_shares(),
			MarketParams { supply_cap: 100, ..share_params() }
		));
	});
}

/// The attack of the issue: pump the model's feed 20×. The lending copy rises 0.5 % a
/// block, and the category's ceiling caps what any amount of shares can back.
#[test]
fn a_20x_pump_of_the_share_feed_raises_borrowing_power_half_a_percent_a_block_and_never_past_the_ceiling(
) {
	test(|| {
		alice_pledges_1000();
		advance(6);
		TestPrices::set(MODEL_KEY, dollars(200));
		// $10 × (1 + 0.005 × 1 block) = $10.05; ALICE's limit 1,000 × 10.05 × 20 % = $2,010.
		assert_eq!(market(model_shares()).state.price.unwrap().price, price(1_005, 100));
		assert_eq!(market(model_shares()).state.last_price, price(1_005, 100));
		assert_eq!(health(ALICE).borrow_limit, dollars(2_010));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 2_010 * DOLLAR + 1),
			Error::<Test>::InsufficientCollateral
		);
		// A second push in the same block raises nothing.
		TestPrices::set(MODEL_KEY, dollars(200));
		assert_eq!(market(model_shares()).state.price.unwrap().price, price(1_005, 100));
		// After 1,000 quiet blocks a push rises by at most 100 blocks' worth (+50 %).
		for _ in 0..1_000 {
			System::set_block_number(System::block_number() + 1);
		}
		TestPrices::set(MODEL_KEY, dollars(200));
		assert_eq!(market(model_shares()).state.price.unwrap().price, price(15_075, 1_000));
		// A fall applies at once.
		advance(6);
		TestPrices::set(MODEL_KEY, dollars(5));
		assert_eq!(market(model_shares()).state.price.unwrap().price, dollars(5));
		// From $5, 800 blocks of +0.5 % reach $200 again (5 × 1.005^738 > 200). However long
		// the pump lasts, the ceiling binds: 5,000 shares at $200 would lend
		// $200,000 at 20 %, the category lends 10,000 USD in all.
		for _ in 0..800 {
			advance(6);
			TestPrices::set(MODEL_KEY, dollars(200));
		}
		assert_eq!(market(model_shares()).state.price.unwrap().price, dollars(200));
		TestPrices::set(USD, Price::one());
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), model_shares(), 4_000));
		assert_eq!(health(ALICE).borrow_limit, dollars(200_000));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 100_000 * DOLLAR));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 10_000 * DOLLAR + 1),
			Error::<Test>::CategoryDebtCeilingReached
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 10_000 * DOLLAR));
		// And the supply cap (5,000 shares) bounds the pledges.
		assert_ok!(MockShares::transfer(MODEL, ALICE, DAVE, 100));
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(DAVE), model_shares(), 1),
			Error::<Test>::SupplyCapReached
		);
	});
}

/// A recovery after a fall is a rise like any other: one push can't restore a crashed
/// share's borrowing power (a manipulated recovery is a pump).
#[test]
fn a_share_price_recovers_from_a_fall_at_the_rate_of_any_rise() {
	test(|| {
		alice_pledges_1000();
		advance(6);
		TestPrices::set(MODEL_KEY, dollars(2));
		assert_eq!(market(model_shares()).state.price.unwrap().price, dollars(2));
		advance(6);
		TestPrices::set(MODEL_KEY, dollars(10));
		// $2 × (1 + 0.005 × 2 blocks since the market's price was set) = $2.02.
		assert_eq!(market(model_shares()).state.price.unwrap().price, price(202, 100));
		assert_eq!(health(ALICE).borrow_limit, price(404, 1));
	});
}

/// Cream: a direct transfer moves no price. Lending reads only the oracle and its own
/// books, so shares donated to the pool account or to the borrower change nothing.
#[test]
fn a_donation_of_shares_moves_neither_the_price_nor_borrowing_power() {
	test(|| {
		alice_pledges_1000();
		let before = health(ALICE);
		let book = market(model_shares());
		assert_ok!(MockShares::transfer(MODEL, ALICE, Lending::pool_account(), 500));
		assert_ok!(MockShares::transfer(MODEL, ALICE, BOB, 500));
		assert_ok!(MockShares::transfer(MODEL, BOB, ALICE, 500));
		assert_eq!(health(ALICE), before);
		assert_eq!(market(model_shares()), book);
		assert_eq!(shares(ALICE, model_shares()), 1_000);
	});
}

#[test]
fn a_flagged_model_lends_no_new_borrowing_power_and_liquidates_nobody_by_itself() {
	test(|| {
		alice_pledges_1000();
		assert_ok!(MockShares::transfer(MODEL, ALICE, DAVE, 500));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), model_shares(), 500));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_000 * DOLLAR));
		MockShares::set_flagged(MODEL, true);
		// New collateral is refused at once.
		assert_noop!(
			Lending::supply(RuntimeOrigin::signed(ALICE), model_shares(), 1),
			Error::<Test>::ModelFlagged
		);
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(DAVE), model_shares()),
			Error::<Test>::ModelFlagged
		);
		// Anyone syncs the flag into the market; once only.
		assert_noop!(
			Lending::sync_model_flag(RuntimeOrigin::signed(CHARLIE), usd()),
			Error::<Test>::NotShareMarket
		);
		assert_ok!(Lending::sync_model_flag(RuntimeOrigin::signed(CHARLIE), model_shares()));
		System::assert_last_event(
			Event::ModelFlagSynced { asset: model_shares(), flagged: true }.into(),
		);
		assert_noop!(
			Lending::sync_model_flag(RuntimeOrigin::signed(CHARLIE), model_shares()),
			Error::<Test>::FlagInSync
		);
		// No borrowing power: no new borrow, no release of the pledge...
		let h = health(ALICE);
		assert_eq!(h.borrow_limit, Price::zero());
		assert_eq!(h.liquidation_limit, dollars(3_000));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(ALICE), model_shares(), 1),
			Error::<Test>::InsufficientCollateral
		);
		// ...but the threshold still counts: HF 3,000 / 1,000 = 3, nobody is liquidated.
		assert!(!liquidation_health(ALICE).is_liquidatable());
		assert_noop!(
			Lending::liquidate(RuntimeOrigin::signed(CHARLIE), ALICE, usd(), model_shares(), 1),
			Error::<Test>::NotLiquidatable
		);
		// Repaying frees the pledge; a cleared flag, synced, restores borrowing power.
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_ok!(Lending::withdraw(RuntimeOrigin::signed(ALICE), model_shares(), 100));
		MockShares::set_flagged(MODEL, false);
		assert_ok!(Lending::sync_model_flag(RuntimeOrigin::signed(CHARLIE), model_shares()));
		assert_eq!(health(ALICE).borrow_limit, dollars(1_800));
	});
}

/// An upheld incident on the model itself reaches its market in the same call (the models
/// pallet's hook): no window in which pledgers could still borrow against it.
#[test]
fn a_flag_pushed_by_the_models_pallet_stops_borrowing_at_once() {
	test(|| {
		alice_pledges_1000();
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 500 * DOLLAR));
		MockShares::set_flagged(MODEL, true);
		Lending::on_model_flagged(MODEL);
		System::assert_last_event(
			Event::ModelFlagSynced { asset: model_shares(), flagged: true }.into(),
		);
		assert!(market(model_shares()).state.shares_flagged);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1),
			Error::<Test>::InsufficientCollateral
		);
		// A hook for a model without a market, or a second one, changes nothing.
		Lending::on_model_flagged(99);
		Lending::on_model_flagged(MODEL);
		assert_noop!(
			Lending::sync_model_flag(RuntimeOrigin::signed(CHARLIE), model_shares()),
			Error::<Test>::FlagInSync
		);
	});
}

#[test]
fn a_liquidation_moves_pledged_shares_to_the_liquidator_and_leaves_the_vote_lock_whole() {
	test(|| {
		alice_pledges_1000();
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 2_000 * DOLLAR));
		// ALICE voted with every share she has not pledged (a vote never locks a pledge).
		MockShares::set_vote_lock(MODEL, ALICE, 9_000);
		advance(6);
		TestPrices::set(MODEL_KEY, dollars(6));
		// 1,000 × $6 × 30 % = $1,800 < $2,000: HF 0.9, below 0.95, so all may be repaid.
		assert!(liquidation_health(ALICE).is_liquidatable());
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(CHARLIE),
			ALICE,
			usd(),
			model_shares(),
			1_000 * DOLLAR
		));
		// $1,000 × 1.10 = $1,100 of shares at $6: 183 whole shares (rounded down).
		System::assert_last_event(
			Event::Liquidated {
				liquidator: CHARLIE,
				borrower: ALICE,
				debt_asset: usd(),
				collateral_asset: model_shares(),
				repaid: 1_000 * DOLLAR,
				seized: 183,
				seized_shares: 183,
				protocol_fee: 0,
			}
			.into(),
		);
		assert_eq!(held(CHARLIE), 183);
		assert_eq!(held(ALICE), 10_000 - 183);
		assert_eq!(pledged(ALICE), 817);
		assert_eq!(shares(ALICE, model_shares()), 817);
		assert_eq!(shares(CHARLIE, model_shares()), 0);
		assert_eq!(market(model_shares()).state.cash, 817);
		assert_eq!(market(model_shares()).state.total_shares, 817);
		// 2,000 USD plus 6 seconds of interest, less the 1,000 repaid.
		assert_eq!(debt(ALICE, usd()), 1_000 * DOLLAR + 16);
		// The liquidator's shares are free; ALICE's vote lock still binds all 9,000 of the
		// shares she voted with (a self-liquidation frees no voted share).
		assert_ok!(MockShares::transfer(MODEL, CHARLIE, DAVE, 183));
		assert!(MockShares::transfer(MODEL, ALICE, DAVE, 1).is_err());
	});
}

#[test]
fn an_ownership_ruling_drops_the_squatters_pledge_and_its_debt_is_written_off() {
	test(|| {
		alice_pledges_1000();
		assert_ok!(MockShares::transfer(MODEL, ALICE, DAVE, 500));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), model_shares(), 500));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR));
		// The arbiter gives ALICE's model (her shares and locks) to BOB.
		MockShares::reassign(MODEL, ALICE, BOB);
		System::assert_last_event(
			Event::CollateralForfeited { who: ALICE, asset: model_shares(), amount: 1_000 }.into(),
		);
		assert_eq!(shares(ALICE, model_shares()), 0);
		assert_eq!(market(model_shares()).state.cash, 500);
		assert_eq!(shares(DAVE, model_shares()), 500);
		assert_eq!(pledged(DAVE), 500);
		// A second call (nothing pledged) changes nothing.
		Lending::on_shares_forfeited(MODEL, &ALICE);
		assert_eq!(market(model_shares()).state.cash, 500);
		// ALICE's debt has no collateral left: the liquidation writes it off.
		assert!(liquidation_health(ALICE).is_liquidatable());
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(CHARLIE),
			ALICE,
			usd(),
			model_shares(),
			1
		));
		assert_eq!(debt(ALICE, usd()), 0);
		assert!(Positions::<Test>::get(ALICE).is_empty());
	});
}
