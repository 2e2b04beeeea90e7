//! Unit tests of the models pallet, one file per domain, like the code. Each test runs in
//! `mock::test`, which checks the pallet's invariants (`do_try_state`) when it ends, and
//! asserts exact amounts: balances, holds and events.
//!
//! Every model record's deposit is flat, `1_000 + 10 × 925 = 10_250` ([`MODEL_DEPOSIT`]),
//! held together with the 4,000 bond from the commit on.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

mod evaluations;
mod funds;
mod fungible_shares;
mod incidents;
mod licensing;
mod migration;
mod registry;
mod revenue;
mod shares;
mod views;

use crate::{mock::*, *};
use codec::Encode;
use frame_support::assert_ok;
use modelchain_primitives::LicenseKind;
use std::collections::BTreeMap;

/// Starting free balance of accounts 1..=9.
pub const START: Balance = 1_000_000;
/// Deposit of every model record: flat, `1_000 + 10 × 925` (`ModelInfo`'s largest encoding
/// under the mock's bounds), held from the commit on.
pub const MODEL_DEPOSIT: Balance = 10_250;
/// Deposit of a version with no changelog and no contributors, published by its owner.
pub const VERSION_DEPOSIT: Balance = 1_630;

// ------------------------------------------------------------------ hashes and origins

/// A content hash: 32 bytes of `n`.
pub fn hash(n: u8) -> Hash {
	Hash::repeat_byte(n)
}

/// The salt [`register`] uses.
pub fn salt() -> Hash {
	Hash::repeat_byte(0x5a)
}

pub fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Model `m`'s own governance (its DAO).
pub fn gov(m: ModelId) -> RuntimeOrigin {
	RuntimeOrigin::signed(GOVERNANCE_BASE + m)
}

pub fn percent(p: u32) -> Permill {
	Permill::from_percent(p)
}

// ------------------------------------------------------------------ terms builders

/// Per-use terms: commercial, derivatives allowed, no floor, no contributor share.
pub fn per_use(price: Balance) -> LicenseTerms {
	LicenseTerms {
		kind: LicenseKind::PerUse { price },
		commercial_use: true,
		derivatives_allowed: true,
		derivative_royalty_floor: Permill::zero(),
		contributor_share: Permill::zero(),
		restrictions_hash: None,
	}
}

/// Subscription terms: `price` per `period` blocks, otherwise like [`per_use`].
pub fn subscription(price: Balance, period: u32) -> LicenseTerms {
	LicenseTerms { kind: LicenseKind::Subscription { price, period }, ..per_use(1) }
}

/// Free terms, otherwise like [`per_use`].
pub fn free_terms() -> LicenseTerms {
	LicenseTerms { kind: LicenseKind::Free, ..per_use(1) }
}

/// Chained changes of a [`LicenseTerms`].
pub trait TermsExt: Sized {
	fn floor(self, percent: u32) -> Self;
	fn contributors(self, percent: u32) -> Self;
	fn no_derivatives(self) -> Self;
	fn non_commercial(self) -> Self;
}

impl TermsExt for LicenseTerms {
	fn floor(mut self, p: u32) -> Self {
		self.derivative_royalty_floor = percent(p);
		self
	}
	fn contributors(mut self, p: u32) -> Self {
		self.contributor_share = percent(p);
		self
	}
	fn no_derivatives(mut self) -> Self {
		self.derivatives_allowed = false;
		self
	}
	fn non_commercial(mut self) -> Self {
		self.commercial_use = false;
		self
	}
}

// ------------------------------------------------------------------ registration

pub fn meta(name: &str) -> Box<MetadataInput> {
	Box::new(MetadataInput {
		name: name.as_bytes().to_vec(),
		uri: b"ipfs://bafy".to_vec(),
		license_id: b"openrail".to_vec(),
		license_hash: None,
		tags: vec![b"llm".to_vec()],
	})
}

/// A parent edge: `Finetune` of `model` passing `royalty_percent`.
pub fn edge(model: ModelId, royalty_percent: u32) -> (ModelId, Relation, Permill) {
	(model, Relation::Finetune, percent(royalty_percent))
}

/// Commits `who` to registering `content` with `salt`; returns the commitment.
pub fn commit(who: u64, content: Hash, salt: Hash) -> Hash {
	let commitment = Registry::commitment_of(&content, &who, &salt);
	assert_ok!(Registry::commit_registration(signed(who), commitment));
	commitment
}

/// Moves to the next block.
pub fn next_block() {
	System::set_block_number(System::block_number() + 1);
}

/// Moves to block `n`.
pub fn run_to(n: u32) {
	System::set_block_number(n.into());
}

