//! Tests: a seeded randomised run of 100,000 operations.
//!
//! Four accounts act on three markets (MDL, USD, and the isolated RWA) with multi-asset
//! positions: supply, withdraw, collateral on and off, borrow, repay, liquidate, flash
//! loans that wrap a random one of those calls, price shocks of ±60 %, prices that go
//! stale, keys the oracle pauses (no price, or a liquidation-only one), covering and
//! socialising deficits, and time jumps up to a month. After every operation it checks
//! every `try_state` invariant and:
//! - **no underwater account is stuck**: in a dry run, a liquidator takes every account
//!   with HF < 1 to HF ≥ 1 or to no debt within a few blocks of liquidations;
//! - **no account loses value to another account's call**: what each bystander's shares
//!   redeem for never falls, except when a write-off or a socialisation moves a deficit
//!   (which is how bad debt reaches suppliers), and never rises except through interest,
//!   flash-loan fees, a deficit cover, the protocol's cut of a liquidation bonus, or a
//!   supply priced with an outstanding deficit (beyond rounding dust: 100 units or a
//!   millionth);
//! - **Σ supplier claims ≤ cash + in flight + borrows − reserves + deficit**, per market.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use std::collections::BTreeMap;

const LIQUIDATOR: u64 = 9;
const STEPS: u32 = 100_000;

#[derive(Default, Debug)]
struct Counts {
	ok: BTreeMap<&'static str, u32>,
	failed: BTreeMap<&'static str, u32>,
}

fn assets() -> [LendingAsset; 3] {
	[native(), usd(), rwa()]
}

fn key(a: LendingAsset) -> u32 {
	match a {
		LendingAsset::Native => NATIVE_KEY,
		LendingAsset::Asset(id) => id,
		LendingAsset::ModelShares(_) => MODEL_KEY,
	}
}

/// What `who`'s shares in each market redeem for now (interest accrued).
fn claims(who: u64) -> Vec<u128> {
	assets()
		.iter()
		.map(|a| market(*a).accrued(Timestamp::get()).state.underlying_of(shares(who, *a)))
		.collect()
}

/// Whether `who` owes anything and is below HF 1 as a liquidation sees it.
fn underwater(who: u64) -> bool {
	Positions::<Test>::get(who).iter().any(|p| p.principal > 0)
		&& liquidation_health(who).is_liquidatable()
}

/// In a dry run: liquidations, block after block (the close factor opens a new window each
/// block), take every underwater account to HF ≥ 1 or to no debt. Returns the accounts
/// left stuck after 40 blocks.
fn stuck_accounts(accounts: &[u64]) -> Vec<u64> {
	frame_support::storage::with_transaction(|| {
		for a in assets() {
			let _ = NativeAndAssets::mint_into(a, &LIQUIDATOR, u128::MAX / 1_000_000);
		}
		for _block in 0..40 {
			let targets: Vec<u64> = accounts.iter().copied().filter(|a| underwater(*a)).collect();
			if targets.is_empty() {
				break;
			}
			for borrower in targets {
				let positions = Positions::<Test>::get(borrower);
				let debts: Vec<_> =
					positions.iter().filter(|p| p.principal > 0).map(|p| p.asset).collect();
				let collaterals: Vec<_> =
					positions.iter().filter(|p| p.is_collateral()).map(|p| p.asset).collect();
				// Each debt, against the first collateral that takes it.
				for d in &debts {
					for c in collaterals.iter().chain(debts.iter()) {
						let r = Lending::liquidate(
							RuntimeOrigin::signed(LIQUIDATOR),
							borrower,
							*d,
							*c,
							u128::MAX,
						);
						if r.is_ok() {
							break;
						}
					}
				}
			}
			System::set_block_number(System::block_number() + 1);
		}
		let stuck: Vec<u64> = accounts.iter().copied().filter(|a| underwater(*a)).collect();
		for borrower in &stuck {
			let positions = Positions::<Test>::get(borrower);
			println!(
				"stuck {borrower}: {:?}\n{:?}",
				positions.into_inner(),
				liquidation_health(*borrower)
			);
			for p in Positions::<Test>::get(borrower).iter() {
				println!("  market {:?}: {:?}", p.asset, market(p.asset));
				for c in assets() {
					if p.principal > 0 {
						let r = Lending::liquidate(
							RuntimeOrigin::signed(LIQUIDATOR),
							*borrower,
							p.asset,
							c,
							u128::MAX,
						);
						println!(
							"  liquidate {:?} against {:?}: {:?}",
							p.asset,
							c,
							r.map_err(|e| e.error)
						);
					}
				}
			}
		}
		sp_runtime::TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(stuck))
	})
	.unwrap()
}

