//! Unit tests of the oracle pallet. Every test ends by checking the pallet's invariants.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{GetDispatchInfo, Pays},
};
use sp_runtime::{DispatchError, FixedU128};

const BTC: OracleKey = OracleKey::AssetPrice(1);
const ETH: OracleKey = OracleKey::AssetPrice(2);
const GPT_ACC: OracleKey =
	OracleKey::ModelMetric { model: 7, version: 3, metric: MetricKind::Accuracy };

fn v(x: u128) -> FixedU128 {
	FixedU128::from_u32(x as u32)
}

fn milli(x: u128) -> FixedU128 {
	FixedU128::from_rational(x, 1000)
}

fn config(min_feeders: u32, max_age: u64) -> KeyConfig {
	KeyConfig { min_feeders, max_age, min_value: None, max_value: None, max_deviation: None }
}

fn setup(feeders: &[u64], key: OracleKey, cfg: KeyConfig) {
	for f in feeders {
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), *f));
	}
	assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), key, cfg));
}

/// Feeders 1 and 2 and a BTC key (one feed needed) whose value pauses on a jump of more
/// than `max_jump_percent`.
fn setup_guarded_btc(max_age: u64, max_jump_percent: u32) {
	let mut cfg = config(1, max_age);
	cfg.max_deviation = Some(Permill::from_percent(max_jump_percent));
	setup(&[1, 2], BTC, cfg);
}

fn feed(who: u64, values: Vec<(OracleKey, FixedU128)>) -> DispatchResultWithPostInfo {
	Oracle::feed_values(RuntimeOrigin::signed(who), values.try_into().unwrap())
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Oracle(e) = r.event { Some(e) } else { None })
		.collect()
}

#[test]
fn only_admin_manages_feeders() {
	test_with_invariants(|| {
		assert_noop!(Oracle::add_feeder(RuntimeOrigin::signed(1), 2), DispatchError::BadOrigin);
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), 3));
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), 1));
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), 2));
		assert_eq!(Feeders::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_noop!(Oracle::add_feeder(RuntimeOrigin::root(), 2), Error::<Test>::AlreadyFeeder);
		assert_noop!(Oracle::remove_feeder(RuntimeOrigin::signed(1), 2), DispatchError::BadOrigin);
		assert_noop!(Oracle::remove_feeder(RuntimeOrigin::root(), 9), Error::<Test>::NotFeeder);
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 2));
		assert_eq!(Feeders::<Test>::get().into_inner(), vec![1, 3]);
		assert_eq!(events().last(), Some(&Event::FeederRemoved { who: 2, dropped: 0 }));
	});
}

#[test]
fn feeder_set_is_bounded() {
	test_with_invariants(|| {
		for who in 1..=8 {
			assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), who));
		}
		assert_noop!(Oracle::add_feeder(RuntimeOrigin::root(), 9), Error::<Test>::TooManyFeeders);
	});
}

#[test]
fn non_members_are_rejected_and_members_feed_for_free() {
	test_with_invariants(|| {
		setup(&[1], BTC, config(1, 60_000));
		assert_noop!(feed(5, vec![(BTC, v(100))]), Error::<Test>::NotFeeder);
		let post = feed(1, vec![(BTC, v(100))]).unwrap();
		assert_eq!(post.pays_fee, Pays::No);
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(100));
	});
}

#[test]
fn one_feed_per_block_per_feeder() {
	test_with_invariants(|| {
		setup(&[1, 2], BTC, config(1, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_noop!(feed(1, vec![(BTC, v(101))]), Error::<Test>::AlreadyFedThisBlock);
		// Another feeder may still feed in the same block.
		assert_ok!(feed(2, vec![(BTC, v(102))]));
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(103))]));
	});
}

#[test]
fn median_of_odd_and_even_feed_counts_with_dispersion() {
	test_with_invariants(|| {
		setup(&[1, 2, 3, 4], BTC, config(3, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(130))]));
		// Two feeds of three needed: no value yet.
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::InsufficientFeeds, None));
		assert_ok!(feed(3, vec![(BTC, v(110))]));
		let c = Oracle::current_value(&BTC).unwrap();
		assert_eq!((c.value, c.feeds, c.dispersion), (v(110), 3, v(30)));
		assert_ok!(feed(4, vec![(BTC, milli(125_500))]));
		let c = Oracle::current_value(&BTC).unwrap();
		// Sorted: 100, 110, 125.5, 130 -> the lower middle, 110 (never a mean).
		assert_eq!((c.value, c.feeds, c.dispersion), (v(110), 4, v(30)));
		let events = events();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::ValueUpdated {
					key: BTC,
					value: v(110),
					updated_at: GENESIS_MS,
					expires_at: GENESIS_MS + 60_000,
					feeds: 4,
					dispersion: v(30),
				},
				Event::ValuesFed { who: 4, count: 1 },
			]
		);
	});
}

#[test]
fn a_dead_oracle_serves_nothing_after_max_age() {
	test_with_invariants(|| {
		setup(&[1, 2], BTC, config(2, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(102))]));
		// The lower middle of 100 and 102.
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(100));
		// 1 ms before expiry: still current.
		pallet_timestamp::Now::<Test>::put(GENESIS_MS + 59_999);
		assert_eq!(<Oracle as PriceFeed>::price(1), Some((v(100), GENESIS_MS)));
		// At expiry the value is gone, unlike ORML's oracle which keeps serving it.
		pallet_timestamp::Now::<Test>::put(GENESIS_MS + 60_000);
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Stale, None));
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
	});
}

