//! Revenue: the fee's split up the lineage at each edge's royalty, to contributors by
//! weight and to holders by shares; exact claims; rounding in the vault's favour.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};

/// Claims `m` for `who` and checks it paid exactly `expected`.
fn claim(who: u64, m: ModelId, expected: Balance) {
	let before = free(who);
	assert_ok!(Registry::claim_revenue(signed(who), m));
	assert_eq!(free(who) - before, expected);
	assert_eq!(last_event(), Event::RevenueClaimed { model: m, who, amount: expected });
}

fn rps(per_share: u128) -> U256 {
	U256::from(per_share)
}

#[test]
fn a_fee_is_split_exactly_up_a_three_level_lineage() {
	test(|| {
		// A (base) <- B (passes 20% to A) <- C (passes 10% to B, sells at 1,000,000).
		let a = register(1, 1, &[], 1_000, per_use(100).floor(20));
		buy(2, a, 1); // B's registrant needs a licence of A: A receives 100.
		let b = register(2, 2, &[(a, 20)], 1_000, per_use(100).floor(10));
		buy(3, b, 1); // C's registrant needs a licence of B: 20 to A, 80 to B.
		let c = register(3, 3, &[(b, 10)], 1_000, per_use(1_000_000));
		assert_ok!(Registry::transfer_shares(signed(3), c, 5, 250));
		assert_eq!((info(a).vault.received, info(b).vault.received), (120, 80));
		let vault_before = vault();
		clear_events();

		buy(4, c, 1);
		assert_eq!(
			events(),
			vec![
				Event::RoyaltyPaid { from: c, to: b, amount: 100_000 },
				Event::RevenueCredited {
					model: c,
					to_holders: 900_000,
					to_contributors: 0,
					revenue_per_share: rps(900_000_000_000_000_000_000),
				},
				Event::RoyaltyPaid { from: b, to: a, amount: 20_000 },
				Event::RevenueCredited {
					model: b,
					to_holders: 80_000,
					to_contributors: 0,
					revenue_per_share: rps(80_080_000_000_000_000_000),
				},
				Event::RevenueCredited {
					model: a,
					to_holders: 20_000,
					to_contributors: 0,
					revenue_per_share: rps(20_120_000_000_000_000_000),
				},
				Event::LicensePurchased {
					model: c,
					who: 4,
					paid: 1_000_000,
					expires_at: None,
					uses_left: 1,
					commercial_use: true,
				},
			]
		);
		assert_eq!(free(4), START - 1_000_000);
		assert_eq!(vault(), vault_before + 1_000_000);
		assert_eq!(info(c).vault.received, 900_000);
		assert_eq!(info(b).vault.received, 80_080);
		assert_eq!(info(a).vault.received, 20_120);

		assert_eq!(Registry::claimable_revenue(c, &3), 675_000);
		assert_eq!(Registry::claimable_revenue(c, &5), 225_000);
		claim(3, c, 675_000);
		claim(5, c, 225_000);
		claim(2, b, 80_080);
		claim(1, a, 20_120);
		assert_eq!(vault(), ED);
		assert_noop!(Registry::claim_revenue(signed(3), c), Error::<Test>::NothingToClaim);
		assert_noop!(Registry::claim_revenue(signed(4), c), Error::<Test>::NothingToClaim);
		assert_noop!(Registry::claim_revenue(signed(3), 99), Error::<Test>::UnknownModel);
		assert_eq!(info(c).vault.claimed, 900_000);
		let summary = Registry::model_summary(a).unwrap();
		assert_eq!((summary.revenue_received, summary.revenue_claimed), (20_120, 20_120));
	});
}

#[test]
fn two_parents_with_different_royalties_each_get_their_own_cut() {
	test(|| {
		let p = register(1, 1, &[], 10, free_terms().floor(15));
		let q = register(2, 2, &[], 10, free_terms().floor(5));
		let m = register(3, 3, &[(p, 15), (q, 5)], 10, per_use(1_001));
		buy(4, m, 1);
		// 15% of 1,001 = 150 and 5% = 50 (both rounded down); the merge keeps 801.
		assert!(emitted(Event::RoyaltyPaid { from: m, to: p, amount: 150 }));
		assert!(emitted(Event::RoyaltyPaid { from: m, to: q, amount: 50 }));
		assert_eq!(info(p).vault.received, 150);
		assert_eq!(info(q).vault.received, 50);
		assert_eq!(info(m).vault.received, 801);
		assert_eq!(vault(), ED + 1_001);
		claim(1, p, 150);
		claim(2, q, 50);
		claim(3, m, 801);
		assert_eq!(vault(), ED);
	});
}

