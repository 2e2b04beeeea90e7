//! Unit tests of the lending pallet, split like the pallet: one file per domain concern,
//! exact amounts, one test per attack, and a seeded randomised run of 100,000 operations
//! checking every invariant after each one (`property.rs`).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate::{
	mock::*, types::SECONDS_PER_YEAR, Error, Event, FlashLoanActive, Health, Market, MarketCache,
	Markets, Pallet, Positions, PriceKeyMarkets, PriceMode, RateModel,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungibles::{Inspect, Mutate},
		tokens::Preservation,
	},
};
use modelchain_primitives::{Balance, LendingAsset, Price, PricePoint};
use sp_arithmetic::{
	traits::{One, Zero},
	FixedPointNumber, Permill,
};
use sp_runtime::traits::Dispatchable;

fn market(asset: LendingAsset) -> Market {
	Markets::<Test>::get(asset).unwrap()
}

fn price(n: u128, d: u128) -> Price {
	Price::from_rational(n, d)
}

fn health(who: u64) -> Health {
	let positions = Positions::<Test>::get(who);
	let mut markets = MarketCache::<Test>::new(Timestamp::get());
	Pallet::<Test>::health(&positions, &mut markets, PriceMode::BestEffort).unwrap()
}

/// Health as `liquidate` values it (collateral without a current price counts as 0).
fn liquidation_health(who: u64) -> Health {
	let positions = Positions::<Test>::get(who);
	let mut markets = MarketCache::<Test>::new(Timestamp::get());
	Pallet::<Test>::health(&positions, &mut markets, PriceMode::Liquidation).unwrap()
}

fn debt(who: u64, asset: LendingAsset) -> u128 {
	let m = market(asset).accrued(Timestamp::get());
	Positions::<Test>::get(who)
		.iter()
		.find(|p| p.asset == asset)
		.map(|p| m.state.debt_of(p.principal, p.borrow_index))
		.unwrap_or_default()
}

fn shares(who: u64, asset: LendingAsset) -> u128 {
	Positions::<Test>::get(who)
		.iter()
		.find(|p| p.asset == asset)
		.map(|p| p.shares)
		.unwrap_or_default()
}

fn balance(asset: LendingAsset, who: u64) -> u128 {
	NativeAndAssets::balance(asset, &who)
}

/// Equal to the last of 18 decimals (FixedU128 division rounds down).
fn assert_close(a: Price, b: Price) {
	let (a, b) = (a.into_inner(), b.into_inner());
	assert!(a.abs_diff(b) <= 1, "{a} vs {b}");
}

fn supply_collateral(who: u64, asset: LendingAsset, amount: u128) {
	assert_ok!(Lending::supply(RuntimeOrigin::signed(who), asset, amount));
	assert_ok!(Lending::enable_collateral(RuntimeOrigin::signed(who), asset));
}

/// CHARLIE liquidates ALICE's USD debt against her MDL collateral.
fn charlie_liquidates_alice(
	max_repay: u128,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	Lending::liquidate(RuntimeOrigin::signed(CHARLIE), ALICE, usd(), native(), max_repay)
}

/// ALICE: 1,000 MDL ($2,000) as collateral, 1,500 USD borrowed (her whole borrow limit).
/// BOB supplied 10,000 USD.
fn alice_borrows_her_limit() {
	supply_collateral(ALICE, native(), 1_000 * MDL);
	assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 10_000 * DOLLAR));
	assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 1_500 * DOLLAR));
}

/// xorshift64*: a tiny seeded PRNG, so every run replays the same 10,000 operations.
struct Rng(u64);
impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
	}
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}
	fn pick<T: Copy>(&mut self, items: &[T]) -> T {
		items[self.below(items.len() as u64) as usize]
	}
}

mod admin;
mod borrow;
mod caps_and_pauses;
mod categories;
mod deficit;
mod flash_loan;
mod leverage;
mod leveraged_token;
mod liquidation;
mod math;
mod migration;
mod property;
mod share_collateral;
mod supply;
mod write_down;