#[test]
fn expiry_follows_the_min_feeders_th_freshest_feed() {
	test_with_invariants(|| {
		setup(&[1, 2, 3], BTC, config(2, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))])); // t0
		advance(20_000);
		assert_ok!(feed(2, vec![(BTC, v(104))])); // t0 + 20 s
		advance(20_000);
		assert_ok!(feed(3, vec![(BTC, v(108))])); // t0 + 40 s
		let c = Oracle::current_value(&BTC).unwrap();
		// Freshest two: t0+40 s and t0+20 s; the value is backed until t0+20 s+60 s.
		assert_eq!(
			(c.value, c.updated_at, c.expires_at),
			(v(104), GENESIS_MS + 20_000, GENESIS_MS + 80_000)
		);
		pallet_timestamp::Now::<Test>::put(GENESIS_MS + 80_000);
		assert_eq!(Oracle::current_value(&BTC), None);
	});
}

#[test]
fn stale_feeds_do_not_count_towards_the_median() {
	test_with_invariants(|| {
		setup(&[1, 2, 3], BTC, config(2, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(1000))]));
		advance(61_000);
		assert_ok!(feed(2, vec![(BTC, v(100))]));
		// Feeder 1's value is 61 s old: only one fresh feed, no new value.
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::InsufficientFeeds, None));
		assert_ok!(feed(3, vec![(BTC, v(110))]));
		let c = Oracle::current_value(&BTC).unwrap();
		// 100 and 110 count (the lower middle, 100); feeder 1's 1000 does not.
		assert_eq!((c.value, c.feeds, c.dispersion), (v(100), 2, v(10)));
	});
}

#[test]
fn out_of_bounds_values_fail_the_whole_call() {
	test_with_invariants(|| {
		let mut cfg = config(1, 60_000);
		cfg.min_value = Some(v(10));
		cfg.max_value = Some(v(1000));
		setup(&[1], BTC, cfg);
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_noop!(feed(1, vec![(ETH, v(5)), (BTC, v(5))]), Error::<Test>::ValueOutOfBounds);
		assert_noop!(feed(1, vec![(BTC, v(1001))]), Error::<Test>::ValueOutOfBounds);
		// Nothing was stored for ETH either.
		assert_eq!(Feeds::<Test>::get(ETH, 1), None);
		assert_ok!(feed(1, vec![(BTC, v(1000)), (ETH, v(5))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(1000));
		assert_eq!(Oracle::current_value(&ETH).unwrap().value, v(5));
	});
}

#[test]
fn bad_feed_input_is_named() {
	test_with_invariants(|| {
		setup(&[1], BTC, config(1, 60_000));
		assert_noop!(feed(1, vec![]), Error::<Test>::NoValues);
		assert_noop!(feed(1, vec![(ETH, v(1))]), Error::<Test>::KeyNotConfigured);
		assert_noop!(feed(1, vec![(BTC, v(1)), (BTC, v(2))]), Error::<Test>::DuplicateKey);
	});
}

#[test]
fn a_jump_beyond_max_deviation_pauses_the_key_until_resumed() {
	test_with_invariants(|| {
		setup_guarded_btc(600_000, 10);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		advance(BLOCK_MS);
		// +10% exactly is allowed.
		assert_ok!(feed(1, vec![(BTC, v(110))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(110));
		advance(BLOCK_MS);
		// 110 -> 200 is +81.8%: paused, nothing served.
		assert_ok!(feed(1, vec![(BTC, v(200))]));
		assert!(events().contains(&Event::KeyPaused {
			key: BTC,
			previous: v(110),
			proposed: v(200),
			deviation: Permill::from_parts(818_182),
		}));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Paused, None));
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		// The pause takes the value with it; the record keeps what it was.
		assert!(!Combined::<Test>::contains_key(BTC));
		assert_eq!(Paused::<Test>::get(BTC).unwrap().previous, v(110));
		// The pausing feed itself confirms nothing (it is not after the pause).
		assert!(PausedValue::<Test>::get(BTC).is_none());
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		advance(BLOCK_MS);
		// A paused key still takes feeds: feeder 2 confirms 200 after the pause (one feed
		// is the quorum here), which serves liquidations only.
		assert_ok!(feed(2, vec![(BTC, v(200))]));
		let confirmed = PausedValue::<Test>::get(BTC).unwrap();
		assert_eq!((confirmed.value, confirmed.feeds), (v(200), 1));
		assert!(events().contains(&Event::PausedValueConfirmed {
			key: BTC,
			value: v(200),
			expires_at: GENESIS_MS + 3 * BLOCK_MS + 600_000,
			feeds: 1,
		}));
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		let point = <Oracle as PriceFeed>::price_point(1).unwrap();
		assert!(point.liquidation_only);
		assert_eq!(point.price, v(200));
		assert_eq!(PriceCopies::get(1), Some(Some(point)));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Paused, None));
		assert_noop!(Oracle::resume_key(RuntimeOrigin::signed(1), BTC), DispatchError::BadOrigin);
		assert_noop!(
			Oracle::resume_key(RuntimeOrigin::root(), ETH),
			Error::<Test>::KeyNotConfigured
		);
		assert_ok!(Oracle::resume_key(RuntimeOrigin::root(), BTC));
		assert_eq!(events().last(), Some(&Event::KeyResumed { key: BTC, value: Some(v(200)) }));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(200));
		assert!(PausedValue::<Test>::get(BTC).is_none());
		assert!(!<Oracle as PriceFeed>::price_point(1).unwrap().liquidation_only);
		assert_noop!(Oracle::resume_key(RuntimeOrigin::root(), BTC), Error::<Test>::KeyNotPaused);
	});
}

