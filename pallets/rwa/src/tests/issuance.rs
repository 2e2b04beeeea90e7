//! Tests: issuing, documents, status, and the attacks on them.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate::{mock::*, Documents, Error, Event, HoldReason, RwaStatus, Rwas};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::InspectHold,
		fungibles::{metadata::Inspect as _, roles::Inspect as _, Inspect as _},
	},
	BoundedVec,
};
use modelchain_primitives::Hash;

fn bounded<const N: u32>(bytes: &[u8]) -> BoundedVec<u8, frame_support::traits::ConstU32<N>> {
	bytes.to_vec().try_into().unwrap()
}

const DOCS: Documents =
	Documents { legal: Hash::repeat_byte(0xd0), valuation: Hash::repeat_byte(0xa1) };

/// ISSUER issues "Vault Gold" (VGLD, 6 decimals, minimum 1,000 units).
fn issue_as(who: u64) -> sp_runtime::DispatchResult {
	Rwa::issue(
		RuntimeOrigin::signed(who),
		bounded(b"Vault Gold"),
		bounded(b"VGLD"),
		6,
		1_000,
		bounded(b"LEI 5493001KJTIIGC8Y1R12"),
		DOCS,
	)
}

#[test]
fn issuing_creates_the_asset_with_its_record_and_the_pallet_keeps_the_roles() {
	test(|| {
		assert_ok!(issue_as(ISSUER));
		let asset = FIRST;
		let record = Rwas::<Test>::get(asset).unwrap();
		assert_eq!(record.issuer, ISSUER);
		assert_eq!(record.identity.to_vec(), b"LEI 5493001KJTIIGC8Y1R12".to_vec());
		assert_eq!(record.documents, DOCS);
		assert_eq!(record.status, RwaStatus::Active);
		assert_eq!(record.deposit, DEPOSIT);
		System::assert_last_event(
			Event::RwaIssued {
				asset,
				issuer: ISSUER,
				identity: bounded(b"LEI 5493001KJTIIGC8Y1R12"),
				documents: DOCS,
				deposit: DEPOSIT,
			}
			.into(),
		);
		// The ledger has the asset, its metadata and its minimum balance.
		assert!(Assets::asset_exists(asset));
		assert_eq!(Assets::name(asset), b"Vault Gold".to_vec());
		assert_eq!(Assets::symbol(asset), b"VGLD".to_vec());
		assert_eq!(Assets::decimals(asset), 6);
		assert_eq!(Assets::minimum_balance(asset), 1_000);
		// The issuer mints and burns; the pallet is owner, admin and freezer.
		let pallet = Rwa::account();
		assert_eq!(Assets::issuer(asset), Some(ISSUER));
		assert_eq!(Assets::owner(asset), Some(pallet));
		assert_eq!(Assets::admin(asset), Some(pallet));
		assert_eq!(Assets::freezer(asset), Some(pallet));
		// 500 deposit held; the ledger's metadata deposit (10 + 14 bytes) reserved.
		assert_eq!(Balances::balance_on_hold(&HoldReason::IssuerDeposit.into(), &ISSUER), DEPOSIT);
		assert_eq!(Balances::free_balance(ISSUER), 10_000 - DEPOSIT - 24);
		// The issuer mints through the asset ledger; the token moves like any asset.
		assert_ok!(Assets::mint(RuntimeOrigin::signed(ISSUER), asset, HOLDER, 50_000));
		assert_eq!(Assets::balance(asset, HOLDER), 50_000);
		// The next issuance gets the next id.
		assert_ok!(issue_as(HOLDER));
		assert_eq!(Rwas::<Test>::get(FIRST + 1).unwrap().issuer, HOLDER);
	});
}

#[test]
fn the_issuer_cannot_freeze_holders_or_take_the_asset_back() {
	test(|| {
		assert_ok!(issue_as(ISSUER));
		assert_ok!(Assets::mint(RuntimeOrigin::signed(ISSUER), FIRST, HOLDER, 50_000));
		// A lending or DEX pool holding the token can't be frozen by its issuer.
		assert_noop!(
			Assets::freeze(RuntimeOrigin::signed(ISSUER), FIRST, HOLDER),
			pallet_assets::Error::<Test>::NoPermission
		);
		assert_noop!(
			Assets::freeze_asset(RuntimeOrigin::signed(ISSUER), FIRST),
			pallet_assets::Error::<Test>::NoPermission
		);
		assert_noop!(
			Assets::set_team(RuntimeOrigin::signed(ISSUER), FIRST, ISSUER, ISSUER, ISSUER),
			pallet_assets::Error::<Test>::NoPermission
		);
		assert_noop!(
			Assets::burn(RuntimeOrigin::signed(ISSUER), FIRST, HOLDER, 1),
			pallet_assets::Error::<Test>::NoPermission
		);
	});
}

