//! Migration v0 → v1: old records written in their old encoding under the new keys, with
//! reserved deposits and bonds, are translated into holds, edge royalties and indexes.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::migrations::v1::{MigrateV0ToV1, OldIncident, OldModelInfo, OldVersionInfo};
use frame_support::{
	assert_noop, assert_ok,
	storage::unhashed,
	traits::{
		fungible::Mutate, GetStorageVersion, OnRuntimeUpgrade, ReservableCurrency, StorageVersion,
	},
};

type OldModel = OldModelInfo<u64, MetadataOf<Test>, DatasetsOf<Test>>;

/// A model id of the old scheme: the first 8 bytes of its content hash.
fn prefix_id(n: u8) -> ModelId {
	u64::from_le_bytes([n; 8])
}

#[allow(clippy::too_many_arguments)]
fn old_model(
	owner: u64,
	deposit: Balance,
	n: u8,
	parents: Vec<(ModelId, Relation)>,
	(depth, lineage_paths): (u32, u32),
	share_supply: Balance,
	terms: LicenseTerms,
	created_at: BlockNumber,
) -> OldModel {
	OldModelInfo {
		owner,
		depositor: owner,
		deposit,
		content_hash: hash(n),
		metadata: Registry::bound_metadata(*meta("old")).unwrap(),
		parents,
		datasets: vec![hash(200)].try_into().unwrap(),
		depth,
		lineage_paths,
		share_supply,
		terms,
		terms_version: 1,
		status: ModelStatus::Active,
		upheld_incidents: 0,
		latest_version: 0,
		created_at,
		vault: Vault::default(),
	}
}

fn put_model(id: ModelId, old: &OldModel) {
	unhashed::put(&Models::<Test>::hashed_key_for(id), old);
}

fn put_holding(m: ModelId, who: u64, shares: Balance) {
	Holdings::<Test>::insert(m, who, Holding { shares, ..Default::default() });
}

fn reserve(who: u64, amount: Balance) {
	assert_ok!(<Balances as ReservableCurrency<u64>>::reserve(&who, amount));
}

fn migrate() -> Weight {
	MigrateV0ToV1::<Test, Balances>::on_runtime_upgrade()
}