#[test]
fn removing_a_feeder_of_a_paused_key_leaves_it_paused_without_a_value() {
	test_with_invariants(|| {
		setup_guarded_btc(600_000, 10);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(100))]));
		advance(BLOCK_MS);
		// 50 and 100: the lower middle, 50, is a 50 % drop.
		assert_ok!(feed(1, vec![(BTC, v(50))]));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Paused, None));
		// Feeder 1's jump is dropped; recombining now would serve feeder 2's 100 past the
		// pause, so nothing is recombined until an admin resumes the key (and feeder 2's
		// 100 is from before the pause: it confirms nothing for liquidations either).
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 1));
		assert_eq!(events().last(), Some(&Event::FeederRemoved { who: 1, dropped: 1 }));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Paused, None));
		assert!(!Combined::<Test>::contains_key(BTC));
		assert!(!PausedValue::<Test>::contains_key(BTC));
		assert_ok!(Oracle::resume_key(RuntimeOrigin::root(), BTC));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(100));
	});
}

#[test]
fn one_rogue_feeder_of_two_cannot_move_the_median() {
	test_with_invariants(|| {
		let mut cfg = config(2, 600_000);
		cfg.max_deviation = Some(Permill::from_percent(10));
		setup(&[1, 2], BTC, cfg);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(100))]));
		advance(BLOCK_MS);
		// Feeder 2 turns rogue and feeds a thousand times the price. The lower middle of
		// 100 and 100,000 is the honest 100; a mean would have served 50,050.
		assert_ok!(feed(2, vec![(BTC, v(100_000))]));
		let c = Oracle::current_value(&BTC).unwrap();
		assert_eq!((c.value, c.feeds, c.dispersion), (v(100), 2, v(99_900)));
		assert!(!Paused::<Test>::contains_key(BTC));
		// With two feeds the lower middle is the smaller one, so a rogue can only pull the
		// value down, and no further than the guard allows: 91 (-9 %) is served ...
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(91))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(91));
		// ... and 1 (-98.9 % from 91) pauses the key instead.
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(1))]));
		assert_eq!(
			Paused::<Test>::get(BTC),
			Some(PauseRecord {
				previous: v(91),
				proposed: v(1),
				paused_at: GENESIS_MS + 3 * BLOCK_MS
			})
		);
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		// Alone, the rogue cannot set the paused key's liquidation price: it needs two
		// feeds made after the pause, and the rogue has one record.
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(1))]));
		assert_eq!(PausedValue::<Test>::get(BTC), None);
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		assert_eq!(PriceCopies::get(1), Some(None));
	});
}

#[test]
fn one_rogue_feeder_of_three_cannot_move_the_median_either_way() {
	test_with_invariants(|| {
		setup(&[1, 2, 3], BTC, config(2, 600_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(102))]));
		assert_ok!(feed(3, vec![(BTC, v(1_000_000))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(102));
		advance(BLOCK_MS);
		assert_ok!(feed(3, vec![(BTC, v(1))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(100));
	});
}

#[test]
fn the_guard_compares_with_a_value_until_its_last_served_millisecond_and_never_after() {
	// The value fed at GENESIS_MS is served until GENESIS_MS + 59,999 and expires at
	// GENESIS_MS + 60,000.
	for (at, pauses) in [(GENESIS_MS + 59_999, true), (GENESIS_MS + 60_000, false)] {
		test_with_invariants(|| {
			setup_guarded_btc(60_000, 10);
			assert_ok!(feed(1, vec![(BTC, v(100))]));
			assert_eq!(Combined::<Test>::get(BTC).unwrap().expires_at, GENESIS_MS + 60_000);
			System::set_block_number(2);
			pallet_timestamp::Now::<Test>::put(at);
			// +50 %, five times the guard's 10 %.
			assert_ok!(feed(1, vec![(BTC, v(150))]));
			if pauses {
				assert_eq!(
					Paused::<Test>::get(BTC),
					Some(PauseRecord { previous: v(100), proposed: v(150), paused_at: at })
				);
				assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Paused, None));
			} else {
				assert!(!Paused::<Test>::contains_key(BTC));
				let c = Oracle::current_value(&BTC).unwrap();
				assert_eq!((c.value, c.updated_at, c.expires_at), (v(150), at, at + 60_000));
			}
		});
	}
}

