//! Registry: commit–reveal registration and its front-running attacks, ids, lineage and
//! royalties, versions, status, management and ownership disputes.

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
use sp_runtime::DispatchError;

// ------------------------------------------------------------------ commit and reveal

#[test]
fn the_commit_holds_deposit_and_bond_and_the_reveal_moves_no_money() {
	test(|| {
		let commitment = Registry::commitment_of(&hash(1), &1, &salt());
		assert_ok!(Registry::commit_registration(signed(1), commitment));
		assert_eq!(
			last_event(),
			Event::RegistrationCommitted {
				commitment,
				who: 1,
				deposit: MODEL_DEPOSIT,
				bond: ACCOUNTABILITY_BOND
			}
		);
		assert_eq!(
			Commitments::<Test>::get(1, commitment),
			Some(Commitment { at: 1, deposit: MODEL_DEPOSIT, bond: ACCOUNTABILITY_BOND })
		);
		// The flat record deposit: 1,000 + 10 × 925 bytes (the largest `ModelInfo`).
		assert_eq!(ModelInfo::<Test>::max_encoded_len(), 925);
		assert_eq!(Registry::registration_deposit(), DEPOSIT_BASE + DEPOSIT_PER_BYTE * 925);
		assert_eq!(Registry::registration_deposit(), MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::Deposit, 1), MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 4_000);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 4_000);

		next_block();
		let before = snapshot();
		assert_ok!(reveal(1, hash(1), vec![], 1_000, per_use(100)));
		// No balance, hold or freeze of anyone changed at the reveal.
		assert_eq!(changed(&before, &snapshot()), Vec::<u64>::new());
		let m = 1;
		let model = info(m);
		assert_eq!(model.deposit, MODEL_DEPOSIT);
		assert_eq!(
			last_event(),
			Event::ModelRegistered {
				model: m,
				owner: 1,
				content_hash: hash(1),
				share_supply: 1_000,
				depth: 0,
				deposit: MODEL_DEPOSIT,
				bond: ACCOUNTABILITY_BOND,
			}
		);
		assert_eq!((model.owner, model.depositor, model.bond_holder), (1, 1, 1));
		assert_eq!((model.bond, model.created_at, model.terms_version), (4_000, 2, 1));
		assert_eq!((model.depth, model.lineage_paths, model.latest_version), (0, 0, 0));
		assert_eq!(model.status, ModelStatus::Active);

		assert_eq!(held(HoldReason::Deposit, 1), MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 4_000);
		assert_eq!(reserved(1), MODEL_DEPOSIT + 4_000);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 4_000);
		assert_eq!(Commitments::<Test>::get(1, commitment), None);
		assert_eq!(DepositsOf::<Test>::get(m, 1), MODEL_DEPOSIT);
		assert_eq!(ModelByHash::<Test>::get(hash(1)), Some(m));
		assert!(OwnedModels::<Test>::contains_key(1, m));
		assert!(HeldModels::<Test>::contains_key(1, m));
		assert_eq!(shares(m, 1), 1_000);

		// Ids are sequential whoever registers.
		assert_eq!(register(2, 2, &[], 10, per_use(1)), 2);
		assert_eq!(register(3, 3, &[], 10, per_use(1)), 3);
		assert_eq!(NextModelId::<Test>::get(), 4);

		// A longer name costs nothing more: the deposit was priced for the largest record.
		commit_and_wait(4, hash(4));
		assert_ok!(Registry::register_model(
			signed(4),
			hash(4),
			salt(),
			meta("model0123456789"),
			vec![],
			vec![hash(200)],
			10,
			per_use(1),
		));
		assert_eq!(info(4).deposit, MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::Deposit, 4), MODEL_DEPOSIT);
	});
}

#[test]
fn a_copied_reveal_has_no_commitment() {
	test(|| {
		// Alice (1) commits; Eve (2) sees Alice's reveal in the pool and sends it as her own.
		commit_and_wait(1, hash(1));
		let eve = snapshot();
		assert_noop!(reveal(2, hash(1), vec![], 1_000, per_use(100)), Error::<Test>::NoCommitment);
		assert_ok!(reveal(1, hash(1), vec![], 1_000, per_use(100)));
		assert_eq!(info(1).owner, 1);
		assert_eq!(free(2), START);
		assert_eq!(snapshot().get(&2), eve.get(&2));
	});
}

