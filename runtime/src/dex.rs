//! The DEX: polkadot-sdk's `pallet-asset-conversion` (constant-product pools, Uniswap v2's
//! formula) between the native token and `pallet-assets` assets, and the adapter through
//! which our pallets reach it ([`modelchain_primitives::AssetSwap`]).
//!
//! - Assets are [`LendingAsset`]s, the same kind lending uses, through the same
//!   [`crate::NativeAndAssets`] `fungibles` view: one asset type and one token mover for
//!   both.
//! - Every pool pairs the native token with one asset (`WithFirstAsset`), so a swap between
//!   two assets takes the path asset → MDL → asset (`MaxSwapPathLength` 3).
//! - Liquidity-provider tokens live in their own `pallet-assets` instance (`PoolAssets`),
//!   which nobody can create assets in by extrinsic; only the DEX creates LP tokens.
//! - Pool fee 0.3 % (the DAO may set another per pool, at most 10 %). Creating a pool costs
//!   10 MDL, paid to the treasury, so pools can't be spammed for free.
//! - Prices here are the pools' own and move with every swap and every direct transfer to
//!   a pool account. Nothing values collateral with them: lending reads the oracle. A swap
//!   is protected by its caller's bound (`min_out`/`max_in`), never by the pool's price.

use crate::{
	AccountId, Balance, Balances, NativeAndAssets, PoolAssets, RootOrChainDao, Runtime,
	RuntimeEvent, TreasuryAccount, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::{
	parameter_types,
	traits::{
		tokens::imbalance::ResolveAssetTo, AsEnsureOriginWithArg, ConstU128, ConstU32,
		NeverEnsureOrigin,
	},
	PalletId,
};
use frame_system::EnsureRoot;
use modelchain_primitives::{AssetId, AssetSwap, LendingAsset};
use pallet_asset_conversion::{AccountIdConverter, QuotePrice, Swap, WithFirstAsset};
use sp_runtime::{DispatchError, Permill};

parameter_types! {
	/// Seeds the pool accounts.
	pub const DexPalletId: PalletId = PalletId(*b"mdl/dex_");
	/// Every pool's first asset.
	pub const DexNative: LendingAsset = LendingAsset::Native;
	/// 0.3 % of every swap stays in the pool for its liquidity providers.
	pub const DexPoolFee: Permill = Permill::from_parts(3_000);
	/// The most the DAO may set a pool's fee to.
	pub const DexMaxPoolFee: Permill = Permill::from_percent(10);
	/// What creating a pool costs (to the treasury).
	pub const DexPoolSetupFee: Balance = 10 * UNIT;
	/// LP tokens locked in a new pool for ever, so its share price can't be inflated from
	/// a dust first deposit.
	pub const DexMintMinLiquidity: Balance = 100;
}

/// A pool's id: (MDL, the asset).
pub type PoolId = (LendingAsset, LendingAsset);

/// Liquidity-provider tokens. The DEX creates them (through `fungibles::Create`, which
/// needs no origin); no account can create, and no deposit is taken for holding one.
impl pallet_assets::Config<pallet_assets::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<NeverEnsureOrigin<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = crate::ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	/// The DEX numbers LP tokens itself; an allocator would refuse its ids.
	type AssetIdAllocator = ();
	/// The main instance's measured weights: the same code and storage layout (its create
	/// origin never succeeds, so the pallet's benchmarks can't set it up).
	type WeightInfo = crate::weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	/// `amount × (1 − fee) × reserve` overflows u128 at 12 decimals.
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = LendingAsset;
	type Assets = NativeAndAssets;
	type PoolId = PoolId;
	type PoolLocator = TokenPools;
	type PoolAssetId = AssetId;
	type PoolAssets = PoolAssets;
	type LPFee = DexPoolFee;
	type AdminOrigin = RootOrChainDao;
	type MaxSwapFee = DexMaxPoolFee;
	type PoolSetupFee = DexPoolSetupFee;
	type PoolSetupFeeAsset = DexNative;
	type PoolSetupFeeTarget = ResolveAssetTo<TreasuryAccount, NativeAndAssets>;
	type LiquidityWithdrawalFee = ();
	type MintMinLiquidity = DexMintMinLiquidity;
	type MaxSwapPathLength = ConstU32<3>;
	type PalletId = DexPalletId;
	type WeightInfo = crate::weights::pallet_asset_conversion::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::DexBenchmarkHelper;
}

