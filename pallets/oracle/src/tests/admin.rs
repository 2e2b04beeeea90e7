//! Administration: the feeder set and key configuration.

use super::*;

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
		assert_eq!(feed_count(BTC), 1);
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
		// MaxPriceKeys (3) prices, then only a metric fits, up to MaxKeys (4).
		for asset in 0..3 {
			assert_ok!(Oracle::set_key_config(
				RuntimeOrigin::root(),
				OracleKey::AssetPrice(asset),
				config(1, 1)
			));
		}
		assert_eq!(PriceKeys::<Test>::get(), 3);
		assert_noop!(
			Oracle::set_key_config(RuntimeOrigin::root(), OracleKey::AssetPrice(99), config(1, 1)),
			Error::<Test>::TooManyPriceKeys
		);
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 1)));
		let other_metric = OracleKey::ModelMetric { model: 8, version: 1, metric: MetricKind::F1 };
		assert_noop!(
			Oracle::set_key_config(RuntimeOrigin::root(), other_metric, config(1, 1)),
			Error::<Test>::TooManyKeys
		);
		assert_eq!(Keys::<Test>::count(), 4);
		// Removing a price frees a price slot, and the count follows.
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), OracleKey::AssetPrice(2)));
		assert_eq!(PriceKeys::<Test>::get(), 2);
		assert_ok!(Oracle::set_key_config(
			RuntimeOrigin::root(),
			OracleKey::AssetPrice(99),
			config(1, 1)
		));
		assert_eq!(PriceKeys::<Test>::get(), 3);
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
fn removing_a_key_removes_everything_about_it() {
	test_with_invariants(|| {
		setup_guarded_btc(60_000, 1);
		assert_ok!(feed(1, vec![(BTC, v(100))]));
		// 30 and 100: the lower middle, 30, is a 70 % drop.
		assert_ok!(feed(2, vec![(BTC, v(30))]));
		assert!(pause(BTC).is_some());
		// A confirmed liquidation-only value goes with the key.
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(31))]));
		assert!(paused_value(BTC).is_some());
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), BTC));
		assert_eq!(feed_count(BTC), 0);
		assert!(pause(BTC).is_none());
		assert!(paused_value(BTC).is_none());
		assert_eq!(combined(BTC), None);
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		assert_eq!(PriceCopies::get(1), Some(None));
		assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Unknown, None));
		assert_noop!(
			Oracle::remove_key(RuntimeOrigin::root(), BTC),
			Error::<Test>::KeyNotConfigured
		);
	});
}