/// One random user call, as a `RuntimeCall` (so a flash loan can wrap it).
fn random_call(rng: &mut Rng, who: u64, accounts: &[u64]) -> (&'static str, crate::Call<Test>) {
	let asset = rng.pick(&assets());
	let unit = if asset == native() { MDL } else { DOLLAR };
	let scale = if asset == rwa() { 200 } else { 20_000 };
	let amount = (rng.below(scale) + 1) as u128 * unit / (1 + rng.below(4) as u128);
	match rng.below(100) {
		0..=24 => ("supply", crate::Call::supply { asset, amount }),
		25..=32 => ("enable", crate::Call::enable_collateral { asset }),
		33..=35 => ("disable", crate::Call::disable_collateral { asset }),
		36..=52 => {
			// Borrow between half and all of what the account may borrow.
			let max = Lending::account_health(&who)
				.max_borrowable
				.iter()
				.find(|b| b.asset == asset)
				.map(|b| b.amount)
				.unwrap_or_default();
			let amount = if max > 1 && rng.below(4) > 0 {
				max / 2 + (rng.next() as u128 % (max / 2))
			} else {
				amount
			};
			("borrow", crate::Call::borrow { asset, amount })
		}
		53..=62 => ("withdraw", crate::Call::withdraw { asset, amount }),
		63..=65 => ("withdraw_all", crate::Call::withdraw_all { asset }),
		66..=75 => ("repay", crate::Call::repay { asset, amount }),
		76..=79 => ("repay_all", crate::Call::repay_all { asset }),
		_ => {
			// Usually an underwater account with one of its debts and collaterals.
			let targets: Vec<u64> =
				accounts.iter().copied().filter(|a| *a != who && underwater(*a)).collect();
			let (borrower, debt_asset, collateral_asset) =
				if !targets.is_empty() && rng.below(4) > 0 {
					let borrower = rng.pick(&targets);
					let positions = Positions::<Test>::get(borrower);
					let debts: Vec<_> =
						positions.iter().filter(|p| p.principal > 0).map(|p| p.asset).collect();
					let collaterals: Vec<_> =
						positions.iter().filter(|p| p.is_collateral()).map(|p| p.asset).collect();
					let d = if debts.is_empty() { asset } else { rng.pick(&debts) };
					let c = if collaterals.is_empty() { asset } else { rng.pick(&collaterals) };
					(borrower, d, c)
				} else {
					(rng.pick(accounts), asset, rng.pick(&assets()))
				};
			let max_repay = if rng.below(2) == 0 { u128::MAX } else { amount };
			(
				"liquidate",
				crate::Call::liquidate { borrower, debt_asset, collateral_asset, max_repay },
			)
		}
	}
}