/// The worked example of docs/pallets/models.md, "Lineage and royalties the parent sets".
#[test]
fn the_documented_multi_parent_example_pays_exactly_what_the_table_says() {
	test(|| {
		let a = register(1, 1, &[], 10, free_terms().floor(5));
		let b = register(2, 2, &[], 10, free_terms().floor(10));
		// M names 5% to A and 15% to B; M's own floor is 0.
		let m = register(3, 3, &[(a, 5), (b, 15)], 10, free_terms());
		let c = register(4, 4, &[(m, 10)], 10, per_use(10_000));
		buy(5, c, 1);
		assert!(emitted(Event::RoyaltyPaid { from: c, to: m, amount: 1_000 }));
		assert!(emitted(Event::RoyaltyPaid { from: m, to: a, amount: 50 }));
		assert!(emitted(Event::RoyaltyPaid { from: m, to: b, amount: 150 }));
		let kept = |x| info(x).vault.received;
		assert_eq!((kept(c), kept(m), kept(a), kept(b)), (9_000, 800, 50, 150));
		claim(4, c, 9_000);
		claim(3, m, 800);
		claim(1, a, 50);
		claim(2, b, 150);
		assert_eq!(vault(), ED);
	});
}

#[test]
fn a_shared_ancestor_is_paid_along_every_path() {
	test(|| {
		// G <- A (10%) and G <- B (20%); C merges A and B at 10% each, sells at 10,000.
		let g = register(1, 1, &[], 10, free_terms());
		let a = register(2, 2, &[(g, 10)], 10, free_terms());
		let b = register(3, 3, &[(g, 20)], 10, free_terms());
		let c = register(4, 4, &[(a, 10), (b, 10)], 10, per_use(10_000));
		assert_eq!(info(c).lineage_paths, 4);
		buy(5, c, 1);
		assert_eq!(info(c).vault.received, 8_000);
		assert_eq!(info(a).vault.received, 900);
		assert_eq!(info(b).vault.received, 800);
		assert_eq!(info(g).vault.received, 300);
		assert!(emitted(Event::RoyaltyPaid { from: a, to: g, amount: 100 }));
		assert!(emitted(Event::RoyaltyPaid { from: b, to: g, amount: 200 }));
		claim(1, g, 300);
	});
}

#[test]
fn royalties_are_fixed_on_the_edge_at_registration() {
	test(|| {
		let p = register(1, 1, &[], 10, free_terms().floor(10));
		let child = register(2, 2, &[(p, 10)], 10, per_use(1_000));
		// The parent's DAO raises its floor: the existing edge keeps 10%.
		assert_ok!(Registry::set_license_terms(gov(p), p, free_terms().floor(30)));
		// The child's DAO changes its own terms: the edge keeps 10% too.
		assert_ok!(Registry::set_license_terms(gov(child), child, per_use(1_000).floor(0)));
		assert_eq!(info(child).parents[0].royalty, percent(10));
		buy(4, child, 1);
		assert_eq!((info(p).vault.received, info(child).vault.received), (100, 900));
		// A new derivative must meet the new floor.
		commit_and_wait(3, hash(3));
		assert_noop!(
			reveal(3, hash(3), vec![edge(p, 29)], 10, per_use(1)),
			Error::<Test>::RoyaltyBelowFloor
		);
		assert_ok!(reveal(3, hash(3), vec![edge(p, 30)], 10, per_use(1)));
	});
}

#[test]
fn rounding_favours_the_vault() {
	test(|| {
		let m = register(1, 1, &[], 3, per_use(10));
		assert_ok!(Registry::transfer_shares(signed(1), m, 2, 1));
		assert_ok!(Registry::transfer_shares(signed(1), m, 3, 1));
		buy(4, m, 1);
		// 10 over 3 shares: 3 each, 1 unit of dust stays in the vault.
		assert_eq!(info(m).vault.revenue_per_share, rps(3_333_333_333_333_333_333));
		for who in 1..=3 {
			assert_eq!(Registry::claimable_revenue(m, &who), 3);
			claim(who, m, 3);
		}
		let model = info(m);
		assert_eq!((model.vault.received, model.vault.claimed), (10, 9));
		assert_eq!(vault(), ED + 1);
		// The next sale adds 20 / 3 per share: each holder is owed 6, never 7.
		buy(4, m, 2);
		for who in 1..=3 {
			assert_eq!(Registry::claimable_revenue(m, &who), 6);
		}
		assert_eq!(vault(), ED + 21);
	});
}

