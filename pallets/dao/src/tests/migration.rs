//! Migrations: v0 → v1 (reserves and the lock become holds and a freeze) and v1 → v2
//! (tracks, rules in storage, proposals with their track and lock expiry).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::migrations::{
	v1::{self, MigrateToFungible, ProposalV1, RulesV1, UncheckedMigrateToFungible, STAKE_LOCK},
	v2::{self, MigrateToTracks, UncheckedMigrateToTracks},
};
use frame_support::traits::{
	GetStorageVersion, LockableCurrency, OnRuntimeUpgrade, ReservableCurrency, StorageVersion,
	WithdrawReasons,
};

type Migration = MigrateToFungible<Test, Balances>;
type Checks = UncheckedMigrateToFungible<Test, Balances>;

frame_support::parameter_types! {
	/// The defaults v2 writes where no rules are stored: the mock's genesis rules.
	pub MockDefaults: v2::DefaultRules = (
		vec![
			(Track::Standard, chain_standard()),
			(Track::Critical, chain_critical()),
			(Track::Emergency, chain_emergency()),
		],
		vec![(Track::Standard, model_standard()), (Track::Critical, model_critical())],
		SPEND_LIMIT,
	);
}
type MigrationV2 = MigrateToTracks<Test, MockDefaults>;
type ChecksV2 = UncheckedMigrateToTracks<Test, MockDefaults>;

fn old_proposal(proposer: u64, status: ProposalStatus) -> ProposalV1<u64> {
	ProposalV1 {
		scope: chain(),
		proposer,
		call: remark().encode(),
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
		v1::Proposals::<Test>::insert(id as ProposalId, old_proposal(who, status));
		if Dao::holds_deposit(status) {
			assert_ok!(Balances::reserve(&who, DEPOSIT));
		}
	}
	NextProposalId::<Test>::put(5);
	Enactments::<Test>::insert(20, BoundedVec::truncate_from(vec![1]));
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
		assert_eq!(v1::Proposals::<Test>::get(0).unwrap().deposit, DEPOSIT);
		assert_ok!(Checks::post_check(state));

		// Running it again does nothing.
		assert_eq!(Migration::on_runtime_upgrade(), db.reads(1));
		assert_eq!((held(1), frozen(1)), (200, 3_000));

		// Then v2, as the runtime runs them in a row.
		let state = ChecksV2::pre_check();
		MigrationV2::on_runtime_upgrade();
		assert_ok!(ChecksV2::post_check(state));

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

/// Version 1 state: two proposals (voting; enacted), an override of model A's rules, two
/// delegations, stakes of 3,000 and 5,000, and no rules stored for models yet.
fn v1_state() {
	StorageVersion::new(1).put::<Dao>();
	let _ = ModelTrackRules::<Test>::clear(u32::MAX, None);
	for (who, amount) in [(1, 3_000), (2, 5_000)] {
		assert_ok!(Dao::stake(RuntimeOrigin::signed(who), amount));
	}
	TotalStake::<Test>::kill();
	v1::Proposals::<Test>::insert(0, old_proposal(1, ProposalStatus::Voting));
	assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<u64>>::hold(
		&HoldReason::ProposalDeposit.into(),
		&1,
		DEPOSIT
	));
	v1::Proposals::<Test>::insert(1, old_proposal(2, ProposalStatus::Enacted { ok: true }));
	NextProposalId::<Test>::put(2);
	let old_rules = RulesV1 {
		quorum: Perbill::from_percent(45),
		approval: Perbill::from_percent(55),
		voting_period: 33,
		enactment_delay: 7,
		proposal_threshold: 1,
	};
	v2::ScopeRules::<Test>::insert(DaoScope::Model(MODEL_A), old_rules);
	v2::Delegations::<Test>::insert(chain(), 1, 3);
	v2::Delegations::<Test>::insert(chain(), 2, 3);
	Delegators::<Test>::insert(chain(), 3, BoundedVec::truncate_from(vec![1, 2]));
}

#[test]
fn v2_moves_proposals_rules_and_delegations_to_the_new_layout() {
	new_test_ext().execute_with(|| {
		v1_state();
		let issuance = Balances::total_issuance();
		let state = ChecksV2::pre_check();
		assert_eq!((state.proposals, state.delegations, state.staked), (2, 2, 8_000));

		MigrationV2::on_runtime_upgrade();

		assert_eq!(Dao::on_chain_storage_version(), StorageVersion::new(2));
		// Defaults where nothing was stored; the old override became model A's standard
		// track, with the new fields from the model standard track.
		assert_eq!(ModelTrackRules::<Test>::get(Track::Critical), Some(model_critical()));
		assert_eq!(
			Dao::rules(DaoScope::Model(MODEL_A), Track::Standard),
			Some(TrackRules {
				quorum: Perbill::from_percent(45),
				approval: Perbill::from_percent(55),
				voting_period: 33,
				enactment_delay: 7,
				..model_standard()
			})
		);
		assert!(v2::ScopeRules::<Test>::iter().next().is_none());
		// Proposals: the standard track, the call inline with its hash, the old rules.
		let p = proposal(0);
		assert_eq!(p.track, Track::Standard);
		assert_eq!(p.call, ProposalCall::Inline(remark().encode().try_into().unwrap()));
		assert_eq!(p.call_hash, sp_io::hashing::blake2_256(&remark().encode()).into());
		assert_eq!(
			(p.rules.quorum, p.rules.voting_period, p.rules.enactment_delay, p.locks_until),
			(Perbill::from_percent(20), 10 - 1, 5, None)
		);
		// A vote cast under v1 on a decided proposal is free, as it was.
		assert_eq!(proposal(1).locks_until, Some(10));
		// Delegations carry a deposit of 0; the total stake is summed.
		assert_eq!(Delegations::<Test>::get(chain(), 1), Some(Delegation { to: 3, deposit: 0 }));
		assert_eq!(TotalStake::<Test>::get(), 8_000);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_ok!(ChecksV2::post_check(state));

		// The pallet works on it: undelegating releases nothing (no deposit) and succeeds.
		assert_ok!(Dao::undelegate(RuntimeOrigin::signed(1), chain()));
		assert_ok!(Dao::cancel(RuntimeOrigin::signed(1), 0));
		assert_eq!(held(1), 0);
		Dao::do_try_state().unwrap();
	});
}

#[test]
fn the_v2_checks_catch_a_lost_delegation() {
	new_test_ext().execute_with(|| {
		v1_state();
		let state = ChecksV2::pre_check();
		MigrationV2::on_runtime_upgrade();
		Delegations::<Test>::remove(chain(), 2);
		assert!(ChecksV2::post_check(state).is_err());
	});
}
