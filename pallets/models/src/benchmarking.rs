//! Benchmarks of every models-pallet call, each in its worst case: maximal metadata,
//! contributors on every model of the lineage, new receivers, a lineage as deep as allowed.

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
use frame_support::traits::Currency as _;
use frame_system::RawOrigin;

const SUPPLY: Balance = 1_000_000_000_000;
const PRICE: Balance = 1_000_000_000_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::make_free_balance_be(&who, PRICE.saturating_mul(1_000_000));
	who
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

fn terms(royalty_percent: u32, contributors_percent: u32) -> LicenseTerms {
	LicenseTerms {
		kind: LicenseKind::PerUse { price: PRICE },
		commercial_use: true,
		derivatives_allowed: true,
		ancestor_royalty: Permill::from_percent(royalty_percent),
		contributor_share: Permill::from_percent(contributors_percent),
		restrictions_hash: None,
	}
}

fn register<T: Config>(owner: &T::AccountId, n: u32, parents: Vec<ModelId>) -> ModelId {
	Pallet::<T>::register_model(
		RawOrigin::Signed(owner.clone()).into(),
		content(n),
		Box::new(full_metadata::<T>()),
		parents.into_iter().map(|p| (p, Relation::Finetune)).collect(),
		vec![Hash::repeat_byte(1); T::MaxDatasets::get() as usize],
		SUPPLY,
		terms(10, 10),
	)
	.unwrap();
	Pallet::<T>::model_id_of(&content(n))
}

fn publish<T: Config>(owner: &T::AccountId, model: ModelId, contributors: u32) {
	let list =
		(0..contributors).map(|i| (account::<T::AccountId>("contributor", i, 0), 1)).collect();
	Pallet::<T>::publish_version(
		RawOrigin::Signed(owner.clone()).into(),
		model,
		1,
		content(9_999),
		Some(content(9_998)),
		list,
	)
	.unwrap();
}

