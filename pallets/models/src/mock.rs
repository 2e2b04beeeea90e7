//! Test runtime of the models pallet: System, the real Balances pallet (deposits, bonds and
//! revenue move real balances) and the models pallet. A model's governance origin is the
//! signed account `GOVERNANCE_BASE + model`, so tests can tell one model's DAO from another.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate as pallet_models;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, EnsureOriginWithArg},
	PalletId,
};
use frame_system::{EnsureRoot, RawOrigin};
use modelchain_primitives::{
	Balance, MetricFeed, MetricKind, ModelId, ModelVersion, Moment, Price,
};
use sp_arithmetic::Permill;
use sp_runtime::BuildStorage;
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_models,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = u64;
	type Lookup = sp_runtime::traits::IdentityLookup<u64>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = ConstU32<4>;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
}

pub const ED: u128 = 10;
pub const TREASURY: u64 = 999;
pub const GOVERNANCE_BASE: u64 = 1_000_000;
pub const DEPOSIT_BASE: u128 = 1_000;
pub const DEPOSIT_PER_BYTE: u128 = 10;
pub const INCIDENT_BOND: u128 = 500;
pub const ACCOUNTABILITY_BOND: u128 = 8 * INCIDENT_BOND;
pub const DEFAULT_DEADLINE: u32 = 50;
/// The shortest deadline the arbiter may set.
pub const MIN_DEADLINE: u32 = 5;

type MetricTable = BTreeMap<(ModelId, ModelVersion, MetricKind), (Price, Moment)>;

thread_local! {
	static METRICS: RefCell<MetricTable> = const { RefCell::new(BTreeMap::new()) };
}

/// The oracle as the models pallet sees it: whatever the test put there.
pub struct MockMetrics;
impl MockMetrics {
	pub fn set(
		model: ModelId,
		version: ModelVersion,
		metric: MetricKind,
		value: Price,
		at: Moment,
	) {
		METRICS.with(|m| m.borrow_mut().insert((model, version, metric), (value, at)));
	}
}
impl MetricFeed for MockMetrics {
	fn metric(
		model: ModelId,
		version: ModelVersion,
		metric: MetricKind,
	) -> Option<(Price, Moment)> {
		METRICS.with(|m| m.borrow().get(&(model, version, metric)).copied())
	}
}

/// Signed by `GOVERNANCE_BASE + model` stands for that model's DAO, and only for it.
pub struct MockModelGovernance;
impl EnsureOriginWithArg<RuntimeOrigin, ModelId> for MockModelGovernance {
	type Success = ();
	fn try_origin(o: RuntimeOrigin, model: &ModelId) -> Result<(), RuntimeOrigin> {
		match o.clone().into() {
			Ok(RawOrigin::Signed(who)) if who == GOVERNANCE_BASE + model => Ok(()),
			_ => Err(o),
		}
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(model: &ModelId) -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(GOVERNANCE_BASE + model))
	}
}

parameter_types! {
	pub const ModelsPalletId: PalletId = PalletId(*b"mdl/vlt_");
	pub const Treasury: u64 = TREASURY;
	pub const MaxRoyaltyTotal: Permill = Permill::from_percent(50);
}

#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for MockBenchmarkHelper {
	fn set_metric(model: ModelId, version: ModelVersion, metric: MetricKind) {
		MockMetrics::set(model, version, metric, Price::from_rational(9, 10), 1);
	}
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ModelGovernanceOrigin = MockModelGovernance;
	type IncidentOrigin = EnsureRoot<u64>;
	type MetricFeed = MockMetrics;
	type TreasuryAccount = Treasury;
	type PalletId = ModelsPalletId;
	type DepositBase = ConstU128<DEPOSIT_BASE>;
	type DepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type MinCommitAge = ConstU32<1>;
	type MaxCommitAge = ConstU32<100>;
	type IncidentBond = ConstU128<INCIDENT_BOND>;
	type AccountabilityBond = ConstU128<ACCOUNTABILITY_BOND>;
	type DefaultIncidentDeadline = ConstU32<DEFAULT_DEADLINE>;
	type MinIncidentDeadline = ConstU32<MIN_DEADLINE>;
	type MaxRoyaltyTotal = MaxRoyaltyTotal;
	type MaxOperators = ConstU32<3>;
	type MaxTextLen = ConstU32<64>;
	type MaxTags = ConstU32<4>;
	type MaxParents = ConstU32<4>;
	type MaxDatasets = ConstU32<4>;
	type MaxContributors = ConstU32<8>;
	type MaxLineageDepth = ConstU32<4>;
	type MaxLineagePaths = ConstU32<8>;
	type MaxShareLocks = ConstU32<4>;
	type ExternalLocks = MockExternalLocks;
	type ShareHooks = MockForfeits;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

thread_local! {
	static EXTERNAL_LOCKS: RefCell<BTreeMap<(ModelId, u64), Balance>> =
		const { RefCell::new(BTreeMap::new()) };
}

thread_local! {
	static FORFEITS: RefCell<Vec<(ModelId, u64)>> = const { RefCell::new(Vec::new()) };
}

/// Records the hooks' calls (in the runtime: lending drops collateral claims and stops
/// lending against flagged shares): `(model, from)`, or `(model, u64::MAX)` for a flag.
pub struct MockForfeits;
impl MockForfeits {
	pub fn calls() -> Vec<(ModelId, u64)> {
		FORFEITS.with(|f| f.borrow().clone())
	}
}
impl modelchain_primitives::ModelShareHooks<u64> for MockForfeits {
	fn on_shares_forfeited(model: ModelId, from: &u64) {
		FORFEITS.with(|f| f.borrow_mut().push((model, *from)));
	}
	fn on_model_flagged(model: ModelId) {
		FORFEITS.with(|f| f.borrow_mut().push((model, u64::MAX)));
	}
	fn max_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::zero()
	}
}

/// Locks another pallet keeps (in the runtime: the DAO's vote locks).
pub struct MockExternalLocks;
impl MockExternalLocks {
	pub fn set(model: ModelId, who: u64, amount: Balance) {
		EXTERNAL_LOCKS.with(|l| l.borrow_mut().insert((model, who), amount));
	}
}
impl modelchain_primitives::ShareLockSource<u64> for MockExternalLocks {
	fn locked(model: ModelId, who: &u64) -> Balance {
		EXTERNAL_LOCKS.with(|l| l.borrow().get(&(model, *who)).copied().unwrap_or(0))
	}
}

/// Accounts 1..=9 start with 1,000,000 units each.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=9).map(|a| (a, 1_000_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_models::GenesisConfig::<Test>::default().assimilate_storage(&mut t).unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		METRICS.with(|m| m.borrow_mut().clear());
	});
	ext
}

/// Runs a test and then the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Registry::do_try_state().expect("invariants hold");
	});
}
