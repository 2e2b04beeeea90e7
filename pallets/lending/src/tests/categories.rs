//! Tests: risk categories (values, zero LTV, debt ceilings, membership, admin).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::{Categories, Category, DebtCeiling, RiskCategory};

fn category(id: crate::CategoryId) -> Category {
	Categories::<Test>::get(id).unwrap()
}

fn usd_ceiling(ceiling: Balance) -> Option<DebtCeiling> {
	Some(DebtCeiling { debt_asset: usd(), ceiling })
}

const GOLD: u32 = 7;

/// A second asset in the RWA category: 6 decimals, $2,000, held by ALICE and BOB.
fn open_gold_market() {
	assert_ok!(Assets::force_create(RuntimeOrigin::root(), GOLD, 100, true, 1));
	let gold = LendingAsset::Asset(GOLD);
	for (who, amount) in
		[(Pallet::<Test>::pool_account(), 1), (ALICE, 100 * DOLLAR), (BOB, 100 * DOLLAR)]
	{
		assert_ok!(NativeAndAssets::mint_into(gold, &who, amount));
	}
	TestPrices::set(GOLD, Price::saturating_from_integer(2_000u32));
	let mut p = params(GOLD, 6);
	p.category = Some(RWA_CATEGORY);
	assert_ok!(Lending::add_market(RuntimeOrigin::root(), gold, p));
}

#[test]
fn a_category_values_its_markets_with_its_own_risk() {
	test(|| {
		// The RWA market's own values are 75 % / 80 %; its category's are 50 % / 60 %.
		assert_eq!(market(rwa()).params.collateral_factor, Permill::from_percent(75));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		let h = health(ALICE);
		assert_eq!(h.collateral_value, Price::saturating_from_integer(100_000u32));
		assert_eq!(h.borrow_limit, Price::saturating_from_integer(50_000u32));
		assert_eq!(h.liquidation_limit, Price::saturating_from_integer(60_000u32));
		// Lowering the category's LTV lowers every member's borrowing power at once.
		let mut values = rwa_category();
		values.collateral_factor = Permill::from_percent(40);
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, values));
		System::assert_last_event(Event::CategorySet { id: RWA_CATEGORY, params: values }.into());
		assert_eq!(health(ALICE).borrow_limit, Price::saturating_from_integer(40_000u32));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 100_000 * DOLLAR));
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 40_000 * DOLLAR + 1),
			Error::<Test>::InsufficientCollateral
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 40_000 * DOLLAR));
	});
}

#[test]
fn ceiling_collateral_is_alone_and_its_debt_is_capped() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(ALICE), native(), 10 * MDL));
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(ALICE), native()),
			Error::<Test>::CategoryConflict
		);
		// $100,000 of RWA at 50 % allows $50,000; the ceiling is 50,000 USD for everyone.
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 40_000 * DOLLAR));
		supply_collateral(BOB, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 50_000 * DOLLAR);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 1),
			Error::<Test>::CategoryDebtCeilingReached
		);
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), 5_000 * DOLLAR));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 45_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 5_000 * DOLLAR));
		// Collateral outside the category cannot join it either way round.
		supply_collateral(DAVE, native(), 10 * MDL);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), rwa(), DOLLAR));
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(DAVE), rwa()),
			Error::<Test>::CategoryConflict
		);
		// The category backs its ceiling's debt asset (USD) alone.
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), native(), MDL),
			Error::<Test>::CategoryBorrowNotAllowed
		);
		// The ceiling counts USD units, not dollars: a price move between borrow and repay
		// changes nothing.
		TestPrices::set(USD, price(1, 2));
		assert_ok!(Lending::repay(RuntimeOrigin::signed(ALICE), usd(), 5_000 * DOLLAR));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 45_000 * DOLLAR);
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(BOB), usd()));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 0);
	});
}

#[test]
fn an_account_in_debt_cannot_newly_enter_a_ceiling_category() {
	test(|| {
		// Debt borrowed outside the category was never counted against its ceiling: entering
		// the category with it would leave the ceiling blind to it.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(DAVE, native(), 10_000 * MDL);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(DAVE), usd(), 1_000 * DOLLAR));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), rwa(), 100 * DOLLAR));
		assert_noop!(
			Lending::enable_collateral(RuntimeOrigin::signed(DAVE), rwa()),
			Error::<Test>::CategoryConflict
		);
	});
}