#[test]
fn a_commitment_made_after_seeing_the_reveal_is_too_new_then_already_registered() {
	test(|| {
		commit_and_wait(1, hash(1));
		// Block 2: Alice's reveal is in the pool. Eve commits to the same content with her
		// own account and salt, and reveals in the same block, before and after Alice.
		let eve_salt = hash(0xee);
		let eve_commitment = commit(2, hash(1), eve_salt);
		let reveal_eve = || {
			Registry::register_model(
				signed(2),
				hash(1),
				eve_salt,
				meta("model"),
				vec![],
				vec![],
				1_000,
				per_use(100),
			)
		};
		assert_noop!(reveal_eve(), Error::<Test>::CommitmentTooNew);
		assert_ok!(reveal(1, hash(1), vec![], 1_000, per_use(100)));
		assert_noop!(reveal_eve(), Error::<Test>::CommitmentTooNew);
		// Block 3: Eve's commitment is old enough, but the hash is Alice's.
		next_block();
		assert_noop!(reveal_eve(), Error::<Test>::AlreadyRegistered);
		assert_eq!(info(1).owner, 1);
		assert_eq!(ModelByHash::<Test>::get(hash(1)), Some(1));
		// Eve gets her commitment's deposit and bond back and is where she started.
		assert_eq!(held(HoldReason::Deposit, 2), MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::AccountabilityBond, 2), 4_000);
		assert_ok!(Registry::cancel_commitment(signed(2), eve_commitment));
		assert_eq!(last_event(), Event::CommitmentCancelled { commitment: eve_commitment, who: 2 });
		assert_eq!((held(HoldReason::Deposit, 2), held(HoldReason::AccountabilityBond, 2)), (0, 0));
		assert_eq!(free(2), START);
	});
}

#[test]
fn a_reveal_needs_a_commitment_between_min_and_max_age() {
	test(|| {
		assert_noop!(reveal(1, hash(1), vec![], 10, per_use(1)), Error::<Test>::NoCommitment);
		commit(1, hash(1), salt());
		commit(1, hash(2), salt());
		// Same block: too new.
		assert_noop!(reveal(1, hash(1), vec![], 10, per_use(1)), Error::<Test>::CommitmentTooNew);
		// Age MaxCommitAge (100) is the last block a reveal is accepted.
		run_to(101);
		assert_ok!(reveal(1, hash(1), vec![], 10, per_use(1)));
		run_to(102);
		assert_noop!(reveal(1, hash(2), vec![], 10, per_use(1)), Error::<Test>::CommitmentExpired);
		// An expired commitment can only be cancelled, which returns its deposit and bond.
		assert_eq!(held(HoldReason::Deposit, 1), 2 * MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 2 * 4_000);
		assert_ok!(Registry::cancel_commitment(
			signed(1),
			Registry::commitment_of(&hash(2), &1, &salt())
		));
		assert_eq!(held(HoldReason::Deposit, 1), MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 4_000);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 4_000);
	});
}

#[test]
fn commitments_are_unique_per_committer_and_only_their_committer_cancels_them() {
	test(|| {
		let c = commit(1, hash(1), salt());
		assert_noop!(
			Registry::commit_registration(signed(1), c),
			Error::<Test>::DuplicateCommitment
		);
		// Another account has no such entry of its own to cancel.
		assert_noop!(Registry::cancel_commitment(signed(2), c), Error::<Test>::NoCommitment);
		assert_noop!(Registry::cancel_commitment(signed(1), hash(9)), Error::<Test>::NoCommitment);
		// An account that cannot pay the commitment deposit cannot commit.
		assert_noop!(
			Registry::commit_registration(signed(50), hash(9)),
			Error::<Test>::InsufficientBalance
		);
		assert_ok!(Registry::cancel_commitment(signed(1), c));
		assert_eq!(last_event(), Event::CommitmentCancelled { commitment: c, who: 1 });
		assert_eq!(Commitments::<Test>::get(1, c), None);
		assert_eq!((free(1), reserved(1)), (START, 0));
		// A cancelled commitment cannot be revealed.
		next_block();
		assert_noop!(reveal(1, hash(1), vec![], 10, per_use(1)), Error::<Test>::NoCommitment);
	});
}

#[test]
fn a_copied_commitment_blocks_nobody_opens_nothing_and_its_copier_pays_for_it() {
	test(|| {
		// Alice (1) has another registration pending, holding a deposit and a bond.
		commit(1, hash(2), salt());
		// Eve (2) copies the commitment Alice is about to send, and gets in first: the copy
		// holds Eve's own deposit and bond.
		let alices = Registry::commitment_of(&hash(1), &1, &salt());
		assert_ok!(Registry::commit_registration(signed(2), alices));
		assert_eq!(reserved(2), MODEL_DEPOSIT + 4_000);
		// The copy is Eve's own entry: Alice's commitment still goes in.
		assert_ok!(Registry::commit_registration(signed(1), alices));
		let entry = Commitment { at: 1, deposit: MODEL_DEPOSIT, bond: ACCOUNTABILITY_BOND };
		assert_eq!(Commitments::<Test>::get(1, alices), Some(entry));
		assert_eq!(Commitments::<Test>::get(2, alices), Some(entry));
		assert_eq!(reserved(1), 2 * (MODEL_DEPOSIT + 4_000));
		next_block();
		// Eve's copy opens nothing: it names Alice as the registrant, and Eve's reveal
		// recomputes the commitment with Eve's account.
		assert_noop!(reveal(2, hash(1), vec![], 10, per_use(1)), Error::<Test>::NoCommitment);
		// Alice reveals through her own entry; her other commitment is untouched.
		assert_ok!(reveal(1, hash(1), vec![], 10, per_use(1)));
		assert_eq!(info(1).owner, 1);
		assert_eq!(Commitments::<Test>::get(1, alices), None);
		assert!(Commitments::<Test>::contains_key(
			1,
			Registry::commitment_of(&hash(2), &1, &salt())
		));
		assert_ok!(reveal(1, hash(2), vec![], 10, per_use(1)));
		assert_eq!(held(HoldReason::Deposit, 1), 2 * MODEL_DEPOSIT);
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 2 * 4_000);
		assert_eq!(free(1), START - 2 * (MODEL_DEPOSIT + 4_000));
		// Eve's copy still holds her deposit and bond until she cancels it.
		assert_eq!(reserved(2), MODEL_DEPOSIT + 4_000);
		assert_ok!(Registry::cancel_commitment(signed(2), alices));
		assert_eq!(last_event(), Event::CommitmentCancelled { commitment: alices, who: 2 });
		assert_eq!((free(2), reserved(2)), (START, 0));
	});
}

