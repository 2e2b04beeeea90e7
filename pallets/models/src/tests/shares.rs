//! Shares: transfers settle revenue, per-block history for snapshots, locks, and the
//! "my shares" index.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{assert_noop, assert_ok};
use modelchain_primitives::ModelShares;

#[test]
fn transfers_record_history_and_answer_past_balances() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		assert_eq!(info(m).created_at, 2);
		run_to(5);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 300));
		assert_eq!(
			last_event(),
			Event::SharesTransferred { model: m, from: 1, to: 2, amount: 300 }
		);
		// A second transfer in the same block adds no history entry.
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 100));
		run_to(9);
		assert_ok!(Registry::transfer_shares(signed(2), m, 3, 50));
		// The registrant's history starts at registration ("nothing before block 2").
		assert_eq!(Holdings::<Test>::get(m, 1).unwrap().history_len, 2);
		assert_eq!(Holdings::<Test>::get(m, 2).unwrap().history_len, 2);
		assert_eq!(
			ShareHistory::<Test>::get((m, 1, 0)),
			Some(ShareCheckpoint { changed_at: 2, balance_before: 0 })
		);
		assert_eq!(
			ShareHistory::<Test>::get((m, 1, 1)),
			Some(ShareCheckpoint { changed_at: 5, balance_before: 1_000 })
		);
		assert_eq!(
			ShareHistory::<Test>::get((m, 2, 1)),
			Some(ShareCheckpoint { changed_at: 9, balance_before: 400 })
		);

		let at = |who, b| <Registry as ModelShares<u64>>::balance_at(m, &who, b);
		assert_eq!(at(1, 1), 0, "before registration nobody held shares");
		assert_eq!(at(1, 2), 1_000);
		assert_eq!(at(1, 4), 1_000);
		assert_eq!(at(1, 5), 600);
		assert_eq!(at(1, 100), 600);
		assert_eq!(at(2, 4), 0);
		assert_eq!(at(2, 5), 400);
		assert_eq!(at(2, 8), 400);
		assert_eq!(at(2, 9), 350);
		assert_eq!(at(3, 8), 0);
		assert_eq!(at(3, 9), 50);
		assert_eq!(at(4, 9), 0);
		assert_eq!(<Registry as ModelShares<u64>>::total_supply_at(m, 1), 0);
		assert_eq!(<Registry as ModelShares<u64>>::total_supply_at(m, 2), 1_000);
		assert_eq!(<Registry as ModelShares<u64>>::total_supply(m), 1_000);
		assert_eq!(<Registry as ModelShares<u64>>::total_supply(99), 0);
		assert_eq!(<Registry as ModelShares<u64>>::balance(m, &2), 350);
		assert!(<Registry as ModelShares<u64>>::model_exists(m));
		assert!(!<Registry as ModelShares<u64>>::model_exists(99));
	});
}

#[test]
fn bad_transfers_fail_with_named_errors() {
	test(|| {
		let m = register(1, 1, &[], 100, per_use(1));
		assert_ok!(Registry::transfer_shares(signed(1), m, 3, 50));
		assert_noop!(
			Registry::transfer_shares(signed(3), m, 2, 51),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Registry::transfer_shares(signed(4), m, 2, 1),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(Registry::transfer_shares(signed(3), m, 3, 1), Error::<Test>::SelfTransfer);
		assert_noop!(Registry::transfer_shares(signed(3), m, 2, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Registry::transfer_shares(signed(3), 99, 2, 1), Error::<Test>::UnknownModel);
	});
}

#[test]
fn transfers_settle_revenue_so_new_holders_get_only_future_revenue() {
	test(|| {
		let m = register(1, 1, &[], 100, per_use(1_000));
		buy(4, m, 1);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 40));
		assert_eq!(Holdings::<Test>::get(m, 1).unwrap().unclaimed, 1_000);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		assert_eq!(Registry::claimable_revenue(m, &2), 0);
		buy(4, m, 1);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_600);
		assert_eq!(Registry::claimable_revenue(m, &2), 400);
		// Shares that move again carry no old revenue with them.
		assert_ok!(Registry::transfer_shares(signed(2), m, 3, 40));
		assert_eq!(Registry::claimable_revenue(m, &2), 400);
		assert_eq!(Registry::claimable_revenue(m, &3), 0);
		// Claiming twice pays once.
		assert_ok!(Registry::claim_revenue(signed(2), m));
		assert_eq!(free(2), START + 400);
		assert_noop!(Registry::claim_revenue(signed(2), m), Error::<Test>::NothingToClaim);
		assert_noop!(Registry::claim_revenue(signed(3), m), Error::<Test>::NothingToClaim);
	});
}

