//! The pallets the `benchmark pallet` command can measure in this runtime.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_grandpa, Grandpa]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_sudo, Sudo]
	[pallet_assets, Assets]
	[pallet_utility, Utility]
	[pallet_scheduler, Scheduler]
	[pallet_preimage, Preimage]
	[pallet_asset_conversion, AssetConversion]
	[pallet_modelchain_oracle, Oracle]
	[pallet_modelchain_models, Models]
	[pallet_modelchain_dao, Dao]
	[pallet_modelchain_lending, Lending]
	[pallet_modelchain_rwa, Rwa]
	[pallet_modelchain_validators, ValidatorSet]
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
impl pallet_modelchain_lending::BenchmarkHelper<crate::AccountId> for LendingBenchmarkHelper {
	fn model_with_shares(
		holder: &crate::AccountId,
		shares: crate::Balance,
	) -> modelchain_primitives::ModelId {
		<DaoBenchmarkHelper as pallet_modelchain_dao::BenchmarkHelper<crate::AccountId>>::model_with_holders(
			core::slice::from_ref(holder),
			shares,
		)
	}
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

	/// A real MDL pool for each of `a` and `b` that is not MDL, `depth` of each side, so
	/// the swap routes through the DEX as a user's would (two hops between two assets).
	fn create_swap_route(
		a: modelchain_primitives::LendingAsset,
		b: modelchain_primitives::LendingAsset,
		depth: crate::Balance,
	) {
		use crate::{AccountId, AssetConversion, NativeAndAssets, RuntimeOrigin, UNIT};
		use frame_support::traits::fungibles::Mutate;
		use modelchain_primitives::LendingAsset;
		let lp: AccountId = frame_benchmarking::account("dex-lp", 0, 0);
		for asset in [a, b] {
			if asset == LendingAsset::Native {
				continue;
			}
			let native = depth.saturating_mul(2).saturating_add(1_000 * UNIT);
			let _ = NativeAndAssets::mint_into(LendingAsset::Native, &lp, native);
			let _ = NativeAndAssets::mint_into(asset, &lp, depth.saturating_mul(2));
			let origin = || RuntimeOrigin::signed(lp.clone());
			let native_kind = alloc::boxed::Box::new(LendingAsset::Native);
			let asset_kind = alloc::boxed::Box::new(asset);
			let _ = AssetConversion::create_pool(origin(), native_kind.clone(), asset_kind.clone());
			let _ = AssetConversion::add_liquidity(
				origin(),
				native_kind,
				asset_kind,
				depth,
				depth,
				1,
				1,
				lp.clone(),
			);
		}
	}
}

/// Gives the DAO's Model-scope benchmarks a real model through the models pallet's own
/// calls: commit, reveal a block later, then share transfers to each holder.
pub struct DaoBenchmarkHelper;
impl pallet_modelchain_dao::BenchmarkHelper<crate::AccountId> for DaoBenchmarkHelper {
	fn model_with_holders(
		holders: &[crate::AccountId],
		each: crate::Balance,
	) -> modelchain_primitives::ModelId {
		use crate::{AccountId, Balances, Models, RuntimeOrigin, System, UNIT};
		use frame_support::traits::fungible::Mutate;
		use modelchain_primitives::{
			models::{LicenseKind, LicenseTerms},
			Hash,
		};
		let owner: AccountId = frame_benchmarking::account("dao-model-owner", 0, 0);
		let _ = Balances::set_balance(&owner, 1_000_000 * UNIT);
		// One model per distinct first holder, so repeated setups do not collide.
		let content = <sp_runtime::traits::BlakeTwo256 as sp_runtime::traits::Hash>::hash_of(&(
			b"dao-bench",
			holders.first(),
		));
		let salt = Hash::repeat_byte(0x5a);
		let commitment = Models::commitment_of(&content, &owner, &salt);
		let _ = Models::commit_registration(RuntimeOrigin::signed(owner.clone()), commitment);
		System::set_block_number(System::block_number().saturating_add(1));
		let supply = each.saturating_mul(holders.len() as u128).saturating_add(each);
		let metadata = pallet_modelchain_models::MetadataInput {
			name: b"bench".to_vec(),
			uri: b"ipfs://bench".to_vec(),
			license_id: b"apache-2.0".to_vec(),
			license_hash: None,
			tags: alloc::vec![],
		};
		let terms = LicenseTerms {
			kind: LicenseKind::PerUse { price: UNIT },
			commercial_use: true,
			derivatives_allowed: true,
			derivative_royalty_floor: sp_runtime::Permill::zero(),
			contributor_share: sp_runtime::Permill::zero(),
			restrictions_hash: None,
		};
		let _ = Models::register_model(
			RuntimeOrigin::signed(owner.clone()),
			content,
			salt,
			alloc::boxed::Box::new(metadata),
			alloc::vec![],
			alloc::vec![],
			supply,
			terms,
		);
		let model = pallet_modelchain_models::ModelByHash::<crate::Runtime>::get(content)
			.unwrap_or_default();
		for holder in holders {
			let _ = Models::transfer_shares(
				RuntimeOrigin::signed(owner.clone()),
				model,
				holder.clone(),
				each,
			);
		}
		model
	}
}

/// Pairs for the DEX's benchmarks: every pool holds the native token, on the side the seed
/// asks for (odd: first), with asset `1,000 + seed2` (clear of the genesis assets and pools:
/// USDM is 1 and already has its pool).
pub struct DexBenchmarkHelper;
impl pallet_asset_conversion::BenchmarkHelper<modelchain_primitives::LendingAsset>
	for DexBenchmarkHelper
{
	fn create_pair(
		seed1: u32,
		seed2: u32,
	) -> (modelchain_primitives::LendingAsset, modelchain_primitives::LendingAsset) {
		use modelchain_primitives::LendingAsset::{Asset, Native};
		let asset = Asset(seed2.saturating_add(1_000));
		if seed1 % 2 == 1 {
			(Native, asset)
		} else {
			(asset, Native)
		}
	}
}