#[test]
fn a_revealed_hash_cannot_be_registered_again() {
	test(|| {
		assert_eq!(register(1, 1, &[], 10, per_use(1)), 1);
		commit_and_wait(2, hash(1));
		assert_noop!(reveal(2, hash(1), vec![], 10, per_use(1)), Error::<Test>::AlreadyRegistered);
		// Not even by its owner, with a fresh commitment.
		commit(1, hash(1), hash(0x77));
		next_block();
		assert_noop!(
			Registry::register_model(
				signed(1),
				hash(1),
				hash(0x77),
				meta("model"),
				vec![],
				vec![],
				10,
				per_use(1)
			),
			Error::<Test>::AlreadyRegistered
		);
		assert_eq!(NextModelId::<Test>::get(), 2);
	});
}

#[test]
fn hashes_sharing_a_prefix_get_different_ids() {
	test(|| {
		let first = Hash::repeat_byte(7);
		let mut second = first;
		second.0[31] = 8;
		assert_eq!(first.0[..8], second.0[..8]);
		let a = register_with(1, first, vec![], 10, per_use(1));
		let b = register_with(2, second, vec![], 10, per_use(1));
		assert_eq!((a, b), (1, 2));
		assert_eq!(ModelByHash::<Test>::get(first), Some(1));
		assert_eq!(ModelByHash::<Test>::get(second), Some(2));
		assert_eq!(info(2).owner, 2);
	});
}