/// A funded reporter files incident 0 (`Low`) against version 1 of `model`.
fn report_low_incident<T: Config>(model: ModelId) {
	let reporter = funded::<T>("reporter", 0);
	Pallet::<T>::report_incident(
		RawOrigin::Signed(reporter).into(),
		model,
		1,
		Hash::repeat_byte(7),
		Severity::Low,
	)
	.unwrap();
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `p` parents, `t` tags, `d` dataset hashes; every metadata text (name, URI, license
	/// id, each tag) is `b` bytes long.
	#[benchmark]
	fn register_model(
		p: Linear<0, { T::MaxParents::get() }>,
		b: Linear<0, { T::MaxTextLen::get() }>,
		t: Linear<0, { T::MaxTags::get() }>,
		d: Linear<0, { T::MaxDatasets::get() }>,
	) {
		Pallet::<T>::ensure_vault_exists();
		let other = funded::<T>("parent-owner", 0);
		let parents: Vec<(ModelId, Relation)> =
			(0..p).map(|i| (register::<T>(&other, 1_000 + i, vec![]), Relation::Merge)).collect();
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let datasets = vec![Hash::repeat_byte(1); d as usize];

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller.clone()),
			content(1),
			Box::new(metadata_with_tags(b, t)),
			parents,
			datasets,
			SUPPLY,
			terms(10, 10),
		);

		assert_eq!(
			Holdings::<T>::get(Pallet::<T>::model_id_of(&content(1)), &caller).unwrap().shares,
			SUPPLY
		);
	}

	#[benchmark]
	fn publish_version(c: Linear<0, { T::MaxContributors::get() }>) {
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let model = register::<T>(&caller, 1, vec![]);
		let contributors: Vec<(T::AccountId, u32)> =
			(0..c).map(|i| (account("contributor", i, 0), i + 1)).collect();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, 1, content(2), Some(content(3)), contributors);

		assert_eq!(Models::<T>::get(model).unwrap().latest_version, 1);
	}

	#[benchmark]
	fn set_model_status() {
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let model = register::<T>(&caller, 1, vec![]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, ModelStatus::Deprecated);

		assert_eq!(Models::<T>::get(model).unwrap().status, ModelStatus::Deprecated);
	}

	#[benchmark]
	fn set_model_owner() {
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let model = register::<T>(&caller, 1, vec![]);
		let new_owner: T::AccountId = account("owner", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, new_owner.clone());

		assert_eq!(Models::<T>::get(model).unwrap().owner, new_owner);
	}

	#[benchmark]
	fn transfer_shares() {
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let model = register::<T>(&caller, 1, vec![]);
		// An earlier change gives the sender a history entry to read.
		let first: T::AccountId = account("first", 0, 0);
		Pallet::<T>::transfer_shares(RawOrigin::Signed(caller.clone()).into(), model, first, 1)
			.unwrap();
		<Pallet<T> as ModelShares<T::AccountId>>::set_lock(model, &caller, *b"bench/lk", 10)
			.unwrap();
		frame_system::Pallet::<T>::set_block_number(10u32.into());
		let to: T::AccountId = account("receiver", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, to.clone(), 1_000);

		assert_eq!(Holdings::<T>::get(model, &to).unwrap().shares, 1_000);
	}

	#[benchmark]
	fn set_license_terms() {
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let model = register::<T>(&caller, 1, vec![]);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, terms(20, 5));

		assert_eq!(Models::<T>::get(model).unwrap().terms_version, 2);
	}

	/// `d` models are credited: the bought model and `d - 1` ancestors in a chain, each
	/// with a full contributor list.
	#[benchmark]
	fn purchase_license(d: Linear<1, { T::MaxLineageDepth::get() + 1 }>) {
		Pallet::<T>::ensure_vault_exists();
		let owner = funded::<T>("owner", 0);
		let mut parent: Option<ModelId> = None;
		for n in 0..d {
			let model = register::<T>(&owner, 100 + n, parent.into_iter().collect());
			publish::<T>(&owner, model, T::MaxContributors::get());
			parent = Some(model);
		}
		let model = parent.unwrap();
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE.saturating_mul(10));

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model, 1, PRICE);

		assert!(Pallet::<T>::has_valid_license(model, &caller));
	}

	#[benchmark]
	fn consume_license_use() {
		Pallet::<T>::ensure_vault_exists();
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE.saturating_mul(10));
		Pallet::<T>::purchase_license(
			RawOrigin::Signed(caller.clone()).into(),
			model,
			2,
			PRICE * 2,
		)
		.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), model);

		assert_eq!(Licenses::<T>::get(model, &caller).unwrap().uses_left, 1);
	}

	#[benchmark]
	fn revoke_license() -> Result<(), BenchmarkError> {
		Pallet::<T>::ensure_vault_exists();
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		let licensee = funded::<T>("licensee", 0);
		Pallet::<T>::purchase_license(RawOrigin::Signed(licensee.clone()).into(), model, 1, PRICE)
			.unwrap();
		let origin = T::ModelGovernanceOrigin::try_successful_origin(&model)
			.map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, model, licensee.clone());

		assert!(!Pallet::<T>::has_valid_license(model, &licensee));
		Ok(())
	}

	#[benchmark]
	fn claim_revenue() {
		Pallet::<T>::ensure_vault_exists();
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
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
		T::Currency::make_free_balance_be(&caller, PRICE);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), model, 1, Hash::repeat_byte(7), Severity::Critical);

		assert!(Incidents::<T>::contains_key(0));
	}

	#[benchmark]
	fn respond_to_incident() {
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::make_free_balance_be(&caller, PRICE);
		let model = register::<T>(&caller, 1, vec![]);
		publish::<T>(&caller, model, 0);
		report_low_incident::<T>(model);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), 0, Hash::repeat_byte(8));

		assert!(Incidents::<T>::get(0).unwrap().response_hash.is_some());
	}

	/// Upheld is the heavier ruling: it moves two reserves and rewrites the model.
	#[benchmark]
	fn resolve_incident() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let model = register::<T>(&owner, 1, vec![]);
		publish::<T>(&owner, model, 0);
		report_low_incident::<T>(model);
		let origin =
			T::IncidentOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0, true);

		assert_eq!(Models::<T>::get(model).unwrap().upheld_incidents, 1);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
