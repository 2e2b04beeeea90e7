//! Feeding: membership, one feed per block, bounds and bad input.

use super::*;

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
		assert_eq!(feed_record(ETH, 1), None);
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
fn a_key_repeated_anywhere_in_a_call_fails_it_whole() {
	test_with_invariants(|| {
		setup(&[1], BTC, config(1, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
		// Not next to each other: a repeat cannot hide behind another key.
		assert_noop!(
			feed(1, vec![(BTC, v(1)), (GPT_ACC, v(1)), (ETH, v(1)), (BTC, v(2))]),
			Error::<Test>::DuplicateKey
		);
		assert_eq!(feed_record(ETH, 1), None);
	});
}

#[test]
fn one_call_feeds_every_key_and_each_record_keeps_one_feed_per_feeder() {
	test_with_invariants(|| {
		let feeders: Vec<u64> = (1..=MaxFeeders::get() as u64).collect();
		setup(&feeders, BTC, config(3, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(3, 60_000)));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(3, 60_000)));
		for round in 0..2u128 {
			for (i, who) in feeders.iter().enumerate() {
				let x = 100 + i as u128 + round;
				assert_ok!(feed(*who, vec![(GPT_ACC, v(x)), (BTC, v(x)), (ETH, v(x))]));
			}
			advance(BLOCK_MS);
		}
		// Every feeder's second feed replaced its first: the record is full, not over full.
		for key in [BTC, ETH, GPT_ACC] {
			assert_eq!(feed_count(key), MaxFeeders::get() as usize);
			// 101..=108, lower middle of eight: 104.
			assert_eq!(combined(key).unwrap().value, v(104));
			assert_eq!(combined(key).unwrap().feeds, MaxFeeders::get());
		}
		assert_eq!(
			feed_record(BTC, 8),
			Some(FeedRecord { value: v(108), timestamp: GENESIS_MS + BLOCK_MS })
		);
		// Each call emitted one event, not one per value; price keys also told consumers.
		let fed =
			events().iter().filter(|e| matches!(e, Event::ValuesFed { count: 3, .. })).count();
		assert_eq!(fed, 2 * MaxFeeders::get() as usize);
		assert!(!events().iter().any(|e| matches!(e, Event::ValueUpdated { key: GPT_ACC, .. })));
		assert!(events().iter().any(|e| matches!(e, Event::ValueUpdated { key: BTC, .. })));
	});
}

#[test]
fn a_removed_feeders_values_stop_counting_at_once_and_do_not_return_with_them() {
	test_with_invariants(|| {
		setup(&[1, 2, 3], BTC, config(2, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(101))]));
		assert_ok!(feed(3, vec![(BTC, v(5000))]));
		assert_eq!(combined(BTC).unwrap().feeds, 3);
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 3));
		assert_eq!(feed_record(BTC, 3), None);
		assert_eq!(combined(BTC).unwrap().feeds, 2);
		// Re-admitted, feeder 3 starts with no feed: its old 5000 is gone for good.
		assert_ok!(Oracle::add_feeder(RuntimeOrigin::root(), 3));
		assert_eq!(feed_record(BTC, 3), None);
		assert_eq!(combined(BTC).unwrap().value, v(100));
	});
}
