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
use crate::{DaoScope, EnsureChainDao, Rules, RulesBounds};
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
	/// Voting 1..=1,000 blocks, delay 1..=1,000 blocks, quorum ≥ 1%, approval ≥ 50%.
	pub const Bounds: RulesBounds = RulesBounds {
		voting_period: (1, 1_000),
		enactment_delay: (1, 1_000),
		min_quorum: Perbill::from_percent(1),
		min_approval: Perbill::from_percent(50),
	};
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
	fn locked(model: ModelId, who: &u64) -> Balance {
		LEDGER.with(|l| {
			l.borrow()
				.locks
				.get(&(model, *who))
				.and_then(|m| m.values().max().copied())
				.unwrap_or(0)
		})
	}
}

parameter_types! {
	pub const DaoPalletId: PalletId = PalletId(*b"mdl/trsy");
	pub MaxCallWeight: Weight = Weight::from_parts(1_000_000_000_000, 1_000_000);
	pub const ChainRules: Rules = Rules {
		quorum: Perbill::from_percent(20),
		approval: Perbill::from_percent(50),
		voting_period: 10,
		enactment_delay: 5,
		proposal_threshold: 100,
	};
	pub const ModelRules: Rules = Rules {
		quorum: Perbill::from_percent(30),
		approval: Perbill::from_percent(50),
		voting_period: 10,
		enactment_delay: 3,
		proposal_threshold: 1,
	};
}

impl pallet_dao::Config for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Currency = Balances;
	type Shares = MockShares;
	type AdminOrigin = EitherOfDiverse<EnsureRoot<u64>, EnsureChainDao<Test>>;
	type TreasuryOrigin = EnsureChainDao<Test>;
	type VetoOrigin = EnsureRoot<u64>;
	type PalletId = DaoPalletId;
	type ProposalDeposit = ConstU128<DEPOSIT>;
	type MaxCallLen = ConstU32<256>;
	type MaxCallWeight = MaxCallWeight;
	type MaxActiveVotes = ConstU32<4>;
	type MaxDelegators = ConstU32<3>;
	type MaxEnactmentsPerBlock = ConstU32<2>;
	type DefaultChainRules = ChainRules;
	type DefaultModelRules = ModelRules;
	type RulesBounds = Bounds;
	type WeightInfo = ();
}

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
