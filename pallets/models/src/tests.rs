//! Unit tests of the models pallet. Each test ends with the pallet's invariants
//! (`mock::test` runs `do_try_state`), and asserts exact amounts.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate::{mock::*, *};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::Currency as _};
use sp_runtime::{DispatchError, FixedU128, TokenError};

fn hash(n: u8) -> Hash {
	Hash::repeat_byte(n)
}

fn id(n: u8) -> ModelId {
	u64::from_le_bytes([n; 8])
}

fn meta(name: &str) -> Box<MetadataInput> {
	Box::new(MetadataInput {
		name: name.as_bytes().to_vec(),
		uri: b"ipfs://bafy".to_vec(),
		license_id: b"openrail".to_vec(),
		license_hash: None,
		tags: vec![b"llm".to_vec()],
	})
}

fn per_use(price: u128, royalty_percent: u32, contributors_percent: u32) -> LicenseTerms {
	LicenseTerms {
		kind: LicenseKind::PerUse { price },
		commercial_use: true,
		derivatives_allowed: true,
		ancestor_royalty: Permill::from_percent(royalty_percent),
		contributor_share: Permill::from_percent(contributors_percent),
		restrictions_hash: None,
	}
}

fn register_with(
	who: u64,
	n: u8,
	parents: Vec<(ModelId, Relation)>,
	supply: u128,
	terms: LicenseTerms,
) -> DispatchResult {
	Registry::register_model(
		RuntimeOrigin::signed(who),
		hash(n),
		meta("model"),
		parents,
		vec![hash(200)],
		supply,
		terms,
	)
}

fn register(who: u64, n: u8, parents: Vec<ModelId>, supply: u128, terms: LicenseTerms) -> ModelId {
	assert_ok!(register_with(
		who,
		n,
		parents.into_iter().map(|p| (p, Relation::Finetune)).collect(),
		supply,
		terms
	));
	id(n)
}

fn free(who: u64) -> u128 {
	Balances::free_balance(who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Registry(e) = r.event { Some(e) } else { None })
		.next_back()
		.expect("a models event")
}

fn models_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Registry(e) = r.event { Some(e) } else { None })
		.collect()
}

// ---------------------------------------------------------------- registry

#[test]
fn register_mints_supply_reserves_deposit_by_bytes_and_emits() {
	test(|| {
		let m = register(1, 1, vec![], 1_000, per_use(100, 0, 0));
		let info = Registry::models(m);
		assert_eq!(info.share_supply, 1_000);
		assert_eq!(Holdings::<Test>::get(m, 1).unwrap().shares, 1_000);
		let bytes = info.encoded_size() as u128;
		let deposit = DEPOSIT_BASE + DEPOSIT_PER_BYTE * bytes;
		assert_eq!(info.deposit, deposit);
		assert_eq!(Balances::reserved_balance(1), deposit);
		assert_eq!(free(1), 1_000_000 - deposit);
		assert_eq!(
			last_event(),
			Event::ModelRegistered {
				model: m,
				owner: 1,
				content_hash: hash(1),
				share_supply: 1_000,
				depth: 0,
				deposit
			}
		);

		// Ten more bytes of name cost exactly ten more bytes of deposit.
		assert_ok!(Registry::register_model(
			RuntimeOrigin::signed(2),
			hash(2),
			meta("model0123456789"),
			vec![],
			vec![hash(200)],
			1_000,
			per_use(100, 0, 0),
		));
		assert_eq!(Balances::reserved_balance(2), deposit + 10 * DEPOSIT_PER_BYTE);
	});
}

impl Registry {
	fn models(m: ModelId) -> ModelInfo<Test> {
		Models::<Test>::get(m).expect("model exists")
	}
}

#[test]
fn model_id_is_the_content_hash_prefix() {
	test(|| {
		let mut h = Hash::zero();
		h.0[..8].copy_from_slice(&42u64.to_le_bytes());
		h.0[31] = 7;
		assert_eq!(Registry::model_id_of(&h), 42);
	});
}

