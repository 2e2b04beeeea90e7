//! Test runtime of the DAO: System, the real Balances pallet (stakes are freezes, deposits
//! holds, both with the DAO's reasons) and
//! the DAO. Model shares come from `MockShares`, a small ledger with per-block history and
//! locks that behaves like the models pallet's `ModelShares`.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate as pallet_dao;
use crate::{ClassifyCall, DaoScope, EnsureChainDao, RulesBounds, SpendLimit, Track, TrackRules};
use core::cell::RefCell;
use frame_support::{
	derive_impl, ensure, parameter_types,
	traits::{ConstU128, ConstU32, EitherOfDiverse, VariantCountOf},
	weights::Weight,
	PalletId,
};
use frame_system::EnsureRoot;
use modelchain_primitives::{Balance, BlockNumber, ModelId, ModelShares, ShareLockId};
use sp_arithmetic::Perbill;
use sp_runtime::{BuildStorage, DispatchResult};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Preimage: pallet_preimage,
		Dao: pallet_dao,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = u64;
	type Lookup = sp_runtime::traits::IdentityLookup<u64>;
	type AccountData = pallet_balances::AccountData<u128>;
}

parameter_types! {
	/// Voting 1..=1,000 blocks, delay 1..=1,000 blocks, locks 0..=2,000 blocks, extension
	/// up to 100, quorum ≥ 1%, approval ≥ 50%, deposit ≥ 10, threshold ≤ 10%.
	pub const Bounds: RulesBounds = RulesBounds {
		voting_period: (1, 1_000),
		enactment_delay: (1, 1_000),
		lock_period: (0, 2_000),
		max_late_quorum_extension: 100,
		min_quorum: Perbill::from_percent(1),
		min_approval: Perbill::from_percent(50),
		min_deposit: 10,
		max_proposal_threshold: Perbill::from_percent(10),
	};
}

impl pallet_preimage::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<u64>;
	type Consideration = ();
}

