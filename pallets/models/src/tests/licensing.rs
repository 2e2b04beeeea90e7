//! Licensing: purchases, metered use by operators, subscriptions, commercial rights, terms
//! authority, purchase guards and revocation.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{assert_noop, assert_ok};
use modelchain_primitives::{LicenseKind, LicenseStatus};

fn license(m: ModelId, who: u64) -> License<BlockNumber> {
	Licenses::<Test>::get(m, who).expect("a licence")
}

// ------------------------------------------------------------------ per use and operators

#[test]
fn per_use_licences_are_bought_then_consumed_exactly_by_the_owner() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(100));
		assert_eq!(Registry::license_status(m, &2), LicenseStatus::None);
		assert_noop!(
			Registry::purchase_license(signed(2), m, 3, 299),
			Error::<Test>::PriceAboveLimit
		);
		assert_noop!(
			Registry::purchase_license(signed(2), m, 0, 300),
			Error::<Test>::InvalidQuantity
		);
		assert_ok!(Registry::purchase_license(signed(2), m, 3, 300));
		assert_eq!(free(2), START - 300);
		assert_eq!(vault(), ED + 300);
		assert!(emitted(Event::LicensePurchased {
			model: m,
			who: 2,
			paid: 300,
			expires_at: None,
			uses_left: 3,
			commercial_use: true,
		}));
		assert_eq!(
			license(m, 2),
			License {
				terms_version: 1,
				expires_at: None,
				uses_left: 3,
				commercial_use: true,
				revoked: false,
				total_paid: 300
			}
		);
		assert!(LicensedModels::<Test>::contains_key(2, m));
		assert_eq!(
			Registry::license_status(m, &2),
			LicenseStatus::Valid { expires_at: None, uses_left: 3, commercial_use: true }
		);

		// The licensee cannot meter its own use.
		assert_noop!(Registry::record_use(signed(2), m, 2, 1), Error::<Test>::NotOperator);
		assert_noop!(Registry::record_use(signed(1), m, 2, 0), Error::<Test>::ZeroAmount);
		assert_ok!(Registry::record_use(signed(1), m, 2, 2));
		assert_eq!(
			last_event(),
			Event::LicenseUsed { model: m, who: 2, operator: 1, uses: 2, uses_left: 1 }
		);
		// More uses than were paid for: all or nothing.
		assert_noop!(Registry::record_use(signed(1), m, 2, 2), Error::<Test>::LicenseExhausted);
		assert_eq!(license(m, 2).uses_left, 1);
		assert_ok!(Registry::record_use(signed(1), m, 2, 1));
		assert_eq!(
			last_event(),
			Event::LicenseUsed { model: m, who: 2, operator: 1, uses: 1, uses_left: 0 }
		);
		assert_eq!(Registry::license_status(m, &2), LicenseStatus::Expired);
		assert!(!Registry::has_valid_license(m, &2));
		assert_noop!(Registry::record_use(signed(1), m, 2, 1), Error::<Test>::LicenseExhausted);
		assert_noop!(Registry::record_use(signed(1), m, 3, 1), Error::<Test>::NoLicense);
		assert_noop!(Registry::record_use(signed(1), 99, 2, 1), Error::<Test>::UnknownModel);
		// Metering moved no money.
		assert_eq!((free(2), vault()), (START - 300, ED + 300));
		// More uses make it valid again.
		buy(2, m, 1);
		assert_eq!(
			Registry::license_status(m, &2),
			LicenseStatus::Valid { expires_at: None, uses_left: 1, commercial_use: true }
		);
		assert_eq!(license(m, 2).total_paid, 400);
	});
}

