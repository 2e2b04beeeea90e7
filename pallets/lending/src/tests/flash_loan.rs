//! Tests: flash loans.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn a_repaid_flash_loan_pays_its_fee_to_suppliers_and_reserves() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let dave = balance(usd(), DAVE);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		assert_ok!(Lending::flash_loan(
			RuntimeOrigin::signed(DAVE),
			usd(),
			100_000 * DOLLAR,
			Box::new(remark)
		));
		// Fee 0.09 % = 90 USD: 9 to reserves, 81 to suppliers.
		System::assert_last_event(
			Event::FlashLoan {
				who: DAVE,
				asset: usd(),
				amount: 100_000 * DOLLAR,
				fee: 90 * DOLLAR,
			}
			.into(),
		);
		assert_eq!(dave - balance(usd(), DAVE), 90 * DOLLAR);
		let state = market(usd()).state;
		assert_eq!(state.cash, 200_090 * DOLLAR);
		assert_eq!(state.total_reserves, 9 * DOLLAR);
		assert_eq!(state.pool_assets(), 200_081 * DOLLAR);
		assert!(!FlashLoanActive::<Test>::get());
	});
}

#[test]
fn an_unrepaid_flash_loan_reverts_the_whole_extrinsic() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let before = (balance(usd(), DAVE), balance(usd(), CHARLIE), market(usd()));
		// The call gives the loan (and more) away, so it cannot be taken back.
		let run_off = RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: USD,
			target: CHARLIE,
			amount: 1_050_000 * DOLLAR,
		});
		let flash = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 100_000 * DOLLAR,
			call: Box::new(run_off),
		});
		let result = flash.dispatch(RuntimeOrigin::signed(DAVE));
		assert_eq!(result.map_err(|e| e.error), Err(Error::<Test>::FlashLoanNotRepaid.into()));
		assert_eq!((balance(usd(), DAVE), balance(usd(), CHARLIE), market(usd())), before);
		assert!(!FlashLoanActive::<Test>::get());
		// A failing inner call reverts too.
		let too_much = RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: USD,
			target: CHARLIE,
			amount: 5_000_000 * DOLLAR,
		});
		let flash = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 100_000 * DOLLAR,
			call: Box::new(too_much),
		});
		assert!(flash.dispatch(RuntimeOrigin::signed(DAVE)).is_err());
		assert_eq!((balance(usd(), DAVE), balance(usd(), CHARLIE), market(usd())), before);
	});
}

#[test]
fn a_nested_flash_loan_is_rejected() {
	test(|| {
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 200_000 * DOLLAR));
		let inner = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 1_000 * DOLLAR,
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		});
		let outer = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: 1_000 * DOLLAR,
			call: Box::new(inner),
		});
		let before = market(usd());
		let result = outer.dispatch(RuntimeOrigin::signed(DAVE));
		assert_eq!(result.map_err(|e| e.error), Err(Error::<Test>::FlashLoanReentrancy.into()));
		assert_eq!(market(usd()), before);
		assert!(!FlashLoanActive::<Test>::get());
	});
}

/// Runs `f` and rolls everything it did back, returning what it reported.
fn dry_run<R>(f: impl FnOnce() -> R) -> R {
	frame_support::storage::with_transaction(|| {
		let out = f();
		sp_runtime::TransactionOutcome::Rollback(Ok::<R, sp_runtime::DispatchError>(out))
	})
	.unwrap()
}

/// The lending events `f` deposited, other than the flash loan's own.
fn lending_events_of(
	f: impl FnOnce() -> sp_runtime::DispatchResult,
) -> (sp_runtime::DispatchResult, Vec<Event<Test>>) {
	System::reset_events();
	let result = f();
	let events = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Lending(e) if !matches!(e, Event::FlashLoan { .. }) => Some(e),
			_ => None,
		})
		.collect();
	(result, events)
}