#[test]
fn bad_registrations_fail_with_named_errors_and_store_nothing() {
	test(|| {
		let base = register(1, 1, vec![], 1_000, per_use(100, 0, 0));
		let reserved = Balances::reserved_balance(2);
		// Unknown parent.
		assert_noop!(
			register_with(2, 2, vec![(id(77), Relation::Adapter)], 10, per_use(1, 0, 0)),
			Error::<Test>::UnknownParent
		);
		// A model naming itself: the only cycle an append-only DAG can be asked for.
		assert_noop!(
			register_with(2, 2, vec![(id(2), Relation::Merge)], 10, per_use(1, 0, 0)),
			Error::<Test>::LineageCycle
		);
		assert_noop!(
			register_with(
				2,
				2,
				vec![(base, Relation::Merge), (base, Relation::Adapter)],
				10,
				per_use(1, 0, 0)
			),
			Error::<Test>::DuplicateParent
		);
		// Already registered.
		assert_noop!(
			register_with(2, 1, vec![], 10, per_use(1, 0, 0)),
			Error::<Test>::AlreadyRegistered
		);
		// Metadata too long: a 65-byte name, five tags, five parents, five datasets.
		let mut long = meta("x");
		long.name = vec![b'a'; 65];
		assert_noop!(
			Registry::register_model(
				RuntimeOrigin::signed(2),
				hash(3),
				long,
				vec![],
				vec![],
				10,
				per_use(1, 0, 0)
			),
			Error::<Test>::MetadataTooLong
		);
		let mut many_tags = meta("x");
		many_tags.tags = vec![b"t".to_vec(); 5];
		assert_noop!(
			Registry::register_model(
				RuntimeOrigin::signed(2),
				hash(3),
				many_tags,
				vec![],
				vec![],
				10,
				per_use(1, 0, 0)
			),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			Registry::register_model(
				RuntimeOrigin::signed(2),
				hash(3),
				meta("x"),
				vec![],
				vec![hash(9); 5],
				10,
				per_use(1, 0, 0)
			),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(register_with(2, 3, vec![], 0, per_use(1, 0, 0)), Error::<Test>::ZeroSupply);
		assert_noop!(
			register_with(2, 3, vec![], 10, per_use(0, 0, 0)),
			Error::<Test>::InvalidTerms
		);
		let mut zero_period = per_use(1, 0, 0);
		zero_period.kind = LicenseKind::Subscription { price: 5, period: 0 };
		assert_noop!(register_with(2, 3, vec![], 10, zero_period), Error::<Test>::InvalidTerms);
		// Cannot pay the deposit.
		assert_noop!(
			register_with(50, 3, vec![], 10, per_use(1, 0, 0)),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(Balances::reserved_balance(2), reserved);
		assert_eq!(Models::<Test>::iter().count(), 1);
	});
}

#[test]
fn lineage_depth_and_paths_are_bounded() {
	test(|| {
		// MaxLineageDepth = 4: a chain of five models is the limit (depths 0..=4).
		let mut parent = register(1, 1, vec![], 10, per_use(1, 0, 0));
		for n in 2..=5u8 {
			parent = register(1, n, vec![parent], 10, per_use(1, 0, 0));
		}
		assert_eq!(Registry::models(parent).depth, 4);
		assert_noop!(
			register_with(1, 6, vec![(parent, Relation::Quantized)], 10, per_use(1, 0, 0)),
			Error::<Test>::LineageTooDeep
		);
		// MaxLineagePaths = 8: parents with 3 and 6 paths give 4 + 7 = 11.
		let a = register(2, 10, vec![], 10, per_use(1, 0, 0));
		let b = register(2, 11, vec![a], 10, per_use(1, 0, 0));
		let c = register(2, 12, vec![b], 10, per_use(1, 0, 0));
		assert_eq!(Registry::models(c).lineage_paths, 2);
		let m = register(2, 13, vec![c, id(3)], 10, per_use(1, 0, 0));
		assert_eq!(Registry::models(m).lineage_paths, 3 + 3);
		assert_eq!(Registry::models(m).depth, 3);
		assert_noop!(
			register_with(
				2,
				14,
				vec![(id(4), Relation::Merge), (m, Relation::Merge)],
				10,
				per_use(1, 0, 0)
			),
			Error::<Test>::TooManyAncestors
		);
	});
}

#[test]
fn parents_that_forbid_derivatives_or_are_retired_cannot_be_named() {
	test(|| {
		let mut closed = per_use(100, 0, 0);
		closed.derivatives_allowed = false;
		let a = register(1, 1, vec![], 10, closed);
		assert_noop!(
			register_with(2, 2, vec![(a, Relation::Finetune)], 10, per_use(1, 0, 0)),
			Error::<Test>::DerivativesNotAllowed
		);
		let b = register(1, 3, vec![], 10, per_use(1, 0, 0));
		assert_ok!(Registry::set_model_status(RuntimeOrigin::signed(1), b, ModelStatus::Retired));
		assert_noop!(
			register_with(2, 2, vec![(b, Relation::Finetune)], 10, per_use(1, 0, 0)),
			Error::<Test>::DerivativesNotAllowed
		);
	});
}

#[test]
fn versions_increase_reserve_a_deposit_and_only_managers_publish() {
	test(|| {
		let m = register(1, 1, vec![], 10, per_use(1, 0, 0));
		assert_noop!(
			Registry::publish_version(RuntimeOrigin::signed(2), m, 1, hash(50), None, vec![]),
			Error::<Test>::NotModelManager
		);
		// Another model's governance cannot publish either.
		assert_noop!(
			Registry::publish_version(
				RuntimeOrigin::signed(GOVERNANCE_BASE + m + 1),
				m,
				1,
				hash(50),
				None,
				vec![]
			),
			Error::<Test>::NotModelManager
		);
		let reserved = Balances::reserved_balance(1);
		assert_ok!(Registry::publish_version(
			RuntimeOrigin::signed(1),
			m,
			1,
			hash(50),
			Some(hash(51)),
			vec![(3, 1), (4, 2)]
		));
		let v = Versions::<Test>::get(m, 1).unwrap();
		assert_eq!(v.content_hash, hash(50));
		assert_eq!(v.deposit, DEPOSIT_BASE + DEPOSIT_PER_BYTE * v.encoded_size() as u128);
		assert_eq!(Balances::reserved_balance(1), reserved + v.deposit);
		assert_noop!(
			Registry::publish_version(RuntimeOrigin::signed(1), m, 1, hash(52), None, vec![]),
			Error::<Test>::VersionNotIncreasing
		);
		assert_noop!(
			Registry::publish_version(RuntimeOrigin::signed(1), m, 3, hash(52), None, vec![(3, 0)]),
			Error::<Test>::InvalidContributors
		);
		assert_noop!(
			Registry::publish_version(
				RuntimeOrigin::signed(1),
				m,
				3,
				hash(52),
				None,
				vec![(3, 1), (3, 1)]
			),
			Error::<Test>::InvalidContributors
		);
		// The model's own governance publishes; the owner pays the deposit.
		assert_ok!(Registry::publish_version(
			RuntimeOrigin::signed(GOVERNANCE_BASE + m),
			m,
			5,
			hash(53),
			None,
			vec![]
		));
		assert_eq!(Registry::models(m).latest_version, 5);
		assert_eq!(
			Registry::model_summary(m)
				.unwrap()
				.versions
				.iter()
				.map(|v| v.number)
				.collect::<Vec<_>>(),
			vec![1, 5]
		);
	});
}

#[test]
fn status_changes_and_retirement_is_final() {
	test(|| {
		let m = register(1, 1, vec![], 10, per_use(1, 0, 0));
		assert_ok!(Registry::set_model_status(
			RuntimeOrigin::signed(1),
			m,
			ModelStatus::Deprecated
		));
		assert_eq!(
			last_event(),
			Event::StatusChanged { model: m, status: ModelStatus::Deprecated }
		);
		// Deprecated models still sell licenses.
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 1, 1));
		assert_ok!(Registry::set_model_status(RuntimeOrigin::signed(1), m, ModelStatus::Retired));
		assert_noop!(
			Registry::set_model_status(RuntimeOrigin::signed(1), m, ModelStatus::Active),
			Error::<Test>::StatusFinal
		);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(2), m, 1, 1),
			Error::<Test>::ModelRetired
		);
		assert_noop!(
			Registry::publish_version(RuntimeOrigin::signed(1), m, 1, hash(9), None, vec![]),
			Error::<Test>::ModelRetired
		);
		// The license bought before retirement stays valid.
		assert!(Registry::has_valid_license(m, &2));
	});
}