#[test]
fn named_operators_record_uses_until_removed() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(10));
		buy(2, m, 5);
		assert_noop!(Registry::record_use(signed(5), m, 2, 1), Error::<Test>::NotOperator);
		assert_noop!(Registry::set_operator(signed(2), m, 5, true), Error::<Test>::NotModelManager);
		assert_ok!(Registry::set_operator(signed(1), m, 5, true));
		assert_eq!(last_event(), Event::OperatorSet { model: m, operator: 5, enabled: true });
		assert_eq!(info(m).operators, 1);
		assert_ok!(Registry::record_use(signed(5), m, 2, 1));
		assert_eq!(
			last_event(),
			Event::LicenseUsed { model: m, who: 2, operator: 5, uses: 1, uses_left: 4 }
		);
		// Governance names operators too; MaxOperators = 3.
		assert_ok!(Registry::set_operator(gov(m), m, 6, true));
		assert_ok!(Registry::set_operator(signed(1), m, 7, true));
		assert_eq!(info(m).operators, 3);
		assert_noop!(
			Registry::set_operator(signed(1), m, 8, true),
			Error::<Test>::TooManyOperators
		);
		// Naming a named operator again counts nothing.
		assert_ok!(Registry::set_operator(signed(1), m, 5, true));
		assert_eq!(info(m).operators, 3);
		assert_ok!(Registry::set_operator(signed(1), m, 5, false));
		assert_eq!(last_event(), Event::OperatorSet { model: m, operator: 5, enabled: false });
		assert_eq!(info(m).operators, 2);
		assert!(!Operators::<Test>::contains_key(m, 5));
		assert_noop!(Registry::record_use(signed(5), m, 2, 1), Error::<Test>::NotOperator);
		// Removing an account that was never named counts nothing.
		assert_ok!(Registry::set_operator(signed(1), m, 9, false));
		assert_eq!(info(m).operators, 2);
		assert_ok!(Registry::set_operator(signed(1), m, 8, true));
		assert_eq!(info(m).operators, 3);
		assert_ok!(Registry::record_use(signed(8), m, 2, 4));
		assert_eq!(license(m, 2).uses_left, 0);
	});
}

// ------------------------------------------------------------------ subscriptions

#[test]
fn a_subscription_covers_use_until_it_expires_on_time() {
	test(|| {
		let m = register(1, 1, &[], 1_000, subscription(50, 10).non_commercial());
		assert_eq!(System::block_number(), 2);
		assert_ok!(Registry::purchase_license(signed(2), m, 2, 100));
		assert_eq!(
			Registry::license_status(m, &2),
			LicenseStatus::Valid { expires_at: Some(22), uses_left: 0, commercial_use: false }
		);
		// Use during the subscription consumes nothing.
		assert_ok!(Registry::record_use(signed(1), m, 2, 5));
		assert_eq!(
			last_event(),
			Event::LicenseUsed { model: m, who: 2, operator: 1, uses: 5, uses_left: 0 }
		);
		// A renewal before expiry extends from the old expiry, not from now.
		run_to(15);
		assert_ok!(Registry::purchase_license(signed(2), m, 1, 50));
		assert_eq!(license(m, 2).expires_at, Some(32));
		run_to(31);
		assert_ok!(Registry::record_use(signed(1), m, 2, 1));
		run_to(32);
		assert_eq!(Registry::license_status(m, &2), LicenseStatus::Expired);
		assert_noop!(Registry::record_use(signed(1), m, 2, 1), Error::<Test>::LicenseExhausted);
		// After a lapse, a renewal starts now.
		run_to(40);
		assert_ok!(Registry::purchase_license(signed(2), m, 1, 50));
		assert_eq!(license(m, 2).expires_at, Some(50));
		assert_eq!(license(m, 2).total_paid, 200);
		assert_eq!(free(2), START - 200);
	});
}

#[test]
fn use_during_a_subscription_leaves_paid_uses_alone() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(10));
		buy(3, m, 2);
		assert_ok!(Registry::set_license_terms(gov(m), m, subscription(50, 10)));
		buy(3, m, 1);
		assert_eq!((license(m, 3).uses_left, license(m, 3).expires_at), (2, Some(12)));
		assert_ok!(Registry::record_use(signed(1), m, 3, 1));
		assert_eq!(license(m, 3).uses_left, 2);
		// Once the subscription ends, paid uses are consumed.
		run_to(12);
		assert_ok!(Registry::record_use(signed(1), m, 3, 1));
		assert_eq!(
			last_event(),
			Event::LicenseUsed { model: m, who: 3, operator: 1, uses: 1, uses_left: 1 }
		);
		assert_eq!(
			Registry::license_status(m, &3),
			LicenseStatus::Valid { expires_at: None, uses_left: 1, commercial_use: true }
		);
	});
}

// ------------------------------------------------------------------ commercial rights