#[test]
fn malformed_registrations_fail_with_named_errors_and_store_nothing() {
	test(|| {
		commit_and_wait(2, hash(3));
		let with_meta = |m: Box<MetadataInput>, datasets: Vec<Hash>| {
			Registry::register_model(
				signed(2),
				hash(3),
				salt(),
				m,
				vec![],
				datasets,
				10,
				per_use(1),
			)
		};
		let mut long = meta("x");
		long.name = vec![b'a'; 65];
		assert_noop!(with_meta(long, vec![]), Error::<Test>::MetadataTooLong);
		let mut long_uri = meta("x");
		long_uri.uri = vec![b'a'; 65];
		assert_noop!(with_meta(long_uri, vec![]), Error::<Test>::MetadataTooLong);
		let mut many_tags = meta("x");
		many_tags.tags = vec![b"t".to_vec(); 5];
		assert_noop!(with_meta(many_tags, vec![]), Error::<Test>::MetadataTooLong);
		let mut long_tag = meta("x");
		long_tag.tags = vec![vec![b't'; 65]];
		assert_noop!(with_meta(long_tag, vec![]), Error::<Test>::MetadataTooLong);
		assert_noop!(with_meta(meta("x"), vec![hash(9); 5]), Error::<Test>::MetadataTooLong);
		assert_noop!(
			reveal(2, hash(3), vec![edge(1, 0); 5], 10, per_use(1)),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(reveal(2, hash(3), vec![], 0, per_use(1)), Error::<Test>::ZeroSupply);
		assert_noop!(reveal(2, hash(3), vec![], 10, per_use(0)), Error::<Test>::InvalidTerms);
		assert_noop!(
			reveal(2, hash(3), vec![], 10, subscription(5, 0)),
			Error::<Test>::InvalidTerms
		);
		assert_noop!(
			reveal(2, hash(3), vec![], 10, subscription(0, 5)),
			Error::<Test>::InvalidTerms
		);
		// A floor above MaxRoyaltyTotal (50%) could never be met.
		assert_noop!(
			reveal(2, hash(3), vec![], 10, per_use(1).floor(51)),
			Error::<Test>::RoyaltyTotalTooHigh
		);
		// The exact-length limits pass: a 64-byte name and four tags.
		let mut longest = meta("x");
		longest.name = vec![b'a'; 64];
		longest.tags = vec![b"t".to_vec(); 4];
		assert_ok!(with_meta(longest, vec![hash(9); 4]));
		assert_eq!(Models::<Test>::iter().count(), 1);
	});
}

#[test]
fn a_registrant_who_cannot_pay_the_deposit_and_bond_commits_nothing() {
	test(|| {
		// Account 50 has 14,000: the deposit (10,250) but not the bond on top (4,000).
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::mint_into(
			&50, 14_000
		));
		let c = Registry::commitment_of(&hash(1), &50, &salt());
		assert_noop!(
			Registry::commit_registration(signed(50), c),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(Commitments::<Test>::get(50, c), None);
		assert_eq!((free(50), reserved(50)), (14_000, 0));
		// With enough for both (and the existential deposit), it commits and registers.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::mint_into(&50, 260));
		commit_and_wait(50, hash(1));
		assert_ok!(reveal(50, hash(1), vec![], 10, per_use(1)));
		assert_eq!((free(50), reserved(50)), (10, MODEL_DEPOSIT + 4_000));
	});
}

// ------------------------------------------------------------------ lineage and royalties

#[test]
fn a_derivative_records_its_edges_depth_and_paths() {
	test(|| {
		let a = register(1, 1, &[], 10, free_terms().floor(10));
		let b = register(2, 2, &[], 10, free_terms().floor(5));
		let c = register_with(
			3,
			hash(3),
			vec![(a, Relation::Merge, percent(12)), (b, Relation::Adapter, percent(5))],
			10,
			per_use(1),
		);
		let model = info(c);
		assert_eq!(
			model.parents.to_vec(),
			vec![
				ParentEdge { model: a, relation: Relation::Merge, royalty: percent(12) },
				ParentEdge { model: b, relation: Relation::Adapter, royalty: percent(5) },
			]
		);
		assert_eq!((model.depth, model.lineage_paths), (1, 2));
		// The record deposit is flat: edges add nothing (it was priced for the largest record).
		assert_eq!(model.deposit, MODEL_DEPOSIT);
		assert!(matches!(
			last_event(),
			Event::ModelRegistered { model: 3, depth: 1, deposit: MODEL_DEPOSIT, .. }
		));
	});
}

#[test]
fn a_parent_that_forbids_derivatives_or_is_retired_cannot_be_named() {
	test(|| {
		let closed = register(1, 1, &[], 10, free_terms().no_derivatives());
		commit_and_wait(2, hash(2));
		assert_noop!(
			reveal(2, hash(2), vec![edge(closed, 0)], 10, per_use(1)),
			Error::<Test>::DerivativesNotAllowed
		);
		let retired = register(1, 3, &[], 10, free_terms());
		assert_ok!(Registry::set_model_status(gov(retired), retired, ModelStatus::Retired));
		assert_noop!(
			reveal(2, hash(2), vec![edge(retired, 0)], 10, per_use(1)),
			Error::<Test>::DerivativesNotAllowed
		);
	});
}

#[test]
fn royalties_below_the_floor_or_above_the_total_fail() {
	test(|| {
		let a = register(1, 1, &[], 10, free_terms().floor(30));
		let b = register(1, 2, &[], 10, free_terms().floor(10));
		commit_and_wait(2, hash(3));
		assert_noop!(
			reveal(2, hash(3), vec![edge(a, 29)], 10, per_use(1)),
			Error::<Test>::RoyaltyBelowFloor
		);
		// 30% + 21% > 50%.
		assert_noop!(
			reveal(2, hash(3), vec![edge(a, 30), edge(b, 21)], 10, per_use(1)),
			Error::<Test>::RoyaltyTotalTooHigh
		);
		// A single edge above 50% fails too.
		assert_noop!(
			reveal(2, hash(3), vec![edge(a, 51)], 10, per_use(1)),
			Error::<Test>::RoyaltyTotalTooHigh
		);
		// Exactly 50% is allowed.
		assert_ok!(reveal(2, hash(3), vec![edge(a, 30), edge(b, 20)], 10, per_use(1)));
		assert_eq!(
			info(3).parents.iter().map(|e| e.royalty).collect::<Vec<_>>(),
			vec![percent(30), percent(20)]
		);
	});
}

#[test]
fn a_paid_parent_needs_a_licence_a_free_parent_does_not() {
	test(|| {
		let paid = register(1, 1, &[], 10, per_use(100));
		let open = register(1, 2, &[], 10, free_terms());
		commit_and_wait(2, hash(3));
		assert_noop!(
			reveal(2, hash(3), vec![edge(paid, 0)], 10, per_use(1)),
			Error::<Test>::ParentLicenseRequired
		);
		assert_noop!(
			reveal(2, hash(3), vec![edge(open, 0), edge(paid, 0)], 10, per_use(1)),
			Error::<Test>::ParentLicenseRequired
		);
		// A spent licence does not count either.
		buy(2, paid, 1);
		assert_ok!(Registry::record_use(signed(1), paid, 2, 1));
		assert_noop!(
			reveal(2, hash(3), vec![edge(paid, 0)], 10, per_use(1)),
			Error::<Test>::ParentLicenseRequired
		);
		buy(2, paid, 1);
		assert_ok!(reveal(2, hash(3), vec![edge(open, 0), edge(paid, 0)], 10, per_use(1)));
		// A free parent alone needs nothing.
		assert_eq!(register(3, 4, &[(open, 0)], 10, per_use(1)), 4);
	});
}

#[test]
fn duplicate_and_unknown_parents_fail() {
	test(|| {
		let a = register(1, 1, &[], 10, free_terms());
		commit_and_wait(2, hash(2));
		assert_noop!(
			reveal(
				2,
				hash(2),
				vec![(a, Relation::Merge, percent(1)), (a, Relation::Adapter, percent(1))],
				10,
				per_use(1)
			),
			Error::<Test>::DuplicateParent
		);
		assert_noop!(
			reveal(2, hash(2), vec![edge(77, 0)], 10, per_use(1)),
			Error::<Test>::UnknownParent
		);
		// The id the registration would get does not exist yet.
		assert_noop!(
			reveal(2, hash(2), vec![edge(2, 0)], 10, per_use(1)),
			Error::<Test>::UnknownParent
		);
	});
}

#[test]
fn lineage_depth_and_paths_are_bounded() {
	test(|| {
		// MaxLineageDepth = 4: a chain of five models is the limit (depths 0..=4).
		let mut parent = register(1, 1, &[], 10, free_terms());
		for n in 2..=5u8 {
			parent = register(1, n, &[(parent, 0)], 10, free_terms());
		}
		assert_eq!((info(parent).depth, info(parent).lineage_paths), (4, 4));
		commit_and_wait(1, hash(6));
		assert_noop!(
			reveal(1, hash(6), vec![edge(parent, 0)], 10, per_use(1)),
			Error::<Test>::LineageTooDeep
		);
		// Depth 3 has 3 paths, depth 4 has 4 (MaxLineagePaths = 8).
		let three = 4; // depth 3, 3 paths
		let four = 5; // depth 4, 4 paths
		assert_eq!(info(three).lineage_paths, 3);
		let side = register(2, 10, &[], 10, free_terms());
		// A merge of `three` (3 paths) and a base model: (3 + 1) + (0 + 1) = 5 paths.
		let merge = register(2, 11, &[(three, 0), (side, 0)], 10, free_terms());
		assert_eq!((info(merge).depth, info(merge).lineage_paths), (4, 5));
		commit_and_wait(2, hash(12));
		assert_noop!(
			reveal(2, hash(12), vec![edge(three, 0), edge(four, 0)], 10, per_use(1)),
			Error::<Test>::LineageTooDeep
		);
		// Two parents at depth 3 (3 paths each): depth 4 but 4 + 4 = 8 paths, the limit.
		let other = register(2, 13, &[(3, 0)], 10, free_terms());
		assert_eq!((info(other).depth, info(other).lineage_paths), (3, 3));
		assert_ok!(reveal(2, hash(12), vec![edge(three, 0), edge(other, 0)], 10, per_use(1)));
		let wide = NextModelId::<Test>::get() - 1;
		assert_eq!((info(wide).depth, info(wide).lineage_paths), (4, 8));
		// One more base parent on top would make 9 paths.
		let base = register(3, 14, &[], 10, free_terms());
		commit_and_wait(3, hash(15));
		assert_noop!(
			reveal(
				3,
				hash(15),
				vec![edge(three, 0), edge(other, 0), edge(base, 0)],
				10,
				per_use(1)
			),
			Error::<Test>::TooManyAncestors
		);
	});
}

// ------------------------------------------------------------------ versions

#[test]
fn versions_go_up_by_exactly_one() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let publish_n =
			|n: ModelVersion| Registry::publish_version(signed(1), m, n, hash(50), None, vec![]);
		assert_noop!(publish_n(2), Error::<Test>::VersionNotSequential);
		assert_noop!(publish_n(u32::MAX), Error::<Test>::VersionNotSequential);
		assert_noop!(publish_n(0), Error::<Test>::VersionNotSequential);
		assert_ok!(publish_n(1));
		assert_noop!(publish_n(1), Error::<Test>::VersionNotSequential);
		assert_noop!(publish_n(3), Error::<Test>::VersionNotSequential);
		assert_ok!(publish_n(2));
		assert_eq!(info(m).latest_version, 2);
		assert_eq!(
			Registry::model_summary(m)
				.unwrap()
				.versions
				.iter()
				.map(|v| v.number)
				.collect::<Vec<_>>(),
			vec![1, 2]
		);
	});
}