#[test]
fn contributors_of_the_latest_version_share_by_weight_and_holders_get_the_rest() {
	test(|| {
		let m = register(1, 1, &[], 100, per_use(1_000).contributors(10));
		// No version yet: everything goes to holders.
		buy(4, m, 1);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000);
		assert_ok!(Registry::publish_version(
			signed(1),
			m,
			1,
			hash(40),
			None,
			vec![(6, 1), (7, 2)]
		));
		clear_events();
		buy(4, m, 1);
		// 10% of 1,000 = 100, split 1:2 = 33 and 66; the leftover 1 goes to holders (901).
		assert_eq!(Registry::claimable_revenue(m, &6), 33);
		assert_eq!(Registry::claimable_revenue(m, &7), 66);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_000 + 901);
		assert!(emitted(Event::RevenueCredited {
			model: m,
			to_holders: 901,
			to_contributors: 99,
			revenue_per_share: rps(19_010_000_000_000_000_000),
		}));
		claim(7, m, 66);
		// A new version credits its own contributors only.
		assert_ok!(Registry::publish_version(gov(m), m, 2, hash(41), None, vec![(8, 5)]));
		buy(4, m, 1);
		assert_eq!(Registry::claimable_revenue(m, &8), 100);
		assert_eq!(Registry::claimable_revenue(m, &6), 33);
		assert_eq!(Registry::claimable_revenue(m, &7), 0);
		assert_eq!(Registry::claimable_revenue(m, &1), 1_901 + 900);
		claim(1, m, 2_801);
		claim(6, m, 33);
		claim(8, m, 100);
		// 3,000 in and 3,000 out: the unit the first contributor split rounded off went to
		// the holders.
		assert_eq!((info(m).vault.received, info(m).vault.claimed), (3_000, 3_000));
		assert_eq!(vault(), ED);
	});
}

#[test]
fn a_claim_below_the_existential_deposit_to_an_empty_account_fails_clearly() {
	test(|| {
		let m = register(1, 1, &[], 100, per_use(5));
		assert_ok!(Registry::transfer_shares(signed(1), m, 60, 50));
		buy(2, m, 1);
		// Account 60 is owed 2 (< ED 10) and has no balance.
		assert_eq!(Registry::claimable_revenue(m, &60), 2);
		assert_noop!(
			Registry::claim_revenue(signed(60), m),
			DispatchError::Token(TokenError::BelowMinimum)
		);
		// Once it exists, it is paid exactly.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<u64>>::mint_into(&60, ED));
		claim(60, m, 2);
		assert_eq!(free(60), ED + 2);
	});
}

#[test]
fn a_purchase_is_charged_for_the_models_and_contributor_credits_it_made() {
	use frame_support::dispatch::GetDispatchInfo;
	test(|| {
		// A (no contributors) <- B (passes 10 % to A; two contributors share 10 %).
		let a = register(1, 1, &[], 1_000, per_use(100));
		buy(2, a, 1);
		let b = register(2, 2, &[(a, 10)], 1_000, per_use(1_000).contributors(10));
		assert_ok!(Registry::publish_version(
			signed(2),
			b,
			1,
			hash(40),
			None,
			vec![(6, 1), (7, 3)]
		));

		// Charged up front for the worst lineage: every path's model, each with a full
		// contributor list.
		let call =
			crate::Call::<Test>::purchase_license { model: b, quantity: 1, max_total_price: 1_000 };
		let models = <<Test as Config>::MaxLineagePaths as Get<u32>>::get() + 1;
		let worst = <() as crate::WeightInfo>::purchase_license(
			models,
			models * <<Test as Config>::MaxContributors as Get<u32>>::get(),
		);
		assert_eq!(call.get_dispatch_info().call_weight, worst);

		// Refunded to what the split did: two models, two contributor credits.
		let post = Registry::purchase_license(signed(4), b, 1, 1_000).unwrap();
		assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::purchase_license(2, 2)));
		assert!(post.actual_weight.unwrap().ref_time() < worst.ref_time());
		// 10 % of the 900 B keeps = 90, split 1:3 = 22 and 67.
		assert_eq!(Registry::claimable_revenue(b, &6), 22);
		assert_eq!(Registry::claimable_revenue(b, &7), 67);
		// A contributor credit leaves the holder index alone: neither holds shares of B.
		assert!(!HeldModels::<Test>::contains_key(6, b));
		assert!(!HeldModels::<Test>::contains_key(7, b));
		assert!(HeldModels::<Test>::contains_key(2, b));
		// The royalty to A credits A's holders only (no version, so no contributors).
		let post = Registry::purchase_license(signed(5), a, 1, 100).unwrap();
		assert_eq!(post.actual_weight, Some(<() as crate::WeightInfo>::purchase_license(1, 0)));
	});
}
