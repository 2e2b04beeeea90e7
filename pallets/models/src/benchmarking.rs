//! Benchmarks of every models-pallet call, each in its worst case: maximal metadata, new
//! receivers, a lineage with as many models as allowed (`purchase_license`'s `d`) and a
//! full contributor list (its `c`).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use alloc::{boxed::Box, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate as _;
use frame_system::RawOrigin;
use modelchain_primitives::{LicenseKind, ModelShares};

const SUPPLY: Balance = 1_000_000_000_000;
const PRICE: Balance = 1_000_000_000_000_000;
const SALT: Hash = Hash::repeat_byte(0x5a);

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

fn fund<T: Config>(who: &T::AccountId) {
	T::Currency::set_balance(who, PRICE.saturating_mul(1_000_000));
}

fn set_block<T: Config>(n: u32) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

/// Commits to `content(n)` for `who` with a fixed salt.
fn commit<T: Config>(who: &T::AccountId, n: u32) {
	let commitment = Pallet::<T>::commitment_of(&content(n), who, &SALT);
	Pallet::<T>::commit_registration(RawOrigin::Signed(who.clone()).into(), commitment).unwrap();
}

fn content(n: u32) -> Hash {
	let mut h = Hash::repeat_byte(0xab);
	h.0[..4].copy_from_slice(&n.to_le_bytes());
	h
}

fn full_metadata<T: Config>() -> MetadataInput {
	metadata_of_len::<T>(T::MaxTextLen::get())
}

/// Metadata whose every text (name, URI, license id and all `MaxTags` tags) is `len` bytes.
fn metadata_of_len<T: Config>(len: u32) -> MetadataInput {
	metadata_with_tags(len, T::MaxTags::get())
}

/// Metadata with `tags` tags, each of its texts `len` bytes.
fn metadata_with_tags(len: u32, tags: u32) -> MetadataInput {
	let text = vec![b'm'; len as usize];
	MetadataInput {
		name: text.clone(),
		uri: text.clone(),
		license_id: text.clone(),
		license_hash: None,
		tags: vec![text; tags as usize],
	}
}

fn terms(floor_percent: u32, contributors_percent: u32) -> LicenseTerms {
	LicenseTerms {
		kind: LicenseKind::PerUse { price: PRICE },
		commercial_use: true,
		derivatives_allowed: true,
		derivative_royalty_floor: Permill::from_percent(floor_percent),
		contributor_share: Permill::from_percent(contributors_percent),
		restrictions_hash: None,
	}
}

/// Buys one use of each parent for `who` (a derivative's registrant must hold a licence).
fn license_parents<T: Config>(who: &T::AccountId, parents: &[ModelId]) {
	for parent in parents {
		Pallet::<T>::purchase_license(RawOrigin::Signed(who.clone()).into(), *parent, 1, PRICE)
			.unwrap();
	}
}

/// Registers `content(n)` for `owner` (commit, next block, reveal), deriving from `parents`
/// at a 10 % royalty each, and returns its id.
fn register<T: Config>(owner: &T::AccountId, n: u32, parents: Vec<ModelId>) -> ModelId {
	Pallet::<T>::ensure_vault_exists();
	license_parents::<T>(owner, &parents);
	commit::<T>(owner, n);
	let now = Pallet::<T>::now();
	set_block::<T>(now.saturating_add(1));
	Pallet::<T>::register_model(
		RawOrigin::Signed(owner.clone()).into(),
		content(n),
		SALT,
		Box::new(full_metadata::<T>()),
		parents.into_iter().map(|p| (p, Relation::Finetune, Permill::from_percent(10))).collect(),
		vec![Hash::repeat_byte(1); T::MaxDatasets::get() as usize],
		SUPPLY,
		terms(10, 10),
	)
	.unwrap();
	ModelByHash::<T>::get(content(n)).unwrap()
}

/// Publishes the next version of `model` as its owner, with `contributors` contributors.
fn publish<T: Config>(owner: &T::AccountId, model: ModelId, contributors: u32) {
	let list =
		(0..contributors).map(|i| (account::<T::AccountId>("contributor", i, 0), 1)).collect();
	let next = Models::<T>::get(model).unwrap().latest_version + 1;
	Pallet::<T>::publish_version(
		RawOrigin::Signed(owner.clone()).into(),
		model,
		next,
		content(9_999),
		Some(content(9_998)),
		list,
	)
	.unwrap();
}

/// A funded reporter files incident 0 against version 1 of `model`.
fn report<T: Config>(model: ModelId, severity: Severity) -> T::AccountId {
	let reporter = funded::<T>("reporter", 0);
	Pallet::<T>::report_incident(
		RawOrigin::Signed(reporter.clone()).into(),
		model,
		Some(1),
		Hash::repeat_byte(7),
		severity,
	)
	.unwrap();
	reporter
}