#[test]
fn v0_state_becomes_holds_edge_royalties_and_indexes() {
	test(|| {
		// Model 1 (its hash happened to start with 1) with a version, revenue and an open
		// report; model 2 free; model `x` merges both with an old ancestor royalty of 10%.
		let x = prefix_id(3);
		let mut one = old_model(1, 2_000, 1, vec![], (0, 0), 1_000, per_use(100).floor(10), 1);
		one.latest_version = 1;
		one.vault = Vault {
			revenue_per_share: U256::from(200u128 * REVENUE_SCALE / 1_000),
			received: 200,
			claimed: 0,
		};
		put_model(1, &one);
		reserve(1, 2_000);
		put_model(2, &old_model(2, 2_500, 2, vec![], (0, 0), 100, free_terms(), 1));
		reserve(2, 2_500);
		put_model(
			x,
			&old_model(
				3,
				3_000,
				3,
				vec![(1, Relation::Merge), (2, Relation::Adapter)],
				(1, 2),
				50,
				per_use(10).floor(10),
				2,
			),
		);
		reserve(3, 3_000);
		let version = OldVersionInfo::<u64, ContributorsOf<Test>> {
			content_hash: hash(11),
			changelog_hash: Some(hash(12)),
			contributors: vec![(8, 1)].try_into().unwrap(),
			published_at: 1,
			deposit: 1_500,
			depositor: 1,
		};
		unhashed::put(&Versions::<Test>::hashed_key_for(1, 1), &version);
		reserve(1, 1_500);
		put_holding(1, 1, 600);
		put_holding(1, 4, 400);
		put_holding(1, 5, 0);
		put_holding(2, 2, 100);
		put_holding(x, 3, 50);
		assert_ok!(<Balances as Mutate<u64>>::mint_into(&Registry::vault_account(), 200));
		Licenses::<Test>::insert(
			1,
			5,
			License {
				terms_version: 1,
				expires_at: None,
				uses_left: 2,
				commercial_use: true,
				revoked: false,
				total_paid: 200,
			},
		);
		let report = |model, reporter, severity, bond, status| OldIncident::<u64> {
			model,
			version: 1,
			reporter,
			evidence_hash: hash(70),
			severity,
			bond,
			response_hash: None,
			status,
			reported_at: 1,
		};
		unhashed::put(
			&Incidents::<Test>::hashed_key_for(0),
			&report(1, 6, Severity::Medium, 1_000, IncidentStatus::Open),
		);
		reserve(6, 1_000);
		unhashed::put(
			&Incidents::<Test>::hashed_key_for(1),
			&report(2, 7, Severity::Low, 500, IncidentStatus::Dismissed),
		);
		NextIncidentId::<Test>::put(2);
		StorageVersion::new(0).put::<Registry>();
		assert_eq!((reserved(1), held(HoldReason::Deposit, 1)), (3_500, 0));

		migrate();

		assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(1));
		// Reserves became holds of the same accounts, to the unit; free balances unchanged.
		assert_eq!(
			(held(HoldReason::Deposit, 1), reserved(1), free(1)),
			(3_500, 3_500, START - 3_500)
		);
		assert_eq!((held(HoldReason::Deposit, 2), reserved(2)), (2_500, 2_500));
		assert_eq!((held(HoldReason::Deposit, 3), reserved(3)), (3_000, 3_000));
		assert_eq!((held(HoldReason::IncidentBond, 6), reserved(6)), (1_000, 1_000));
		assert_eq!(reserved(7), 0);
		assert_eq!(DepositsOf::<Test>::get(1, 1), 3_500);
		assert_eq!(DepositsOf::<Test>::get(2, 2), 2_500);
		assert_eq!(DepositsOf::<Test>::get(x, 3), 3_000);
		// Models: no bond yet, open reports counted, royalty on the edges, floors at 0.
		let m1 = info(1);
		assert_eq!((m1.bond, m1.bond_holder, m1.open_incidents), (0, 1, 1));
		assert_eq!((m1.flag, m1.operators, m1.deposit), (None, 0, 2_000));
		assert_eq!(m1.terms, per_use(100));
		assert_eq!((m1.vault.received, m1.latest_version), (200, 1));
		let mx = info(x);
		assert_eq!(
			mx.parents.to_vec(),
			vec![
				ParentEdge { model: 1, relation: Relation::Merge, royalty: percent(5) },
				ParentEdge { model: 2, relation: Relation::Adapter, royalty: percent(5) },
			]
		);
		assert_eq!(mx.terms.derivative_royalty_floor, Permill::zero());
		assert_eq!((mx.depth, mx.lineage_paths, mx.open_incidents), (1, 2, 0));
		let v = Versions::<Test>::get(1, 1).unwrap();
		assert_eq!((v.deposit, v.depositor, v.changelog_hash), (1_500, Some(1), Some(hash(12))));
		assert_eq!(v.contributors.to_vec(), vec![(8, 1)]);
		// Reports: versions are named, deadlines start at the upgrade.
		let open = Incidents::<Test>::get(0).unwrap();
		assert_eq!(
			(open.version, open.deadline, open.status),
			(Some(1), 1 + DEFAULT_DEADLINE, IncidentStatus::Open)
		);
		let closed = Incidents::<Test>::get(1).unwrap();
		assert_eq!((closed.status, closed.bond), (IncidentStatus::Dismissed, 500));
		// Indexes.
		assert_eq!(ModelByHash::<Test>::get(hash(1)), Some(1));
		assert_eq!(ModelByHash::<Test>::get(hash(2)), Some(2));
		assert_eq!(ModelByHash::<Test>::get(hash(3)), Some(x));
		assert!(OwnedModels::<Test>::contains_key(1, 1));
		assert!(OwnedModels::<Test>::contains_key(2, 2));
		assert!(OwnedModels::<Test>::contains_key(3, x));
		let mut held_index: Vec<(u64, ModelId)> = HeldModels::<Test>::iter_keys().collect();
		held_index.sort();
		assert_eq!(held_index, vec![(1, 1), (2, 2), (3, x), (4, 1)]);
		assert!(LicensedModels::<Test>::contains_key(5, 1));
		assert_eq!(NextModelId::<Test>::get(), 1);
		assert_ok!(Registry::do_try_state());

		// Running it again changes nothing.
		let before = snapshot();
		migrate();
		assert_eq!(changed(&before, &snapshot()), Vec::<u64>::new());
		assert_eq!(DepositsOf::<Test>::get(1, 1), 3_500);
		assert_eq!(info(x).parents[0].royalty, percent(5));

		// Afterwards: revenue is claimable, licences usable, sales wait for a bond, new
		// registrations skip the ids old models kept, and the open report is ruled on.
		let before = free(4);
		assert_ok!(Registry::claim_revenue(signed(4), 1));
		assert_eq!(free(4) - before, 80);
		assert_ok!(Registry::record_use(signed(1), 1, 5, 1));
		assert_noop!(Registry::purchase_license(signed(5), 1, 1, 100), Error::<Test>::BondTooLow);
		assert_ok!(Registry::post_bond(signed(1), 1));
		buy(5, 1, 1);
		assert_eq!(register(9, 9, &[], 10, per_use(1)), 3);
		assert_eq!(NextModelId::<Test>::get(), 4);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), 0, true));
		assert_eq!(free(6), START + 1_000);
	});
}

