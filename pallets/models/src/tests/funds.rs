//! Funds: every hold is taken from the signer; deposits and bonds come back at retirement;
//! the accountability bond and its top-up.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{assert_noop, assert_ok};

#[test]
fn holds_are_taken_only_from_the_signer() {
	test(|| {
		// Registration: the registrant only.
		let before = snapshot();
		let m = register(3, 1, &[], 100, per_use(10));
		assert_eq!(changed(&before, &snapshot()), vec![3]);
		assert_eq!(reserved(3), MODEL_DEPOSIT + 4_000);

		// A version signed by the owner: the owner only.
		let before = snapshot();
		publish(3, m, 1);
		assert_eq!(changed(&before, &snapshot()), vec![3]);
		assert_eq!(held(HoldReason::Deposit, 3), MODEL_DEPOSIT + 1_630);

		// A report: the reporter only.
		let before = snapshot();
		let id = report(5, m, Some(1), Severity::Low);
		assert_eq!(changed(&before, &snapshot()), vec![5]);
		assert_eq!(held(HoldReason::IncidentBond, 5), 500);

		// A bond top-up: the owner only (after an upheld report spent 500 of it, which moved
		// 500 from the owner's bond to the reporter).
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_eq!((free(5), reserved(5)), (START + 500, 0));
		let before = snapshot();
		assert_ok!(Registry::post_bond(signed(3), m));
		assert_eq!(changed(&before, &snapshot()), vec![3]);
		assert_eq!(held(HoldReason::AccountabilityBond, 3), 4_000);
		assert_eq!(free(3), START - MODEL_DEPOSIT - 1_630 - 4_000 - 500);

		// A commitment: the committer only.
		let before = snapshot();
		commit(4, hash(2), salt());
		assert_eq!(changed(&before, &snapshot()), vec![4]);
	});
}

#[test]
fn deposits_come_back_only_after_retirement() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		publish(1, m, 1);
		assert_eq!(reserved(1), MODEL_DEPOSIT + 1_630 + 4_000);
		assert_noop!(Registry::release_deposits(signed(1), m), Error::<Test>::NotRetired);
		assert_noop!(Registry::release_deposits(signed(1), 99), Error::<Test>::UnknownModel);
		assert_ok!(Registry::set_model_status(gov(m), m, ModelStatus::Retired));
		// Someone holding nothing for it gets nothing.
		assert_noop!(Registry::release_deposits(signed(2), m), Error::<Test>::NothingToRelease);
		assert_ok!(Registry::release_deposits(signed(1), m));
		assert_eq!(
			last_event(),
			Event::DepositsReleased {
				model: m,
				who: 1,
				deposit: MODEL_DEPOSIT + 1_630,
				bond: 4_000
			}
		);
		assert_eq!((free(1), reserved(1)), (START, 0));
		assert_eq!(DepositsOf::<Test>::get(m, 1), 0);
		assert_eq!((info(m).deposit, info(m).bond), (0, 0));
		assert_noop!(Registry::release_deposits(signed(1), m), Error::<Test>::NothingToRelease);
		// The record stays; a retired model cannot get a new bond.
		assert_eq!(info(m).status, ModelStatus::Retired);
		assert_noop!(Registry::post_bond(signed(1), m), Error::<Test>::ModelRetired);
	});
}

#[test]
fn open_incidents_keep_the_bond_held_but_not_the_deposits() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let id = report(4, m, None, Severity::Medium);
		assert_ok!(Registry::set_model_status(gov(m), m, ModelStatus::Retired));
		// The deposit comes back; the bond stays for the open report.
		assert_ok!(Registry::release_deposits(signed(1), m));
		assert_eq!(
			last_event(),
			Event::DepositsReleased { model: m, who: 1, deposit: MODEL_DEPOSIT, bond: 0 }
		);
		assert_eq!(held(HoldReason::Deposit, 1), 0);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 4_000);
		assert_eq!(free(1), START - 4_000);
		assert_eq!(info(m).deposit, 0);
		// Walking away from the report fails until it is ruled on.
		assert_noop!(Registry::release_deposits(signed(1), m), Error::<Test>::IncidentsOpen);
		// Upheld: the reporter is paid from the bond even though the model is retired.
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_eq!(free(4), START + 1_000);
		assert_ok!(Registry::release_deposits(signed(1), m));
		assert_eq!(
			last_event(),
			Event::DepositsReleased { model: m, who: 1, deposit: 0, bond: 3_000 }
		);
		assert_eq!((free(1), reserved(1)), (START - 1_000, 0));
	});
}