#[test]
fn the_first_feed_after_an_outage_is_not_compared_with_an_expired_value() {
	test_with_invariants(|| {
		setup_guarded_btc(60_000, 10);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		// The feeders are down for two minutes: the value expired at GENESIS_MS + 60 s.
		advance(120_000);
		assert_eq!(Oracle::value_status(&BTC).0, ValueStatus::Stale);
		// The market moved 50 % meanwhile. The old value is not served, so it is not
		// compared with: the key takes the new value and is not paused.
		assert_ok!(feed(1, vec![(BTC, v(150))]));
		assert!(!Paused::<Test>::contains_key(BTC));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(150));
		// While a value is served, the guard still works.
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(300))]));
		assert!(Paused::<Test>::contains_key(BTC));
	});
}

#[test]
fn a_paused_key_needs_a_quorum_of_post_pause_feeds_for_a_liquidation_price() {
	test_with_invariants(|| {
		let mut cfg = config(2, 600_000);
		cfg.max_deviation = Some(Permill::from_percent(10));
		setup(&[1, 2, 3], BTC, cfg);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(100))]));
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(150))]));
		assert_ok!(feed(2, vec![(BTC, v(150))]));
		assert!(Paused::<Test>::contains_key(BTC));
		advance(BLOCK_MS);
		// One feeder after the pause is not a quorum of two.
		assert_ok!(feed(1, vec![(BTC, v(150))]));
		assert!(!PausedValue::<Test>::contains_key(BTC));
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		// A second one is: the lower middle of 150 and 160 serves liquidations.
		assert_ok!(feed(3, vec![(BTC, v(160))]));
		let point = <Oracle as PriceFeed>::price_point(1).unwrap();
		assert_eq!((point.price, point.liquidation_only), (v(150), true));
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		// Removing one of them leaves too few post-pause feeds: the value goes, and
		// consumers are told.
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 3));
		assert!(!PausedValue::<Test>::contains_key(BTC));
		assert_eq!(PriceCopies::get(1), Some(None));
		// Removing the key removes a confirmed value too.
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(151))]));
		assert!(PausedValue::<Test>::contains_key(BTC));
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), BTC));
		assert!(!PausedValue::<Test>::contains_key(BTC));
		assert_eq!(PriceCopies::get(1), Some(None));
	});
}

#[test]
fn a_paused_keys_liquidation_price_follows_reconfiguration_and_gives_way_on_resume() {
	test_with_invariants(|| {
		let mut cfg = config(2, 600_000);
		cfg.max_deviation = Some(Permill::from_percent(10));
		setup(&[1, 2, 3], BTC, cfg);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(100))]));
		advance(BLOCK_MS);
		// 50 and 100: the lower middle, 50, is a 50 % drop.
		assert_ok!(feed(1, vec![(BTC, v(50))]));
		let t1 = GENESIS_MS + BLOCK_MS;
		assert_eq!(Paused::<Test>::get(BTC).map(|p| p.paused_at), Some(t1));
		advance(BLOCK_MS);
		let t2 = GENESIS_MS + 2 * BLOCK_MS;
		assert_ok!(feed(2, vec![(BTC, v(60))]));
		assert_eq!(PausedValue::<Test>::get(BTC), None);
		assert_ok!(feed(3, vec![(BTC, v(70))]));
		// Feeds after the pause: 60 and 70 (feeder 1's 50 was the pausing feed).
		let confirmed = PricePoint {
			price: v(60),
			observed_at: t2,
			expires_at: t2 + 600_000,
			liquidation_only: true,
		};
		assert_eq!(
			PausedValue::<Test>::get(BTC),
			Some(CombinedValue {
				value: v(60),
				updated_at: t2,
				expires_at: t2 + 600_000,
				feeds: 2,
				dispersion: v(10),
			})
		);
		assert_eq!(
			events().last(),
			Some(&Event::ValuesFed { who: 3, count: 1 }),
			"the confirmation is followed by the feed's own event"
		);
		assert!(events().contains(&Event::PausedValueConfirmed {
			key: BTC,
			value: v(60),
			expires_at: t2 + 600_000,
			feeds: 2,
		}));
		assert_eq!(<Oracle as PriceFeed>::price_point(1), Some(confirmed));
		assert_eq!(PriceCopies::get(1), Some(Some(confirmed)));
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		// Three feeds needed: two post-pause feeds are too few, and the price goes.
		let mut three = cfg;
		three.min_feeders = 3;
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, three));
		assert_eq!(PausedValue::<Test>::get(BTC), None);
		assert_eq!(PriceCopies::get(1), Some(None));
		// Back to two: the same feeds confirm it again.
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, cfg));
		assert_eq!(PriceCopies::get(1), Some(Some(confirmed)));
		// Bounds that leave out 60 leave one post-pause feed: gone again.
		let mut bounded = cfg;
		bounded.min_value = Some(v(65));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, bounded));
		assert_eq!(PriceCopies::get(1), Some(None));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, cfg));
		// Resuming recombines every fresh feed without the guard (50, 60, 70 -> 60) and
		// serves it to everyone; the liquidation-only value is gone.
		assert_ok!(Oracle::resume_key(RuntimeOrigin::root(), BTC));
		assert_eq!(events().last(), Some(&Event::KeyResumed { key: BTC, value: Some(v(60)) }));
		assert_eq!(PausedValue::<Test>::get(BTC), None);
		assert_eq!(<Oracle as PriceFeed>::price(1), Some((v(60), t2)));
		assert_eq!(
			PriceCopies::get(1),
			Some(Some(PricePoint { liquidation_only: false, ..confirmed }))
		);
	});
}

