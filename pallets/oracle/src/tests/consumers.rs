//! Price consumers: every change of a price reaches them; metrics are not prices.

use super::*;

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
		// A metric is not a price: nobody is told of it; BTC is the only asset told.
		assert_eq!(PriceCopies::told(), 1);
		assert_ok!(feed(2, vec![(GPT_ACC, milli(920))]));
		assert_eq!(PriceCopies::told(), 1);
		assert_eq!(PriceCopies::get(1), Some(Some(fed)));
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
