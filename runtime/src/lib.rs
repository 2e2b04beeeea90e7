//! # Modelchain runtime
//!
//! Composes the FRAME pallets that make up Modelchain. The runtime is the only place where
//! pallets meet: each custom pallet depends on traits in `modelchain-primitives`, and the
//! `Config` impls below wire the implementations together.
//!
//! Layout:
//! - `lib.rs`: pallet composition and `Config` impls,
//! - [`apis`]: the runtime APIs served to the node and to clients,
//! - [`dex`]: the DEX (`pallet-asset-conversion`) and the swap adapter our pallets use,
//! - [`genesis_config_presets`]: the `development`, `local_testnet` and `testnet` genesis
//!   presets,
//! - [`validators`]: sessions and the governed validator set (the session manager, the
//!   call filter),
//! - `migrations`: migrations that move state between pallets.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`/`impl_runtime_apis` expand to large enums.
#![recursion_limit = "256"]

extern crate alloc;

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod dex;
pub mod genesis_config_presets;
pub mod governance;
mod migrations;
#[cfg(test)]
mod tests;
pub mod validators;
pub mod weights;

use alloc::vec::Vec;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	genesis_builder_helper::{build_state, get_preset},
	parameter_types,
	traits::{
		ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, EitherOfDiverse, EnsureOrigin,
		EnsureOriginWithArg, EqualPrivilegeOnly, VariantCountOf,
	},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
	PalletId,
};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureSigned,
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{AccountIdConversion, AccountIdLookup, BlakeTwo256},
	FixedPointNumber, MultiAddress, Perbill, Permill,
};
use sp_version::RuntimeVersion;

use modelchain_primitives::ModelId;
pub use modelchain_primitives::{
	AccountId, AssetId, Balance, BlockNumber, Hash, Moment, Nonce, Price, Signature, MICRO_UNIT,
	MILLI_UNIT, SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, UNIT,
};
pub use pallet_balances::Call as BalancesCall;
use pallet_modelchain_dao::{EnsureChainDao, EnsureModelDao};
pub use pallet_timestamp::Call as TimestampCall;

/// Opaque types: what the node knows of the runtime's block format without knowing its
/// extrinsics.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The session keys of a validator: an Aura block-authoring key and a GRANDPA
		/// finality key.
		pub struct SessionKeys {
			pub aura: Aura,
			pub grandpa: Grandpa,
		}
	}
}

/// The runtime version. Bump `spec_version` on every change to runtime logic (here and, one
/// higher, in the upgrade fixture below) and `transaction_version` whenever the call or
/// extension encoding changes.
#[cfg(not(feature = "upgrade-fixture"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("modelchain"),
	impl_name: alloc::borrow::Cow::Borrowed("modelchain-node"),
	authoring_version: 1,
	spec_version: 114,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 5,
	system_version: 1,
};

/// The same runtime with `spec_version` one higher: what the governed-upgrade e2e test
/// (`e2e/tests/dao-upgrade.test.js`) proposes through the chain DAO. `sp_version` reads the
/// version from a literal, hence the copy.
#[cfg(feature = "upgrade-fixture")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("modelchain"),
	impl_name: alloc::borrow::Cow::Borrowed("modelchain-node"),
	authoring_version: 1,
	spec_version: 115,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 5,
	system_version: 1,
};

/// The log target of the runtime's own code (migrations).
pub const LOG_TARGET: &str = "runtime::modelchain";

/// Target block time. Aura slots have this duration.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura's slot duration; equal to the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Block-number based time units, for voting periods and delays.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// One hour in blocks.
pub const HOURS: BlockNumber = MINUTES * 60;
/// One day in blocks.
pub const DAYS: BlockNumber = HOURS * 24;

/// The existential deposit: accounts below this balance are reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Share of a block's weight that normal (non-operational) extrinsics may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of compute per 6-second block: a block built in two seconds is imported by a
/// validator of the reference machine in about as long, which leaves the rest of the slot
/// for propagation (docs/performance.md).
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);
/// Share of the block the hooks (`on_initialize`) are assumed to use on average; it bounds
/// the largest single normal extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