#[test]
fn the_signing_owner_pays_the_version_deposit() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		assert_ok!(Registry::publish_version(signed(1), m, 1, hash(50), None, vec![]));
		let v = Versions::<Test>::get(m, 1).unwrap();
		// 63 bytes: hash 32, no changelog 1, no contributors 1, block 4, deposit 16, payer 9.
		assert_eq!(v.encoded_size(), 63);
		assert_eq!(v.deposit, deposit_of(v.encoded_size()));
		assert_eq!((v.deposit, v.depositor, v.published_at), (VERSION_DEPOSIT, Some(1), 2));
		assert_eq!(
			last_event(),
			Event::VersionPublished {
				model: m,
				version: 1,
				content_hash: hash(50),
				contributors: 0,
				deposit: 1_630
			}
		);
		// A changelog (+32) and two contributors (+24): 119 bytes.
		assert_ok!(Registry::publish_version(
			signed(1),
			m,
			2,
			hash(51),
			Some(hash(52)),
			vec![(3, 1), (4, 2)]
		));
		let v2 = Versions::<Test>::get(m, 2).unwrap();
		assert_eq!(v2.deposit, 2_190);
		assert_eq!(v2.contributors.to_vec(), vec![(3, 1), (4, 2)]);
		assert_eq!(DepositsOf::<Test>::get(m, 1), MODEL_DEPOSIT + 1_630 + 2_190);
		assert_eq!(held(HoldReason::Deposit, 1), MODEL_DEPOSIT + 1_630 + 2_190);
		assert_eq!(free(1), START - MODEL_DEPOSIT - 1_630 - 2_190 - 4_000);
		// Contributors hold nothing.
		assert_eq!((free(3), reserved(3), free(4), reserved(4)), (START, 0, START, 0));
	});
}

