//! The off-chain feeder: its source parsing and what it submits.

use super::*;
use crate::offchain_feeder::{parse_decimal, parse_source, FeederError, SOURCE_URL_STORAGE_KEY};
use codec::Decode;
use sp_core::offchain::{
	testing::{PendingRequest, TestOffchainExt, TestTransactionPoolExt},
	OffchainDbExt, OffchainWorkerExt, StorageKind, TransactionPoolExt,
};
use sp_runtime::{generic::Preamble, testing::UintAuthorityId};

const URL: &str = "http://oracle.test/values";

/// Runs `test` with off-chain HTTP answering `body` once, a test transaction pool, and
/// local keys for accounts `keys`. Returns the submitted transactions.
fn with_offchain(keys: &[u64], body: Option<&str>, test: impl FnOnce()) -> Vec<Extrinsic> {
	let (offchain, state) = TestOffchainExt::new();
	let (pool, pool_state) = TestTransactionPoolExt::new();
	let mut ext = new_test_ext();
	ext.register_extension(OffchainDbExt::new(offchain.clone()));
	ext.register_extension(OffchainWorkerExt::new(offchain));
	ext.register_extension(TransactionPoolExt::new(pool));
	UintAuthorityId::set_all_keys(keys.iter().copied());
	if let Some(body) = body {
		state.write().expect_request(PendingRequest {
			method: "GET".into(),
			uri: URL.into(),
			headers: vec![("Accept".into(), "application/json".into())],
			response: Some(body.as_bytes().to_vec()),
			sent: true,
			..Default::default()
		});
	}
	ext.execute_with(|| {
		test();
		Oracle::do_try_state().unwrap();
	});
	let txs = pool_state.read().transactions.clone();
	txs.into_iter().map(|tx| Extrinsic::decode(&mut &tx[..]).unwrap()).collect()
}

fn set_source() {
	sp_io::offchain::local_storage_set(
		StorageKind::PERSISTENT,
		SOURCE_URL_STORAGE_KEY,
		URL.as_bytes(),
	);
}

#[test]
fn feeds_configured_keys_from_the_source_signed_by_the_local_feeder_key() {
	let body = r#"{"prices": {"1": "64250.125", "2": 3100, "99": "1"},
		"metrics": [{"model": 7, "version": 3, "metric": "Accuracy", "value": "0.915"}]}"#;
	// Account 9 has a local key but is no feeder: it must not sign.
	let txs = with_offchain(&[1, 9], Some(body), || {
		setup(&[1, 2], BTC, config(1, 60_000));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), ETH, config(1, 60_000)));
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), GPT_ACC, config(1, 60_000)));
		set_source();
		assert_eq!(Oracle::offchain_feed_round(), Ok(3));
	});
	assert_eq!(txs.len(), 1);
	let Preamble::Signed(signer, _, _) = txs[0].preamble else { panic!("not signed") };
	assert_eq!(signer, 1);
	let RuntimeCall::Oracle(Call::feed_values { values }) = &txs[0].function else {
		panic!("not feed_values")
	};
	// Asset 99 is not configured, so it is left out.
	assert_eq!(
		values.clone().into_inner(),
		vec![
			(BTC, FixedU128::from_inner(64_250_125_000_000_000_000_000)),
			(ETH, v(3100)),
			(GPT_ACC, milli(915)),
		]
	);
}

#[test]
fn skips_out_of_bounds_keys() {
	let body = r#"{"prices": {"2": "5000"}}"#;
	let txs = with_offchain(&[1], Some(body), || {
		let mut cfg = config(1, 60_000);
		cfg.max_value = Some(v(4000));
		setup(&[1], ETH, cfg);
		set_source();
		assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::NothingToFeed));
	});
	assert!(txs.is_empty());
}

#[test]
fn feeds_paused_keys_so_that_feeders_can_confirm_a_liquidation_price() {
	let body = r#"{"prices": {"1": "100", "2": "5000"}}"#;
	let txs = with_offchain(&[1], Some(body), || {
		let mut cfg = config(1, 60_000);
		cfg.max_value = Some(v(4000));
		setup(&[1], ETH, cfg);
		assert_ok!(Oracle::set_key_config(RuntimeOrigin::root(), BTC, config(1, 60_000)));
		edit(BTC, |s| {
			s.pause = Some(PauseRecord { previous: v(1), proposed: v(2), paused_at: GENESIS_MS })
		});
		set_source();
		assert_eq!(Oracle::offchain_feed_round(), Ok(1));
	});
	let [tx] = &txs[..] else { panic!("{} transactions", txs.len()) };
	let RuntimeCall::Oracle(Call::feed_values { values }) = &tx.function else {
		panic!("not feed_values")
	};
	// ETH's 5000 is out of bounds; the paused BTC is fed.
	assert_eq!(values.clone().into_inner(), vec![(BTC, v(100))]);
}

#[test]
fn does_nothing_without_a_source_or_a_feeder_key() {
	let txs = with_offchain(&[1], None, || {
		setup(&[1], BTC, config(1, 60_000));
		assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::NoSource));
	});
	assert!(txs.is_empty());
	let txs = with_offchain(&[5], None, || {
		setup(&[1], BTC, config(1, 60_000));
		set_source();
		assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::NoFeederKey));
	});
	assert!(txs.is_empty());
}

#[test]
fn rejects_a_malformed_source() {
	let txs = with_offchain(&[1], Some(r#"{"prices": {"1": "-5"}}"#), || {
		setup(&[1], BTC, config(1, 60_000));
		set_source();
		assert_eq!(Oracle::offchain_feed_round(), Err(FeederError::BadJson));
	});
	assert!(txs.is_empty());
}

#[test]
fn decimals_parse_exactly() {
	assert_eq!(parse_decimal("42"), Some(v(42)));
	assert_eq!(parse_decimal("0.5"), Some(milli(500)));
	assert_eq!(parse_decimal(".5"), Some(milli(500)));
	assert_eq!(
		parse_decimal("1.000000000000000001"),
		Some(FixedU128::from_inner(10u128.pow(18) + 1))
	);
	assert_eq!(parse_decimal("1.0000000000000000001"), None);
	assert_eq!(parse_decimal("-1"), None);
	assert_eq!(parse_decimal("1e5"), None);
	assert_eq!(parse_decimal(""), None);
	assert_eq!(parse_decimal("."), None);
	assert_eq!(parse_decimal("340282366920938463464"), None);
}

#[test]
fn source_metrics_accept_custom_kinds() {
	let parsed = parse_source(
		br#"{"metrics": [{"model": 1, "version": 2, "metric": "Custom:12", "value": 3.5}]}"#,
	)
	.unwrap();
	assert_eq!(
		parsed,
		vec![(
			OracleKey::ModelMetric { model: 1, version: 2, metric: MetricKind::Custom(12) },
			milli(3500)
		)]
	);
	assert_eq!(parse_source(b"not json"), Err(FeederError::BadJson));
	assert_eq!(
		parse_source(
			br#"{"metrics": [{"model": 1, "version": 2, "metric": "Vibes", "value": 1}]}"#
		),
		Err(FeederError::BadJson)
	);
}