/// The reveal of a commitment made with [`salt`], metadata `meta("model")` and one dataset.
pub fn reveal(
	who: u64,
	content: Hash,
	parents: Vec<(ModelId, Relation, Permill)>,
	supply: Balance,
	terms: LicenseTerms,
) -> DispatchResult {
	Registry::register_model(
		signed(who),
		content,
		salt(),
		meta("model"),
		parents,
		vec![hash(200)],
		supply,
		terms,
	)
}

/// Commits, waits a block and reveals; returns the id the `ModelRegistered` event names.
pub fn register_with(
	who: u64,
	content: Hash,
	parents: Vec<(ModelId, Relation, Permill)>,
	supply: Balance,
	terms: LicenseTerms,
) -> ModelId {
	commit(who, content, salt());
	next_block();
	assert_ok!(reveal(who, content, parents, supply, terms));
	match last_event() {
		Event::ModelRegistered { model, owner, content_hash, .. } => {
			assert_eq!((owner, content_hash), (who, content));
			model
		}
		other => panic!("expected ModelRegistered, got {other:?}"),
	}
}

/// [`register_with`] content `hash(n)` and `Finetune` parents given as `(model, royalty %)`.
pub fn register(
	who: u64,
	n: u8,
	parents: &[(ModelId, u32)],
	supply: Balance,
	terms: LicenseTerms,
) -> ModelId {
	register_with(who, hash(n), parents.iter().map(|&(m, p)| edge(m, p)).collect(), supply, terms)
}

/// Commits `content` for `who` and moves to the next block, so that a reveal may follow.
pub fn commit_and_wait(who: u64, content: Hash) -> Hash {
	let commitment = commit(who, content, salt());
	next_block();
	commitment
}

// ------------------------------------------------------------------ state readers

pub fn info(m: ModelId) -> ModelInfo<Test> {
	Models::<Test>::get(m).expect("model exists")
}

pub fn free(who: u64) -> Balance {
	Balances::free_balance(who)
}

/// What the pallet holds from `who` for `reason`.
pub fn held(reason: HoldReason, who: u64) -> Balance {
	Registry::held(reason, &who)
}

/// Everything on hold or reserved from `who`, whatever the reason.
pub fn reserved(who: u64) -> Balance {
	Balances::reserved_balance(who)
}

pub fn vault() -> Balance {
	free(Registry::vault_account())
}

pub fn shares(m: ModelId, who: u64) -> Balance {
	Holdings::<Test>::get(m, who).map_or(0, |h| h.shares)
}

/// Every account's balance record, to show that nothing moved.
pub fn snapshot() -> BTreeMap<u64, pallet_balances::AccountData<Balance>> {
	frame_system::Account::<Test>::iter().map(|(who, info)| (who, info.data)).collect()
}

/// Accounts whose balance record differs between two snapshots.
pub fn changed(
	before: &BTreeMap<u64, pallet_balances::AccountData<Balance>>,
	after: &BTreeMap<u64, pallet_balances::AccountData<Balance>>,
) -> Vec<u64> {
	let mut accounts: Vec<u64> = before.keys().chain(after.keys()).copied().collect();
	accounts.sort();
	accounts.dedup();
	accounts.into_iter().filter(|a| before.get(a) != after.get(a)).collect()
}

/// Deposit of a record of `bytes` bytes.
pub fn deposit_of(bytes: usize) -> Balance {
	DEPOSIT_BASE + DEPOSIT_PER_BYTE * bytes as Balance
}

// ------------------------------------------------------------------ calls

/// Buys `quantity` uses or periods of `m` for `who`, with no price limit.
pub fn buy(who: u64, m: ModelId, quantity: u32) {
	assert_ok!(Registry::purchase_license(signed(who), m, quantity, Balance::MAX));
}

/// The owner publishes `number` with no changelog and no contributors.
pub fn publish(who: u64, m: ModelId, number: ModelVersion) {
	assert_ok!(Registry::publish_version(
		signed(who),
		m,
		number,
		hash(100 + number as u8),
		None,
		vec![]
	));
}

/// Reports an incident and returns its id.
pub fn report(
	who: u64,
	m: ModelId,
	version: Option<ModelVersion>,
	severity: Severity,
) -> IncidentId {
	let id = NextIncidentId::<Test>::get();
	assert_ok!(Registry::report_incident(signed(who), m, version, hash(70), severity));
	id
}

// ------------------------------------------------------------------ events

/// The models pallet's events so far.
pub fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Registry(e) = r.event { Some(e) } else { None })
		.collect()
}

pub fn last_event() -> Event<Test> {
	events().pop().expect("a models event")
}

/// Whether the pallet emitted `event`.
pub fn emitted(event: Event<Test>) -> bool {
	events().contains(&event)
}

/// Forgets the events so far.
pub fn clear_events() {
	System::reset_events();
}
