//! Migration v0 → v1: reserves and the lock become holds and a freeze.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::migrations::v1::{MigrateToFungible, UncheckedMigrateToFungible, STAKE_LOCK};
use frame_support::traits::{
	GetStorageVersion, LockableCurrency, OnRuntimeUpgrade, ReservableCurrency, StorageVersion,
	WithdrawReasons,
};

type Migration = MigrateToFungible<Test, Balances>;
type Checks = UncheckedMigrateToFungible<Test, Balances>;

fn old_proposal(proposer: u64, status: ProposalStatus) -> Proposal<u64, ConstU32<256>> {
	Proposal {
		scope: chain(),
		proposer,
		call: Default::default(),
		metadata_hash: Hash::zero(),
		deposit: DEPOSIT,
		snapshot: 0,
		electorate: 95_000,
		voting_ends: 10,
		enactment_delay: 5,
		quorum: Perbill::from_percent(20),
		approval: Perbill::from_percent(50),
		tally: Tally::default(),
		voters: 0,
		status,
	}
}

/// Version 0 state, made with the old `Currency` calls on Balances:
/// - stakes: 1 → 3,000, 2 → 5,000 (locked), 4 → 0 (fully unstaked, no lock);
/// - proposals: 0 and 1 by account 1 (voting, queued), 2 by account 2 (rejected), 3 by
///   account 3 (voting), 4 by account 2 (enacted): 200 reserved from 1, 100 from 3;
/// - another 30 reserved from account 1 by someone else, which must stay reserved.
fn old_state() {
	StorageVersion::new(0).put::<Dao>();
	for (who, amount) in [(1, 3_000), (2, 5_000)] {
		Stakes::<Test>::insert(who, Stake { amount, history_len: 1 });
		StakeHistory::<Test>::insert(who, 0, StakeCheckpoint { changed_at: 1, amount_before: 0 });
		Balances::set_lock(STAKE_LOCK, &who, amount, WithdrawReasons::all());
	}
	Stakes::<Test>::insert(4, Stake { amount: 0, history_len: 2 });
	let statuses = [
		(1, ProposalStatus::Voting),
		(1, ProposalStatus::Approved { enact_at: 20 }),
		(2, ProposalStatus::Rejected),
		(3, ProposalStatus::Voting),
		(2, ProposalStatus::Enacted { ok: true }),
	];
	for (id, (who, status)) in statuses.into_iter().enumerate() {
		Proposals::<Test>::insert(id as ProposalId, old_proposal(who, status));
		if Dao::holds_deposit(status) {
			assert_ok!(Balances::reserve(&who, DEPOSIT));
		}
	}
	NextProposalId::<Test>::put(5);
	assert_ok!(Balances::reserve(&1, 30));
	assert_eq!(Balances::reserved_balance(1), 230);
	assert_eq!(Balances::locks(&1).len(), 1);
}

#[test]
fn turns_reserves_and_the_stake_lock_into_holds_and_freezes() {
	new_test_ext().execute_with(|| {
		old_state();
		let totals: Vec<Balance> = (1..=4).map(|a| Balances::total_balance(&a)).collect();
		let issuance = Balances::total_issuance();
		let state = Checks::pre_check().unwrap();

		let weight = Migration::on_runtime_upgrade();

		assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(1));
		// 5 proposals read, 2 deposits moved (3 reads, 3 writes each), 3 stakes read, 2
		// frozen (6 reads, 4 writes each), and the version (1 read, 1 write).
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads_writes(5 + 6 + 3 + 12 + 1, 6 + 8 + 1));
		// Deposits: held exactly, and only those of open proposals.
		assert_eq!((held(1), held(2), held(3), held(4)), (200, 0, 100, 0));
		assert_eq!(Balances::reserved_balance(1), 230, "the other reserve stays");
		assert_eq!(Balances::free_balance(1), 10_000 - 230);
		// Stakes: frozen exactly, the old lock gone.
		assert_eq!((frozen(1), frozen(2), frozen(3), frozen(4)), (3_000, 5_000, 0, 0));
		for who in 1..=4 {
			assert!(Balances::locks(&who).is_empty());
		}
		assert_eq!(System::account(2).data.frozen, 5_000);
		// Nothing moved or was minted or burned.
		let after: Vec<Balance> = (1..=4).map(|a| Balances::total_balance(&a)).collect();
		assert_eq!(after, totals);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(proposal(0).deposit, DEPOSIT);
		assert_ok!(Checks::post_check(state));

		// Running it again does nothing.
		assert_eq!(Migration::on_runtime_upgrade(), db.reads(1));
		assert_eq!((held(1), frozen(1)), (200, 3_000));

		// The pallet works on the migrated state: the frozen stake still binds, a cancel
		// releases the held deposit, unstaking thaws.
		assert_noop!(
			Balances::transfer_allow_death(RuntimeOrigin::signed(2), 1, 5_001),
			TokenError::Frozen
		);
		assert_ok!(Dao::cancel(RuntimeOrigin::signed(1), 0));
		assert_eq!(held(1), DEPOSIT);
		assert_ok!(Dao::unstake(RuntimeOrigin::signed(2), 5_000));
		assert_eq!(frozen(2), 0);
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(2), 1, 10_000));
		Dao::do_try_state().unwrap();
	});
}

#[test]
fn the_checks_catch_a_wrong_result() {
	new_test_ext().execute_with(|| {
		old_state();
		let state = Checks::pre_check().unwrap();
		Migration::on_runtime_upgrade();
		// A hold that no longer matches its deposits.
		assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<u64>>::release(
			&HoldReason::ProposalDeposit.into(),
			&3,
			1,
			frame_support::traits::tokens::Precision::Exact
		));
		assert!(Checks::post_check(state).is_err());
	});
	new_test_ext().execute_with(|| {
		old_state();
		// A reserve below the deposits it should back.
		Balances::unreserve(&3, 1);
		assert!(Checks::pre_check().is_err());
	});
}
