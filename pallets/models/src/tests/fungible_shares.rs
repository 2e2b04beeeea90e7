//! Shares through the `fungibles` traits: transfers settle revenue and record history like
//! `transfer_shares`, freezes are the share locks, and nothing can mint, burn or write a
//! balance around the settlement.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{
	assert_noop, assert_ok,
	traits::tokens::{
		fungibles::{freeze, Inspect, Mutate, Unbalanced},
		Fortitude, Precision, Preservation, Provenance,
	},
};
use modelchain_primitives::ModelShares;
use sp_runtime::TokenError;

#[test]
fn inspect_reads_the_ledger() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 300));
		assert_eq!(<Registry as Inspect<u64>>::total_issuance(m), 1_000);
		assert_eq!(<Registry as Inspect<u64>>::balance(m, &1), 700);
		assert_eq!(<Registry as Inspect<u64>>::total_balance(m, &2), 300);
		assert_eq!(<Registry as Inspect<u64>>::minimum_balance(m), 0);
		assert!(<Registry as Inspect<u64>>::asset_exists(m));
		assert!(!<Registry as Inspect<u64>>::asset_exists(99));
		assert_eq!(<Registry as Inspect<u64>>::total_issuance(99), 0);
		// Shares can arrive by transfer, never by minting, and only for a model that exists.
		assert_eq!(
			<Registry as Inspect<u64>>::can_deposit(m, &3, 1, Provenance::Extant),
			frame_support::traits::tokens::DepositConsequence::Success
		);
		assert_eq!(
			<Registry as Inspect<u64>>::can_deposit(m, &3, 1, Provenance::Minted),
			frame_support::traits::tokens::DepositConsequence::CannotCreate
		);
		assert_eq!(
			<Registry as Inspect<u64>>::can_deposit(99, &3, 1, Provenance::Extant),
			frame_support::traits::tokens::DepositConsequence::UnknownAsset
		);
	});
}

#[test]
fn a_fungibles_transfer_settles_revenue_and_records_history() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1_000));
		buy(4, m, 1);
		// 1,000 of revenue is owed to the only holder before the transfer.
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		run_to(5);
		assert_eq!(
			<Registry as Mutate<u64>>::transfer(m, &1, &2, 400, Preservation::Expendable),
			Ok(400)
		);
		assert_eq!(
			last_event(),
			Event::SharesTransferred { model: m, from: 1, to: 2, amount: 400 }
		);
		// The receiver gets none of the revenue credited before; the sender keeps it all.
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		assert_eq!(Registry::claimable_revenue(m, &2), 0);
		buy(4, m, 1);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_600);
		assert_eq!(Registry::claimable_revenue(m, &2), 400);
		// History: the DAO's snapshot before block 5 sees the old balances.
		assert_eq!(<Registry as ModelShares<u64>>::balance_at(m, &1, 4), 1_000);
		assert_eq!(<Registry as ModelShares<u64>>::balance_at(m, &2, 4), 0);
		assert_eq!(<Registry as ModelShares<u64>>::balance_at(m, &2, 5), 400);
	});
}

#[test]
fn freezes_are_share_locks_and_bind_every_route_out() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		let id = *b"lend/col";
		assert_ok!(<Registry as freeze::Mutate<u64>>::set_freeze(m, &id, &1, 600));
		assert_eq!(<Registry as freeze::Inspect<u64>>::balance_frozen(m, &id, &1), 600);
		assert_eq!(ShareLocks::<Test>::get(m, 1).into_inner(), vec![(id, 600)]);
		assert_eq!(
			<Registry as Inspect<u64>>::reducible_balance(
				m,
				&1,
				Preservation::Expendable,
				Fortitude::Force
			),
			400
		);
		// Neither route moves locked shares.
		assert_noop!(
			<Registry as Mutate<u64>>::transfer(m, &1, &2, 401, Preservation::Expendable),
			Error::<Test>::SharesLocked
		);
		assert_noop!(Registry::transfer_shares(signed(1), m, 2, 401), Error::<Test>::SharesLocked);
		// Extending only raises; a lock beyond the holding is refused.
		assert_ok!(<Registry as freeze::Mutate<u64>>::extend_freeze(m, &id, &1, 500));
		assert_eq!(<Registry as freeze::Inspect<u64>>::balance_frozen(m, &id, &1), 600);
		assert_noop!(
			<Registry as freeze::Mutate<u64>>::set_freeze(m, &id, &1, 1_001),
			Error::<Test>::InsufficientShares
		);
		assert!(<Registry as freeze::Inspect<u64>>::can_freeze(m, &id, &1));
		// Thawing (or a zero freeze) removes the lock.
		assert_ok!(<Registry as freeze::Mutate<u64>>::set_freeze(m, &id, &1, 0));
		assert!(ShareLocks::<Test>::get(m, 1).is_empty());
		assert_ok!(<Registry as Mutate<u64>>::transfer(m, &1, &2, 1_000, Preservation::Expendable));
	});
}

#[test]
fn nothing_mints_burns_or_writes_a_balance_around_the_settlement() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		let unsupported: DispatchError = TokenError::Unsupported.into();
		assert_noop!(<Registry as Mutate<u64>>::mint_into(m, &2, 1), unsupported);
		assert_noop!(
			<Registry as Mutate<u64>>::burn_from(
				m,
				&1,
				1,
				Preservation::Expendable,
				Precision::Exact,
				Fortitude::Force
			),
			unsupported
		);
		assert_noop!(
			<Registry as Unbalanced<u64>>::increase_balance(m, &2, 1, Precision::Exact),
			unsupported
		);
		assert_noop!(
			<Registry as Unbalanced<u64>>::decrease_balance(
				m,
				&1,
				1,
				Precision::Exact,
				Preservation::Expendable,
				Fortitude::Force
			),
			unsupported
		);
		assert_eq!(<Registry as Inspect<u64>>::total_issuance(m), 1_000);
		assert_eq!(shares(m, 1), 1_000);
		// A transfer of nothing, or to oneself, moves nothing and needs no settlement.
		assert_eq!(
			<Registry as Mutate<u64>>::transfer(m, &1, &1, 10, Preservation::Expendable),
			Ok(10)
		);
		assert_eq!(
			<Registry as Mutate<u64>>::transfer(m, &1, &2, 0, Preservation::Expendable),
			Ok(0)
		);
		assert_eq!(shares(m, 2), 0);
		assert_noop!(
			<Registry as Mutate<u64>>::transfer(m, &3, &3, 1, Preservation::Expendable),
			TokenError::FundsUnavailable
		);
	});
}