/// The block's limits from this runtime's measured overheads: `BlockExecutionWeight` (an
/// empty block) and `ExtrinsicBaseWeight` (a signed no-op, its transaction extensions
/// included), both from `benchmark overhead` (`runtime/src/weights/`). Operational
/// extrinsics may use the whole block; normal ones 75 % of it.
fn runtime_block_weights() -> BlockWeights {
	let normal = Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()),
	);
	BlockWeights::builder()
		.base_block(weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |class| {
			class.base_extrinsic = weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |class| class.max_total = Some(normal))
		.for_class(DispatchClass::Operational, |class| {
			class.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			class.reserved = Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal));
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build()
		// The limits above are valid (`construct_runtime`'s integrity test and
		// `tests::weights` check them), so the fallback, polkadot-sdk's generic limits, is
		// never taken; it keeps this function free of an `expect` of its own.
		.unwrap_or_else(|_| {
			BlockWeights::with_sensible_defaults(MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO)
		})
}

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// The block's weight limits: see [`runtime_block_weights`].
	pub RuntimeBlockWeights: BlockWeights = runtime_block_weights();
	/// 5 MiB blocks, of which normal extrinsics may fill 75%.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The runtime's frame_system configuration: accounts are `AccountId32`, storage weights are
/// ParityDB's (the only database the node ships) as measured on the reference machine.
#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Lookup = AccountIdLookup<AccountId, ()>;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	type DbWeight = weights::ParityDbWeight;
	type SystemWeightInfo = weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	/// Everything but `session.purge_keys` (see [`validators`]).
	type BaseCallFilter = validators::SessionCallFilter;
}

parameter_types! {
	/// What `session.set_keys` holds: 10 MDL, so that registering keys (two key-owner
	/// entries and the keys) is not free.
	pub const SessionKeyDeposit: Balance = 10 * UNIT;
}

/// Sessions end every `validator_set.session_period` blocks (genesis sets it per chain).
type Sessions = pallet_session::PeriodicSessions<
	pallet_modelchain_validators::SessionLength<Runtime>,
	ConstU32<0>,
>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = validators::ValidatorSetManager;
	type SessionHandler =
		<opaque::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = opaque::SessionKeys;
	type DisablingStrategy = ();
	// polkadot-sdk's reference weights: `pallet-session-benchmarking` needs `pallet-staking`,
	// which this runtime does not have.
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_modelchain_validators::Config for Runtime {
	type AdminOrigin = RootOrChainDao;
	type SessionKeys = validators::SessionKeyRegistry;
	/// Aura's and GRANDPA's `MaxAuthorities`.
	type MaxValidators = ConstU32<32>;
	type WeightInfo = pallet_modelchain_validators::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = validators::BenchmarkKeys;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = weights::grandpa::WeightInfo<Runtime>;
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = Moment;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::from_u32(1);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = weights::pallet_sudo::WeightInfo<Runtime>;
}

parameter_types! {
	pub const AssetDeposit: Balance = 10 * UNIT;
	pub const AssetAccountDeposit: Balance = 10 * MILLI_UNIT;
	pub const MetadataDepositBase: Balance = UNIT;
	pub const MetadataDepositPerByte: Balance = 10 * MILLI_UNIT;
	pub const ApprovalDeposit: Balance = 10 * MILLI_UNIT;
}

/// Every non-native fungible (stablecoins, tokenised real-world assets, synthetic assets)
/// lives in `pallet-assets`. Anyone may create an asset by paying the deposit.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = SignedBelowRwaIds;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

/// Anyone may create an asset by paying the deposit, but not under an id the real-world-
/// asset pallet gives out (`RwaFirstAssetId` and up): nobody can squat the next RWA id.
pub struct SignedBelowRwaIds;
impl frame_support::traits::EnsureOriginWithArg<RuntimeOrigin, AssetId> for SignedBelowRwaIds {
	type Success = AccountId;

	fn try_origin(origin: RuntimeOrigin, id: &AssetId) -> Result<AccountId, RuntimeOrigin> {
		if *id >= RwaFirstAssetId::get() {
			return Err(origin);
		}
		<EnsureSigned<AccountId> as frame_support::traits::EnsureOrigin<RuntimeOrigin>>::try_origin(
			origin,
		)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_id: &AssetId) -> Result<RuntimeOrigin, ()> {
		Ok(frame_system::RawOrigin::Signed(AccountId::from([0u8; 32])).into())
	}
}

parameter_types! {
	/// Real-world assets get ids from 100,000 up.
	pub const RwaFirstAssetId: AssetId = 100_000;
	/// Owns every real-world asset (its owner, admin and freezer roles).
	pub const RwaPalletId: PalletId = PalletId(*b"mdl/rwa_");
	/// Held from an issuer for each real-world asset.
	pub const RwaIssuerDeposit: Balance = 1_000 * UNIT;
}