/// MDL paired with one other token, as `WithFirstAsset` locates pools.
type MdlPools =
	WithFirstAsset<DexNative, AccountId, LendingAsset, AccountIdConverter<DexPalletId, PoolId>>;

/// Pools of MDL and a `pallet-assets` asset, never of model shares: a pool trades through
/// `fungibles::Balanced`, whose raw credits and debits would move shares without settling
/// their revenue, so the models pallet refuses them. No pool id exists for shares, so
/// creating one, adding liquidity or swapping fails with `InvalidAssetPair` before any
/// fee is taken.
pub struct TokenPools;
impl pallet_asset_conversion::PoolLocator<AccountId, LendingAsset, PoolId> for TokenPools {
	fn address(id: &PoolId) -> Result<AccountId, ()> {
		MdlPools::address(id)
	}

	fn pool_id(asset1: &LendingAsset, asset2: &LendingAsset) -> Result<PoolId, ()> {
		if asset1.model().is_some() || asset2.model().is_some() {
			return Err(());
		}
		MdlPools::pool_id(asset1, asset2)
	}
}

/// The path a swap from `from` to `to` takes: direct when one side is MDL, through MDL
/// otherwise; `None` for a swap of an asset into itself.
pub fn path(from: LendingAsset, to: LendingAsset) -> Option<Vec<LendingAsset>> {
	if from == to {
		return None;
	}
	Some(if from == LendingAsset::Native || to == LendingAsset::Native {
		vec![from, to]
	} else {
		vec![from, LendingAsset::Native, to]
	})
}

/// The swap error our pallets see for a swap of an asset into itself.
const SAME_ASSET: DispatchError = DispatchError::Other("a swap needs two different assets");

/// Whether a swap paying with `from` must keep the payer's `from` balance above its
/// minimum: for the native token, whose balance keeps the account alive, yes; an asset
/// balance may be spent in full (one-shot leverage swaps exactly what it just borrowed).
fn keep_alive(from: LendingAsset) -> bool {
	from == LendingAsset::Native
}

/// [`AssetSwap`] on `pallet-asset-conversion`.
pub struct DexSwap;
impl AssetSwap<AccountId> for DexSwap {
	fn swap_exact_in(
		who: &AccountId,
		from: LendingAsset,
		to: LendingAsset,
		amount_in: Balance,
		min_out: Balance,
	) -> Result<Balance, DispatchError> {
		let path = path(from, to).ok_or(SAME_ASSET)?;
		<crate::AssetConversion as Swap<AccountId>>::swap_exact_tokens_for_tokens(
			who.clone(),
			path,
			amount_in,
			Some(min_out),
			who.clone(),
			keep_alive(from),
		)
	}

	fn swap_exact_out(
		who: &AccountId,
		from: LendingAsset,
		to: LendingAsset,
		amount_out: Balance,
		max_in: Balance,
	) -> Result<Balance, DispatchError> {
		let path = path(from, to).ok_or(SAME_ASSET)?;
		<crate::AssetConversion as Swap<AccountId>>::swap_tokens_for_exact_tokens(
			who.clone(),
			path,
			amount_out,
			Some(max_in),
			who.clone(),
			keep_alive(from),
		)
	}

	fn quote_exact_in(from: LendingAsset, to: LendingAsset, amount_in: Balance) -> Option<Balance> {
		path(from, to)?.windows(2).try_fold(amount_in, |amount, hop| match hop {
			[a, b] => <crate::AssetConversion as QuotePrice>::quote_price_exact_tokens_for_tokens(
				*a, *b, amount, true,
			),
			_ => None,
		})
	}

	fn quote_exact_out(
		from: LendingAsset,
		to: LendingAsset,
		amount_out: Balance,
	) -> Option<Balance> {
		path(from, to)?.windows(2).rev().try_fold(amount_out, |amount, hop| match hop {
			[a, b] => <crate::AssetConversion as QuotePrice>::quote_price_tokens_for_exact_tokens(
				*a, *b, amount, true,
			),
			_ => None,
		})
	}
}