/// `call` by `who` directly and as the inner call of a flash loan of half the cash of
/// `loan_asset`, from the same state: the same outcome, the same events (shares,
/// amounts, seized collateral) and the same health factors afterwards.
fn same_inside_a_flash_loan(who: u64, loan_asset: LendingAsset, call: crate::Call<Test>) {
	let observe = |run: &dyn Fn() -> sp_runtime::DispatchResult| {
		dry_run(|| {
			let (result, events) = lending_events_of(run);
			let hfs: Vec<_> = [ALICE, BOB, CHARLIE, DAVE]
				.iter()
				.map(|a| liquidation_health(*a).health_factor())
				.collect();
			let rates: Vec<_> = [native(), usd()]
				.iter()
				.map(|a| market(*a).accrued(Timestamp::get()).state.exchange_rate())
				.collect();
			(result.map_err(|e| format!("{e:?}")), events, hfs, rates)
		})
	};
	let direct = {
		let call = call.clone();
		observe(&move || {
			RuntimeCall::Lending(call.clone())
				.dispatch(RuntimeOrigin::signed(who))
				.map(|_| ())
				.map_err(|e| e.error)
		})
	};
	let amount = market(loan_asset).state.cash / 2;
	let inside = observe(&move || {
		RuntimeCall::Lending(crate::Call::flash_loan {
			asset: loan_asset,
			amount,
			call: Box::new(RuntimeCall::Lending(call.clone())),
		})
		.dispatch(RuntimeOrigin::signed(who))
		.map(|_| ())
		.map_err(|e| e.error)
	});
	assert!(direct.0.is_ok(), "the call itself must work: {:?}", direct.0);
	assert_eq!(direct.0, inside.0);
	assert_eq!(direct.1, inside.1, "events differ inside a flash loan");
	assert_eq!(direct.2, inside.2, "health factors differ inside a flash loan");
	assert_eq!(direct.3, inside.3, "exchange rates differ after a fee-less flash loan");
}

/// ALICE and BOB with collateral and debt in both markets; DAVE supplied USD and MDL.
fn busy_markets() {
	TestPrices::set(NATIVE_KEY, Price::one());
	assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), usd(), 100_000 * DOLLAR));
	assert_ok!(Lending::supply(RuntimeOrigin::signed(DAVE), native(), 100_000 * MDL));
	supply_collateral(ALICE, native(), 10_000 * MDL);
	supply_collateral(ALICE, usd(), 1_000 * DOLLAR);
	assert_ok!(Lending::borrow(RuntimeOrigin::signed(ALICE), usd(), 7_000 * DOLLAR));
	supply_collateral(BOB, usd(), 10_000 * DOLLAR);
	assert_ok!(Lending::borrow(RuntimeOrigin::signed(BOB), native(), 2_000 * MDL));
	advance(3_600);
	TestPrices::set(NATIVE_KEY, Price::one());
	TestPrices::set(USD, Price::one());
}

#[test]
fn every_lending_call_gives_the_same_result_inside_a_flash_loan() {
	test(|| {
		// Without a fee the loan leaves no trace, so everything after it must match exactly.
		FlashLoanFee::set(&Permill::zero());
		busy_markets();
		for loan in [usd(), native()] {
			same_inside_a_flash_loan(
				CHARLIE,
				loan,
				crate::Call::supply { asset: usd(), amount: 1_234 * DOLLAR },
			);
			same_inside_a_flash_loan(
				DAVE,
				loan,
				crate::Call::withdraw { asset: usd(), amount: 777 * DOLLAR },
			);
			same_inside_a_flash_loan(ALICE, loan, crate::Call::withdraw_all { asset: usd() });
			same_inside_a_flash_loan(
				ALICE,
				loan,
				crate::Call::borrow { asset: usd(), amount: 300 * DOLLAR },
			);
			same_inside_a_flash_loan(
				ALICE,
				loan,
				crate::Call::repay { asset: usd(), amount: 500 * DOLLAR },
			);
			same_inside_a_flash_loan(DAVE, loan, crate::Call::enable_collateral { asset: usd() });
			same_inside_a_flash_loan(ALICE, loan, crate::Call::disable_collateral { asset: usd() });
		}
	});
}