#[test]
fn only_managers_publish_valid_contributor_lists() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let other = register(2, 2, &[], 10, per_use(1));
		assert_noop!(
			Registry::publish_version(signed(2), m, 1, hash(50), None, vec![]),
			Error::<Test>::NotModelManager
		);
		assert_noop!(
			Registry::publish_version(gov(other), m, 1, hash(50), None, vec![]),
			Error::<Test>::NotModelManager
		);
		assert_noop!(
			Registry::publish_version(RuntimeOrigin::root(), m, 1, hash(50), None, vec![]),
			Error::<Test>::NotModelManager
		);
		assert_noop!(
			Registry::publish_version(signed(1), 99, 1, hash(50), None, vec![]),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Registry::publish_version(gov(99), 99, 1, hash(50), None, vec![]),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Registry::publish_version(signed(1), m, 1, hash(50), None, vec![(3, 0)]),
			Error::<Test>::InvalidContributors
		);
		assert_noop!(
			Registry::publish_version(signed(1), m, 1, hash(50), None, vec![(3, 1), (3, 2)]),
			Error::<Test>::InvalidContributors
		);
		assert_noop!(
			Registry::publish_version(
				signed(1),
				m,
				1,
				hash(50),
				None,
				(10..19).map(|a| (a, 1)).collect()
			),
			Error::<Test>::MetadataTooLong
		);
		assert_ok!(Registry::set_model_status(gov(m), m, ModelStatus::Retired));
		assert_noop!(
			Registry::publish_version(signed(1), m, 1, hash(50), None, vec![]),
			Error::<Test>::ModelRetired
		);
	});
}

#[test]
fn governance_publishes_without_a_deposit_and_takes_nothing_from_anyone() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let before = snapshot();
		assert_ok!(Registry::publish_version(gov(m), m, 1, hash(50), None, vec![(3, 1)]));
		assert_ok!(Registry::publish_version(gov(m), m, 2, hash(51), Some(hash(52)), vec![]));
		assert_eq!(changed(&before, &snapshot()), Vec::<u64>::new());
		let v = Versions::<Test>::get(m, 1).unwrap();
		assert_eq!((v.deposit, v.depositor), (0, None));
		assert_eq!(
			last_event(),
			Event::VersionPublished {
				model: m,
				version: 2,
				content_hash: hash(51),
				contributors: 0,
				deposit: 0
			}
		);
		assert_eq!(DepositsOf::<Test>::get(m, 1), MODEL_DEPOSIT);
		assert_eq!(DepositsOf::<Test>::iter_prefix(m).count(), 1);
		assert_eq!(info(m).latest_version, 2);
	});
}

#[test]
fn a_dao_cannot_hold_a_strangers_funds_by_making_it_owner() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let victim = 7;
		let before = snapshot();
		assert_ok!(Registry::set_model_owner(gov(m), m, victim));
		assert_eq!(last_event(), Event::OwnerChanged { model: m, owner: victim });
		for n in 1..=3 {
			assert_ok!(Registry::publish_version(gov(m), m, n, hash(50 + n as u8), None, vec![]));
		}
		// Nothing moved for anyone: not the victim, not the old owner, not the DAO account.
		assert_eq!(changed(&before, &snapshot()), Vec::<u64>::new());
		assert_eq!((free(victim), reserved(victim)), (START, 0));
		for reason in
			[HoldReason::Deposit, HoldReason::IncidentBond, HoldReason::AccountabilityBond]
		{
			assert_eq!(held(reason, victim), 0);
		}
		assert_eq!(DepositsOf::<Test>::get(m, victim), 0);
		// The bond stays with whoever posted it.
		assert_eq!((info(m).bond_holder, info(m).bond), (1, 4_000));
	});
}