#[test]
fn owner_can_hand_over_management() {
	test(|| {
		let m = register(1, 1, vec![], 10, per_use(1, 0, 0));
		assert_ok!(Registry::set_model_owner(RuntimeOrigin::signed(1), m, 5));
		assert_eq!(last_event(), Event::OwnerChanged { model: m, owner: 5 });
		assert_noop!(
			Registry::set_model_status(RuntimeOrigin::signed(1), m, ModelStatus::Deprecated),
			Error::<Test>::NotModelManager
		);
		assert_ok!(Registry::set_model_status(
			RuntimeOrigin::signed(5),
			m,
			ModelStatus::Deprecated
		));
		// The deposit stays with the registrant.
		assert_eq!(Registry::models(m).depositor, 1);
	});
}

// ---------------------------------------------------------------- shares

#[test]
fn shares_transfer_and_history_answers_past_balances() {
	test(|| {
		let m = register(1, 1, vec![], 1_000, per_use(1, 0, 0));
		System::set_block_number(5);
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 300));
		assert_eq!(
			last_event(),
			Event::SharesTransferred { model: m, from: 1, to: 2, amount: 300 }
		);
		// A second transfer in the same block adds no history entry.
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 100));
		System::set_block_number(9);
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(2), m, 3, 50));
		assert_eq!(Holdings::<Test>::get(m, 1).unwrap().history_len, 1);
		assert_eq!(Holdings::<Test>::get(m, 2).unwrap().history_len, 2);

		let at = |who, b| <Registry as ModelShares<u64>>::balance_at(m, &who, b);
		assert_eq!(at(1, 0), 0, "before registration nobody held shares");
		assert_eq!(at(1, 1), 1_000);
		assert_eq!(at(1, 4), 1_000);
		assert_eq!(at(1, 5), 600);
		assert_eq!(at(1, 100), 600);
		assert_eq!(at(2, 4), 0);
		assert_eq!(at(2, 5), 400);
		assert_eq!(at(2, 8), 400);
		assert_eq!(at(2, 9), 350);
		assert_eq!(at(3, 8), 0);
		assert_eq!(at(3, 9), 50);
		assert_eq!(<Registry as ModelShares<u64>>::total_supply_at(m, 0), 0);
		assert_eq!(<Registry as ModelShares<u64>>::total_supply_at(m, 9), 1_000);

		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(3), m, 2, 51),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(4), m, 2, 1),
			Error::<Test>::InsufficientShares
		);
		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(3), m, 3, 1),
			Error::<Test>::SelfTransfer
		);
		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(3), m, 2, 0),
			Error::<Test>::ZeroAmount
		);
		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(3), id(99), 2, 1),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn locked_shares_cannot_move_and_locks_overlap() {
	test(|| {
		let m = register(1, 1, vec![], 1_000, per_use(1, 0, 0));
		let shares = |who| <Registry as ModelShares<u64>>::balance(m, &who);
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"dao/vote", 700));
		assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, *b"lend/col", 400));
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 700);
		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 301),
			Error::<Test>::SharesLocked
		);
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 300));
		assert_eq!(shares(1), 700);
		// A lock above the balance is refused.
		assert_noop!(
			<Registry as ModelShares<u64>>::set_lock(m, &2, *b"dao/vote", 301),
			Error::<Test>::InsufficientShares
		);
		<Registry as ModelShares<u64>>::remove_lock(m, &1, *b"dao/vote");
		assert_eq!(last_event(), Event::ShareLockRemoved { model: m, who: 1, id: *b"dao/vote" });
		assert_eq!(<Registry as ModelShares<u64>>::locked(m, &1), 400);
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 300));
		assert_noop!(
			Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 1),
			Error::<Test>::SharesLocked
		);
		for n in 0..3u8 {
			assert_ok!(<Registry as ModelShares<u64>>::set_lock(m, &1, [n; 8], 1));
		}
		assert_noop!(
			<Registry as ModelShares<u64>>::set_lock(m, &1, [9; 8], 1),
			Error::<Test>::TooManyLocks
		);
	});
}