/// Real-world assets: issuers' records over `pallet-assets` assets.
impl pallet_modelchain_rwa::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Assets = Assets;
	type AdminOrigin = RootOrChainDao;
	type PalletId = RwaPalletId;
	type FirstAssetId = RwaFirstAssetId;
	type IssuerDeposit = RwaIssuerDeposit;
	type MaxIdentityLen = ConstU32<64>;
	type MaxNameLen = ConstU32<50>;
	type WeightInfo = pallet_modelchain_rwa::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = weights::pallet_utility::WeightInfo<Runtime>;
}

parameter_types! {
	pub const PreimageBaseDeposit: Balance = UNIT;
	pub const PreimageByteDeposit: Balance = MICRO_UNIT;
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = frame_support::traits::fungible::HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		frame_support::traits::LinearStoragePrice<
			PreimageBaseDeposit,
			PreimageByteDeposit,
			Balance,
		>,
	>;
}

parameter_types! {
	/// Scheduled calls may use up to 80% of a block.
	pub MaximumSchedulerWeight: Weight = {
		let max = RuntimeBlockWeights::get().max_block;
		let share = Perbill::from_percent(80);
		Weight::from_parts(share.mul_floor(max.ref_time()), share.mul_floor(max.proof_size()))
	};
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = weights::pallet_scheduler::WeightInfo<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// Root, or the chain DAO's enacted proposals.
pub type RootOrChainDao = EitherOfDiverse<EnsureRoot<AccountId>, EnsureChainDao<Runtime>>;

/// Root, or the DAO of the model named in the call (and of no other model).
pub struct RootOrModelDao;
impl EnsureOriginWithArg<RuntimeOrigin, ModelId> for RootOrModelDao {
	type Success = ();
	fn try_origin(o: RuntimeOrigin, model: &ModelId) -> Result<(), RuntimeOrigin> {
		match <EnsureRoot<AccountId> as EnsureOrigin<RuntimeOrigin>>::try_origin(o) {
			Ok(_) => Ok(()),
			Err(o) => EnsureModelDao::<Runtime>::try_origin(o, model),
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(_model: &ModelId) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::root())
	}
}

/// The oracle: Root or the chain DAO administers feeders and keys.
impl pallet_modelchain_oracle::Config for Runtime {
	type AdminOrigin = RootOrChainDao;
	type Time = Timestamp;
	type MaxFeeders = ConstU32<16>;
	/// Prices and model metrics together: a thousand models with two metrics each fit.
	type MaxKeys = ConstU32<2048>;
	/// Lending values markets with prices; 64 is twice `MaxMarkets`.
	type MaxPriceKeys = ConstU32<64>;
	/// One feeder may feed every key in one call (docs/pallets/oracle.md, "Cost").
	type MaxFeedValues = ConstU32<2048>;
	type AuthorityId = pallet_modelchain_oracle::crypto::OracleFeederId;
	type OffchainFeedInterval = ConstU32<1>;
	/// Lending keeps a copy of each price in the markets valued with it.
	type OnPriceChange = Lending;
	type WeightInfo = pallet_modelchain_oracle::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Holds every model's unclaimed revenue.
	pub const ModelsPalletId: PalletId = PalletId(*b"mdl/vlt_");
	/// The chain's treasury (dismissed incident bonds go here; the DAO spends from it).
	pub TreasuryAccount: AccountId = DaoPalletId::get().into_account_truncating();
	/// A derivative passes at most half of what it receives to its parents together.
	pub const MaxRoyaltyTotal: Permill = Permill::from_percent(50);
}

/// The model registry: each model's DAO (or Root) governs that model; the chain DAO (or
/// Root) rules on incidents.
impl pallet_modelchain_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ModelGovernanceOrigin = RootOrModelDao;
	type IncidentOrigin = RootOrChainDao;
	type MetricFeed = Oracle;
	type TreasuryAccount = TreasuryAccount;
	type PalletId = ModelsPalletId;
	type DepositBase = ConstU128<UNIT>;
	type DepositPerByte = ConstU128<MILLI_UNIT>;
	/// A reveal comes at least one block after its commitment, and within a day.
	type MinCommitAge = ConstU32<1>;
	type MaxCommitAge = ConstU32<DAYS>;
	type IncidentBond = ConstU128<{ 10 * UNIT }>;
	/// Pays one upheld critical report (8 × 10 MDL) in full.
	type AccountabilityBond = ConstU128<{ 80 * UNIT }>;
	/// Reports wait two weeks for a ruling unless the preset or the chain DAO sets otherwise:
	/// the arbiter is the chain DAO, whose critical track (where `resolve_incident` goes)
	/// needs 7 days of voting, up to 2 of late-quorum extension and 3 of enactment delay.
	/// A shorter deadline would let every report expire before any ruling could enact
	/// (`tests::accountability` checks it for every preset).
	type DefaultIncidentDeadline = ConstU32<{ 14 * DAYS }>;
	type MinIncidentDeadline = governance::ChainDaoRulingTime;
	type MaxRoyaltyTotal = MaxRoyaltyTotal;
	type MaxOperators = ConstU32<16>;
	type MaxTextLen = ConstU32<128>;
	type MaxTags = ConstU32<8>;
	type MaxParents = ConstU32<4>;
	type MaxDatasets = ConstU32<8>;
	type MaxContributors = ConstU32<16>;
	type MaxLineageDepth = ConstU32<8>;
	type MaxLineagePaths = ConstU32<32>;
	type MaxShareLocks = ConstU32<8>;
	type ExternalLocks = Dao;
	type ShareHooks = Lending;
	type WeightInfo = pallet_modelchain_models::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::ModelsBenchmarkHelper;
}

