//! The pallets the `benchmark pallet` command can measure in this runtime.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_utility, Utility]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_modelchain_oracle, Oracle]
	[pallet_modelchain_models, Models]
	[pallet_modelchain_dao, Dao]
	[pallet_modelchain_lending, Lending]
);

/// Gives the models pallet's evaluation benchmark a current oracle metric, through the
/// oracle's own calls: configure the key, admit a feeder, feed one value.
pub struct ModelsBenchmarkHelper;
impl pallet_modelchain_models::BenchmarkHelper for ModelsBenchmarkHelper {
	fn set_metric(
		model: modelchain_primitives::ModelId,
		version: modelchain_primitives::ModelVersion,
		metric: modelchain_primitives::MetricKind,
	) {
		use crate::{AccountId, Oracle, RuntimeOrigin};
		let key = modelchain_primitives::OracleKey::ModelMetric { model, version, metric };
		let feeder: AccountId = frame_benchmarking::account("metric-feeder", 0, 0);
		let config = pallet_modelchain_oracle::KeyConfig {
			min_feeders: 1,
			max_age: u64::MAX / 4,
			min_value: None,
			max_value: None,
			max_deviation: None,
		};
		let _ = Oracle::add_feeder(RuntimeOrigin::root(), feeder.clone());
		let _ = Oracle::set_key_config(RuntimeOrigin::root(), key, config);
		let values = alloc::vec![(key, modelchain_primitives::Price::from_rational(9, 10))];
		if let Ok(values) = values.try_into() {
			let _ = Oracle::feed_values(RuntimeOrigin::signed(feeder), values);
		}
	}
}

/// Gives the lending benchmarks real assets and oracle prices: `pallet-assets` assets made
/// with `force_create`, prices fed through the oracle's own calls.
pub struct LendingBenchmarkHelper;
impl pallet_modelchain_lending::BenchmarkHelper for LendingBenchmarkHelper {
	fn create_asset(asset: modelchain_primitives::LendingAsset) {
		use crate::{AccountId, Assets, RuntimeOrigin};
		if let modelchain_primitives::LendingAsset::Asset(id) = asset {
			if !pallet_assets::Asset::<crate::Runtime>::contains_key(id) {
				let owner: AccountId = frame_benchmarking::account("asset-owner", 0, 0);
				let _ =
					Assets::force_create(RuntimeOrigin::root(), id.into(), owner.into(), true, 1);
			}
		}
	}

	fn set_price(key: modelchain_primitives::AssetId, price: modelchain_primitives::Price) {
		use crate::{AccountId, Oracle, RuntimeOrigin};
		let oracle_key = modelchain_primitives::OracleKey::AssetPrice(key);
		let feeder: AccountId = frame_benchmarking::account("price-feeder", 0, 0);
		let config = pallet_modelchain_oracle::KeyConfig {
			min_feeders: 1,
			max_age: u64::MAX / 4,
			min_value: None,
			max_value: None,
			max_deviation: None,
		};
		// Fails harmlessly once the account is a feeder.
		let _ = Oracle::add_feeder(RuntimeOrigin::root(), feeder.clone());
		let _ = Oracle::set_key_config(RuntimeOrigin::root(), oracle_key, config);
		// One feed per feeder per block: forget this block's earlier feed.
		pallet_modelchain_oracle::LastFeedBlock::<crate::Runtime>::remove(&feeder);
		if let Ok(values) = alloc::vec![(oracle_key, price)].try_into() {
			let _ = Oracle::feed_values(RuntimeOrigin::signed(feeder), values);
		}
	}

	fn advance_time(ms: modelchain_primitives::Moment) {
		pallet_timestamp::Now::<crate::Runtime>::mutate(|now| *now = now.saturating_add(ms));
	}
}
