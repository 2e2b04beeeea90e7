//! Aggregation: the median, its expiry, stale feeds, rogue feeders and reading values.

use super::*;

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
		assert!(pause(BTC).is_none());
		// With two feeds the lower middle is the smaller one, so a rogue can only pull the
		// value down, and no further than the guard allows: 91 (-9 %) is served ...
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(91))]));
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(91));
		// ... and 1 (-98.9 % from 91) pauses the key instead.
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(1))]));
		assert_eq!(
			pause(BTC),
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
		assert_eq!(paused_value(BTC), None);
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
