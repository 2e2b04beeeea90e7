//! The invariants catch each corruption they name.

use super::*;

#[test]
fn invariants_catch_a_paused_value_of_a_key_not_paused() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(1, 60_000));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		let c = combined(BTC).unwrap();
		edit(BTC, |s| s.paused_value = Some(c));
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
		let paused_at = pause(BTC).unwrap().paused_at;
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(60))]));
		assert_ok!(feed(3, vec![(BTC, v(70))]));
		let good = paused_value(BTC).unwrap();
		assert_eq!(Oracle::do_try_state(), Ok(()));
		edit(BTC, |s| s.paused_value = Some(CombinedValue { updated_at: paused_at, ..good }));
		assert_eq!(Oracle::do_try_state(), Err("paused value from before the pause".into()));
		edit(BTC, |s| s.paused_value = Some(CombinedValue { feeds: 1, ..good }));
		assert_eq!(Oracle::do_try_state(), Err("paused value below min_feeders".into()));
	});
}

#[test]
fn invariants_catch_a_feed_from_a_non_member() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(1, 60_000));
		edit(BTC, |s| assert!(s.set_feed(&42, FeedRecord { value: v(1), timestamp: GENESIS_MS })));
		assert_eq!(Oracle::do_try_state(), Err("feed from a non-member".into()));
	});
}

#[test]
fn invariants_catch_an_underfed_combined_value() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(2, 60_000));
		edit(BTC, |s| {
			s.combined = Some(CombinedValue {
				value: v(1),
				updated_at: GENESIS_MS,
				expires_at: GENESIS_MS + 60_000,
				feeds: 1,
				dispersion: v(0),
			})
		});
		assert_eq!(Oracle::do_try_state(), Err("combined value below min_feeders".into()));
	});
}

#[test]
fn invariants_catch_each_corruption_of_a_record_or_a_counter() {
	new_test_ext().execute_with(|| {
		setup(&[1, 2], BTC, config(1, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		assert_ok!(feed(2, vec![(BTC, v(101))]));
		assert_eq!(Oracle::do_try_state(), Ok(()));
		let good = Oracle::key_state(&BTC).unwrap();
		let check = |change: &dyn Fn(&mut KeyStateOf<Test>), broken: &'static str| {
			edit(BTC, change);
			assert_eq!(Oracle::do_try_state(), Err(broken.into()));
			Keys::<Test>::insert(BTC, good.clone());
			assert_eq!(Oracle::do_try_state(), Ok(()));
		};
		check(
			&|s| {
				let mut feeds = s.feeds.to_vec();
				feeds.swap(0, 1);
				s.feeds = BoundedVec::truncate_from(feeds);
			},
			"a key's feeds are not strictly sorted by feeder",
		);
		check(&|s| s.config.min_feeders = 0, "an invalid key configuration");
		check(
			&|s| s.pause = Some(PauseRecord { previous: v(1), proposed: v(2), paused_at: 0 }),
			"combined value for a paused key",
		);
		check(
			&|s| s.combined = s.combined.map(|c| CombinedValue { feeds: 3, ..c }),
			"combined value of more feeds than the key holds",
		);
		check(
			&|s| {
				s.combined = s.combined.map(|c| CombinedValue { expires_at: c.expires_at + 1, ..c })
			},
			"combined value expires off max_age",
		);
		// The counters.
		PriceKeys::<Test>::put(2);
		assert_eq!(Oracle::do_try_state(), Err("price key counter out of sync".into()));
		PriceKeys::<Test>::put(1);
		pallet_oracle_counter_bump();
		assert_eq!(Oracle::do_try_state(), Err("key counter out of sync".into()));
	});
}

#[test]
fn invariants_catch_a_last_feed_of_a_removed_feeder() {
	new_test_ext().execute_with(|| {
		setup(&[1], BTC, config(1, 60_000));
		LastFeedBlock::<Test>::insert(9, 1);
		assert_eq!(Oracle::do_try_state(), Err("a last feed of a non-member".into()));
	});
}

/// Raises the `Keys` counter without a record, as a bug in a counted map's use would.
fn pallet_oracle_counter_bump() {
	let key = Keys::<Test>::counter_storage_final_key();
	let count = Keys::<Test>::count();
	frame_support::storage::unhashed::put(&key, &(count + 1));
}
