//! Test runtime of the real-world-asset pallet: System, the real Balances (the issuer's
//! deposit is a real hold) and the real Assets pallet, with Root as admin.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate as pallet_rwa;
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, VariantCountOf},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use modelchain_primitives::Balance;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Rwa: pallet_rwa,
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
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
	type Freezer = ();
	type AssetDeposit = ConstU128<1>;
	type AssetAccountDeposit = ConstU128<1>;
	type MetadataDepositBase = ConstU128<10>;
	type MetadataDepositPerByte = ConstU128<1>;
	type ApprovalDeposit = ConstU128<1>;
}

parameter_types! {
	pub const RwaPalletId: PalletId = PalletId(*b"mdl/rwa_");
}

/// Real-world assets get ids from 100,000 up.
pub const FIRST: u32 = 100_000;
/// The issuer's deposit.
pub const DEPOSIT: Balance = 500;

impl pallet_rwa::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Assets = Assets;
	type AdminOrigin = EnsureRoot<u64>;
	type PalletId = RwaPalletId;
	type FirstAssetId = ConstU32<FIRST>;
	type IssuerDeposit = ConstU128<DEPOSIT>;
	type MaxIdentityLen = ConstU32<64>;
	type MaxNameLen = ConstU32<32>;
	type WeightInfo = ();
}

pub const ISSUER: u64 = 1;
pub const HOLDER: u64 = 2;
pub const POOR: u64 = 3;

/// ISSUER and HOLDER hold 10,000 each; POOR holds 100 (less than the deposit).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut t = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ISSUER, 10_000), (HOLDER, 10_000), (POOR, 100)],
		..Default::default()
	}
	.assimilate_storage(&mut t)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `f`, then the pallet's invariants.
pub fn test(f: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		f();
		Rwa::do_try_state().expect("rwa invariants hold");
	});
}