parameter_types! {
	/// Derives the treasury account the chain DAO controls.
	pub const DaoPalletId: PalletId = PalletId(*b"mdl/trsy");
	/// A standard or emergency call may use at most a tenth of a block.
	pub DaoMaxCallWeight: Weight = RuntimeBlockWeights::get().max_block.checked_div(10).unwrap_or_default();
	/// A critical call (a runtime upgrade, `set_code`, is about 87 ms on the reference
	/// machine) may use a quarter of a block.
	pub DaoMaxCriticalCallWeight: Weight = RuntimeBlockWeights::get().max_block.checked_div(4).unwrap_or_default();
	/// The enactments of one block use at most a quarter of it together (the first always
	/// runs).
	pub DaoMaxEnactmentWeight: Weight = RuntimeBlockWeights::get().max_block.checked_div(4).unwrap_or_default();
}

/// Chain-wide and per-model governance. Tracks and their rules: [`governance`].
impl pallet_modelchain_dao::Config for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Currency = Balances;
	type Shares = Models;
	type AdminOrigin = RootOrChainDao;
	type TreasuryOrigin = RootOrChainDao;
	type VetoOrigin = EnsureRoot<AccountId>;
	type PalletId = DaoPalletId;
	type Tracks = governance::RuntimeTracks;
	type Preimages = Preimage;
	type MaxCallLen = ConstU32<4096>;
	type MaxCallWeight = DaoMaxCallWeight;
	type MaxCriticalCallWeight = DaoMaxCriticalCallWeight;
	type MaxEnactmentWeight = DaoMaxEnactmentWeight;
	type MaxActiveVotes = ConstU32<16>;
	type MaxDelegators = ConstU32<16>;
	type DelegationDeposit = ConstU128<{ 10 * UNIT }>;
	type MaxEnactmentsPerBlock = ConstU32<4>;
	type RulesBounds = governance::DaoRulesBounds;
	type WeightInfo = pallet_modelchain_dao::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::DaoBenchmarkHelper;
}

/// Every `pallet-assets` asset and every model's shares as one `fungibles` view.
pub type AssetsAndShares = frame_support::traits::fungibles::UnionOf<
	Assets,
	Models,
	modelchain_primitives::AssetOrShares,
	modelchain_primitives::NonNative,
	AccountId,
>;

/// The native token, every `pallet-assets` asset and every model's shares as one
/// `fungibles` view, keyed by [`LendingAsset`]. Shares move only by the models pallet's
/// settled transfer (raw writes are refused), and the DEX opens no pool of them.
pub type NativeAndAssets = frame_support::traits::fungible::UnionOf<
	Balances,
	AssetsAndShares,
	modelchain_primitives::NativeOrOther,
	modelchain_primitives::LendingAsset,
	AccountId,
>;