fn arbiter<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::IncidentOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

fn governance<T: Config>(model: ModelId) -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ModelGovernanceOrigin::try_successful_origin(&model).map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The reveal: `p` parents (each with a paid licence to check), `t` tags, `d` dataset
	/// hashes; every metadata text (name, URI, license id, each tag) is `b` bytes long.
	#[benchmark]
	fn register_model(
		p: Linear<0, { T::MaxParents::get() }>,
		b: Linear<0, { T::MaxTextLen::get() }>,
		t: Linear<0, { T::MaxTags::get() }>,
		d: Linear<0, { T::MaxDatasets::get() }>,
	) {
		let other = funded::<T>("parent-owner", 0);
		let parents: Vec<ModelId> =
			(0..p).map(|i| register::<T>(&other, 1_000 + i, vec![])).collect();
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		license_parents::<T>(&caller, &parents);
		commit::<T>(&caller, 1);
		set_block::<T>(Pallet::<T>::now() + 1);
		let parents = parents
			.into_iter()
			.map(|p| (p, Relation::Merge, Permill::from_percent(10)))
			.collect::<Vec<_>>();
		let datasets = vec![Hash::repeat_byte(1); d as usize];

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			content(1),
			SALT,
			Box::new(metadata_with_tags(b, t)),
			parents,
			datasets,
			SUPPLY,
			terms(10, 10),
		);

		let id = ModelByHash::<T>::get(content(1)).unwrap();
		assert_eq!(Holdings::<T>::get(id, &caller).unwrap().shares, SUPPLY);
	}

	#[benchmark]
	fn commit_registration() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let commitment = Pallet::<T>::commitment_of(&content(1), &caller, &SALT);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), commitment);

		assert!(Commitments::<T>::contains_key(&caller, commitment));
	}

	#[benchmark]
	fn cancel_commitment() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		commit::<T>(&caller, 1);
		let commitment = Pallet::<T>::commitment_of(&content(1), &caller, &SALT);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), commitment);

		assert!(!Commitments::<T>::contains_key(&caller, commitment));
	}

	/// Signed by the owner (a deposit is held) on a flagged model (the flag is cleared).
	#[benchmark]
	fn publish_version(c: Linear<0, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		publish::<T>(&caller, model, 0);
		report::<T>(model, Severity::Critical);
		Pallet::<T>::resolve_incident(arbiter::<T>()?, 0, true).unwrap();
		let contributors: Vec<(T::AccountId, u32)> =
			(0..c).map(|i| (account("contributor", i, 0), i + 1)).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, 2, content(2), Some(content(3)), contributors);

		let info = Models::<T>::get(model).unwrap();
		assert_eq!(info.latest_version, 2);
		assert!(info.flag.is_none());
		Ok(())
	}

	#[benchmark]
	fn set_model_status() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		let origin = governance::<T>(model)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, ModelStatus::Retired);

		assert_eq!(Models::<T>::get(model).unwrap().status, ModelStatus::Retired);
		Ok(())
	}

	#[benchmark]
	fn set_model_owner() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		let new_owner: T::AccountId = account("owner", 0, 0);
		let origin = governance::<T>(model)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, new_owner.clone());

		assert_eq!(Models::<T>::get(model).unwrap().owner, new_owner);
		Ok(())
	}

	#[benchmark]
	fn transfer_shares() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		// An earlier change gives the sender a history entry to read.
		let first: T::AccountId = account("first", 0, 0);
		Pallet::<T>::transfer_shares(RawOrigin::Signed(caller.clone()).into(), model, first, 1)
			.unwrap();
		<Pallet<T> as ModelShares<T::AccountId>>::set_lock(model, &caller, *b"bench/lk", 10)
			.unwrap();
		set_block::<T>(Pallet::<T>::now() + 10);
		let to: T::AccountId = account("receiver", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, to.clone(), 1_000);

		assert_eq!(Holdings::<T>::get(model, &to).unwrap().shares, 1_000);
	}

	#[benchmark]
	fn set_license_terms() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		let mut new_terms = terms(10, 10);
		new_terms.commercial_use = false;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, new_terms);

		assert_eq!(Models::<T>::get(model).unwrap().terms_version, 2);
	}

	/// `d` models are credited: the bought model and `d - 1` ancestors, in up to
	/// `MaxParents` chains of at most `MaxLineageDepth` models whose ends are the bought
	/// model's parents: at the top of the range, every lineage path a model may have, each
	/// through distinct models. The bought model's latest version has `c` contributors, each
	/// credited; the ancestors' have none (each credit is the same read and write, so the
	/// call is charged per credit over all models).
	#[benchmark]
	fn purchase_license(
		d: Linear<
			1,
			{ T::MaxLineagePaths::get().min(T::MaxParents::get() * T::MaxLineageDepth::get()) + 1 },
		>,
		c: Linear<0, { T::MaxContributors::get() }>,
	) {
		let owner = funded::<T>("owner", 0);
		let chain_len = T::MaxLineageDepth::get();
		let mut ends: Vec<ModelId> = Vec::new();
		let mut left = d - 1;
		let mut n = 100;
		while left > 0 {
			let len = left.min(chain_len);
			let mut parent: Option<ModelId> = None;
			for _ in 0..len {
				let model = register::<T>(&owner, n, parent.into_iter().collect());
				publish::<T>(&owner, model, 0);
				parent = Some(model);
				n += 1;
			}
			ends.push(parent.unwrap());
			left -= len;
		}
		let model = register::<T>(&owner, n, ends);
		publish::<T>(&owner, model, c);
		assert_eq!(Models::<T>::get(model).unwrap().lineage_paths, d - 1);
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model, 1, PRICE);

		assert!(Pallet::<T>::has_valid_license(model, &caller));
		if c > 0 {
			let first = account::<T::AccountId>("contributor", 0, 0);
			assert!(Holdings::<T>::get(model, &first).is_some_and(|h| h.unclaimed > 0));
		}
	}

	/// Scale (an `extra` benchmark, run by `scripts/scale-check.sh`, not a weight): one
	/// purchase of a model whose lineage is a chain of `MaxLineageDepth` ancestors, among `m`
	/// other published models of other owners. Nothing the purchase does depends on how many
	/// models exist, so the cost at `m = 1,000` must equal the cost at `m = 10`.
	#[benchmark(extra)]
	fn purchase_license_among(m: Linear<10, 1_000>) {
		for i in 0..m {
			let other = funded::<T>("other", i);
			let model = register::<T>(&other, 20_000 + i, vec![]);
			publish::<T>(&other, model, 0);
		}
		let owner = funded::<T>("owner", 0);
		let mut parent: Option<ModelId> = None;
		for n in 0..T::MaxLineageDepth::get() {
			let model = register::<T>(&owner, 100 + n, parent.into_iter().collect());
			publish::<T>(&owner, model, 0);
			parent = Some(model);
		}
		let model = register::<T>(&owner, 99, parent.into_iter().collect());
		publish::<T>(&owner, model, 0);
		assert_eq!(Models::<T>::get(model).unwrap().lineage_paths, T::MaxLineageDepth::get());
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);

		#[extrinsic_call]
		purchase_license(RawOrigin::Signed(caller.clone()), model, 1, PRICE);

		assert!(Pallet::<T>::has_valid_license(model, &caller));
	}

	/// A named operator (not the owner) records a use.
	#[benchmark]
	fn record_use() {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		let licensee = funded::<T>("licensee", 0);
		Pallet::<T>::purchase_license(
			RawOrigin::Signed(licensee.clone()).into(),
			model,
			2,
			PRICE * 2,
		)
		.unwrap();
		let caller: T::AccountId = whitelisted_caller();
		Pallet::<T>::set_operator(RawOrigin::Signed(owner).into(), model, caller.clone(), true)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, licensee.clone(), 1);

		assert_eq!(Licenses::<T>::get(model, &licensee).unwrap().uses_left, 1);
	}

	#[benchmark]
	fn set_operator() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		let operator: T::AccountId = account("operator", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, operator.clone(), true);

		assert!(Operators::<T>::contains_key(model, &operator));
	}

	#[benchmark]
	fn revoke_license() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		let licensee = funded::<T>("licensee", 0);
		Pallet::<T>::purchase_license(RawOrigin::Signed(licensee.clone()).into(), model, 1, PRICE)
			.unwrap();
		let origin = governance::<T>(model)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, licensee.clone());

		assert!(!Pallet::<T>::has_valid_license(model, &licensee));
		Ok(())
	}

	#[benchmark]
	fn claim_revenue() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		let buyer = funded::<T>("buyer", 0);
		Pallet::<T>::purchase_license(RawOrigin::Signed(buyer).into(), model, 1, PRICE).unwrap();
		let owed = Pallet::<T>::claimable_revenue(model, &caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model);

		assert!(owed > 0);
		assert_eq!(Pallet::<T>::claimable_revenue(model, &caller), 0);
	}

	#[benchmark]
	fn attach_evaluation() {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		publish::<T>(&owner, model, 0);
		T::BenchmarkHelper::set_metric(model, 1, MetricKind::Accuracy);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, 1, MetricKind::Accuracy);

		assert!(Evaluations::<T>::contains_key((model, 1, MetricKind::Accuracy)));
	}

	#[benchmark]
	fn report_incident() {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		publish::<T>(&owner, model, 0);
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, Some(1), Hash::repeat_byte(7), Severity::Critical);

		assert!(Incidents::<T>::contains_key(0));
	}

	#[benchmark]
	fn respond_to_incident() {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		publish::<T>(&caller, model, 0);
		report::<T>(model, Severity::Low);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, Hash::repeat_byte(8));

		assert!(Incidents::<T>::get(0).unwrap().response_hash.is_some());
	}

	/// Upheld critical is the heaviest ruling: a release, a payout from the bond, a flag.
	#[benchmark]
	fn resolve_incident() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		publish::<T>(&owner, model, 0);
		report::<T>(model, Severity::Critical);
		let origin = arbiter::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, true);

		let info = Models::<T>::get(model).unwrap();
		assert_eq!(info.upheld_incidents, 1);
		assert!(info.flag.is_some());
		Ok(())
	}

	#[benchmark]
	fn expire_incident() {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		publish::<T>(&owner, model, 0);
		report::<T>(model, Severity::Critical);
		set_block::<T>(Pallet::<T>::now() + Pallet::<T>::incident_deadline() + 1);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0);

		assert_eq!(Incidents::<T>::get(0).unwrap().status, IncidentStatus::Expired);
	}

	#[benchmark]
	fn clear_flag() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		publish::<T>(&owner, model, 0);
		report::<T>(model, Severity::Critical);
		Pallet::<T>::resolve_incident(arbiter::<T>()?, 0, true).unwrap();
		let origin = arbiter::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model);

		assert!(Models::<T>::get(model).unwrap().flag.is_none());
		Ok(())
	}

	/// The squatter holds a deposit, the bond, a version deposit, revenue,
	/// `MaxShareLocks` locks and `MaxOperators` named operators; the claimant holds shares
	/// already.
	#[benchmark]
	fn resolve_ownership_dispute() -> Result<(), BenchmarkError> {
		let squatter = funded::<T>("squatter", 0);
		let model = register::<T>(&squatter, 1, vec![]);
		publish::<T>(&squatter, model, 0);
		let claimant = funded::<T>("claimant", 0);
		Pallet::<T>::transfer_shares(
			RawOrigin::Signed(squatter.clone()).into(),
			model,
			claimant.clone(),
			1,
		)
		.unwrap();
		let buyer = funded::<T>("buyer", 0);
		Pallet::<T>::purchase_license(RawOrigin::Signed(buyer).into(), model, 1, PRICE).unwrap();
		for i in 0..T::MaxShareLocks::get() {
			let id = [b'l', b'o', b'c', b'k', 0, 0, 0, i as u8];
			<Pallet<T> as ModelShares<T::AccountId>>::set_lock(model, &squatter, id, 10).unwrap();
		}
		for i in 0..T::MaxOperators::get() {
			Pallet::<T>::set_operator(
				RawOrigin::Signed(squatter.clone()).into(),
				model,
				account("operator", i, 0),
				true,
			)
			.unwrap();
		}
		let origin = arbiter::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, claimant.clone(), Hash::repeat_byte(9));

		assert_eq!(Holdings::<T>::get(model, &claimant).unwrap().shares, SUPPLY);
		assert_eq!(Operators::<T>::iter_prefix(model).count(), 0);
		Ok(())
	}

	/// Worst case: a report upheld against the previous owner spent part of its bond; the new
	/// owner takes the bond over (the remainder is released to the previous holder) and posts
	/// a whole one.
	#[benchmark]
	fn post_bond() -> Result<(), BenchmarkError> {
		let previous = funded::<T>("previous", 0);
		let model = register::<T>(&previous, 1, vec![]);
		publish::<T>(&previous, model, 0);
		report::<T>(model, Severity::Low);
		Pallet::<T>::resolve_incident(arbiter::<T>()?, 0, true).unwrap();
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		Pallet::<T>::set_model_owner(governance::<T>(model)?, model, caller.clone()).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model);

		let info = Models::<T>::get(model).unwrap();
		assert_eq!((info.bond, info.bond_holder), (T::AccountabilityBond::get(), caller));
		Ok(())
	}

	/// A retired model's registrant takes back its deposits and the bond.
	#[benchmark]
	fn release_deposits() -> Result<(), BenchmarkError> {
		let caller: T::AccountId = whitelisted_caller();
		fund::<T>(&caller);
		let model = register::<T>(&caller, 1, vec![]);
		publish::<T>(&caller, model, 0);
		Pallet::<T>::set_model_status(governance::<T>(model)?, model, ModelStatus::Retired)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model);

		assert_eq!(DepositsOf::<T>::get(model, &caller), 0);
		assert_eq!(Models::<T>::get(model).unwrap().bond, 0);
		Ok(())
	}

	#[benchmark]
	fn set_incident_deadline() -> Result<(), BenchmarkError> {
		let origin = arbiter::<T>()?;
		let blocks = T::MinIncidentDeadline::get().saturating_add(1_000);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(IncidentDeadline::<T>::get(), blocks);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