#[test]
fn a_hundred_thousand_random_operations_keep_every_invariant() {
	with_markets().execute_with(|| {
		let mut p = params(USD, 6);
		p.supply_cap = 3_000_000 * DOLLAR;
		p.borrow_cap = 1_500_000 * DOLLAR;
		p.min_borrow = DOLLAR;
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), p));
		let accounts = [ALICE, BOB, CHARLIE, DAVE];
		let base_price = |a: LendingAsset| match a {
			LendingAsset::Native => Price::saturating_from_integer(2u32),
			LendingAsset::Asset(USD) => Price::one(),
			_ => Price::saturating_from_integer(100u32),
		};
		let mut prices: Vec<Price> = assets().iter().map(|a| base_price(*a)).collect();
		let mut rng = Rng(0x6d6f_6465_6c63_6861);
		let mut counts = Counts::default();
		let mut last_index: Vec<Price> = assets().iter().map(|_| Price::one()).collect();
		let mut stuck_checks = 0u32;

		for step in 0..STEPS {
			let who = rng.pick(&accounts);
			let before: BTreeMap<u64, Vec<u128>> =
				accounts.iter().map(|a| (*a, claims(*a))).collect();
			let deficits_before: Vec<u128> =
				assets().iter().map(|a| market(*a).state.deficit).collect();
			let states_before: Vec<crate::MarketState> =
				assets().iter().map(|a| market(*a).accrued(Timestamp::get()).state).collect();
			System::reset_events();
			let (name, result, party): (
				&'static str,
				Result<(), sp_runtime::DispatchError>,
				Option<u64>,
			) = match rng.below(100) {
				0..=69 => {
					let (name, call) = random_call(&mut rng, who, &accounts);
					let party = match &call {
						crate::Call::liquidate { borrower, .. } => Some(*borrower),
						_ => None,
					};
					let r = RuntimeCall::Lending(call)
						.dispatch(RuntimeOrigin::signed(who))
						.map(|_| ())
						.map_err(|e| e.error);
					(name, r, party)
				}
				70..=77 => {
					// A flash loan wrapping a random call.
					let (inner, call) = random_call(&mut rng, who, &accounts);
					let party = match &call {
						crate::Call::liquidate { borrower, .. } => Some(*borrower),
						_ => None,
					};
					let loan = rng.pick(&assets());
					let cash = market(loan).state.cash;
					let amount = if cash > 1 { 1 + rng.next() as u128 % (cash - 1) } else { 1 };
					let r = RuntimeCall::Lending(crate::Call::flash_loan {
						asset: loan,
						amount,
						call: Box::new(RuntimeCall::Lending(call)),
					})
					.dispatch(RuntimeOrigin::signed(who))
					.map(|_| ())
					.map_err(|e| e.error);
					let name = if r.is_ok() { "flash_loan" } else { inner };
					(name, r, party)
				}
				78..=85 => {
					// A price shock of −60 % … +60 %, within 1/5 and 5 × the base price.
					let i = rng.below(3) as usize;
					let asset = assets()[i];
					let factor = price(40 + rng.below(121) as u128, 100);
					prices[i] = (prices[i] * factor)
						.max(base_price(asset) * price(1, 5))
						.min(base_price(asset) * Price::saturating_from_integer(5u32));
					TestPrices::set(key(asset), prices[i]);
					("price_shock", Ok(()), None)
				}
				86..=88 => {
					// The oracle pauses a key: no price, or a quorum-confirmed
					// liquidation-only one.
					let i = rng.below(3) as usize;
					let asset = assets()[i];
					if rng.below(2) == 0 {
						TestPrices::remove(key(asset));
					} else {
						let now = Timestamp::get();
						TestPrices::set_point(
							key(asset),
							PricePoint {
								price: prices[i],
								observed_at: now,
								expires_at: u64::MAX,
								liquidation_only: true,
							},
						);
					}
					("pause_key", Ok(()), None)
				}
				89..=90 => {
					let asset = rng.pick(&assets());
					let r = if rng.below(3) == 0 {
						Lending::socialise_deficit(RuntimeOrigin::root(), asset)
					} else {
						let amount = (rng.below(1_000) + 1) as u128 * DOLLAR;
						Lending::cover_deficit(RuntimeOrigin::signed(who), asset, amount)
					};
					("deficit", r, None)
				}
				_ => {
					// Time passes: seconds to a month; usually the feeders refresh
					// every price (so stale and paused keys come back).
					let seconds = if rng.below(10) == 0 { 30 * 86_400 } else { 1 + rng.below(600) };
					advance(seconds);
					if rng.below(5) > 0 {
						for (i, a) in assets().iter().enumerate() {
							TestPrices::set(key(*a), prices[i]);
						}
					}
					("time", Ok(()), None)
				}
			};
			let counter = if result.is_ok() { &mut counts.ok } else { &mut counts.failed };
			*counter.entry(name).or_default() += 1;

			if let Err(e) = Lending::do_try_state() {
				panic!("step {step} ({name}): {e:?}");
			}
			for (i, a) in assets().iter().enumerate() {
				let state = market(*a).state;
				assert!(state.borrow_index >= last_index[i], "step {step}: index fell");
				last_index[i] = state.borrow_index;
				// Σ supplier claims ≤ cash + in flight + borrows − reserves + deficit.
				let claimed: u128 = accounts
					.iter()
					.chain([LIQUIDATOR].iter())
					.map(|w| state.underlying_of(shares(*w, *a)))
					.sum();
				assert!(
					claimed <= state.pool_assets() + state.deficit,
					"step {step}: claims {claimed} exceed the pool"
				);
			}

			// Bystanders: value moves only through interest, fees, deficits.
			let deficit_moved = System::events().iter().any(|r| {
				matches!(
					r.event,
					RuntimeEvent::Lending(Event::BadDebtWrittenOff { deficit, .. }) if deficit > 0
				) || matches!(r.event, RuntimeEvent::Lending(Event::DeficitSocialised { .. }))
			});
			// Interest, flash-loan fees and deficit covers are the ways value may rise; so
			// does the protocol's share of a liquidation bonus, burnt from the borrower's
			// seized shares at the redemption rate (a hair below pro rata when interest has
			// lifted the rate above 1), which the collateral market's suppliers keep.
			let interest_or_fees = matches!(name, "time" | "flash_loan" | "deficit" | "liquidate");
			let entered_with_deficit = name == "supply" && deficits_before.iter().any(|d| *d > 0);
			for a in accounts.iter().filter(|a| **a != who && Some(**a) != party) {
				let now = claims(*a);
				for (m, (b, n)) in before[a].iter().zip(now.iter()).enumerate() {
					if !deficit_moved {
						assert!(
							*n + 1 >= *b,
							"step {step} ({name}): account {a} lost {} in market {m} to {who}'s call",
							b - n
						);
					}
					if !interest_or_fees && !entered_with_deficit && !deficit_moved {
						// Dust the pool keeps, shared by the others: rounding (debts round
						// up, burnt shares up, so up to two shares' worth), and on a
						// withdrawal the virtual shares' cut, at most V / S of it.
						let st = &states_before[m];
						let share_value = st.pool_assets() / st.total_shares.max(1) + 1;
						let virtual_cut = if matches!(name, "withdraw" | "withdraw_all") {
							crate::math::mul_div(
								*b,
								2 * crate::VIRTUAL_LIQUIDITY,
								st.total_shares.max(1),
								sp_arithmetic::Rounding::Up,
							)
						} else {
							0
						};
						assert!(
							*n <= *b + 100 + *b / 1_000_000 + 2 * share_value + virtual_cut,
							"step {step} ({name}): account {a} gained {} of {b} in market {m} from {who}'s call ({:?})",
							n - b,
							market(assets()[m]).state
						);
					}
				}
			}

			// No underwater account is stuck.
			if accounts.iter().any(|a| underwater(*a)) {
				stuck_checks += 1;
				let stuck = stuck_accounts(&accounts);
				assert!(
					stuck.is_empty(),
					"step {step} ({name}): accounts {stuck:?} cannot be liquidated"
				);
			}
		}
		println!("{counts:#?}\nstuck checks: {stuck_checks}");
		// The run must exercise the interesting paths, not just fail everywhere.
		for (name, minimum) in [
			("supply", 10_000),
			("borrow", 3_000),
			("repay", 1_000),
			("withdraw", 1_000),
			("liquidate", 500),
			("flash_loan", 1_000),
			("deficit", 10),
		] {
			let done = counts.ok.get(name).copied().unwrap_or_default();
			assert!(done >= minimum, "only {done} successful {name} calls");
		}
		assert!(stuck_checks >= 1_000, "only {stuck_checks} underwater states were checked");
	});
}
