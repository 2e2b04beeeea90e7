//! Views: summaries, the lineage walk, and paged lists from the account indexes.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use crate::views::MAX_PAGE;
use frame_support::assert_ok;
use modelchain_primitives::{
	models::{LineageEdge, ModelFilter, ModelSummary, Page, ParentLink, VersionSummary},
	LicenseEntry, LicenseStatus,
};

/// Follows `next` from the first page to the last; returns each page's ids.
fn pages<T>(
	mut page: impl FnMut(Option<ModelId>) -> Page<T>,
	id: impl Fn(&T) -> ModelId,
) -> Vec<Vec<ModelId>> {
	let mut out = Vec::new();
	let mut cursor = None;
	loop {
		let p = page(cursor);
		let ids: Vec<ModelId> = p.items.iter().map(&id).collect();
		if let Some(next) = p.next {
			assert_eq!(ids.last(), Some(&next), "the cursor is the page's last id");
		}
		out.push(ids);
		match p.next {
			Some(next) => cursor = Some(next),
			None => return out,
		}
	}
}

fn sorted(pages: &[Vec<ModelId>]) -> Vec<ModelId> {
	let mut all: Vec<ModelId> = pages.concat();
	all.sort();
	all
}

fn summary_id(s: &ModelSummary<u64>) -> ModelId {
	s.id
}

#[test]
fn owner_listing_pages_through_every_model_exactly_once() {
	test(|| {
		for n in 1..=5 {
			assert_eq!(register(1, n, &[], 10, per_use(1)), n as ModelId);
		}
		register(2, 9, &[], 10, per_use(1));
		let got = pages(|c| Registry::list_models(ModelFilter::Owner(1), c, 2), summary_id);
		assert_eq!(got.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 2, 1]);
		assert_eq!(sorted(&got), vec![1, 2, 3, 4, 5]);
		for item in Registry::list_models(ModelFilter::Owner(1), None, 10).items {
			assert_eq!(item.owner, 1);
		}
		assert_eq!(
			Registry::list_models(ModelFilter::Owner(2), None, 10)
				.items
				.iter()
				.map(|s| s.id)
				.collect::<Vec<_>>(),
			vec![6]
		);
		let empty = Registry::list_models(ModelFilter::Owner(7), None, 10);
		assert_eq!((empty.items.len(), empty.next), (0, None));
		// Handing a model over moves it between listings.
		assert_ok!(Registry::set_model_owner(gov(3), 3, 7));
		let got = pages(|c| Registry::list_models(ModelFilter::Owner(1), c, 2), summary_id);
		assert_eq!(sorted(&got), vec![1, 2, 4, 5]);
		assert_eq!(Registry::list_models(ModelFilter::Owner(7), None, 10).items[0].id, 3);
	});
}

#[test]
fn holder_listing_follows_the_shares() {
	test(|| {
		for n in 1..=3 {
			register(1, n, &[], 10, per_use(1));
		}
		assert_ok!(Registry::transfer_shares(signed(1), 1, 2, 10));
		assert_ok!(Registry::transfer_shares(signed(1), 2, 2, 5));
		assert_ok!(Registry::transfer_shares(signed(1), 3, 2, 1));
		let two = pages(|c| Registry::list_models(ModelFilter::Holder(2), c, 2), summary_id);
		assert_eq!(two.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 1]);
		assert_eq!(sorted(&two), vec![1, 2, 3]);
		let one = pages(|c| Registry::list_models(ModelFilter::Holder(1), c, 2), summary_id);
		assert_eq!(one.iter().map(Vec::len).collect::<Vec<_>>(), vec![2]);
		assert_eq!(sorted(&one), vec![2, 3]);
		// The owner of a model it holds no shares of still lists it as owner.
		assert_eq!(
			sorted(&pages(|c| Registry::list_models(ModelFilter::Owner(1), c, 2), summary_id)),
			vec![1, 2, 3]
		);
	});
}

#[test]
fn licence_listing_pages_and_reports_each_status() {
	test(|| {
		for n in 1..=5 {
			register(1, n, &[], 10, per_use(10));
			buy(2, n as ModelId, 1);
		}
		assert_ok!(Registry::record_use(signed(1), 3, 2, 1));
		assert_ok!(Registry::revoke_license(gov(4), 4, 2));
		assert_ok!(Registry::set_license_terms(gov(5), 5, free_terms()));
		let got = pages(|c| Registry::licenses(2, c, 2), |e: &LicenseEntry| e.model);
		assert_eq!(got.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 2, 1]);
		assert_eq!(sorted(&got), vec![1, 2, 3, 4, 5]);
		let mut all = Registry::licenses(2, None, 10).items;
		all.sort_by_key(|e| e.model);
		let valid = LicenseStatus::Valid { expires_at: None, uses_left: 1, commercial_use: true };
		assert_eq!(
			all,
			vec![
				LicenseEntry { model: 1, status: valid },
				LicenseEntry { model: 2, status: valid },
				LicenseEntry { model: 3, status: LicenseStatus::Expired },
				LicenseEntry { model: 4, status: LicenseStatus::Revoked },
				LicenseEntry { model: 5, status: LicenseStatus::Free },
			]
		);
		let none = Registry::licenses(3, None, 10);
		assert_eq!((none.items.len(), none.next), (0, None));
	});
}