#[test]
fn invariants_catch_a_paused_value_of_a_key_not_paused() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(1, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		let c = Combined::<Test>::get(BTC).unwrap();
		PausedValue::<Test>::insert(BTC, c);
		assert_eq!(Oracle::do_try_state(), Err("paused value for a key not paused".into()));
	});
}

#[test]
fn invariants_catch_a_paused_value_from_the_pause_or_below_the_quorum() {
	new_test_ext().execute_with(|| {
		let mut cfg = config(2, 60_000);
		cfg.max_deviation = Some(Permill::from_percent(10));
		setup(&[1, 2, 3], BTC, cfg);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(100))]));
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(50))]));
		let paused_at = Paused::<Test>::get(BTC).unwrap().paused_at;
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(60))]));
		assert_ok!(feed(3, vec![(BTC, v(70))]));
		let good = PausedValue::<Test>::get(BTC).unwrap();
		assert_eq!(Oracle::do_try_state(), Ok(()));
		PausedValue::<Test>::insert(BTC, CombinedValue { updated_at: paused_at, ..good });
		assert_eq!(Oracle::do_try_state(), Err("paused value from before the pause".into()));
		PausedValue::<Test>::insert(BTC, CombinedValue { feeds: 1, ..good });
		assert_eq!(Oracle::do_try_state(), Err("paused value below min_feeders".into()));
	});
}

#[test]
fn removing_a_feeder_drops_their_values_and_recombines() {
	test_with_invariants(|| {
		setup(&[1, 2, 3], BTC, config(2, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_ok!(feed(1, vec![(BTC, v(100)), (ETH, v(7))]));
		assert_ok!(feed(2, vec![(BTC, v(120))]));
		assert_ok!(feed(3, vec![(BTC, v(200))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(120));
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 3));
		assert_eq!(events().last(), Some(&Event::FeederRemoved { who: 3, dropped: 1 }));
		// 100 and 120 are left: the lower middle, 100.
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(100));
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 1));
		// BTC is down to one feed of two needed; ETH lost its only feed.
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::InsufficientFeeds, None));
		assert_eq!(Oracle::value_status(&ETH), (ValueStatus::InsufficientFeeds, None));
		assert_eq!(Feeds::<Test>::iter_prefix(BTC).count(), 1);
		assert!(events().contains(&Event::ValueCleared { key: ETH }));
		// The removed feeder can no longer feed.
		advance(BLOCK_MS);
		assert_noop!(feed(1, vec![(BTC, v(100))]), Error::<Test>::NotFeeder);
	});
}

#[test]
fn key_config_is_validated() {
	test_with_invariants(|| {
		let bad = |cfg| Oracle::set_key_config(RuntimeOrigin::root(), BTC, cfg);
		assert_noop!(bad(config(0, 1)), Error::<Test>::InvalidMinFeeders);
		assert_noop!(bad(config(9, 1)), Error::<Test>::InvalidMinFeeders);
		assert_noop!(bad(config(1, 0)), Error::<Test>::InvalidMaxAge);
		let mut cfg = config(1, 1);
		cfg.min_value = Some(v(2));
		cfg.max_value = Some(v(1));
		assert_noop!(bad(cfg), Error::<Test>::InvalidBounds);
		let mut cfg = config(1, 1);
		cfg.max_deviation = Some(Permill::zero());
		assert_noop!(bad(cfg), Error::<Test>::InvalidMaxDeviation);
		assert_noop!(
			Oracle::set_key_config(RuntimeOrigin::signed(1), BTC, config(1, 1)),
			DispatchError::BadOrigin
		);
		for asset in 0..4 {
			assert_ok!(Oracle::set_key_config(
				RuntimeOrigin::root(),
				OracleKey::AssetPrice(asset),
				config(1, 1)
			));
		}
		assert_noop!(
			Oracle::set_key_config(RuntimeOrigin::root(), OracleKey::AssetPrice(99), config(1, 1)),
			Error::<Test>::TooManyKeys
		);
		// Updating an existing key is fine at the limit.
		assert_ok!(Oracle::set_key_config(
			RuntimeOrigin::root(),
			OracleKey::AssetPrice(0),
			config(2, 5)
		));
	});
}

#[test]
fn tightening_min_feeders_clears_a_thinly_backed_value() {
	test_with_invariants(|| {
		setup(&[1, 2], BTC, config(1, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert!(Oracle::current_value(&BTC).is_some());
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, config(2, 60_000)));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::InsufficientFeeds, None));
		assert!(events().contains(&Event::ValueCleared { key: BTC }));
	});
}

#[test]
fn model_metrics_are_served_through_metric_feed() {
	test_with_invariants(|| {
		setup(&[1, 2, 3], GPT_ACC, config(3, 3_600_000));
		assert_ok!(feed(1, vec![(GPT_ACC, milli(912))]));
		assert_ok!(feed(2, vec![(GPT_ACC, milli(915))]));
		assert_eq!(<Oracle as MetricFeed>::metric(7, 3, MetricKind::Accuracy), None);
		assert_ok!(feed(3, vec![(GPT_ACC, milli(950))]));
		assert_eq!(
			<Oracle as MetricFeed>::metric(7, 3, MetricKind::Accuracy),
			Some((milli(915), GENESIS_MS))
		);
		// Another version of the same model has no value.
		assert_eq!(<Oracle as MetricFeed>::metric(7, 4, MetricKind::Accuracy), None);
	});
}