#[test]
fn locked_shares_cannot_move_and_locks_overlap() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		let s = |who| <Registry as ModelShares<u64>>::balance(m, &who);
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"dao/vote", 700));
		assert_eq!(
			last_event(),
			Event::ShareLockSet { model: m, who: 1, id: *b"dao/vote", amount: 700 }
		);
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"lend/col", 400));
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 700);
		assert_noop!(Registry::transfer_shares(signed(1), m, 2, 301), Error::<Test>::SharesLocked);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 300));
		assert_eq!((s(1), s(2)), (700, 300));
		// A lock above the balance is refused, and so is one on no shares.
		assert_noop!(
			<Registry as ModelShares<u64>>::set_lock(m, &2, *b"dao/vote", 301),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			<Registry as ModelShares<u64>>::set_lock(m, &5, *b"dao/vote", 1),
			Error::<Test>::InsufficientShares
		);
		// Setting an existing lock changes it.
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"dao/vote", 500));
		assert_eq!(ShareLocks::<Test>::get(m, 1).len(), 2);
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 500);
		<Registry as ModelShares<u64>>::remove_lock(m, &1, *b"dao/vote");
		assert_eq!(last_event(), Event::ShareLockRemoved { model: m, who: 1, id: *b"dao/vote" });
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 400);
		// Removing a lock that is not there changes nothing and says nothing.
		let count = events().len();
		<Registry as ModelShares<u64>>::remove_lock(m, &1, *b"nothere!");
		assert_eq!(events().len(), count);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 300));
		assert_noop!(Registry::transfer_shares(signed(1), m, 2, 1), Error::<Test>::SharesLocked);
		// MaxShareLocks = 4.
		for n in 0..3u8 {
			assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, [n; 8], 1));
		}
		assert_noop!(
			<Registry as ModelShares<u64>>::set_lock(m, &1, [9; 8], 1),
			Error::<Test>::TooManyLocks
		);
		// The last lock removed clears the entry.
		for id in [*b"lend/col", [0; 8], [1; 8], [2; 8]] {
			<Registry as ModelShares<u64>>::remove_lock(m, &1, id);
		}
		assert!(!ShareLocks::<Test>::contains_key(m, 1));
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 0);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 400));
	});
}

#[test]
fn a_lock_kept_by_another_pallet_holds_the_shares_too() {
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		let s = |who| <Registry as ModelShares<u64>>::balance(m, &who);
		// The DAO keeps its vote locks itself; the models pallet asks at every transfer.
		MockExternalLocks::set(m, 1, 600);
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 600);
		assert_noop!(Registry::transfer_shares(signed(1), m, 2, 401), Error::<Test>::SharesLocked);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 400));
		assert_eq!((s(1), s(2)), (600, 400));
		// A pledge (own lock) and a vote lock (external) cover different shares: they add.
		MockExternalLocks::set(m, 1, 100);
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"lend/col", 400));
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 500);
		assert_eq!(<Registry as ModelShares<u64>>::pledged(m, &1), 400);
		assert_eq!(<Registry as ModelShares<u64>>::externally_locked(m, &1), 100);
		assert_noop!(Registry::transfer_shares(signed(1), m, 2, 101), Error::<Test>::SharesLocked);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 100));
		assert_eq!((s(1), s(2)), (500, 500));
		MockExternalLocks::set(m, 1, 0);
		<Registry as ModelShares<u64>>::remove_lock(m, &1, *b"lend/col");
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 500));
		assert_eq!((s(1), s(2)), (0, 1_000));
	});
}

#[test]
fn the_holder_index_lists_exactly_the_accounts_with_shares() {
	test(|| {
		let m = register(1, 1, &[], 100, per_use(1_000).contributors(10));
		assert!(HeldModels::<Test>::contains_key(1, m));
		assert!(!HeldModels::<Test>::contains_key(2, m));
		run_to(3);
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 100));
		assert!(HeldModels::<Test>::contains_key(2, m));
		assert!(!HeldModels::<Test>::contains_key(1, m), "an account at 0 shares is removed");
		// Its (empty) holding stays, keeping its history.
		assert_eq!(Holdings::<Test>::get(m, 1).unwrap().shares, 0);
		assert_eq!(<Registry as ModelShares<u64>>::balance_at(m, &1, 2), 100);
		assert_ok!(Registry::transfer_shares(signed(2), m, 1, 1));
		assert!(HeldModels::<Test>::contains_key(1, m));
		// A contributor credited revenue holds no shares and is not listed.
		publish(1, m, 1);
		assert_ok!(Registry::publish_version(gov(m), m, 2, hash(60), None, vec![(6, 1)]));
		buy(4, m, 1);
		assert_eq!(Registry::claimable_revenue(m, &6), 100);
		assert!(!HeldModels::<Test>::contains_key(6, m));
		assert_eq!(HeldModels::<Test>::iter_keys().filter(|(_, id)| *id == m).count(), 2);
	});
}
