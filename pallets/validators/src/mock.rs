//! A runtime with only `frame_system` and this pallet; session keys are a set of accounts.

use crate as pallet_validators;
use core::cell::RefCell;
use frame_support::{derive_impl, pallet_prelude::DispatchResult, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::collections::BTreeSet;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validators,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = u64;
	type Lookup = sp_runtime::traits::IdentityLookup<u64>;
}

thread_local! {
	static WITH_KEYS: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
}

/// Stands in for `pallet-session`: the accounts that have set session keys.
pub struct MockKeys;
impl MockKeys {
	/// `who` sets session keys.
	pub fn set(who: u64) {
		WITH_KEYS.with(|k| k.borrow_mut().insert(who));
	}
	/// Whether `who` has session keys.
	pub fn has(who: u64) -> bool {
		WITH_KEYS.with(|k| k.borrow().contains(&who))
	}
	/// `who` purges its session keys.
	pub fn purge(who: u64) {
		WITH_KEYS.with(|k| k.borrow_mut().remove(&who));
	}
}
impl pallet_validators::SessionKeys<u64> for MockKeys {
	fn has_keys(who: &u64) -> bool {
		WITH_KEYS.with(|k| k.borrow().contains(who))
	}
	fn purge_keys(who: &u64) -> DispatchResult {
		if WITH_KEYS.with(|k| k.borrow_mut().remove(who)) {
			Ok(())
		} else {
			Err(sp_runtime::DispatchError::Other("no keys"))
		}
	}
}

parameter_types! {
	pub const MaxValidators: u32 = 9;
}

impl pallet_validators::Config for Test {
	type AdminOrigin = EnsureRoot<u64>;
	type SessionKeys = MockKeys;
	type MaxValidators = MaxValidators;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockKeys;
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_validators::BenchmarkHelper<u64> for MockKeys {
	fn register(who: &u64) {
		MockKeys::set(*who);
	}
}

/// Validators 1, 2 and 3 at genesis, each with session keys, a floor of 3 and 10-block
/// sessions; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		validator_set: pallet_validators::GenesisConfig {
			validators: vec![3, 1, 2],
			min_validators: 3,
			session_period: 10,
		},
		..Default::default()
	}
	.build_storage()
	.unwrap_or_default();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		WITH_KEYS.with(|k| *k.borrow_mut() = [1, 2, 3].into_iter().collect());
	});
	ext
}

/// Runs `test` and then the pallet's invariants.
pub fn test_with_invariants(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_eq!(ValidatorSet::do_try_state(), Ok(()));
	});
}