parameter_types! {
	/// 1 unless a test raises it (to make the treasury unable to receive a small deposit).
	pub static ExistentialDeposit: Balance = 1;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

pub const DEPOSIT: Balance = 100;
pub const MODEL_A: ModelId = 7;
pub const MODEL_B: ModelId = 8;

#[derive(Default)]
struct Ledger {
	/// (model, who) -> history of (block, balance after the last change in that block).
	balances: BTreeMap<(ModelId, u64), Vec<(BlockNumber, Balance)>>,
	supply: BTreeMap<ModelId, Balance>,
	locks: BTreeMap<(ModelId, u64), BTreeMap<ShareLockId, Balance>>,
}

thread_local! {
	static LEDGER: RefCell<Ledger> = RefCell::new(Ledger::default());
}

fn now() -> BlockNumber {
	System::block_number() as BlockNumber
}

/// The models pallet as the DAO sees it.
pub struct MockShares;
impl MockShares {
	pub fn mint(model: ModelId, who: u64, amount: Balance) {
		LEDGER.with(|l| {
			let mut l = l.borrow_mut();
			*l.supply.entry(model).or_default() += amount;
			let history = l.balances.entry((model, who)).or_default();
			let current = history.last().map_or(0, |(_, b)| *b);
			history.push((now(), current + amount));
		});
	}
	pub fn transfer(model: ModelId, from: u64, to: u64, amount: Balance) -> DispatchResult {
		let free = Self::balance(model, &from) - Self::locked(model, &from);
		ensure!(free >= amount, "shares locked or insufficient");
		LEDGER.with(|l| {
			let mut l = l.borrow_mut();
			for (who, delta) in [(from, -(amount as i128)), (to, amount as i128)] {
				let history = l.balances.entry((model, who)).or_default();
				let current = history.last().map_or(0, |(_, b)| *b) as i128;
				history.push((now(), (current + delta) as Balance));
			}
		});
		Ok(())
	}
}

impl ModelShares<u64> for MockShares {
	fn model_exists(model: ModelId) -> bool {
		LEDGER.with(|l| l.borrow().supply.contains_key(&model))
	}
	fn total_supply(model: ModelId) -> Balance {
		LEDGER.with(|l| l.borrow().supply.get(&model).copied().unwrap_or(0))
	}
	fn total_supply_at(model: ModelId, _at: BlockNumber) -> Balance {
		Self::total_supply(model)
	}
	fn balance(model: ModelId, who: &u64) -> Balance {
		Self::balance_at(model, who, BlockNumber::MAX)
	}
	fn balance_at(model: ModelId, who: &u64, at: BlockNumber) -> Balance {
		LEDGER.with(|l| {
			l.borrow()
				.balances
				.get(&(model, *who))
				.and_then(|h| h.iter().rev().find(|(b, _)| *b <= at).map(|(_, v)| *v))
				.unwrap_or(0)
		})
	}
	fn set_lock(model: ModelId, who: &u64, id: ShareLockId, amount: Balance) -> DispatchResult {
		ensure!(amount <= Self::balance(model, who), "lock above balance");
		LEDGER.with(|l| l.borrow_mut().locks.entry((model, *who)).or_default().insert(id, amount));
		Ok(())
	}
	fn remove_lock(model: ModelId, who: &u64, id: ShareLockId) {
		LEDGER.with(|l| {
			if let Some(m) = l.borrow_mut().locks.get_mut(&(model, *who)) {
				m.remove(&id);
			}
		});
	}
	/// The mock's own locks (pledges) and the DAO's vote locks add, as in the models
	/// pallet.
	fn locked(model: ModelId, who: &u64) -> Balance {
		Self::pledged(model, who).saturating_add(Self::externally_locked(model, who))
	}
	fn pledged(model: ModelId, who: &u64) -> Balance {
		LEDGER.with(|l| {
			l.borrow()
				.locks
				.get(&(model, *who))
				.and_then(|m| m.values().max().copied())
				.unwrap_or(0)
		})
	}
	fn externally_locked(model: ModelId, who: &u64) -> Balance {
		<Dao as modelchain_primitives::ShareLockSource<u64>>::locked(model, who)
	}
	fn lock_of(model: ModelId, who: &u64, id: ShareLockId) -> Balance {
		LEDGER.with(|l| {
			l.borrow().locks.get(&(model, *who)).and_then(|m| m.get(&id).copied()).unwrap_or(0)
		})
	}
	/// The DAO never seizes shares; the models pallet's own tests cover it.
	fn seize_locked(
		_model: ModelId,
		_from: &u64,
		_to: &u64,
		_id: ShareLockId,
		_amount: Balance,
	) -> DispatchResult {
		Err("not used by the DAO".into())
	}
}

parameter_types! {
	pub const DaoPalletId: PalletId = PalletId(*b"mdl/trsy");
	pub MaxCallWeight: Weight = Weight::from_parts(1_000_000_000_000, 1_000_000);
	pub MaxCriticalCallWeight: Weight = Weight::from_parts(2_000_000_000_000, 2_000_000);
	/// Room for a few enactments of the test calls per block.
	pub static MaxEnactmentWeight: Weight = Weight::from_parts(10_000_000_000_000, 10_000_000);
}

/// The chain's standard track: 20% quorum, simple majority, 10 blocks of voting, 5 of
/// delay, 20 of lock, a 3-block late-quorum extension, deposit 100, threshold 1% of stake.
pub fn chain_standard() -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(20),
		approval: Perbill::from_percent(50),
		voting_period: 10,
		enactment_delay: 5,
		lock_period: 20,
		late_quorum_extension: 3,
		deposit: DEPOSIT,
		proposal_threshold: Perbill::from_percent(1),
	}
}

/// The chain's critical track: 40% quorum, 66% approval, longer periods, deposit 500.
pub fn chain_critical() -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(40),
		approval: Perbill::from_percent(66),
		voting_period: 20,
		enactment_delay: 10,
		lock_period: 50,
		late_quorum_extension: 5,
		deposit: 5 * DEPOSIT,
		proposal_threshold: Perbill::from_percent(5),
	}
}

/// The chain's emergency track: 10% quorum, 80% approval, 4 blocks of voting, 1 of delay.
pub fn chain_emergency() -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(10),
		approval: Perbill::from_percent(80),
		voting_period: 4,
		enactment_delay: 1,
		lock_period: 10,
		late_quorum_extension: 0,
		deposit: DEPOSIT,
		proposal_threshold: Perbill::from_percent(1),
	}
}