// ------------------------------------------------------------------ status and management

#[test]
fn the_owner_deprecates_and_reactivates_only_governance_retires_and_retirement_is_final() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		assert_ok!(Registry::set_model_status(signed(1), m, ModelStatus::Deprecated));
		assert_eq!(
			last_event(),
			Event::StatusChanged { model: m, status: ModelStatus::Deprecated }
		);
		// A deprecated model still sells.
		buy(2, m, 1);
		assert_ok!(Registry::set_model_status(signed(1), m, ModelStatus::Active));
		assert_eq!(info(m).status, ModelStatus::Active);
		assert_noop!(
			Registry::set_model_status(signed(1), m, ModelStatus::Retired),
			Error::<Test>::GovernanceRequired
		);
		assert_noop!(
			Registry::set_model_status(signed(2), m, ModelStatus::Deprecated),
			Error::<Test>::NotModelManager
		);
		assert_noop!(
			Registry::set_model_status(gov(m + 1), m, ModelStatus::Retired),
			Error::<Test>::NotModelManager
		);
		assert_ok!(Registry::set_model_status(gov(m), m, ModelStatus::Retired));
		assert_eq!(last_event(), Event::StatusChanged { model: m, status: ModelStatus::Retired });
		assert_noop!(
			Registry::set_model_status(gov(m), m, ModelStatus::Active),
			Error::<Test>::StatusFinal
		);
		assert_noop!(
			Registry::set_model_status(signed(1), m, ModelStatus::Deprecated),
			Error::<Test>::StatusFinal
		);
		assert_noop!(
			Registry::set_model_status(gov(m), m, ModelStatus::Retired),
			Error::<Test>::StatusFinal
		);
		assert_noop!(Registry::purchase_license(signed(3), m, 1, 1), Error::<Test>::ModelRetired);
		// The licence bought before retirement stays valid.
		assert!(Registry::has_valid_license(m, &2));
	});
}

#[test]
fn only_governance_hands_the_model_over() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		let other = register(2, 2, &[], 10, per_use(1));
		assert_noop!(Registry::set_model_owner(signed(1), m, 5), Error::<Test>::GovernanceRequired);
		assert_noop!(
			Registry::set_model_owner(gov(other), m, 5),
			Error::<Test>::GovernanceRequired
		);
		assert_noop!(
			Registry::set_model_owner(RuntimeOrigin::root(), m, 5),
			Error::<Test>::GovernanceRequired
		);
		assert_noop!(Registry::set_model_owner(gov(99), 99, 5), Error::<Test>::UnknownModel);
		assert_ok!(Registry::set_model_owner(gov(m), m, 5));
		assert_eq!(last_event(), Event::OwnerChanged { model: m, owner: 5 });
		assert!(!OwnedModels::<Test>::contains_key(1, m));
		assert!(OwnedModels::<Test>::contains_key(5, m));
		assert!(OwnedModels::<Test>::contains_key(2, other));
		// The old owner manages nothing; the new one does. Deposit and bond stay put.
		assert_noop!(
			Registry::set_model_status(signed(1), m, ModelStatus::Deprecated),
			Error::<Test>::NotModelManager
		);
		assert_ok!(Registry::set_model_status(signed(5), m, ModelStatus::Deprecated));
		assert_eq!((info(m).depositor, info(m).bond_holder), (1, 1));
		assert_eq!(held(HoldReason::Deposit, 1), MODEL_DEPOSIT);
		// Shares do not move with management.
		assert_eq!((shares(m, 1), shares(m, 5)), (10, 0));
	});
}

// ------------------------------------------------------------------ ownership disputes

