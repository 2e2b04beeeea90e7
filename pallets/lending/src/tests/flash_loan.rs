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