#[test]
fn a_purchase_can_lower_commercial_rights_but_never_raise_them_while_live() {
	test(|| {
		let m = register(1, 1, &[], 100, per_use(10));
		buy(2, m, 2);
		assert!(license(m, 2).commercial_use);
		// A non-commercial purchase on a live commercial licence lowers it.
		assert_ok!(Registry::set_license_terms(gov(m), m, per_use(10).non_commercial()));
		buy(2, m, 1);
		assert!(emitted(Event::LicensePurchased {
			model: m,
			who: 2,
			paid: 10,
			expires_at: None,
			uses_left: 3,
			commercial_use: false,
		}));
		assert_eq!(
			Registry::license_status(m, &2),
			LicenseStatus::Valid { expires_at: None, uses_left: 3, commercial_use: false }
		);
		// A commercial purchase on a live non-commercial licence does not raise it.
		assert_ok!(Registry::set_license_terms(gov(m), m, per_use(10)));
		buy(2, m, 1);
		assert_eq!((license(m, 2).uses_left, license(m, 2).commercial_use), (4, false));
		assert_eq!(license(m, 2).terms_version, 3);
		// After every use is spent, a new purchase takes the current terms.
		assert_ok!(Registry::record_use(signed(1), m, 2, 4));
		buy(2, m, 1);
		assert_eq!((license(m, 2).uses_left, license(m, 2).commercial_use), (1, true));
		// And a licence first bought non-commercially stays so when renewed commercially.
		assert_ok!(Registry::set_license_terms(gov(m), m, per_use(10).non_commercial()));
		buy(3, m, 1);
		assert_ok!(Registry::set_license_terms(gov(m), m, per_use(10)));
		buy(3, m, 1);
		assert!(!license(m, 3).commercial_use);
	});
}

// ------------------------------------------------------------------ terms

#[test]
fn a_full_holder_changes_the_price_only_governance_changes_what_others_rely_on() {
	test(|| {
		let a = register(1, 1, &[], 1_000, per_use(100));
		let b = register(1, 2, &[], 1_000, per_use(100));
		let priced = LicenseTerms {
			kind: LicenseKind::Subscription { price: 7, period: 5 },
			commercial_use: false,
			restrictions_hash: Some(hash(9)),
			..per_use(100)
		};
		assert_ok!(Registry::set_license_terms(signed(1), a, priced));
		assert_eq!(
			last_event(),
			Event::LicenseTermsChanged { model: a, terms_version: 2, terms: priced }
		);
		assert_eq!(info(a).terms, priced);
		for protected in
			[per_use(100).floor(5), per_use(100).contributors(5), per_use(100).no_derivatives()]
		{
			assert_noop!(
				Registry::set_license_terms(signed(1), a, protected),
				Error::<Test>::GovernanceRequired
			);
		}
		// Governance changes anything.
		let governed = per_use(7).floor(20).contributors(10).no_derivatives();
		assert_ok!(Registry::set_license_terms(gov(a), a, governed));
		assert_eq!((info(a).terms, info(a).terms_version), (governed, 3));
		assert_noop!(
			Registry::set_license_terms(gov(a), a, per_use(0)),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			Registry::set_license_terms(gov(a), a, per_use(1).floor(51)),
			Error::<Test>::RoyaltyTotalTooHigh
		);
		assert_noop!(
			Registry::set_license_terms(gov(99), 99, per_use(1)),
			Error::<Test>::UnknownModel
		);
		// Another model's governance, Root, or a holder of less than everything: no.
		assert_noop!(
			Registry::set_license_terms(gov(b), a, per_use(1)),
			Error::<Test>::NotTermsAuthority
		);
		assert_noop!(
			Registry::set_license_terms(RuntimeOrigin::root(), a, per_use(1)),
			Error::<Test>::NotTermsAuthority
		);
		assert_ok!(Registry::transfer_shares(signed(1), a, 2, 1));
		let cheaper = LicenseTerms { kind: LicenseKind::PerUse { price: 6 }, ..governed };
		assert_noop!(
			Registry::set_license_terms(signed(1), a, cheaper),
			Error::<Test>::NotTermsAuthority
		);
		assert_noop!(
			Registry::set_license_terms(signed(2), a, cheaper),
			Error::<Test>::NotTermsAuthority
		);
		// A holder of every share who is not the owner may; the owner without shares not.
		assert_ok!(Registry::transfer_shares(signed(1), b, 3, 1_000));
		assert_noop!(
			Registry::set_license_terms(signed(1), b, per_use(55)),
			Error::<Test>::NotTermsAuthority
		);
		assert_ok!(Registry::set_license_terms(signed(3), b, per_use(55)));
		assert_eq!(info(b).terms.kind, LicenseKind::PerUse { price: 55 });
	});
}

// ------------------------------------------------------------------ purchase guards