/// Lending's token mover. Native tokens go through Balances' `fungible` transfer; assets
/// through pallet-assets' own transfer, which reads and writes the asset and each account
/// once, where the generic `fungibles::Mutate::transfer` re-reads them for each of its
/// steps (can-withdraw, can-deposit, decrease, increase). The rules are the same: minimum
/// balances, freezes, holds, frozen assets and accounts. With `Expendable` a debit that
/// would leave the source below the minimum balance empties it, and that dust is burnt
/// rather than credited, as the generic path does: the destination gets exactly `amount`.
pub struct LendingTransfer;
impl pallet_modelchain_lending::AssetTransfer<AccountId> for LendingTransfer {
	fn transfer(
		asset: modelchain_primitives::LendingAsset,
		source: &AccountId,
		dest: &AccountId,
		amount: Balance,
		preservation: frame_support::traits::tokens::Preservation,
	) -> Result<Balance, sp_runtime::DispatchError> {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		match asset {
			modelchain_primitives::LendingAsset::Native => {
				<Balances as Mutate<AccountId>>::transfer(source, dest, amount, preservation)
			}
			modelchain_primitives::LendingAsset::Asset(id) => Assets::do_transfer(
				id,
				source,
				dest,
				amount,
				None,
				pallet_assets::TransferFlags {
					keep_alive: preservation != Preservation::Expendable,
					best_effort: false,
					burn_dust: true,
				},
			),
			// Lending never pays shares in or out (it pledges them); this is the models
			// pallet's settled transfer, locks kept, for completeness.
			modelchain_primitives::LendingAsset::ModelShares(model) => {
				<Models as frame_support::traits::fungibles::Mutate<AccountId>>::transfer(
					model,
					source,
					dest,
					amount,
					preservation,
				)
			}
		}
	}
}

parameter_types! {
	/// Holds every lending market's cash.
	pub const LendingPalletId: PalletId = PalletId(*b"mdl/lend");
	/// No market's rate curve may exceed 1,000 % a year.
	pub LendingMaxBorrowRate: Price = Price::from_inner(10 * Price::DIV);
	/// One block's liquidations may repay half of a debt position...
	pub const LendingCloseFactor: Permill = Permill::from_percent(50);
	/// ...or all of it below a health factor of 0.95...
	pub LendingFullCloseHealthFactor: Price = Price::from_inner(Price::DIV / 100 * 95);
	/// ...or when the debt or collateral position is worth under $100; no liquidation may
	/// leave less than $50 of debt.
	pub LendingSmallPositionValue: Price = Price::from_inner(100 * Price::DIV);
	/// Flash loans cost 0.09 %.
	pub const LendingFlashLoanFee: Permill = Permill::from_parts(900);
	/// One-shot leverage goes up to 5× (the collateral factor usually binds first).
	pub LendingMaxLeverage: Price = Price::from_inner(5 * Price::DIV);
	/// A model-share price copy rises by at most 0.5 % a block (at most 50 % in one push
	/// after 100 quiet blocks): a 20× pump of a share feed takes about 520 blocks (52
	/// minutes) to reach lending (1.5 × 1.005^519 ≈ 20); falls apply at once.
	pub const LendingSharePriceMaxRise: Permill = Permill::from_parts(5_000);
	/// A leveraged position opens with a health factor of at least 1.10.
	pub LendingLeverageSafetyMargin: Price = Price::from_inner(Price::DIV / 10 * 11);
}

/// Lending: Root or the chain DAO administers markets.
impl pallet_modelchain_lending::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type Assets = NativeAndAssets;
	type Transfer = LendingTransfer;
	type PriceFeed = Oracle;
	type Time = Timestamp;
	type AdminOrigin = RootOrChainDao;
	type PalletId = LendingPalletId;
	type MaxPositions = ConstU32<8>;
	type MaxMarkets = ConstU32<32>;
	type MaxMarketsPerPriceKey = ConstU32<4>;
	type MaxBorrowRate = LendingMaxBorrowRate;
	type CloseFactor = LendingCloseFactor;
	type FullCloseHealthFactor = LendingFullCloseHealthFactor;
	type SmallPositionValue = LendingSmallPositionValue;
	type FlashLoanFee = LendingFlashLoanFee;
	type Swap = dex::DexSwap;
	type TokenAssets = Assets;
	type MaxLeverage = LendingMaxLeverage;
	type LeverageSafetyMargin = LendingLeverageSafetyMargin;
	type ModelShares = Models;
	type SharePriceMaxRise = LendingSharePriceMaxRise;
	type WeightInfo = pallet_modelchain_lending::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::LendingBenchmarkHelper;
}