#[test]
fn removing_a_key_removes_everything_about_it() {
	test_with_invariants(|| {
		setup_guarded_btc(60_000, 1);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		// 30 and 100: the lower middle, 30, is a 70 % drop.
		assert_ok!(feed(2, vec![(BTC, v(30))]));
		assert!(Paused::<Test>::contains_key(BTC));
		// A confirmed liquidation-only value goes with the key.
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(31))]));
		assert!(PausedValue::<Test>::contains_key(BTC));
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), BTC));
		assert_eq!(Feeds::<Test>::iter_prefix(BTC).count(), 0);
		assert!(!Paused::<Test>::contains_key(BTC));
		assert!(!PausedValue::<Test>::contains_key(BTC));
		assert_eq!(Combined::<Test>::get(BTC), None);
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		assert_eq!(PriceCopies::get(1), Some(None));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Unknown, None));
		assert_noop!(
			Oracle::remove_key(RuntimeOrigin::root(), BTC),
			Error::<Test>::KeyNotConfigured
		);
	});
}

#[test]
fn all_values_lists_every_key_with_its_status() {
	test_with_invariants(|| {
		setup(&[1], BTC, config(1, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_ok!(feed(1, vec![(BTC, v(3))]));
		let mut all = Oracle::all_values();
		all.sort_by_key(|(k, _, _)| *k);
		assert_eq!(all.len(), 2);
		assert_eq!((all[0].0, all[0].1), (BTC, ValueStatus::Current));
		assert_eq!(all[0].2.unwrap().value, v(3));
		assert_eq!((all[1].0, all[1].1, all[1].2), (ETH, ValueStatus::InsufficientFeeds, None));
	});
}

#[test]
fn invariants_catch_a_feed_from_a_non_member() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(1, 60_000));
		Feeds::<Test>::insert(BTC, 42, FeedRecord { value: v(1), timestamp: GENESIS_MS });
		assert!(Oracle::do_try_state().is_err());
	});
}

#[test]
fn invariants_catch_an_underfed_combined_value() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(2, 60_000));
		Combined::<Test>::insert(
			BTC,
			CombinedValue {
				value: v(1),
				updated_at: GENESIS_MS,
				expires_at: GENESIS_MS + 1,
				feeds: 1,
				dispersion: v(0),
			},
		);
		assert!(Oracle::do_try_state().is_err());
	});
}

#[test]
fn median_and_deviation_arithmetic() {
	assert_eq!(median_of_sorted(&[]), None);
	assert_eq!(median_of_sorted(&[v(5)]), Some(v(5)));
	assert_eq!(median_of_sorted(&[v(1), v(2)]), Some(v(1)));
	assert_eq!(median_of_sorted(&[v(1), v(2), v(3), v(1000)]), Some(v(2)));
	assert_eq!(median_of_sorted(&[v(1), v(2), v(9)]), Some(v(2)));
	let max = FixedU128::from_inner(u128::MAX);
	assert_eq!(median_of_sorted(&[max, max]), Some(max));
	assert_eq!(relative_deviation(v(100), v(100)), Permill::zero());
	assert_eq!(relative_deviation(v(100), v(110)), Permill::from_percent(10));
	assert_eq!(relative_deviation(v(100), v(90)), Permill::from_percent(10));
	assert_eq!(relative_deviation(v(100), v(300)), Permill::one());
	assert_eq!(relative_deviation(v(0), v(1)), Permill::one());
	// 1/3 rounds up to 333_334 ppm.
	assert_eq!(relative_deviation(v(3), v(4)), Permill::from_parts(333_334));
}

mod offchain {
	use super::*;
	use crate::offchain_feeder::{
		parse_decimal, parse_source, FeederError, SOURCE_URL_STORAGE_KEY,
	};
	use codec::Decode;
	use sp_core::offchain::{
		testing::{PendingRequest, TestOffchainExt, TestTransactionPoolExt},
		OffchainDbExt, OffchainWorkerExt, StorageKind, TransactionPoolExt,
	};
	use sp_runtime::{generic::Preamble, testing::UintAuthorityId};

	const URL: &str = "http://oracle.test/values";

	/// Runs `test` with off-chain HTTP answering `body` once, a test transaction pool, and
	/// local keys for accounts `keys`. Returns the submitted transactions.
	fn with_offchain(keys: &[u64], body: Option<&str>, test: impl FnOnce()) -> Vec<Extrinsic> {
		let (offchain, state) = TestOffchainExt::new();
		let (pool, pool_state) = TestTransactionPoolExt::new();
		let mut ext = new_test_ext();
		ext.register_extension(OffchainDbExt::new(offchain.clone()));
		ext.register_extension(OffchainWorkerExt::new(offchain));
		ext.register_extension(TransactionPoolExt::new(pool));
		UintAuthorityId::set_all_keys(keys.iter().copied());
		if let Some(body) = body {
			state.write().expect_request(PendingRequest {
				method: "GET".into(),
				uri: URL.into(),
				headers: vec![("Accept".into(), "application/json".into())],
				response: Some(body.as_bytes().to_vec()),
				sent: true,
				..Default::default()
			});
		}
		ext.execute_with(|| {
			test();
			Oracle::do_try_state().unwrap();
		});
		let txs = pool_state.read().transactions.clone();
		txs.into_iter().map(|tx| Extrinsic::decode(&mut &tx[..]).unwrap()).collect()
	}