// ---------------------------------------------------------------- terms and licenses

#[test]
fn only_governance_or_a_full_holder_changes_terms() {
	test(|| {
		let a = register(1, 1, vec![], 1_000, per_use(100, 0, 0));
		let b = register(1, 2, vec![], 1_000, per_use(100, 0, 0));
		let new_terms = per_use(250, 5, 0);
		// The full holder may.
		assert_ok!(Registry::set_license_terms(RuntimeOrigin::signed(1), a, new_terms));
		assert_eq!(
			last_event(),
			Event::LicenseTermsChanged { model: a, terms_version: 2, terms: new_terms }
		);
		// After selling one share, no longer.
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), a, 2, 1));
		assert_noop!(
			Registry::set_license_terms(RuntimeOrigin::signed(1), a, per_use(1, 0, 0)),
			Error::<Test>::NotTermsAuthority
		);
		// Model B's governance cannot change model A's terms; A's can.
		assert_noop!(
			Registry::set_license_terms(
				RuntimeOrigin::signed(GOVERNANCE_BASE + b),
				a,
				per_use(1, 0, 0)
			),
			Error::<Test>::NotTermsAuthority
		);
		assert_ok!(Registry::set_license_terms(
			RuntimeOrigin::signed(GOVERNANCE_BASE + a),
			a,
			per_use(7, 0, 0)
		));
		assert_eq!(Registry::models(a).terms.kind, LicenseKind::PerUse { price: 7 });
		assert_eq!(Registry::models(a).terms_version, 3);
	});
}

