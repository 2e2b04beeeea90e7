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

#[test]
fn a_seizure_takes_pledged_shares_whatever_the_other_locks_and_only_up_to_its_own() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1_000));
		let id = *b"lend/col";
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, id, 600));
		// A DAO vote lock on the 100 unpledged shares, and another lock of this pallet.
		MockExternalLocks::set(m, 1, 100);
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"other/lk", 900));
		buy(4, m, 1);
		run_to(5);
		// More than the pledge is refused, and nothing moves.
		assert_noop!(
			<Registry as ModelShares<u64>>::seize_locked(m, &1, &2, id, 601),
			Error::<Test>::SeizureAboveLock
		);
		assert_noop!(
			<Registry as ModelShares<u64>>::seize_locked(m, &1, &2, *b"nothere!", 1),
			Error::<Test>::SeizureAboveLock
		);
		assert_ok!(<Registry as ModelShares<u64>>::seize_locked(m, &1, &2, id, 250));
		assert_eq!(shares(m, 1), 750);
		assert_eq!(shares(m, 2), 250);
		assert_eq!(<Registry as ModelShares<u64>>::lock_of(m, &1, id), 350);
		// The other lock binds at most what is left.
		assert_eq!(<Registry as ModelShares<u64>>::lock_of(m, &1, *b"other/lk"), 750);
		assert!(emitted(Event::ShareLockSet { model: m, who: 1, id, amount: 350 }));
		assert!(emitted(Event::ShareLockSet { model: m, who: 1, id: *b"other/lk", amount: 750 }));
		// Revenue was settled before the move: the seized shares carry none of it.
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		assert_eq!(Registry::claimable_revenue(m, &2), 0);
		// History: the snapshot before block 5 still sees 1,000 with the borrower.
		assert_eq!(<Registry as ModelShares<u64>>::balance_at(m, &1, 4), 1_000);
		assert_eq!(<Registry as ModelShares<u64>>::balance_at(m, &2, 4), 0);
		// Seizing the rest of the pledge removes the lock.
		assert_ok!(<Registry as ModelShares<u64>>::seize_locked(m, &1, &2, id, 350));
		assert_eq!(<Registry as ModelShares<u64>>::lock_of(m, &1, id), 0);
		assert_eq!(ShareLocks::<Test>::get(m, 1).into_inner(), vec![(*b"other/lk", 400)]);
		assert_eq!(shares(m, 2), 600);
		// The vote lock still binds: 400 left, 400 under the other lock, 100 voted...
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 500);
		assert_noop!(Registry::transfer_shares(signed(1), m, 3, 1), Error::<Test>::SharesLocked);
		// ...and the receiver's seized shares are free to move.
		assert_ok!(Registry::transfer_shares(signed(2), m, 3, 600));
	});
}

#[test]
fn the_dex_side_of_the_fungibles_view_moves_nothing() {
	use frame_support::traits::{
		fungibles::{Balanced, Refund},
		AccountTouch,
	};
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		assert!(<Registry as Balanced<u64>>::withdraw(
			m,
			&1,
			1,
			Precision::Exact,
			Preservation::Expendable,
			Fortitude::Polite
		)
		.is_err());
		assert!(<Registry as Balanced<u64>>::deposit(m, &2, 1, Precision::Exact).is_err());
		assert_eq!(shares(m, 1), 1_000);
		assert!(!<Registry as AccountTouch<u64, u64>>::should_touch(m, &2));
		assert_eq!(<Registry as Refund<u64>>::deposit_held(m, 1), None);
	});
}
