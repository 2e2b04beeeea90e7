//! What calls are charged: per value, per key read, and for telling price consumers.

use super::*;

#[test]
fn a_feed_is_charged_per_value_and_for_telling_consumers_of_each_price_only() {
	new_test_ext().execute_with(|| {
		let hook = <PriceCopies as OnPriceChange>::max_weight();
		// Two prices and a metric: the metric tells nobody.
		let values: BoundedVec<_, _> =
			vec![(BTC, v(1)), (GPT_ACC, v(1)), (ETH, v(2))].try_into().unwrap();
		let call = Call::<Test>::feed_values { values };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::feed_values(3).saturating_add(hook * 2)
		);
		let values: BoundedVec<_, _> = vec![(GPT_ACC, v(1))].try_into().unwrap();
		let call = Call::<Test>::feed_values { values };
		assert_eq!(call.get_dispatch_info().call_weight, <() as WeightInfo>::feed_values(1));
		let db: frame_support::weights::RuntimeDbWeight =
			<Test as frame_system::Config>::DbWeight::get();
		let call = Call::<Test>::remove_key { key: BTC };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::remove_key()
				.saturating_add(hook)
				.saturating_add(db.reads_writes(1, 1))
		);
		let call = Call::<Test>::set_key_config { key: BTC, config: config(1, 1) };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::set_key_config()
				.saturating_add(hook)
				.saturating_add(db.reads_writes(2, 2))
		);
		let call = Call::<Test>::resume_key { key: BTC };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::resume_key().saturating_add(hook * 2)
		);
	});
}

#[test]
fn removing_a_feeder_is_charged_for_every_key_it_reads_and_every_price_it_changes() {
	test_with_invariants(|| {
		setup(&[1, 2], BTC, config(1, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
		// Feeder 1 fed one price and the metric of three keys; the call reads all three.
		assert_ok!(feed(1, vec![(BTC, v(100)), (GPT_ACC, milli(900))]));
		let post = Oracle::remove_feeder(RuntimeOrigin::root(), 1).unwrap();
		let hook = <PriceCopies as OnPriceChange>::max_weight();
		assert_eq!(
			post.actual_weight,
			Some(<() as WeightInfo>::remove_feeder(2, 1).saturating_add(hook))
		);
		assert_eq!(events().last(), Some(&Event::FeederRemoved { who: 1, dropped: 2 }));
		// A feeder who fed nothing is still charged for reading the three keys.
		let post = Oracle::remove_feeder(RuntimeOrigin::root(), 2).unwrap();
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::remove_feeder(0, 3)));
		assert_eq!(events().last(), Some(&Event::FeederRemoved { who: 2, dropped: 0 }));
	});
}

#[test]
fn removing_a_feeder_is_charged_up_front_for_the_worst_split_of_keys() {
	test_with_invariants(|| {
		let hook = <PriceCopies as OnPriceChange>::max_weight();
		let charged = Call::<Test>::remove_feeder { who: 1 }.get_dispatch_info().call_weight;
		let (keys, prices) = (MaxKeys::get(), MaxPriceKeys::get());
		for fed in 0..=keys {
			let actual = <() as WeightInfo>::remove_feeder(fed, keys - fed)
				.saturating_add(hook * u64::from(fed.min(prices)));
			assert!(actual.all_lte(charged), "{fed} of {keys} keys fed");
		}
		assert_eq!(
			charged,
			<() as WeightInfo>::remove_feeder(keys, 0)
				.max(<() as WeightInfo>::remove_feeder(0, keys))
				.saturating_add(hook * u64::from(prices))
		);
	});
}