#[test]
fn liquidations_give_the_same_result_inside_a_flash_loan() {
	test(|| {
		FlashLoanFee::set(&Permill::zero());
		busy_markets();
		// MDL falls 30 %: ALICE's HF = (7,000 + 1,000) × 0.8 / 7,000.x = 0.914.
		TestPrices::set(NATIVE_KEY, price(7, 10));
		assert!(liquidation_health(ALICE).is_liquidatable());
		for loan in [usd(), native()] {
			same_inside_a_flash_loan(
				CHARLIE,
				loan,
				crate::Call::liquidate {
					borrower: ALICE,
					debt_asset: usd(),
					collateral_asset: native(),
					max_repay: 1_000 * DOLLAR,
				},
			);
		}
		// A healthy account stays healthy inside a loan of its collateral's market.
		same_inside_a_flash_loan(
			CHARLIE,
			usd(),
			crate::Call::supply { asset: usd(), amount: DOLLAR },
		);
		let refused = RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: market(usd()).state.cash - 1,
			call: Box::new(RuntimeCall::Lending(crate::Call::liquidate {
				borrower: BOB,
				debt_asset: native(),
				collateral_asset: usd(),
				max_repay: MDL,
			})),
		})
		.dispatch(RuntimeOrigin::signed(CHARLIE));
		assert_eq!(refused.map_err(|e| e.error), Err(Error::<Test>::NotLiquidatable.into()));
	});
}

#[test]
fn the_flash_loan_drain_gains_nothing() {
	test(|| {
		// BOB supplies 900,000 USD. DAVE ("Eve") flash-borrows all the cash but one unit,
		// supplies 100 USD inside the loan, repays, and withdraws everything. With cash
		// lent out counted as in flight the exchange rate does not move: her 100 USD buy
		// 100 USD of shares, and she is out the 0.09 % fee.
		assert_ok!(Lending::supply(RuntimeOrigin::signed(BOB), usd(), 900_000 * DOLLAR));
		let bob_before = market(usd()).state.underlying_of(shares(BOB, usd()));
		let dave_before = balance(usd(), DAVE);
		let cash = market(usd()).state.cash;
		assert_ok!(RuntimeCall::Lending(crate::Call::flash_loan {
			asset: usd(),
			amount: cash - 1,
			call: Box::new(RuntimeCall::Lending(crate::Call::supply {
				asset: usd(),
				amount: 100 * DOLLAR,
			})),
		})
		.dispatch(RuntimeOrigin::signed(DAVE)));
		// 100 USD at a rate of exactly 1: 100,000,000 shares, not "almost all of them".
		assert_eq!(shares(DAVE, usd()), 100 * DOLLAR);
		assert_ok!(Lending::withdraw_all(RuntimeOrigin::signed(DAVE), usd()));
		let fee = Permill::from_parts(900).mul_ceil(cash - 1);
		assert_eq!(fee, 810_000_000);
		// She got back her 100 USD and her 100 / 900,100 share of the fee's 90 % that went
		// to suppliers: a loss of 809.919 USD.
		let dave_after = balance(usd(), DAVE);
		let her_share = fee * 9 / 10 * 100 / 900_100;
		assert!(dave_after <= dave_before - fee + her_share + 1, "{dave_before} → {dave_after}");
		assert!(dave_after + 2 >= dave_before - fee + her_share);
		// BOB lost nothing: he earned his 900,000 / 900,100 of the fee's 90 %.
		let bob_after = market(usd()).state.underlying_of(shares(BOB, usd()));
		assert_eq!(bob_after, bob_before + fee * 9 / 10 * 900_000 / 900_100);
	});
}