#[test]
fn per_use_license_is_paid_counted_and_consumed() {
	test(|| {
		let m = register(1, 1, vec![], 1_000, per_use(100, 0, 0));
		assert_eq!(Registry::license_status(m, &2), LicenseStatus::None);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(2), m, 3, 299),
			Error::<Test>::PriceAboveLimit
		);
		let before = free(2);
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 3, 300));
		assert_eq!(free(2), before - 300);
		assert_eq!(Balances::free_balance(Registry::vault_account()), ED + 300);
		assert!(models_events().contains(&Event::LicensePurchased {
			model: m,
			who: 2,
			paid: 300,
			expires_at: None,
			uses_left: 3
		}));
		assert_eq!(
			Registry::license_status(m, &2),
			LicenseStatus::Valid { expires_at: None, uses_left: 3, commercial_use: true }
		);
		for left in [2, 1, 0] {
			assert_ok!(Registry::consume_license_use(RuntimeOrigin::signed(2), m));
			assert_eq!(last_event(), Event::LicenseUsed { model: m, who: 2, uses_left: left });
		}
		assert!(!Registry::has_valid_license(m, &2));
		assert_eq!(Registry::license_status(m, &2), LicenseStatus::Expired);
		assert_noop!(
			Registry::consume_license_use(RuntimeOrigin::signed(2), m),
			Error::<Test>::LicenseExhausted
		);
		assert_noop!(
			Registry::consume_license_use(RuntimeOrigin::signed(3), m),
			Error::<Test>::NoLicense
		);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(2), m, 0, 300),
			Error::<Test>::InvalidQuantity
		);
	});
}

#[test]
fn purchase_with_insufficient_funds_fails_before_anything_changes() {
	test(|| {
		let m = register(1, 1, vec![], 1_000, per_use(600_000, 0, 0));
		Balances::make_free_balance_be(&3, 500_000);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(3), m, 1, u128::MAX),
			Error::<Test>::InsufficientBalance
		);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(3), m, u32::MAX, u128::MAX),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(Registry::license_status(m, &3), LicenseStatus::None);
	});
}

#[test]
fn subscription_extends_from_expiry_and_lapses() {
	test(|| {
		let mut terms = per_use(1, 0, 0);
		terms.kind = LicenseKind::Subscription { price: 50, period: 10 };
		terms.commercial_use = false;
		let m = register(1, 1, vec![], 1_000, terms);
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 2, 100));
		assert_eq!(
			Registry::license_status(m, &2),
			LicenseStatus::Valid { expires_at: Some(21), uses_left: 0, commercial_use: false }
		);
		System::set_block_number(15);
		// A renewal before expiry extends from the old expiry, not from now.
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 1, 50));
		assert_eq!(Licenses::<Test>::get(m, 2).unwrap().expires_at, Some(31));
		assert_ok!(Registry::consume_license_use(RuntimeOrigin::signed(2), m));
		System::set_block_number(31);
		assert_eq!(Registry::license_status(m, &2), LicenseStatus::Expired);
		assert_noop!(
			Registry::consume_license_use(RuntimeOrigin::signed(2), m),
			Error::<Test>::LicenseExhausted
		);
		// After a lapse, a renewal starts now.
		System::set_block_number(40);
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 1, 50));
		assert_eq!(Licenses::<Test>::get(m, 2).unwrap().expires_at, Some(50));
		assert_eq!(Licenses::<Test>::get(m, 2).unwrap().total_paid, 200);
	});
}

#[test]
fn free_models_license_everyone_and_sell_nothing() {
	test(|| {
		let mut terms = per_use(1, 0, 0);
		terms.kind = LicenseKind::Free;
		let m = register(1, 1, vec![], 1_000, terms);
		assert!(Registry::has_valid_license(m, &7));
		assert_eq!(Registry::license_status(m, &7), LicenseStatus::Free);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(7), m, 1, 0),
			Error::<Test>::LicenseIsFree
		);
		assert_noop!(
			Registry::consume_license_use(RuntimeOrigin::signed(7), m),
			Error::<Test>::LicenseIsFree
		);
		assert_eq!(Registry::license_status(id(9), &7), LicenseStatus::UnknownModel);
	});
}