#[test]
fn two_markets_share_one_category_and_its_ceiling() {
	test(|| {
		open_gold_market();
		let gold = LendingAsset::Asset(GOLD);
		assert_eq!(category(RWA_CATEGORY).markets, 2);
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		// RWA and GOLD are in the same category: they combine.
		supply_collateral(ALICE, rwa(), 500 * DOLLAR);
		supply_collateral(ALICE, gold, 10 * DOLLAR);
		// ($50,000 + $20,000) × 50 % = $35,000.
		assert_eq!(health(ALICE).borrow_limit, Price::saturating_from_integer(35_000u32));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 35_000 * DOLLAR));
		// BOB borrows against GOLD alone, under the same 50,000 USD ceiling.
		supply_collateral(BOB, gold, 90 * DOLLAR);
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 15_000 * DOLLAR + 1),
			Error::<Test>::CategoryDebtCeilingReached
		);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 15_000 * DOLLAR));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 50_000 * DOLLAR);
	});
}

#[test]
fn zero_ltv_gives_no_borrowing_power_but_liquidates_nobody() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 30_000 * DOLLAR));
		let mut values = rwa_category();
		values.zero_ltv = true;
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, values));
		let h = health(ALICE);
		assert_eq!(h.borrow_limit, Price::zero());
		assert_eq!(h.liquidation_limit, Price::saturating_from_integer(60_000u32));
		// No new borrowing, no withdrawal of the collateral, and no liquidation (HF 2).
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), DOLLAR),
			Error::<Test>::InsufficientCollateral
		);
		assert_noop!(
			Lending::withdraw(RuntimeOrigin::signed(ALICE), rwa(), DOLLAR),
			Error::<Test>::InsufficientCollateral
		);
		assert_eq!(health(ALICE).health_factor(), Some(Price::saturating_from_integer(2u32)));
		assert_noop!(
			Lending::liquidate(RuntimeOrigin::signed(CHARLIE), ALICE, usd(), rwa(), DOLLAR),
			Error::<Test>::NotLiquidatable
		);
		// Repaying always works, and the ceiling's count follows it.
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 0);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(ALICE), rwa()));
	});
}

#[test]
fn a_liquidation_pays_the_categorys_bonus_and_releases_its_debt() {
	test(|| {
		let mut values = rwa_category();
		values.liquidation_bonus = Permill::from_percent(10);
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, values));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 50_000 * DOLLAR));
		// RWA falls to $80: HF = 80,000 × 0.6 / 50,000 = 0.96 (close factor 50 %).
		TestPrices::set(RWA, Price::saturating_from_integer(80u32));
		assert_eq!(health(ALICE).health_factor(), Some(price(96, 100)));
		assert_ok!(Lending::liquidate(
			RuntimeOrigin::signed(CHARLIE),
			ALICE,
			usd(),
			rwa(),
			100_000 * DOLLAR
		));
		// Repay 25,000 USD; seize 25,000 × 1.10 / 80 = 343.75 RWA (the market's own bonus
		// would have given 328.125). The bonus is 31.25 RWA, a tenth to the protocol.
		let event = System::events()
			.into_iter()
			.rev()
			.find_map(|r| match r.event {
				RuntimeEvent::Lending(Event::Liquidated {
					repaid, seized, protocol_fee, ..
				}) => Some((repaid, seized, protocol_fee)),
				_ => None,
			})
			.unwrap();
		assert_eq!(event, (25_000 * DOLLAR, 343_750_000, 3_125_000));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 25_000 * DOLLAR);
	});
}

#[test]
fn a_ceiling_keeps_its_debt_asset_while_debt_is_counted() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_000 * DOLLAR));
		// The count is 1,000 USD units; it can't become 1,000 MDL units, nor be dropped,
		// while a market is in the category.
		let mut values = rwa_category();
		values.debt_ceiling = Some(DebtCeiling { debt_asset: native(), ceiling: 10 * MDL });
		assert_noop!(
			Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, values),
			Error::<Test>::CategoryInUse
		);
		values.debt_ceiling = None;
		assert_noop!(
			Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, values),
			Error::<Test>::CategoryInUse
		);
		// Raising the ceiling in the same asset is fine and keeps the count.
		values.debt_ceiling = usd_ceiling(80_000 * DOLLAR);
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), RWA_CATEGORY, values));
		assert_eq!(category(RWA_CATEGORY).scaled_debt, 1_000 * DOLLAR);
	});
}