#[test]
fn a_page_holds_at_most_one_hundred_entries_and_at_least_one() {
	test(|| {
		// 101 registrations hold 101 × (10,250 + 4,000).
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::mint_into(
			&1,
			101 * (MODEL_DEPOSIT + ACCOUNTABILITY_BOND)
		));
		for n in 1..=101u8 {
			register(1, n, &[], 1, per_use(1));
		}
		let first = Registry::list_models(ModelFilter::Owner(1), None, 1_000);
		assert_eq!(first.items.len(), MAX_PAGE as usize);
		assert_eq!(first.next, Some(first.items[99].id));
		let second = Registry::list_models(ModelFilter::Owner(1), first.next, u32::MAX);
		assert_eq!((second.items.len(), second.next), (1, None));
		let mut all: Vec<ModelId> =
			first.items.iter().chain(second.items.iter()).map(|s| s.id).collect();
		all.sort();
		assert_eq!(all, (1..=101).collect::<Vec<ModelId>>());
		// A limit of 0 reads as 1.
		let one = Registry::list_models(ModelFilter::Owner(1), None, 0);
		assert_eq!(one.items.len(), 1);
		assert_eq!(one.next, Some(one.items[0].id));
	});
}

#[test]
fn a_summary_reports_the_model_as_stored() {
	test(|| {
		let a = register(1, 1, &[], 10, free_terms().floor(5));
		let b = register(2, 2, &[(a, 7)], 1_000, per_use(10));
		publish(2, b, 1);
		assert_ok!(Registry::publish_version(gov(b), b, 2, hash(60), Some(hash(61)), vec![(5, 3)]));
		buy(4, b, 2);
		assert_eq!(
			Registry::model_summary(b),
			Some(ModelSummary {
				id: b,
				owner: 2,
				content_hash: hash(2),
				name: b"model".to_vec(),
				uri: b"ipfs://bafy".to_vec(),
				status: ModelStatus::Active,
				share_supply: 1_000,
				terms: per_use(10),
				parents: vec![ParentLink {
					model: a,
					relation: Relation::Finetune,
					royalty: percent(7)
				}],
				datasets: vec![hash(200)],
				depth: 1,
				versions: vec![
					VersionSummary {
						number: 1,
						content_hash: hash(101),
						changelog_hash: None,
						published_at: 3,
						contributors: vec![],
					},
					VersionSummary {
						number: 2,
						content_hash: hash(60),
						changelog_hash: Some(hash(61)),
						published_at: 3,
						contributors: vec![(5, 3)],
					},
				],
				upheld_incidents: 0,
				ancestor_flagged: false,
				flagged: false,
				flagged_version: None,
				open_incidents: 0,
				accountability_bond: 4_000,
				// 20 in, 7% (1) to the parent.
				revenue_received: 19,
				revenue_claimed: 0,
			})
		);
		assert_eq!(info(a).vault.received, 1);
		assert_eq!(Registry::model_summary(99), None);
	});
}

#[test]
fn the_lineage_is_walked_breadth_first_with_distances() {
	test(|| {
		// Chain 1 <- 2 <- 3 <- 4 and chain 5 <- 6 <- 7; 8 merges 4 and 7.
		let mut prev = register(1, 1, &[], 10, free_terms());
		for n in 2..=4 {
			prev = register(1, n, &[(prev, 1)], 10, free_terms());
		}
		let mut prev = register(2, 5, &[], 10, free_terms());
		for n in 6..=7 {
			prev = register(2, n, &[(prev, 1)], 10, free_terms());
		}
		let m = register(3, 8, &[(4, 1), (7, 1)], 10, per_use(1));
		assert_eq!(info(m).lineage_paths, 7);
		let e = |child, parent, distance| LineageEdge {
			child,
			parent,
			relation: Relation::Finetune,
			distance,
			parent_flagged: false,
		};
		assert_eq!(
			Registry::lineage(m),
			vec![
				e(8, 4, 1),
				e(8, 7, 1),
				e(4, 3, 2),
				e(7, 6, 2),
				e(3, 2, 3),
				e(6, 5, 3),
				e(2, 1, 4)
			]
		);
		assert_eq!(Registry::lineage(1), vec![]);
		assert_eq!(Registry::lineage(99), vec![]);
	});
}