#[test]
fn governance_revokes_licenses_of_its_own_model_only() {
	test(|| {
		let a = register(1, 1, vec![], 1_000, per_use(10, 0, 0));
		let b = register(1, 2, vec![], 1_000, per_use(10, 0, 0));
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), a, 5, 50));
		assert_noop!(
			Registry::revoke_license(RuntimeOrigin::signed(GOVERNANCE_BASE + b), a, 2),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Registry::revoke_license(RuntimeOrigin::signed(1), a, 2),
			DispatchError::BadOrigin
		);
		assert_ok!(Registry::revoke_license(RuntimeOrigin::signed(GOVERNANCE_BASE + a), a, 2));
		assert_eq!(last_event(), Event::LicenseRevoked { model: a, who: 2 });
		assert_eq!(Registry::license_status(a, &2), LicenseStatus::Revoked);
		assert_noop!(
			Registry::consume_license_use(RuntimeOrigin::signed(2), a),
			Error::<Test>::LicenseRevoked
		);
		assert_noop!(
			Registry::purchase_license(RuntimeOrigin::signed(2), a, 1, 10),
			Error::<Test>::LicenseRevoked
		);
		assert_noop!(
			Registry::revoke_license(RuntimeOrigin::signed(GOVERNANCE_BASE + a), a, 3),
			Error::<Test>::NoLicense
		);
	});
}

// ---------------------------------------------------------------- revenue

#[test]
fn three_level_lineage_pays_each_ancestor_its_exact_cut() {
	test(|| {
		// A (base) <- B (passes 20% up) <- C (passes 10% up, sells at 10,000).
		let a = register(1, 1, vec![], 1_000, per_use(100, 0, 0));
		let b = register(2, 2, vec![a], 1_000, per_use(100, 20, 0));
		let c = register(3, 3, vec![b], 1_000, per_use(10_000, 10, 0));
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(3), c, 5, 250));
		let vault_before = Balances::free_balance(Registry::vault_account());

		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), c, 1, 10_000));
		assert!(models_events().contains(&Event::RoyaltyPaid { from: c, to: b, amount: 1_000 }));
		assert!(models_events().contains(&Event::RoyaltyPaid { from: b, to: a, amount: 200 }));
		assert_eq!(Balances::free_balance(Registry::vault_account()), vault_before + 10_000);
		assert_eq!(Registry::models(c).vault.received, 9_000);
		assert_eq!(Registry::models(b).vault.received, 800);
		assert_eq!(Registry::models(a).vault.received, 200);

		assert_eq!(Registry::claimable_revenue(c, &3), 6_750);
		assert_eq!(Registry::claimable_revenue(c, &5), 2_250);
		let claim = |who: u64, m: ModelId, expected: u128| {
			let before = free(who);
			assert_ok!(Registry::claim_revenue(RuntimeOrigin::signed(who), m));
			assert_eq!(free(who) - before, expected);
			assert_eq!(last_event(), Event::RevenueClaimed { model: m, who, amount: expected });
		};
		claim(3, c, 6_750);
		claim(5, c, 2_250);
		claim(2, b, 800);
		claim(1, a, 200);
		assert_eq!(Balances::free_balance(Registry::vault_account()), vault_before);
		assert_noop!(
			Registry::claim_revenue(RuntimeOrigin::signed(3), c),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Registry::claim_revenue(RuntimeOrigin::signed(4), c),
			Error::<Test>::NothingToClaim
		);
		// The lineage view shows both edges.
		let edges = Registry::lineage(c);
		assert_eq!(edges.len(), 2);
		assert_eq!((edges[0].parent, edges[0].distance), (b, 1));
		assert_eq!((edges[1].parent, edges[1].distance), (a, 2));
	});
}

#[test]
fn merge_splits_royalty_equally_and_keeps_the_remainder() {
	test(|| {
		let a = register(1, 1, vec![], 10, per_use(1, 0, 0));
		let b = register(2, 2, vec![], 10, per_use(1, 0, 0));
		// 25% of 1,001 = 250 (rounded down); 125 to each parent; the merge keeps 751.
		let m = register(3, 3, vec![a, b], 10, per_use(1_001, 25, 0));
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 1, 1_001));
		assert_eq!(Registry::models(a).vault.received, 125);
		assert_eq!(Registry::models(b).vault.received, 125);
		assert_eq!(Registry::models(m).vault.received, 751);
		assert_eq!(Registry::claimable_revenue(m, &3), 751);
	});
}

#[test]
fn rounding_favours_the_vault() {
	test(|| {
		let m = register(1, 1, vec![], 3, per_use(10, 0, 0));
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 1));
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 3, 1));
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 1, 10));
		// 10 over 3 shares: 3 each, 1 unit of dust stays in the vault.
		for who in 1..=3 {
			assert_eq!(Registry::claimable_revenue(m, &who), 3);
			assert_ok!(Registry::claim_revenue(RuntimeOrigin::signed(who), m));
		}
		let info = Registry::models(m);
		assert_eq!((info.vault.received, info.vault.claimed), (10, 9));
		// The next sale adds 20 / 3 = 6.67 per share: each holder is owed 6, never 7, and
		// the vault keeps the fractions.
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 2, 20));
		assert_eq!(Registry::claimable_revenue(m, &1), 6);
	});
}