#[test]
fn old_royalties_are_capped_so_the_total_stays_within_the_maximum() {
	test(|| {
		for n in 1..=4u8 {
			put_model(prefix_id(n), &old_model(1, 0, n, vec![], (0, 0), 10, free_terms(), 1));
			put_holding(prefix_id(n), 1, 10);
		}
		// Three parents at an old 90%: 30% each would pass 90%; each gets 50% / 3.
		let merge = prefix_id(5);
		put_model(
			merge,
			&old_model(
				2,
				0,
				5,
				(1..=3).map(|n| (prefix_id(n), Relation::Merge)).collect(),
				(1, 3),
				10,
				per_use(10).floor(90),
				1,
			),
		);
		put_holding(merge, 2, 10);
		// One parent at an old 80%: capped at 50%.
		let single = prefix_id(6);
		put_model(
			single,
			&old_model(
				3,
				0,
				6,
				vec![(prefix_id(4), Relation::Distilled)],
				(1, 1),
				10,
				per_use(10).floor(80),
				1,
			),
		);
		put_holding(single, 3, 10);
		StorageVersion::new(0).put::<Registry>();
		migrate();
		assert_eq!(
			info(merge).parents.iter().map(|e| e.royalty).collect::<Vec<_>>(),
			vec![Permill::from_parts(166_666); 3]
		);
		assert_eq!(info(single).parents[0].royalty, percent(50));
		assert_eq!(info(single).parents[0].relation, Relation::Distilled);
		// A base model's old royalty binds nothing.
		assert_eq!(info(prefix_id(1)).parents.len(), 0);
		// Nothing was reserved, so nothing is held.
		assert_eq!(DepositsOf::<Test>::iter().map(|(_, _, d)| d).sum::<Balance>(), 0);
		assert_eq!((reserved(1), reserved(2), reserved(3)), (0, 0, 0));
		// A sale of the merge pays each parent its capped cut.
		assert_ok!(Registry::post_bond(signed(2), merge));
		buy(4, merge, 100);
		for n in 1..=3 {
			assert_eq!(info(prefix_id(n)).vault.received, 166);
		}
		assert_eq!(info(merge).vault.received, 1_000 - 3 * 166);
		assert_ok!(Registry::do_try_state());
	});
}

/// v1 → v2: the mirrored `dao/vote` copies go, every other lock stays, and it runs once.
#[test]
fn v2_drops_the_mirrored_vote_locks_and_keeps_the_others() {
	use crate::migrations::v2::DropMirroredLocks;
	use modelchain_primitives::ModelShares;
	frame_support::parameter_types! {
		pub const VoteLock: ShareLockId = *b"dao/vote";
	}
	test(|| {
		let m = register(1, 1, &[], 1_000, per_use(1));
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 400));
		// Account 1: a mirrored vote lock and a lock of its own; account 2: only the copy.
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"dao/vote", 600));
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"lend/col", 100));
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &2, *b"dao/vote", 400));
		StorageVersion::new(1).put::<Registry>();

		// With try-runtime, through its pre- and post-upgrade checks.
		#[cfg(feature = "try-runtime")]
		DropMirroredLocks::<Test, VoteLock>::try_on_runtime_upgrade(true).unwrap();
		#[cfg(not(feature = "try-runtime"))]
		DropMirroredLocks::<Test, VoteLock>::on_runtime_upgrade();

		assert_eq!(Registry::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(ShareLocks::<Test>::get(m, 1).into_inner(), vec![(*b"lend/col", 100)]);
		assert!(!ShareLocks::<Test>::contains_key(m, 2));
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 100);
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(2), m, 3, 400));
		// Once at version 2 it does nothing.
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"dao/vote", 10));
		DropMirroredLocks::<Test, VoteLock>::on_runtime_upgrade();
		assert_eq!(ShareLocks::<Test>::get(m, 1).len(), 2);
	});
}