	fn set_source() {
		sp_io::offchain::local_storage_set(
			StorageKind::PERSISTENT,
			SOURCE_URL_STORAGE_KEY,
			URL.as_bytes(),
		);
	}

	#[test]
	fn feeds_configured_keys_from_the_source_signed_by_the_local_feeder_key() {
		let body = r#"{"prices": {"1": "64250.125", "2": 3100, "99": "1"},
			"metrics": [{"model": 7, "version": 3, "metric": "Accuracy", "value": "0.915"}]}"#;
		// Account 9 has a local key but is no feeder: it must not sign.
		let txs = with_offchain(&[1, 9], Some(body), || {
			setup(&[1, 2], BTC, config(1, 60_000));
			assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
			assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
			set_source();
			assert_eq!(Oracle::offchain_feed_round(), Ok(3));
		});
		assert_eq!(txs.len(), 1);
		let Preamble::Signed(signer, _, _) = txs[0].preamble else { panic!("not signed") };
		assert_eq!(signer, 1);
		let RuntimeCall::Oracle(Call::feed_values { values }) = &txs[0].function else {
			panic!("not feed_values")
		};
		// Asset 99 is not configured, so it is left out.
		assert_eq!(
			values.clone().into_inner(),
			vec![
				(BTC, FixedU128::from_inner(64_250_125_000_000_000_000_000)),
				(ETH, v(3100)),
				(GPT_ACC, milli(915)),
			]
		);
	}

	#[test]
	fn skips_out_of_bounds_keys() {
		let body = r#"{"prices": {"2": "5000"}}"#;
		let txs = with_offchain(&[1], Some(body), || {
			let mut cfg = config(1, 60_000);
			cfg.max_value = Some(v(4000));
			setup(&[1], ETH, cfg);
			set_source();
			assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::NothingToFeed));
		});
		assert!(txs.is_empty());
	}

	#[test]
	fn feeds_paused_keys_so_that_feeders_can_confirm_a_liquidation_price() {
		let body = r#"{"prices": {"1": "100", "2": "5000"}}"#;
		let txs = with_offchain(&[1], Some(body), || {
			let mut cfg = config(1, 60_000);
			cfg.max_value = Some(v(4000));
			setup(&[1], ETH, cfg);
			assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, config(1, 60_000)));
			Paused::<Test>::insert(
				BTC,
				PauseRecord { previous: v(1), proposed: v(2), paused_at: GENESIS_MS },
			);
			set_source();
			assert_eq!(Oracle::offchain_feed_round(), Ok(1));
		});
		let [tx] = &txs[..] else { panic!("{} transactions", txs.len()) };
		let RuntimeCall::Oracle(Call::feed_values { values }) = &tx.function else {
			panic!("not feed_values")
		};
		// ETH's 5000 is out of bounds; the paused BTC is fed.
		assert_eq!(values.clone().into_inner(), vec![(BTC, v(100))]);
	}

	#[test]
	fn does_nothing_without_a_source_or_a_feeder_key() {
		let txs = with_offchain(&[1], None, || {
			setup(&[1], BTC, config(1, 60_000));
			assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::NoSource));
		});
		assert!(txs.is_empty());
		let txs = with_offchain(&[5], None, || {
			setup(&[1], BTC, config(1, 60_000));
			set_source();
			assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::NoFeederKey));
		});
		assert!(txs.is_empty());
	}

	#[test]
	fn rejects_a_malformed_source() {
		let txs = with_offchain(&[1], Some(r#"{"prices": {"1": "-5"}}"#), || {
			setup(&[1], BTC, config(1, 60_000));
			set_source();
			assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::BadJson));
		});
		assert!(txs.is_empty());
	}

	#[test]
	fn decimals_parse_exactly() {
		assert_eq!(parse_decimal("42"), Some(v(42)));
		assert_eq!(parse_decimal("0.5"), Some(milli(500)));
		assert_eq!(parse_decimal(".5"), Some(milli(500)));
		assert_eq!(
			parse_decimal("1.000000000000000001"),
			Some(FixedU128::from_inner(10u128.pow(18) + 1))
		);
		assert_eq!(parse_decimal("1.0000000000000000001"), None);
		assert_eq!(parse_decimal("-1"), None);
		assert_eq!(parse_decimal("1e5"), None);
		assert_eq!(parse_decimal(""), None);
		assert_eq!(parse_decimal("."), None);
		assert_eq!(parse_decimal("340282366920938463464"), None);
	}

	#[test]
	fn source_metrics_accept_custom_kinds() {
		let parsed = parse_source(
			br#"{"metrics": [{"model": 1, "version": 2, "metric": "Custom:12", "value": 3.5}]}"#,
		)
		.unwrap();
		assert_eq!(
			parsed,
			vec![(
				OracleKey::ModelMetric { model: 1, version: 2, metric: MetricKind::Custom(12) },
				milli(3500)
			)]
		);
		assert_eq!(parse_source(b"not json"), Err(FeederError::BadJson));
		assert_eq!(
			parse_source(
				br#"{"metrics": [{"model": 1, "version": 2, "metric": "Vibes", "value": 1}]}"#
			),
			Err(FeederError::BadJson)
		);
	}
}