#[test]
fn contributors_share_by_weight_and_holders_get_the_rest() {
	test(|| {
		let m = register(1, 1, vec![], 100, per_use(1_000, 0, 10));
		// No version yet: everything goes to holders.
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 1, 1_000));
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		assert_ok!(Registry::publish_version(
			RuntimeOrigin::signed(1),
			m,
			1,
			hash(40),
			None,
			vec![(6, 1), (7, 2)]
		));
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 1, 1_000));
		// 10% of 1,000 = 100, split 1:2 = 33 and 66; the leftover 1 goes to holders (901).
		assert_eq!(Registry::claimable_revenue(m, &6), 33);
		assert_eq!(Registry::claimable_revenue(m, &7), 66);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000 + 901);
		assert!(models_events().contains(&Event::RevenueCredited {
			model: m,
			to_holders: 901,
			to_contributors: 99,
			revenue_per_share: U256::from(10u128 * REVENUE_SCALE + 9_010_000_000_000_000_000u128),
		}));
		let before = free(7);
		assert_ok!(Registry::claim_revenue(RuntimeOrigin::signed(7), m));
		assert_eq!(free(7) - before, 66);
	});
}

#[test]
fn transfers_settle_revenue_so_new_holders_get_only_future_revenue() {
	test(|| {
		let m = register(1, 1, vec![], 100, per_use(1_000, 0, 0));
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 1, 1_000));
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 2, 40));
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		assert_eq!(Registry::claimable_revenue(m, &2), 0);
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(4), m, 1, 1_000));
		assert_eq!(Registry::claimable_revenue(m, &1), 1_600);
		assert_eq!(Registry::claimable_revenue(m, &2), 400);
		// Shares that move again carry no old revenue with them.
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(2), m, 3, 40));
		assert_eq!(Registry::claimable_revenue(m, &2), 400);
		assert_eq!(Registry::claimable_revenue(m, &3), 0);
	});
}

// ---------------------------------------------------------------- evaluations

#[test]
fn evaluations_come_from_the_oracle_only() {
	test(|| {
		let m = register(1, 1, vec![], 10, per_use(1, 0, 0));
		assert_noop!(
			Registry::attach_evaluation(RuntimeOrigin::signed(9), m, 1, MetricKind::Accuracy),
			Error::<Test>::UnknownVersion
		);
		assert_ok!(Registry::publish_version(
			RuntimeOrigin::signed(1),
			m,
			1,
			hash(40),
			None,
			vec![]
		));
		assert_noop!(
			Registry::attach_evaluation(RuntimeOrigin::signed(9), m, 1, MetricKind::Accuracy),
			Error::<Test>::NoCurrentMetric
		);
		let value = FixedU128::from_rational(873, 1000);
		MockMetrics::set(m, 1, MetricKind::Accuracy, value, 12_000);
		assert_ok!(Registry::attach_evaluation(
			RuntimeOrigin::signed(9),
			m,
			1,
			MetricKind::Accuracy
		));
		assert_eq!(
			Evaluations::<Test>::get((m, 1, MetricKind::Accuracy)),
			Some(Evaluation { value, observed_at: 12_000, attached_at: 1 })
		);
		assert_eq!(
			last_event(),
			Event::EvaluationAttached {
				model: m,
				version: 1,
				metric: MetricKind::Accuracy,
				value,
				observed_at: 12_000
			}
		);
	});
}

// ---------------------------------------------------------------- incidents