/// Model DAOs' standard track: 30% quorum, 10 blocks of voting, 3 of delay, 15 of lock,
/// threshold 1% of the shares.
pub fn model_standard() -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(30),
		approval: Perbill::from_percent(50),
		voting_period: 10,
		enactment_delay: 3,
		lock_period: 15,
		late_quorum_extension: 3,
		deposit: DEPOSIT,
		proposal_threshold: Perbill::from_percent(1),
	}
}

/// Model DAOs' critical track.
pub fn model_critical() -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(50),
		approval: Perbill::from_percent(66),
		voting_period: 20,
		enactment_delay: 10,
		lock_period: 40,
		late_quorum_extension: 5,
		deposit: 5 * DEPOSIT,
		proposal_threshold: Perbill::from_percent(5),
	}
}

/// Standard-track spends: at most 1,000 per 100 blocks.
pub const SPEND_LIMIT: SpendLimit = SpendLimit { period: 100, cap: 1_000 };

/// The mock's tracks: the DAO's own meta-calls and any spend above the cap are critical,
/// `remark_with_event` stands in for an emergency call, `set_code` is critical, the rest
/// standard.
pub struct MockTracks;
impl ClassifyCall<RuntimeCall> for MockTracks {
	fn track(call: &RuntimeCall) -> Track {
		match call {
			RuntimeCall::Dao(pallet_dao::Call::spend { amount, .. }) => {
				if *amount > pallet_dao::TreasurySpendLimit::<Test>::get().cap {
					Track::Critical
				} else {
					Track::Standard
				}
			}
			RuntimeCall::Dao(
				pallet_dao::Call::set_rules { .. }
				| pallet_dao::Call::set_spend_limit { .. }
				| pallet_dao::Call::dispatch_as_treasury { .. }
				| pallet_dao::Call::veto { .. },
			) => Track::Critical,
			RuntimeCall::System(
				frame_system::Call::set_code { .. } | frame_system::Call::set_heap_pages { .. },
			) => Track::Critical,
			RuntimeCall::System(frame_system::Call::remark_with_event { .. }) => Track::Emergency,
			_ => Track::Standard,
		}
	}
}

impl pallet_dao::Config for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Currency = Balances;
	type Shares = MockShares;
	type AdminOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureChainDao<Test>>;
	type TreasuryOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureChainDao<Test>>;
	type VetoOrigin = EnsureRoot<u64>;
	type PalletId = DaoPalletId;
	type Tracks = MockTracks;
	type Preimages = Preimage;
	type MaxCallLen = ConstU32<256>;
	type MaxCallWeight = MaxCallWeight;
	type MaxCriticalCallWeight = MaxCriticalCallWeight;
	type MaxEnactmentWeight = MaxEnactmentWeight;
	type MaxActiveVotes = ConstU32<8>;
	type MaxDelegators = ConstU32<3>;
	type DelegationDeposit = ConstU128<DELEGATION_DEPOSIT>;
	type MaxEnactmentsPerBlock = ConstU32<2>;
	type RulesBounds = Bounds;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockShares;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_dao::BenchmarkHelper<u64> for MockShares {
	fn model_with_holders(holders: &[u64], each: Balance) -> ModelId {
		for holder in holders {
			MockShares::mint(MODEL_A, *holder, each);
		}
		MODEL_A
	}
}

pub const DELEGATION_DEPOSIT: Balance = 10;

/// Accounts 1..=9 hold 10,000 each (total issuance 90,000 + the treasury's 5,000).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let treasury = Dao::treasury_account();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=9).map(|a| (a, 10_000)).chain([(treasury, 5_000)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	pallet_dao::GenesisConfig::<Test> {
		chain_rules: vec![
			(Track::Standard, chain_standard()),
			(Track::Critical, chain_critical()),
			(Track::Emergency, chain_emergency()),
		],
		model_rules: vec![(Track::Standard, model_standard()), (Track::Critical, model_critical())],
		spend_limit: SPEND_LIMIT,
		_config: Default::default(),
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| {
		System::set_block_number(1);
		LEDGER.with(|l| *l.borrow_mut() = Ledger::default());
	});
	ext
}

/// Runs a test, then the DAO's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Dao::do_try_state().expect("invariants hold");
	});
}

/// Advances to block `n`, running the DAO's `on_initialize` for each block.
pub fn run_to(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Dao::on_initialize(next);
	}
}

pub fn chain() -> DaoScope {
	DaoScope::Chain
}
