//! Benchmarks of every call of the real-world-asset pallet, each on its costliest path.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;

fn funded_issuer<T: Config>() -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let issuer: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(
		&issuer,
		T::IssuerDeposit::get().saturating_mul(1_000).max(1_000_000_000_000_000),
	);
	issuer
}

fn full<N: Get<u32>>(byte: u8) -> BoundedVec<u8, N> {
	BoundedVec::truncate_from(alloc::vec![byte; N::get() as usize])
}

fn docs(byte: u8) -> Documents {
	Documents {
		legal: modelchain_primitives::Hash::repeat_byte(byte),
		valuation: modelchain_primitives::Hash::repeat_byte(byte.wrapping_add(1)),
	}
}

fn issue_one<T: Config>(issuer: &T::AccountId) -> AssetId {
	let asset = Pallet::<T>::next_asset_id();
	Pallet::<T>::issue(
		RawOrigin::Signed(issuer.clone()).into(),
		full::<T::MaxNameLen>(b'n'),
		full::<T::MaxNameLen>(b's'),
		6,
		1,
		full::<T::MaxIdentityLen>(b'i'),
		docs(1),
	)
	.unwrap();
	asset
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	/// The longest name, symbol and identity, and all but the last id it may look at
	/// taken, so it skips `MAX_ID_SKIPS − 1` of them.
	#[benchmark]
	fn issue() {
		let issuer = funded_issuer::<T>();
		let first = Pallet::<T>::next_asset_id();
		let squatter: T::AccountId = account("squatter", 0, 0);
		for i in 0..crate::issuance::MAX_ID_SKIPS - 1 {
			<T::Assets as fungibles::Create<T::AccountId>>::create(
				first + i,
				squatter.clone(),
				true,
				1,
			)
			.unwrap();
		}
		let asset = first + crate::issuance::MAX_ID_SKIPS - 1;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer.clone()),
			full::<T::MaxNameLen>(b'n'),
			full::<T::MaxNameLen>(b's'),
			6,
			1,
			full::<T::MaxIdentityLen>(b'i'),
			docs(1),
		);

		assert_eq!(Rwas::<T>::get(asset).unwrap().issuer, issuer);
	}

	#[benchmark]
	fn update_documents() {
		let issuer = funded_issuer::<T>();
		let asset = issue_one::<T>(&issuer);

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), asset, docs(3));

		assert_eq!(Rwas::<T>::get(asset).unwrap().documents, docs(3));
	}

	#[benchmark]
	fn set_status() {
		let issuer = funded_issuer::<T>();
		let asset = issue_one::<T>(&issuer);

		#[extrinsic_call]
		_(RawOrigin::Root, asset, RwaStatus::Suspended);

		assert_eq!(Rwas::<T>::get(asset).unwrap().status, RwaStatus::Suspended);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