#[test]
fn root_reassigns_a_squatted_model_and_slashes_the_squatter() {
	test(|| {
		// Squatter 2 registers content that is 1's, publishes a version, sells shares.
		let m = register(2, 1, &[], 1_000, per_use(1_000));
		publish(2, m, 1);
		assert_ok!(Registry::transfer_shares(signed(2), m, 3, 100));
		buy(4, m, 1); // 1 per share: 900 to the squatter, 100 to 3
		assert_ok!(Registry::transfer_shares(signed(2), m, 5, 100)); // settles 900
		buy(4, m, 1); // 800 more to the squatter
		assert_eq!(Holdings::<Test>::get(m, 2).unwrap().unclaimed, 900);
		assert_eq!(Registry::claimable_revenue(m, &2), 1_700);
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &2, *b"dao/vote", 800));
		// The squatter names an operator, who could meter (spend) licensees' uses.
		assert_ok!(Registry::set_operator(signed(2), m, 6, true));
		assert_eq!(info(m).operators, 1);
		assert_eq!(held(HoldReason::Deposit, 2), MODEL_DEPOSIT + 1_630);
		assert_eq!(free(2), START - MODEL_DEPOSIT - 1_630 - 4_000);

		let evidence = hash(0xe0);
		assert_noop!(
			Registry::resolve_ownership_dispute(signed(1), m, 1, evidence),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::resolve_ownership_dispute(gov(m), m, 1, evidence),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::resolve_ownership_dispute(RuntimeOrigin::root(), m, 2, evidence),
			Error::<Test>::SameOwner
		);
		assert_noop!(
			Registry::resolve_ownership_dispute(RuntimeOrigin::root(), 99, 1, evidence),
			Error::<Test>::UnknownModel
		);

		let vault_before = vault();
		assert_ok!(Registry::resolve_ownership_dispute(RuntimeOrigin::root(), m, 1, evidence));
		assert_eq!(
			last_event(),
			Event::OwnershipReassigned {
				model: m,
				from: 2,
				to: 1,
				evidence_hash: evidence,
				shares_moved: 800,
				slashed: MODEL_DEPOSIT + 1_630 + 4_000,
			}
		);
		assert!(emitted(Event::ShareLockRemoved { model: m, who: 2, id: *b"dao/vote" }));
		assert!(emitted(Event::SharesTransferred { model: m, from: 2, to: 1, amount: 800 }));
		// The treasury has the squatter's deposits and bond; the squatter nothing more.
		assert_eq!(free(TREASURY), (MODEL_DEPOSIT + 1_630 + 4_000));
		assert_eq!(reserved(2), 0);
		assert_eq!(free(2), START - (MODEL_DEPOSIT + 1_630 + 4_000));
		assert_eq!(DepositsOf::<Test>::get(m, 2), 0);
		// Shares, unclaimed revenue and management went to the claimant; locks are gone.
		assert_eq!((shares(m, 2), shares(m, 1), shares(m, 3), shares(m, 5)), (0, 800, 100, 100));
		assert_eq!(Registry::claimable_revenue(m, &2), 0);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_700);
		assert_eq!(Registry::claimable_revenue(m, &3), 200);
		assert_eq!(Registry::claimable_revenue(m, &5), 100);
		assert_eq!(ShareLocks::<Test>::get(m, 2).len(), 0);
		// Lending (the hook) is told the squatter's shares and locks are gone, once.
		assert_eq!(MockForfeits::calls(), vec![(m, 2)]);
		assert!(!HeldModels::<Test>::contains_key(2, m));
		assert!(HeldModels::<Test>::contains_key(1, m));
		assert!(!OwnedModels::<Test>::contains_key(2, m));
		assert!(OwnedModels::<Test>::contains_key(1, m));
		let model = info(m);
		assert_eq!((model.owner, model.depositor, model.bond_holder), (1, 1, 1));
		assert_eq!((model.deposit, model.bond), (0, 0));
		// The squatter's operator is gone, and can record no use.
		assert_eq!(model.operators, 0);
		assert!(!Operators::<Test>::contains_key(m, 6));
		assert_noop!(Registry::record_use(signed(6), m, 4, 1), Error::<Test>::NotOperator);
		// The vault did not pay anything out.
		assert_eq!(vault(), vault_before);
		// The squatter can no longer manage it; the claimant claims and posts a bond.
		assert_noop!(
			Registry::publish_version(signed(2), m, 2, hash(9), None, vec![]),
			Error::<Test>::NotModelManager
		);
		assert_ok!(Registry::claim_revenue(signed(1), m));
		assert_eq!(free(1), START + 1_700);
		assert_noop!(Registry::purchase_license(signed(4), m, 1, 1_000), Error::<Test>::BondTooLow);
		assert_ok!(Registry::post_bond(signed(1), m));
		assert_eq!(held(HoldReason::AccountabilityBond, 1), 4_000);
		buy(4, m, 1);
	});
}

#[test]
fn a_dispute_leaves_a_bond_posted_by_someone_else_alone() {
	test(|| {
		// Squatter 2's bond is spent by an upheld critical report; the owner governance
		// named (6) posts a new one. The dispute slashes only what the squatter holds.
		let m = register(2, 1, &[], 10, per_use(1));
		let id = report(4, m, None, Severity::Critical);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), id, true));
		assert_eq!(info(m).bond, 0);
		assert_ok!(Registry::set_model_owner(gov(m), m, 6));
		assert_ok!(Registry::post_bond(signed(6), m));
		assert_eq!((info(m).bond_holder, info(m).bond), (6, 4_000));
		assert_ok!(Registry::resolve_ownership_dispute(RuntimeOrigin::root(), m, 1, hash(0xe0)));
		assert!(matches!(
			last_event(),
			Event::OwnershipReassigned { slashed: MODEL_DEPOSIT, shares_moved: 10, .. }
		));
		assert_eq!(free(TREASURY), MODEL_DEPOSIT);
		assert_eq!((info(m).bond_holder, info(m).bond), (6, 4_000));
		assert_eq!(held(HoldReason::AccountabilityBond, 6), 4_000);
		// The owner governance named loses management to the claimant.
		assert!(!OwnedModels::<Test>::contains_key(6, m));
		assert_eq!(info(m).owner, 1);
	});
}
