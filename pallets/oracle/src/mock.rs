//! A minimal runtime for the oracle's unit tests: System, Timestamp (the real pallet, so
//! expiry follows the real clock source) and the oracle with Root as admin.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use crate as pallet_oracle;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU32, weights::Weight};
use frame_system::{
	offchain::{AppCrypto, CreateSignedTransaction, CreateTransactionBase, SigningTypes},
	EnsureRoot,
};
use modelchain_primitives::{AssetId, OnPriceChange, PriceFeed, PricePoint};
use sp_runtime::{
	testing::{TestSignature, TestXt, UintAuthorityId},
	BuildStorage,
};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Oracle: pallet_oracle,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = u64;
	type Lookup = sp_runtime::traits::IdentityLookup<u64>;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = frame_support::traits::ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	pub const MaxFeeders: u32 = 8;
	pub const MaxKeys: u32 = 4;
	pub const MaxPriceKeys: u32 = 3;
}

/// Test extrinsics: the off-chain feeder's transactions land in the test pool as these.
pub type Extrinsic = TestXt<RuntimeCall, ()>;

impl SigningTypes for Test {
	type Public = UintAuthorityId;
	type Signature = TestSignature;
}

impl<LocalCall> CreateTransactionBase<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = Extrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> CreateSignedTransaction<LocalCall> for Test
where
	RuntimeCall: From<LocalCall>,
{
	fn create_signed_transaction<C: AppCrypto<Self::Public, Self::Signature>>(
		call: RuntimeCall,
		_public: UintAuthorityId,
		account: u64,
		nonce: <Test as frame_system::Config>::Nonce,
	) -> Option<Extrinsic> {
		let _ = nonce;
		Some(Extrinsic::new_signed(call, account, (), ()))
	}
}

/// The feeder key in tests: `UintAuthorityId(n)` signs for account `n`.
pub struct TestFeederId;
impl AppCrypto<UintAuthorityId, TestSignature> for TestFeederId {
	type RuntimeAppPublic = UintAuthorityId;
	type GenericPublic = UintAuthorityId;
	type GenericSignature = TestSignature;
}

impl pallet_oracle::Config for Test {
	type AuthorityId = TestFeederId;
	type OffchainFeedInterval = frame_support::traits::ConstU64<2>;
	type AdminOrigin = EnsureRoot<u64>;
	type Time = Timestamp;
	type MaxFeeders = MaxFeeders;
	type MaxKeys = MaxKeys;
	type MaxPriceKeys = MaxPriceKeys;
	type MaxFeedValues = ConstU32<4>;
	type OnPriceChange = PriceCopies;
	type WeightInfo = ();
}

thread_local! {
	static PRICE_COPIES: RefCell<BTreeMap<AssetId, Option<PricePoint>>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// A price consumer that keeps a copy of every price it is told of, as lending does.
pub struct PriceCopies;
impl PriceCopies {
	/// The copy of `asset`'s price point: `None` if never told, `Some(None)` if told there
	/// is none.
	pub fn get(asset: AssetId) -> Option<Option<PricePoint>> {
		PRICE_COPIES.with(|c| c.borrow().get(&asset).copied())
	}
	/// How many assets consumers were told of.
	pub fn told() -> usize {
		PRICE_COPIES.with(|c| c.borrow().len())
	}
	/// Every copy equals what the oracle stores.
	pub fn assert_in_sync() {
		PRICE_COPIES.with(|c| {
			for (asset, copy) in c.borrow().iter() {
				assert_eq!(*copy, Oracle::price_point(*asset), "copy of asset {asset}'s price");
			}
		});
	}
}
impl OnPriceChange for PriceCopies {
	fn on_price_change(asset: AssetId, point: Option<PricePoint>) {
		PRICE_COPIES.with(|c| c.borrow_mut().insert(asset, point));
	}
	fn max_weight() -> Weight {
		Weight::from_parts(1_000_000, 100)
	}
}

/// Block time used by the tests, ms.
pub const BLOCK_MS: u64 = 6_000;
/// Genesis timestamp used by the tests (some time in 2026), ms.
pub const GENESIS_MS: u64 = 1_780_000_000_000;

/// Test externalities at block 1, timestamp `GENESIS_MS`.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Test>::put(GENESIS_MS);
		PRICE_COPIES.with(|c| c.borrow_mut().clear());
	});
	ext
}

/// Runs `test` and then the pallet's invariants.
pub fn test_with_invariants(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Oracle::do_try_state().expect("oracle invariants hold");
		PriceCopies::assert_in_sync();
	});
}

/// Moves to the next block, `ms` later.
pub fn advance(ms: u64) {
	System::set_block_number(System::block_number() + 1);
	pallet_timestamp::Now::<Test>::mutate(|now| *now += ms);
}
