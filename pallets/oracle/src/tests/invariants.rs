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
		edit(BTC, |s| s.set_feed(&42, FeedRecord { value: v(1), timestamp: GENESIS_MS }).unwrap());
		assert!(Oracle::do_try_state().is_err());
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
				expires_at: GENESIS_MS + 1,
				feeds: 1,
				dispersion: v(0),
			})
		});
		assert!(Oracle::do_try_state().is_err());
	});
}
