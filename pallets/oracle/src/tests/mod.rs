//! Unit tests of the oracle pallet, one file per concern. Every test that changes state
//! through calls ends by checking the pallet's invariants (`test_with_invariants`).

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

mod admin;
mod aggregation;
mod consumers;
mod feeding;
mod guard;
mod invariants;
mod migration;
mod offchain;
mod weights;

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{GetDispatchInfo, Pays},
};
use modelchain_primitives::{MetricFeed, MetricKind, OnPriceChange, PriceFeed, PricePoint};
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

/// `key`'s combined value, as stored.
fn combined(key: OracleKey) -> Option<CombinedValue> {
	Oracle::key_state(&key).and_then(|s| s.combined)
}

/// `key`'s pause.
fn pause(key: OracleKey) -> Option<PauseRecord> {
	Oracle::key_state(&key).and_then(|s| s.pause)
}

/// `key`'s liquidation-only value.
fn paused_value(key: OracleKey) -> Option<CombinedValue> {
	Oracle::key_state(&key).and_then(|s| s.paused_value)
}

/// `who`'s feed of `key`.
fn feed_record(key: OracleKey, who: u64) -> Option<FeedRecord> {
	Oracle::key_state(&key).and_then(|s| s.feed_of(&who))
}

/// How many feeds `key` holds (0 for an unknown key).
fn feed_count(key: OracleKey) -> usize {
	Oracle::key_state(&key).map_or(0, |s| s.feeds.len())
}

/// Changes `key`'s record directly (to corrupt it for an invariant test, or to set up a
/// state no call sequence reaches quickly).
fn edit(key: OracleKey, change: impl FnOnce(&mut KeyStateOf<Test>)) {
	Keys::<Test>::mutate(key, |state| change(state.as_mut().unwrap()));
}