#[test]
fn upheld_incident_flags_the_model_returns_the_bond_and_pays_the_reporter() {
	test(|| {
		let a = register(1, 1, vec![], 10, per_use(1, 0, 0));
		let child = register(2, 2, vec![a], 10, per_use(1, 0, 0));
		assert_ok!(Registry::publish_version(
			RuntimeOrigin::signed(1),
			a,
			1,
			hash(40),
			None,
			vec![]
		));
		let reporter_before = free(4);
		assert_ok!(Registry::report_incident(
			RuntimeOrigin::signed(4),
			a,
			1,
			hash(70),
			Severity::High
		));
		assert_eq!(Balances::reserved_balance(4), 4 * INCIDENT_BOND);
		assert_eq!(
			last_event(),
			Event::IncidentReported {
				id: 0,
				model: a,
				version: 1,
				reporter: 4,
				severity: Severity::High,
				bond: 2_000
			}
		);
		assert_noop!(
			Registry::respond_to_incident(RuntimeOrigin::signed(4), 0, hash(71)),
			Error::<Test>::NotModelManager
		);
		assert_ok!(Registry::respond_to_incident(RuntimeOrigin::signed(1), 0, hash(71)));
		assert_eq!(Incidents::<Test>::get(0).unwrap().response_hash, Some(hash(71)));
		assert_noop!(
			Registry::resolve_incident(RuntimeOrigin::signed(1), 0, true),
			DispatchError::BadOrigin
		);

		let deposit = Registry::models(a).deposit;
		let owner_reserved = Balances::reserved_balance(1);
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), 0, true));
		let reward = deposit / 10;
		assert_eq!(last_event(), Event::IncidentUpheld { id: 0, model: a, reward });
		assert_eq!(free(4), reporter_before + reward);
		assert_eq!(Balances::reserved_balance(4), 0);
		assert_eq!(Balances::reserved_balance(1), owner_reserved - reward);
		assert_eq!(Registry::models(a).deposit, deposit - reward);
		assert_eq!(Registry::models(a).upheld_incidents, 1);
		// The derivative sees its flagged ancestor.
		assert!(Registry::model_summary(child).unwrap().ancestor_flagged);
		assert!(!Registry::model_summary(a).unwrap().ancestor_flagged);
		assert_noop!(
			Registry::resolve_incident(RuntimeOrigin::root(), 0, false),
			Error::<Test>::IncidentClosed
		);
	});
}

#[test]
fn dismissed_incident_sends_the_bond_to_the_treasury() {
	test(|| {
		let a = register(1, 1, vec![], 10, per_use(1, 0, 0));
		assert_ok!(Registry::publish_version(
			RuntimeOrigin::signed(1),
			a,
			1,
			hash(40),
			None,
			vec![]
		));
		assert_noop!(
			Registry::report_incident(RuntimeOrigin::signed(4), a, 2, hash(70), Severity::Low),
			Error::<Test>::UnknownVersion
		);
		assert_noop!(
			Registry::report_incident(RuntimeOrigin::signed(50), a, 1, hash(70), Severity::Low),
			Error::<Test>::InsufficientBalance
		);
		let before = free(4);
		assert_ok!(Registry::report_incident(
			RuntimeOrigin::signed(4),
			a,
			1,
			hash(70),
			Severity::Critical
		));
		assert_ok!(Registry::resolve_incident(RuntimeOrigin::root(), 0, false));
		assert_eq!(
			last_event(),
			Event::IncidentDismissed { id: 0, model: a, bond_to_treasury: 8 * INCIDENT_BOND }
		);
		assert_eq!(free(4), before - 8 * INCIDENT_BOND);
		assert_eq!(free(TREASURY), 8 * INCIDENT_BOND);
		assert_eq!(Registry::models(a).upheld_incidents, 0);
	});
}

// ---------------------------------------------------------------- invariants

#[test]
fn try_state_catches_a_broken_ledger() {
	new_test_ext().execute_with(|| {
		let m = register(1, 1, vec![], 100, per_use(10, 0, 0));
		assert_ok!(Registry::do_try_state());
		Holdings::<Test>::mutate(m, 1, |h| h.as_mut().unwrap().shares = 99);
		assert!(Registry::do_try_state().is_err());
		Holdings::<Test>::mutate(m, 1, |h| h.as_mut().unwrap().shares = 100);
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 1, 10));
		Holdings::<Test>::mutate(m, 1, |h| h.as_mut().unwrap().unclaimed = 1);
		assert!(Registry::do_try_state().is_err(), "owed 11 > vault 10");
	});
}

#[test]
fn claims_below_the_existential_deposit_to_empty_accounts_fail_clearly() {
	test(|| {
		let m = register(1, 1, vec![], 100, per_use(5, 0, 0));
		assert_ok!(Registry::transfer_shares(RuntimeOrigin::signed(1), m, 60, 50));
		assert_ok!(Registry::purchase_license(RuntimeOrigin::signed(2), m, 1, 5));
		// Account 60 is owed 2 (< ED 10) and has no balance.
		assert_eq!(Registry::claimable_revenue(m, &60), 2);
		assert_noop!(
			Registry::claim_revenue(RuntimeOrigin::signed(60), m),
			DispatchError::Token(TokenError::BelowMinimum)
		);
	});
}