#[test]
fn a_ceiling_cannot_be_added_to_a_category_whose_debt_was_never_counted() {
	test(|| {
		// Category 2 has no ceiling; the (empty) RWA market joins it and ALICE borrows. A
		// ceiling added now would never have counted her 1,000 USD, and repaying it would
		// free room other debt uses: refused while a market is in the category.
		let open = RiskCategory { debt_ceiling: None, ..rwa_category() };
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), 2, open));
		let mut p = market(rwa()).params;
		p.category = Some(2);
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), rwa(), p));
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 200_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_000 * DOLLAR));
		assert_noop!(
			Lending::set_category(RuntimeOrigin::root(), 2, rwa_category()),
			Error::<Test>::CategoryInUse
		);
		// Its other values can change.
		let tighter = RiskCategory { collateral_factor: Permill::from_percent(30), ..open };
		assert_ok!(Lending::set_category(RuntimeOrigin::root(), 2, tighter));
	});
}

#[test]
fn interest_counts_against_the_ceiling_and_repaying_it_frees_no_more_than_it_used() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(CHARLIE), usd(), 100_000 * DOLLAR));
		supply_collateral(ALICE, rwa(), 1_000 * DOLLAR);
		supply_collateral(BOB, rwa(), 1_000 * DOLLAR);
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 25_000 * DOLLAR));
		assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), usd(), 20_000 * DOLLAR));
		// A year passes: 45 % utilisation, 2 % + 45 % × 10 % = 6.5 % a year, compounded
		// per second. The count now includes the interest.
		advance(SECONDS_PER_YEAR);
		TestPrices::set(USD, Price::one());
		TestPrices::set(RWA, Price::saturating_from_integer(100u32));
		let index = market(usd()).accrued(Timestamp::get()).state.borrow_index;
		let now = category(RWA_CATEGORY).debt_now(index);
		assert_eq!(now, debt(ALICE, usd()) + debt(BOB, usd()));
		assert_eq!(now, 48_022_156_094);
		assert!(now > 47_900 * DOLLAR && now < 48_100 * DOLLAR, "{now}");
		// Room left is the ceiling less the debt now, interest included.
		let room = 50_000 * DOLLAR - now;
		assert_noop!(
			Lending::borrow(RuntimeOrigin::signed(BOB), usd(), room + 1),
			Error::<Test>::CategoryDebtCeilingReached
		);
		// ALICE repays everything, interest included: BOB's debt (and its interest) is
		// still counted in full.
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(ALICE), usd()));
		let left = category(RWA_CATEGORY).debt_now(index);
		assert!(left >= debt(BOB, usd()) && left <= debt(BOB, usd()) + 2, "{left}");
		assert_ok!(Lending::repay_all(RuntimeOrigin::signed(BOB), usd()));
		assert!(category(RWA_CATEGORY).scaled_debt <= 2);
	});
}

#[test]
fn category_admin_checks_its_values_and_its_members() {
	test(|| {
		let valid = rwa_category();
		let bad = [
			RiskCategory { collateral_factor: Permill::from_percent(60), ..valid },
			RiskCategory { liquidation_threshold: Permill::one(), ..valid },
			// 0.95 × 1.06 ≥ 1: a liquidation at the threshold couldn't pay its bonus.
			RiskCategory {
				liquidation_threshold: Permill::from_percent(95),
				liquidation_bonus: Permill::from_percent(6),
				..valid
			},
		];
		for values in bad {
			assert_noop!(
				Lending::set_category(RuntimeOrigin::root(), 2, values),
				Error::<Test>::InvalidCategory
			);
		}
		assert_noop!(
			Lending::set_category(RuntimeOrigin::signed(ALICE), 2, valid),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Lending::remove_category(RuntimeOrigin::root(), 9),
			Error::<Test>::CategoryNotFound
		);
		assert_noop!(
			Lending::remove_category(RuntimeOrigin::root(), RWA_CATEGORY),
			Error::<Test>::CategoryInUse
		);
		// A market can't join a category that doesn't exist.
		let mut p = params(USD, 6);
		p.category = Some(9);
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), usd(), p),
			Error::<Test>::CategoryNotFound
		);
		// A market with supply can't change category; an empty one can.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), rwa(), DOLLAR));
		let mut rwa_params = market(rwa()).params;
		rwa_params.category = None;
		assert_noop!(
			Lending::update_market(RuntimeOrigin::root(), rwa(), rwa_params),
			Error::<Test>::MarketInUse
		);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(BOB), rwa()));
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), rwa(), rwa_params));
		assert_eq!(category(RWA_CATEGORY).markets, 0);
		assert_ok!(Lending::remove_category(RuntimeOrigin::root(), RWA_CATEGORY));
		System::assert_last_event(Event::CategoryRemoved { id: RWA_CATEGORY }.into());
		assert!(Categories::<Test>::get(RWA_CATEGORY).is_none());
	});
}
