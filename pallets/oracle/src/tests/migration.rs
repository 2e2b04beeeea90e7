//! Version 0 → 1: five maps per key become one record per key, nothing lost.

use super::*;
use crate::migrations::v1;
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn fed(value: u128, at: u64) -> FeedRecord {
	FeedRecord { value: v(value), timestamp: at }
}

#[test]
fn version_0_keys_become_one_record_each_with_everything_kept() {
	new_test_ext().execute_with(|| {
		StorageVersion::new(0).put::<Oracle>();
		Feeders::<Test>::put(BoundedVec::try_from(vec![1, 2, 3]).unwrap());
		let combined = CombinedValue {
			value: v(100),
			updated_at: GENESIS_MS,
			expires_at: GENESIS_MS + 60_000,
			feeds: 2,
			dispersion: v(1),
		};
		let pause = PauseRecord { previous: v(10), proposed: v(30), paused_at: GENESIS_MS };
		let confirmed = CombinedValue {
			value: v(31),
			updated_at: GENESIS_MS + 6_000,
			expires_at: GENESIS_MS + 66_000,
			feeds: 1,
			dispersion: v(0),
		};
		// BTC: served by feeders 3 and 1 (stored out of order) and a departed feeder 9.
		v1::KeyConfigs::<Test>::insert(BTC, config(2, 60_000));
		v1::Feeds::<Test>::insert(BTC, 3, fed(101, GENESIS_MS));
		v1::Feeds::<Test>::insert(BTC, 1, fed(100, GENESIS_MS));
		v1::Feeds::<Test>::insert(BTC, 9, fed(5, GENESIS_MS));
		v1::Combined::<Test>::insert(BTC, combined);
		// ETH: paused with a confirmed liquidation-only value.
		v1::KeyConfigs::<Test>::insert(ETH, config(1, 60_000));
		v1::Feeds::<Test>::insert(ETH, 2, fed(31, GENESIS_MS + 6_000));
		v1::Paused::<Test>::insert(ETH, pause);
		v1::PausedValue::<Test>::insert(ETH, confirmed);
		// A metric, configured and never fed.
		v1::KeyConfigs::<Test>::insert(GPT_ACC, config(1, 1_000));
		// A feed of a key that is not configured goes.
		v1::Feeds::<Test>::insert(OracleKey::AssetPrice(77), 1, fed(1, GENESIS_MS));

		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Oracle::on_chain_storage_version(), StorageVersion::new(1));
		assert_eq!(Keys::<Test>::count(), 3);
		assert_eq!(PriceKeys::<Test>::get(), 2);
		let btc = Oracle::key_state(&BTC).unwrap();
		assert_eq!(btc.config, config(2, 60_000));
		assert_eq!(btc.feeds.to_vec(), vec![(1, fed(100, GENESIS_MS)), (3, fed(101, GENESIS_MS))]);
		assert_eq!((btc.combined, btc.pause, btc.paused_value), (Some(combined), None, None));
		let eth = Oracle::key_state(&ETH).unwrap();
		assert_eq!(eth.feeds.to_vec(), vec![(2, fed(31, GENESIS_MS + 6_000))]);
		assert_eq!(
			(eth.combined, eth.pause, eth.paused_value),
			(None, Some(pause), Some(confirmed))
		);
		assert_eq!(Oracle::key_state(&GPT_ACC), Some(KeyStateOf::<Test>::new(config(1, 1_000))));
		assert_eq!(Oracle::key_state(&OracleKey::AssetPrice(77)), None);
		// The old maps and counter are gone.
		assert_eq!(v1::KeyConfigs::<Test>::count(), 0);
		assert_eq!(v1::KeyConfigs::<Test>::iter().count(), 0);
		assert_eq!(v1::Feeds::<Test>::iter().count(), 0);
		assert_eq!(v1::Combined::<Test>::iter().count(), 0);
		assert_eq!(v1::Paused::<Test>::iter().count(), 0);
		assert_eq!(v1::PausedValue::<Test>::iter().count(), 0);
		// Values read as before.
		assert_eq!(Oracle::current_value(&BTC), Some(combined));
		assert_eq!(Oracle::value_status(&ETH), (ValueStatus::Paused, None));
		Oracle::do_try_state().unwrap();

		// A second run finds version 1 and does nothing.
		v1::KeyConfigs::<Test>::insert(BTC, config(1, 1));
		v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Oracle::key_state(&BTC).unwrap().config, config(2, 60_000));
	});
}

/// The migration's own try-runtime checks pass on a real version 0 state, and catch a
/// record the migration got wrong. (`cargo test -p pallet-modelchain-oracle --features
/// try-runtime`.)
#[cfg(feature = "try-runtime")]
#[test]
fn the_migrations_try_runtime_checks_pass_and_catch_a_lost_feed() {
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	new_test_ext().execute_with(|| {
		StorageVersion::new(0).put::<Oracle>();
		Feeders::<Test>::put(BoundedVec::try_from(vec![1, 2]).unwrap());
		v1::KeyConfigs::<Test>::insert(BTC, config(1, 60_000));
		v1::KeyConfigs::<Test>::insert(GPT_ACC, config(1, 60_000));
		v1::Feeds::<Test>::insert(BTC, 2, fed(101, GENESIS_MS));
		v1::Feeds::<Test>::insert(BTC, 1, fed(100, GENESIS_MS));
		let state = v1::InnerMigrateV0ToV1::<Test>::pre_upgrade().unwrap();
		v1::InnerMigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(v1::InnerMigrateV0ToV1::<Test>::post_upgrade(state.clone()), Ok(()));
		edit(BTC, |s| {
			s.drop_feed(&2);
		});
		assert_eq!(
			v1::InnerMigrateV0ToV1::<Test>::post_upgrade(state),
			Err("oracle v1: feeds changed".into())
		);
	});
}