impl frame_system::offchain::SigningTypes for Runtime {
	type Public = <Signature as sp_runtime::traits::Verify>::Signer;
	type Signature = Signature;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Off-chain workers (the oracle feeder) sign their transactions with these extensions: an
/// era of half the block-hash window, the account's nonce and no tip.
impl<C> frame_system::offchain::CreateSignedTransaction<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_signed_transaction<
		S: frame_system::offchain::AppCrypto<Self::Public, Self::Signature>,
	>(
		call: RuntimeCall,
		public: <Signature as sp_runtime::traits::Verify>::Signer,
		account: AccountId,
		nonce: Nonce,
	) -> Option<UncheckedExtrinsic> {
		use codec::Encode;
		use sp_runtime::traits::StaticLookup;
		let period = u64::from(BlockHashCount::get())
			.checked_next_power_of_two()
			.and_then(|p| p.checked_div(2))
			.unwrap_or(2);
		let current_block = u64::from(System::block_number()).saturating_sub(1);
		let tx_ext = tx_extension(generic::Era::mortal(period, current_block), nonce);
		let raw_payload = SignedPayload::new(call, tx_ext).ok()?;
		let signature = raw_payload.using_encoded(|payload| S::sign(payload, public))?;
		let (call, tx_ext, _) = raw_payload.deconstruct();
		let address = <Runtime as frame_system::Config>::Lookup::unlookup(account);
		Some(UncheckedExtrinsic::new_signed(call, address, signature, tx_ext))
	}
}

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked in order for every signed transaction.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	// RFC-0078: in mode 1 the signer commits to the runtime's merkleized metadata hash, which
	// the runtime compiles in (feature `metadata-hash`), so a hardware wallet can show the call
	// it signs from a proof of just the metadata it needs. A wrong hash makes a bad signature.
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// The transaction extensions a signer of this runtime sends: `era`, `nonce`, no tip, and
/// metadata-hash mode 0. The one place that builds the tuple (the off-chain feeder's
/// transactions and the node's dev-chain demo seed use it).
pub fn tx_extension(era: generic::Era, nonce: Nonce) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(era),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

parameter_types! {
	/// The lock id the DAO mirrored its vote locks under before spec 107.
	pub const DaoShareVoteLock: modelchain_primitives::ShareLockId =
		pallet_modelchain_dao::SHARE_VOTE_LOCK;
}

/// Storage migrations to run on the next runtime upgrade.
type Migrations = (
	pallet_modelchain_lending::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_modelchain_lending::migrations::v4::MigrateV3ToV4<Runtime>,
	pallet_modelchain_models::migrations::v1::MigrateV0ToV1<Runtime, Balances>,
	pallet_modelchain_models::migrations::v2::DropMirroredLocks<Runtime, DaoShareVoteLock>,
	pallet_modelchain_dao::migrations::v1::MigrateToFungible<Runtime, Balances>,
	pallet_modelchain_dao::migrations::v2::MigrateToTracks<Runtime, governance::ProductionRules>,
	pallet_modelchain_oracle::migrations::v1::MigrateV0ToV1<Runtime>,
	migrations::AuthoritiesToSessions,
);

/// Executive: dispatches incoming extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(8)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(9)]
	pub type Scheduler = pallet_scheduler;

	#[runtime::pallet_index(10)]
	pub type Preimage = pallet_preimage;

	#[runtime::pallet_index(11)]
	pub type PoolAssets = pallet_assets<Instance1>;

	#[runtime::pallet_index(12)]
	pub type AssetConversion = pallet_asset_conversion;

	// Genesis and hooks run in index order: the validator set's genesis must precede the
	// session pallet's, which asks it for the first set (Aura's and GRANDPA's genesis lists
	// are empty; the session pallet's genesis gives them their authorities).
	#[runtime::pallet_index(13)]
	pub type ValidatorSet = pallet_modelchain_validators;

	#[runtime::pallet_index(14)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(20)]
	pub type Oracle = pallet_modelchain_oracle;

	#[runtime::pallet_index(21)]
	pub type Models = pallet_modelchain_models;

	#[runtime::pallet_index(22)]
	pub type Dao = pallet_modelchain_dao;

	#[runtime::pallet_index(23)]
	pub type Lending = pallet_modelchain_lending;
	#[runtime::pallet_index(24)]
	pub type Rwa = pallet_modelchain_rwa;
}