#[test]
fn bad_input_fails_by_name_and_changes_nothing() {
	test(|| {
		let issue = |name: &[u8], symbol: &[u8], decimals, min, identity: &[u8]| {
			Rwa::issue(
				RuntimeOrigin::signed(ISSUER),
				bounded(name),
				bounded(symbol),
				decimals,
				min,
				bounded(identity),
				DOCS,
			)
		};
		assert_noop!(issue(b"", b"X", 6, 1, b"id"), Error::<Test>::BadName);
		assert_noop!(issue(b"X", b"", 6, 1, b"id"), Error::<Test>::BadName);
		assert_noop!(issue(b"X", b"X", 6, 1, b""), Error::<Test>::NoIdentity);
		assert_noop!(issue(b"X", b"X", 25, 1, b"id"), Error::<Test>::TooManyDecimals);
		assert_noop!(issue(b"X", b"X", 6, 0, b"id"), Error::<Test>::ZeroMinBalance);
		// Too poor for the deposit: nothing is created.
		assert!(issue_as(POOR).is_err());
		assert!(Rwas::<Test>::iter().next().is_none());
		assert_eq!(Rwa::next_asset_id(), FIRST);
		assert!(!Assets::asset_exists(FIRST));
	});
}

#[test]
fn only_the_issuer_updates_documents_and_every_change_is_an_event() {
	test(|| {
		assert_ok!(issue_as(ISSUER));
		let revalued = Documents { valuation: Hash::repeat_byte(0xa2), ..DOCS };
		assert_noop!(
			Rwa::update_documents(RuntimeOrigin::signed(HOLDER), FIRST, revalued),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			Rwa::update_documents(RuntimeOrigin::signed(ISSUER), FIRST, DOCS),
			Error::<Test>::DocumentsUnchanged
		);
		assert_noop!(
			Rwa::update_documents(RuntimeOrigin::signed(ISSUER), FIRST + 9, revalued),
			Error::<Test>::UnknownAsset
		);
		System::set_block_number(7);
		assert_ok!(Rwa::update_documents(RuntimeOrigin::signed(ISSUER), FIRST, revalued));
		System::assert_last_event(
			Event::DocumentsUpdated { asset: FIRST, documents: revalued }.into(),
		);
		let record = Rwas::<Test>::get(FIRST).unwrap();
		assert_eq!((record.documents, record.updated_at), (revalued, 7));
	});
}

#[test]
fn governance_suspends_and_reinstates_a_record() {
	test(|| {
		assert_ok!(issue_as(ISSUER));
		assert_noop!(
			Rwa::set_status(RuntimeOrigin::signed(ISSUER), FIRST, RwaStatus::Suspended),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Rwa::set_status(RuntimeOrigin::root(), FIRST, RwaStatus::Active),
			Error::<Test>::StatusUnchanged
		);
		assert_ok!(Rwa::set_status(RuntimeOrigin::root(), FIRST, RwaStatus::Suspended));
		System::assert_last_event(
			Event::StatusSet { asset: FIRST, status: RwaStatus::Suspended }.into(),
		);
		assert_eq!(Rwas::<Test>::get(FIRST).unwrap().status, RwaStatus::Suspended);
		assert_ok!(Rwa::set_status(RuntimeOrigin::root(), FIRST, RwaStatus::Active));
	});
}

#[test]
fn a_squatted_id_blocks_nothing_but_that_id() {
	test(|| {
		// An asset created in the pallet's range before the runtime closed it (or forced
		// by Root) costs that id only: issuance skips it.
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), FIRST, HOLDER, true, 1));
		assert_ok!(issue_as(ISSUER));
		assert!(Rwas::<Test>::get(FIRST).is_none());
		assert_eq!(Rwas::<Test>::get(FIRST + 1).unwrap().issuer, ISSUER);
		assert_eq!(Rwa::next_asset_id(), FIRST + 2);
		// A run of MAX_ID_SKIPS squatted ids ends the search with a named error.
		for id in FIRST + 2..FIRST + 2 + crate::issuance::MAX_ID_SKIPS {
			assert_ok!(Assets::force_create(RuntimeOrigin::root(), id, HOLDER, true, 1));
		}
		assert_noop!(issue_as(ISSUER), Error::<Test>::IdsExhausted);
	});
}
