//! The deviation guard: pauses, resumption and the liquidation-only value of a paused key.

use super::*;

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
		assert!(combined(BTC).is_none());
		assert_eq!(pause(BTC).unwrap().previous, v(110));
		// The pausing feed itself confirms nothing (it is not after the pause).
		assert!(paused_value(BTC).is_none());
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		advance(BLOCK_MS);
		// A paused key still takes feeds: feeder 2 confirms 200 after the pause (one feed
		// is the quorum here), which serves liquidations only.
		assert_ok!(feed(2, vec![(BTC, v(200))]));
		let confirmed = paused_value(BTC).unwrap();
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
		assert!(paused_value(BTC).is_none());
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
		assert!(combined(BTC).is_none());
		assert!(paused_value(BTC).is_none());
		assert_ok!(Oracle::resume_key(RuntimeOrigin::root(), BTC));
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
			assert_eq!(combined(BTC).unwrap().expires_at, GENESIS_MS + 60_000);
			System::set_block_number(2);
			pallet_timestamp::Now::<Test>::put(at);
			// +50 %, five times the guard's 10 %.
			assert_ok!(feed(1, vec![(BTC, v(150))]));
			if pauses {
				assert_eq!(
					pause(BTC),
					Some(PauseRecord { previous: v(100), proposed: v(150), paused_at: at })
				);
				assert_eq!(Oracle::value_status(&BTC), (ValueStatus::Paused, None));
			} else {
				assert!(pause(BTC).is_none());
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
		assert!(pause(BTC).is_none());
		assert_eq!(Oracle::current_value(&BTC).unwrap().value, v(150));
		// While a value is served, the guard still works.
		advance(BLOCK_MS);
		assert_ok!(feed(1, vec![(BTC, v(300))]));
		assert!(pause(BTC).is_some());
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
		assert!(pause(BTC).is_some());
		advance(BLOCK_MS);
		// One feeder after the pause is not a quorum of two.
		assert_ok!(feed(1, vec![(BTC, v(150))]));
		assert!(paused_value(BTC).is_none());
		assert_eq!(<Oracle as PriceFeed>::price_point(1), None);
		// A second one is: the lower middle of 150 and 160 serves liquidations.
		assert_ok!(feed(3, vec![(BTC, v(160))]));
		let point = <Oracle as PriceFeed>::price_point(1).unwrap();
		assert_eq!((point.price, point.liquidation_only), (v(150), true));
		assert_eq!(<Oracle as PriceFeed>::price(1), None);
		// Removing one of them leaves too few post-pause feeds: the value goes, and
		// consumers are told.
		assert_ok!(Oracle::remove_feeder(RuntimeOrigin::root(), 3));
		assert!(paused_value(BTC).is_none());
		assert_eq!(PriceCopies::get(1), Some(None));
		// Removing the key removes a confirmed value too.
		advance(BLOCK_MS);
		assert_ok!(feed(2, vec![(BTC, v(151))]));
		assert!(paused_value(BTC).is_some());
		assert_ok!(Oracle::remove_key(RuntimeOrigin::root(), BTC));
		assert!(paused_value(BTC).is_none());
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
		assert_eq!(pause(BTC).map(|p| p.paused_at), Some(t1));
		advance(BLOCK_MS);
		let t2 = GENESIS_MS + 2 * BLOCK_MS;
		assert_ok!(feed(2, vec![(BTC, v(60))]));
		assert_eq!(paused_value(BTC), None);
		assert_ok!(feed(3, vec![(BTC, v(70))]));
		// Feeds after the pause: 60 and 70 (feeder 1's 50 was the pausing feed).
		let confirmed = PricePoint {
			price: v(60),
			observed_at: t2,
			expires_at: t2 + 600_000,
			liquidation_only: true,
		};
		assert_eq!(
			paused_value(BTC),
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
		assert_eq!(paused_value(BTC), None);
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
		assert_eq!(paused_value(BTC), None);
		assert_eq!(<Oracle as PriceFeed>::price(1), Some((v(60), t2)));
		assert_eq!(
			PriceCopies::get(1),
			Some(Some(PricePoint { liquidation_only: false, ..confirmed }))
		);
	});
}