#[test]
fn price_consumers_are_told_of_every_change_and_metrics_are_not_prices() {
	test_with_invariants(|| {
		setup_guarded_btc(60_000, 10);
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
		assert_eq!(PriceCopies::get(1), None);
		assert_ok!(feed(1, vec![(BTC, v(100)), (GPT_ACC, milli(910))]));
		let fed = PricePoint {
			price: v(100),
			observed_at: GENESIS_MS,
			expires_at: GENESIS_MS + 60_000,
			liquidation_only: false,
		};
		assert_eq!(PriceCopies::get(1), Some(Some(fed)));
		// A metric is not a price: nobody is told.
		assert_eq!(PriceCopies::get(7), None);
		// A jump pauses the key: the copy goes with the value.
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(150))]));
		assert_eq!(PriceCopies::get(1), Some(None));
		assert_ok!(Oracle::resume_key(RuntimeOrigin::root(), BTC));
		let resumed = PricePoint {
			price: v(150),
			observed_at: GENESIS_MS + BLOCK_MS,
			expires_at: GENESIS_MS + BLOCK_MS + 60_000,
			liquidation_only: false,
		};
		assert_eq!(PriceCopies::get(1), Some(Some(resumed)));
		// Expiry is the consumer's to apply: the stored point stays until replaced.
		advance(120_000);
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		assert_eq!(<Oracle as PriceFeed>::price_point(1), Some(resumed));
		assert_eq!(resumed.current_at(GENESIS_MS + BLOCK_MS + 60_000), None);
		assert_eq!(
			resumed.current_at(GENESIS_MS + BLOCK_MS),
			Some((v(150), GENESIS_MS + BLOCK_MS))
		);
		// A stricter configuration that the feeds no longer meet clears it.
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, config(2, 60_000)));
		assert_eq!(PriceCopies::get(1), Some(None));
		advance(BLOCK_MS);
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, config(1, 60_000)));
		assert_ok!(feed(2, vec![(BTC, v(151))]));
		assert_eq!(PriceCopies::get(1).unwrap().unwrap().price, v(151));
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), BTC));
		assert_eq!(PriceCopies::get(1), Some(None));
	});
}

#[test]
fn calls_that_may_change_prices_are_charged_for_telling_consumers() {
	new_test_ext().execute_with(|| {
		let hook = <PriceCopies as OnPriceChange>::max_weight();
		let values: BoundedVec<_, _> = vec![(BTC, v(1)), (ETH, v(2))].try_into().unwrap();
		let call = Call::<Test>::feed_values { values };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::feed_values(2, MaxFeeders::get()).saturating_add(hook * 2)
		);
		let call = Call::<Test>::remove_key { key: BTC };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::remove_key(MaxFeeders::get()).saturating_add(hook)
		);
	});
}

#[test]
fn removing_a_feeder_is_charged_for_every_key_it_reads() {
	test_with_invariants(|| {
		setup(&[1, 2], BTC, config(1, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
		// Feeder 1 fed one key of three; the call still reads all three.
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		let post = Oracle::remove_feeder(RuntimeOrigin::root(), 1).unwrap();
		let hook = <PriceCopies as OnPriceChange>::max_weight();
		let one_fed_two_read = <() as WeightInfo>::remove_feeder(1, 2, MaxFeeders::get());
		assert_eq!(post.actual_weight, Some(one_fed_two_read.saturating_add(hook)));
		// The two keys it did not feed cost something: the generated weight charges their
		// proof size per key, and its base already charges reading every key (`MaxKeys`).
		assert!(one_fed_two_read.any_gt(<() as WeightInfo>::remove_feeder(
			1,
			0,
			MaxFeeders::get()
		)));
		// A feeder who fed nothing is still charged for reading the three keys.
		let post = Oracle::remove_feeder(RuntimeOrigin::root(), 2).unwrap();
		assert_eq!(
			post.actual_weight,
			Some(<() as WeightInfo>::remove_feeder(0, 3, MaxFeeders::get()))
		);
		assert_eq!(events().last(), Some(&Event::FeederRemoved { who: 2, dropped: 0 }));
	});
}

#[test]
fn removing_a_feeder_is_charged_up_front_for_the_worst_split_of_keys() {
	test_with_invariants(|| {
		let hook = <PriceCopies as OnPriceChange>::max_weight();
		let charged = Call::<Test>::remove_feeder { who: 1 }.get_dispatch_info().call_weight;
		let (keys, feeders) = (MaxKeys::get(), MaxFeeders::get());
		for fed in 0..=keys {
			let actual = <() as WeightInfo>::remove_feeder(fed, keys - fed, feeders)
				.saturating_add(hook * u64::from(fed));
			assert!(actual.all_lte(charged), "{fed} of {keys} keys fed");
		}
		assert_eq!(
			charged,
			<() as WeightInfo>::remove_feeder(keys, 0, feeders)
				.max(<() as WeightInfo>::remove_feeder(0, keys, feeders))
				.saturating_add(hook * u64::from(keys))
		);
	});
}
