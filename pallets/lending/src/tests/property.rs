//! Tests: randomised invariants.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;


#[derive(Default, Debug)]
struct Counts {
	ok: std::collections::BTreeMap<&'static str, u32>,
	failed: std::collections::BTreeMap<&'static str, u32>,
}

#[test]
fn ten_thousand_random_operations_keep_every_invariant() {
	with_markets().execute_with(|| {
		let mut p = params(USD, 6);
		p.supply_cap = 3_000_000 * DOLLAR;
		p.borrow_cap = 1_500_000 * DOLLAR;
		assert_ok!(Lending::update_market(RuntimeOrigin::root(), usd(), p));
		let accounts = [ALICE, BOB, CHARLIE, DAVE];
		let assets = [native(), usd(), rwa()];
		let unit = |a: LendingAsset| if a == native() { MDL } else { DOLLAR };
		let base_price = |a: LendingAsset| match a {
			LendingAsset::Native => Price::saturating_from_integer(2u32),
			LendingAsset::Asset(USD) => Price::one(),
			_ => Price::saturating_from_integer(100u32),
		};
		let key = |a: LendingAsset| match a {
			LendingAsset::Native => NATIVE_KEY,
			LendingAsset::Asset(id) => id,
		};
		let mut prices: Vec<Price> = assets.iter().map(|a| base_price(*a)).collect();
		let mut rng = Rng(0x6d6f_6465_6c63_6861);
		let mut counts = Counts::default();
		let mut last_index: Vec<Price> = assets.iter().map(|_| Price::one()).collect();

		for step in 0..10_000u32 {
			let who = rng.pick(&accounts);
			let asset = rng.pick(&assets);
			let scale = if asset == rwa() { 200 } else { 20_000 };
			let amount = (rng.below(scale) + 1) as u128 * unit(asset) / (1 + rng.below(4) as u128);
			let origin = RuntimeOrigin::signed(who);
			let was_collateral = Positions::<Test>::get(who)
				.iter()
				.any(|p| p.asset == asset && p.collateral && p.shares > 0);
			let fresh_for = |who: u64| {
				Positions::<Test>::get(who).iter().all(|p| {
					let m = market(p.asset);
					let needed = p.principal > 0 || (p.collateral && p.shares > 0);
					!needed || Pallet::<Test>::current_price(&m, Timestamp::get(), false).is_ok()
				})
			};
			let (name, result): (&'static str, Result<(), sp_runtime::DispatchError>) = match rng
				.below(100)
			{
				0..=19 => ("supply", Lending::supply(origin, asset, amount)),
				20..=27 => (
					"enable",
					Lending::enable_collateral(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				28..=30 => (
					"disable",
					Lending::disable_collateral(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				31..=45 => {
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
					(
						"borrow",
						Lending::borrow(origin, asset, amount).map(|_| ()).map_err(|e| e.error),
					)
				}
				46..=53 => (
					"withdraw",
					Lending::withdraw(origin, asset, amount).map(|_| ()).map_err(|e| e.error),
				),
				54..=56 => (
					"withdraw_all",
					Lending::withdraw_all(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				57..=64 => (
					"repay",
					Lending::repay(origin, asset, amount).map(|_| ()).map_err(|e| e.error),
				),
				65..=67 => (
					"repay_all",
					Lending::repay_all(origin, asset).map(|_| ()).map_err(|e| e.error),
				),
				68..=79 => {
					// Usually go after an account that is liquidatable, with one of its
					// debts and one of its collaterals; sometimes pick blindly.
					let targets: Vec<u64> = accounts
						.iter()
						.copied()
						.filter(|a| *a != who && liquidation_health(*a).is_liquidatable())
						.collect();
					let (borrower, debt_asset, collateral) = if !targets.is_empty()
						&& rng.below(4) > 0
					{
						let borrower = rng.pick(&targets);
						let positions = Positions::<Test>::get(borrower);
						let debts: Vec<_> =
							positions.iter().filter(|p| p.principal > 0).map(|p| p.asset).collect();
						let collaterals: Vec<_> = positions
							.iter()
							.filter(|p| p.collateral && p.shares > 0)
							.map(|p| p.asset)
							.collect();
						let debt_asset = if debts.is_empty() { asset } else { rng.pick(&debts) };
						let collateral =
							if collaterals.is_empty() { asset } else { rng.pick(&collaterals) };
						(borrower, debt_asset, collateral)
					} else {
						(rng.pick(&accounts), asset, rng.pick(&assets))
					};
					let amount = if rng.below(2) == 0 { u128::MAX } else { amount };
					let before = liquidation_health(borrower);
					let r = Lending::liquidate(origin, borrower, debt_asset, collateral, amount)
						.map(|_| ())
						.map_err(|e| e.error);
					if r.is_ok() {
						// Liquidations happen only below HF 1.
						assert!(
							before.is_liquidatable(),
							"step {step}: healthy account liquidated"
						);
					}
					("liquidate", r)
				}
				80..=83 => {
					let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
					let call = RuntimeCall::Lending(crate::Call::flash_loan {
						asset,
						amount,
						call: Box::new(remark),
					});
					let cash = market(asset).state.cash;
					let r = call.dispatch(origin).map(|_| ()).map_err(|e| e.error);
					if r.is_ok() {
						assert!(market(asset).state.cash >= cash + amount * 9 / 10_000);
					}
					("flash_loan", r)
				}
				84..=91 => {
					// A price shock of −30 % … +30 %, within the oracle's bounds.
					let i = assets.iter().position(|a| *a == asset).unwrap();
					let factor = price(70 + rng.below(61) as u128, 100);
					let shocked = (prices[i] * factor)
						.max(base_price(asset) * price(1, 5))
						.min(base_price(asset) * Price::saturating_from_integer(5u32));
					prices[i] = shocked;
					TestPrices::set(key(asset), shocked);
					("price_shock", Ok(()))
				}
				_ => {
					// Time passes: seconds to a month; usually the feeders refresh prices.
					let seconds = if rng.below(10) == 0 { 30 * 86_400 } else { 1 + rng.below(600) };
					advance(seconds);
					if rng.below(5) > 0 {
						for (i, a) in assets.iter().enumerate() {
							TestPrices::set(key(*a), prices[i]);
						}
					}
					("time", Ok(()))
				}
			};
			let counter = if result.is_ok() { &mut counts.ok } else { &mut counts.failed };
			*counter.entry(name).or_default() += 1;

			if result.is_ok() && matches!(name, "borrow" | "withdraw" | "withdraw_all" | "disable")
			{
				// Risk-increasing calls succeed only on fresh prices and within the limit.
				// (Withdrawing or disabling collateral needs prices only when in debt.)
				let in_debt = Positions::<Test>::get(who).iter().any(|p| p.principal > 0);
				if name == "borrow" || (was_collateral && in_debt) {
					assert!(fresh_for(who), "step {step}: {name} succeeded on a stale price");
					let h = health(who);
					assert!(
						h.within_borrow_limit(),
						"step {step}: {name} left debt above the limit"
					);
					assert!(
						h.health_factor().is_none_or(|hf| hf >= Price::one()),
						"step {step}: HF < 1"
					);
				}
			}
			if result.is_ok() && name == "supply" {
				assert!(market(asset).state.booked_assets() <= market(asset).params.supply_cap);
			}
			if result.is_ok() && name == "borrow" {
				assert!(market(asset).state.total_borrows <= market(asset).params.borrow_cap);
			}
			for (i, a) in assets.iter().enumerate() {
				let index = market(*a).state.borrow_index;
				assert!(index >= last_index[i], "step {step}: index fell");
				last_index[i] = index;
			}
			if let Err(e) = Lending::do_try_state() {
				panic!("step {step} ({name}): {e:?}");
			}
		}
		println!("{counts:#?}");
		// The run must exercise the interesting paths, not just fail everywhere.
		for (name, minimum) in [
			("supply", 1_000),
			("borrow", 300),
			("repay", 100),
			("withdraw", 100),
			("liquidate", 50),
			("flash_loan", 100),
		] {
			let done = counts.ok.get(name).copied().unwrap_or_default();
			assert!(done >= minimum, "only {done} successful {name} calls");
		}
	});
}