#[test]
fn a_buyer_never_pays_more_than_its_limit_when_the_terms_change_under_it() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(100));
		// The buyer read a price of 100; governance raises it before the purchase lands.
		assert_ok!(Registry::set_license_terms(gov(m), m, per_use(150)));
		assert_noop!(
			Registry::purchase_license(signed(2), m, 2, 200),
			Error::<Test>::PriceAboveLimit
		);
		assert_eq!((free(2), vault()), (START, ED));
		assert_ok!(Registry::purchase_license(signed(2), m, 2, 300));
		assert_eq!(free(2), START - 300);
		assert_eq!(license(m, 2).terms_version, 2);
	});
}

#[test]
fn a_flagged_model_sells_nothing() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let id = report(4, m, None, Severity::High);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_noop!(Registry::purchase_license(signed(2), m, 1, 10), Error::<Test>::ModelFlagged);
		assert_eq!(free(2), START);
	});
}

#[test]
fn a_model_whose_bond_dropped_sells_nothing_until_it_is_posted_again() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(10));
		let id = report(4, m, None, Severity::Medium);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_eq!(info(m).bond, 3_000);
		assert_noop!(Registry::purchase_license(signed(2), m, 1, 10), Error::<Test>::BondTooLow);
		assert_ok!(Registry::post_bond(signed(1), m));
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 4_000);
		assert_ok!(Registry::purchase_license(signed(2), m, 1, 10));
		assert_eq!(free(2), START - 10);
	});
}

#[test]
fn purchases_that_cannot_be_paid_or_overflow_fail_before_anything_changes() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(600_000));
		assert_noop!(
			Registry::purchase_license(signed(3), m, 2, Balance::MAX),
			Error::<Test>::InsufficientBalance
		);
		let huge = register(1, 2, &[], 1_000, per_use(Balance::MAX / 2 + 1));
		assert_noop!(
			Registry::purchase_license(signed(3), huge, 2, Balance::MAX),
			Error::<Test>::InvalidQuantity
		);
		let long = register(1, 3, &[], 1_000, subscription(1, u32::MAX / 2 + 1));
		assert_noop!(
			Registry::purchase_license(signed(3), long, 2, Balance::MAX),
			Error::<Test>::InvalidQuantity
		);
		assert_noop!(
			Registry::purchase_license(signed(3), 99, 1, Balance::MAX),
			Error::<Test>::UnknownModel
		);
		assert_eq!(Registry::license_status(m, &3), LicenseStatus::None);
		assert_eq!(free(3), START);
	});
}

#[test]
fn a_free_model_licenses_everyone_and_sells_nothing() {
	test(|| {
		let m = register(1, 1, &[], 1_000, free_terms());
		// The record deposit is flat, whatever the terms.
		assert_eq!(info(m).deposit, MODEL_DEPOSIT);
		assert!(Registry::has_valid_license(m, &7));
		assert_eq!(Registry::license_status(m, &7), LicenseStatus::Free);
		assert_noop!(Registry::purchase_license(signed(7), m, 1, 0), Error::<Test>::LicenseIsFree);
		assert_noop!(Registry::record_use(signed(1), m, 7, 1), Error::<Test>::LicenseIsFree);
		assert_eq!(Registry::license_status(99, &7), LicenseStatus::UnknownModel);
		assert!(!Registry::has_valid_license(99, &7));
	});
}

#[test]
fn governance_revokes_licences_of_its_own_model_for_good() {
	test(|| {
		let a = register(1, 1, &[], 1_000, per_use(10));
		let b = register(1, 2, &[], 1_000, per_use(10));
		buy(2, a, 5);
		assert_noop!(Registry::revoke_license(gov(b), a, 2), Error::<Test>::GovernanceRequired);
		assert_noop!(Registry::revoke_license(signed(1), a, 2), Error::<Test>::GovernanceRequired);
		assert_noop!(Registry::revoke_license(gov(a), a, 3), Error::<Test>::NoLicense);
		assert_noop!(Registry::revoke_license(gov(99), 99, 2), Error::<Test>::UnknownModel);
		assert_ok!(Registry::revoke_license(gov(a), a, 2));
		assert_eq!(last_event(), Event::LicenseRevoked { model: a, who: 2 });
		assert_eq!(Registry::license_status(a, &2), LicenseStatus::Revoked);
		assert!(!Registry::has_valid_license(a, &2));
		assert_noop!(Registry::record_use(signed(1), a, 2, 1), Error::<Test>::LicenseRevoked);
		assert_noop!(
			Registry::purchase_license(signed(2), a, 1, 10),
			Error::<Test>::LicenseRevoked
		);
		assert_eq!((license(a, 2).uses_left, license(a, 2).revoked), (5, true));
		// Other licences of the model are untouched.
		buy(3, a, 1);
		assert!(Registry::has_valid_license(a, &3));
	});
}