#[test]
fn a_former_owners_version_deposit_goes_back_to_that_former_owner() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		publish(1, m, 1);
		assert_ok!(Registry::set_model_owner(gov(m), m, 2));
		publish(2, m, 2);
		assert_eq!(DepositsOf::<Test>::get(m, 1), MODEL_DEPOSIT + 1_630);
		assert_eq!(DepositsOf::<Test>::get(m, 2), 1_630);
		assert_ok!(Registry::set_model_status(gov(m), m, ModelStatus::Retired));
		// The current owner gets its own version deposit, not the bond it does not hold.
		assert_ok!(Registry::release_deposits(signed(2), m));
		assert_eq!(
			last_event(),
			Event::DepositsReleased { model: m, who: 2, deposit: 1_630, bond: 0 }
		);
		assert_eq!((free(2), reserved(2)), (START, 0));
		// The record deposit is still the registrant's.
		assert_eq!(info(m).deposit, MODEL_DEPOSIT);
		// The former owner gets the record deposit, its version deposit and the bond.
		assert_ok!(Registry::release_deposits(signed(1), m));
		assert_eq!(
			last_event(),
			Event::DepositsReleased {
				model: m,
				who: 1,
				deposit: MODEL_DEPOSIT + 1_630,
				bond: 4_000
			}
		);
		assert_eq!((free(1), reserved(1)), (START, 0));
		assert_eq!((info(m).deposit, info(m).bond), (0, 0));
	});
}

#[test]
fn post_bond_tops_up_only_what_is_missing_from_the_owner() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		assert_noop!(Registry::post_bond(signed(1), m), Error::<Test>::BondSufficient);
		assert_noop!(Registry::post_bond(signed(2), m), Error::<Test>::NotModelManager);
		assert_noop!(Registry::post_bond(gov(m), m), Error::<Test>::NotModelManager);
		assert_noop!(Registry::post_bond(signed(1), 99), Error::<Test>::UnknownModel);
		// An upheld low report pays 500 out of the bond.
		let id = report(4, m, None, Severity::Low);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_eq!((info(m).bond, held(HoldReason::AccountabilityBond, 1)), (3_500, 3_500));
		let before = free(1);
		assert_ok!(Registry::post_bond(signed(1), m));
		assert_eq!(last_event(), Event::BondPosted { model: m, holder: 1, bond: 4_000 });
		assert_eq!(free(1), before - 500);
		assert_eq!((info(m).bond, held(HoldReason::AccountabilityBond, 1)), (4_000, 4_000));
		assert_noop!(Registry::post_bond(signed(1), m), Error::<Test>::BondSufficient);
	});
}

#[test]
fn a_new_owner_takes_a_part_spent_bond_over_once_no_report_is_open() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let id = report(4, m, None, Severity::Low);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_eq!((info(m).bond, held(HoldReason::AccountabilityBond, 1)), (3_500, 3_500));
		assert_ok!(Registry::set_model_owner(gov(m), m, 2));
		// 1 is no longer the manager; purchases wait for a whole bond.
		assert_noop!(Registry::post_bond(signed(1), m), Error::<Test>::NotModelManager);
		assert_noop!(Registry::purchase_license(signed(5), m, 1, 1), Error::<Test>::BondTooLow);
		// While a report against 1's bond is open, the bond stays with 1.
		let open = report(4, m, None, Severity::Low);
		assert_noop!(Registry::post_bond(signed(2), m), Error::<Test>::IncidentsOpen);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), open, true));
		assert_eq!((info(m).bond, held(HoldReason::AccountabilityBond, 1)), (3_000, 3_000));
		// Then the new owner posts a whole bond and 1's remainder comes back to 1.
		assert_ok!(Registry::post_bond(signed(2), m));
		assert!(emitted(Event::BondHandedOver { model: m, from: 1, released: 3_000 }));
		assert_eq!(last_event(), Event::BondPosted { model: m, holder: 2, bond: 4_000 });
		assert_eq!((info(m).bond_holder, info(m).bond), (2, 4_000));
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 0);
		assert_eq!(held(HoldReason::AccountabilityBond, 2), 4_000);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 1_000);
		assert_eq!(free(2), START - 4_000);
		assert_noop!(Registry::post_bond(signed(2), m), Error::<Test>::BondSufficient);
		buy(5, m, 1);
	});
}

#[test]
fn a_bond_that_cannot_be_paid_holds_nothing() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let id = report(4, m, None, Severity::Critical);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		// The owner moves its free balance away but the existential deposit.
		let spare = free(1) - ED;
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::transfer(
			&1,
			&8,
			spare,
			frame_support::traits::tokens::Preservation::Preserve
		));
		assert_noop!(Registry::post_bond(signed(1), m), Error::<Test>::InsufficientBalance);
	});
}

#[test]
fn the_vault_is_funded_at_genesis_and_keeps_exactly_what_is_owed() {
	test(|| {
		assert_eq!(vault(), ED);
		let m = register(1, 1, &[], 10, per_use(1_000));
		buy(2, m, 3);
		assert_eq!(vault(), ED + 3_000);
		assert_eq!(free(2), START - 3_000);
		assert_ok!(Registry::claim_revenue(signed(1), m));
		assert_eq!(vault(), ED);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 4_000 + 3_000);
	});
}
