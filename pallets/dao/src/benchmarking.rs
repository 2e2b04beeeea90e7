//! Benchmarks of every DAO call, each in its worst case: the longest call a proposal may
//! carry, a vote that replaces an earlier one, an approved proposal vetoed out of the
//! enactment queue.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use alloc::{boxed::Box, vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate as _, Hooks};
use frame_system::RawOrigin;

const FUNDS: Balance = 1_000_000_000_000_000_000;

fn set_block<T: Config>(n: BlockNumber) {
	frame_system::Pallet::<T>::set_block_number(n.into());
}

fn funded_staker<T: Config>(name: &'static str, i: u32) -> T::AccountId {
	let who: T::AccountId = account(name, i, 0);
	T::Currency::set_balance(&who, FUNDS);
	Pallet::<T>::stake(RawOrigin::Signed(who.clone()).into(), FUNDS / 2).unwrap();
	who
}

/// The whitelisted caller, funded and with half its funds staked at block 1; now block 2.
fn staked_caller<T: Config>() -> T::AccountId {
	set_block::<T>(1);
	let caller: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&caller, FUNDS);
	Pallet::<T>::stake(RawOrigin::Signed(caller.clone()).into(), FUNDS / 2).unwrap();
	set_block::<T>(2);
	caller
}

/// The largest remark that fits `MaxCallLen` once encoded.
fn longest_call<T: Config>() -> Box<<T as Config>::RuntimeCall> {
	let len = T::MaxCallLen::get().saturating_sub(16) as usize;
	Box::new(frame_system::Call::<T>::remark { remark: vec![7u8; len] }.into())
}

fn small_call<T: Config>() -> Box<<T as Config>::RuntimeCall> {
	Box::new(frame_system::Call::<T>::remark { remark: vec![1u8] }.into())
}

/// Rules that let one staker pass a proposal, applied to the chain scope.
fn easy_rules<T: Config>() {
	let rules = Rules {
		quorum: sp_arithmetic::Perbill::zero(),
		approval: sp_arithmetic::Perbill::zero(),
		voting_period: 2,
		enactment_delay: 2,
		proposal_threshold: 0,
	};
	ScopeRules::<T>::insert(DaoScope::Chain, rules);
}

/// `proposer` proposes on the chain scope at block 2 (its stake was made at block 1).
fn chain_proposal<T: Config>(proposer: &T::AccountId) -> ProposalId {
	let id = NextProposalId::<T>::get();
	Pallet::<T>::propose(
		RawOrigin::Signed(proposer.clone()).into(),
		DaoScope::Chain,
		small_call::<T>(),
		Hash::repeat_byte(1),
	)
	.unwrap();
	id
}

/// A chain proposal that one aye vote passed and `close` queued.
fn approved_proposal<T: Config>(voter: &T::AccountId) -> ProposalId {
	easy_rules::<T>();
	let id = chain_proposal::<T>(voter);
	Pallet::<T>::vote(RawOrigin::Signed(voter.clone()).into(), id, VoteChoice::Aye, FUNDS / 4)
		.unwrap();
	set_block::<T>(5);
	Pallet::<T>::close(RawOrigin::Signed(voter.clone()).into(), id).unwrap();
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn stake() {
		set_block::<T>(1);
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&caller, FUNDS);
		Pallet::<T>::stake(RawOrigin::Signed(caller.clone()).into(), FUNDS / 4).unwrap();
		set_block::<T>(2);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), FUNDS / 4);

		assert_eq!(Stakes::<T>::get(&caller).history_len, 2);
	}

	#[benchmark]
	fn unstake() {
		let caller = staked_caller::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), FUNDS / 4);

		assert_eq!(Stakes::<T>::get(&caller).amount, FUNDS / 4);
	}

	#[benchmark]
	fn propose() {
		let caller = staked_caller::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), DaoScope::Chain, longest_call::<T>(), Hash::repeat_byte(1));

		assert!(Proposals::<T>::contains_key(0));
	}

	/// A vote that replaces an earlier one and is cast for `d` delegators too.
	#[benchmark]
	fn vote(d: Linear<0, { T::MaxDelegators::get() }>) {
		set_block::<T>(1);
		let caller: T::AccountId = whitelisted_caller();
		T::Currency::set_balance(&caller, FUNDS);
		Pallet::<T>::stake(RawOrigin::Signed(caller.clone()).into(), FUNDS / 2).unwrap();
		for i in 0..d {
			let delegator = funded_staker::<T>("delegator", i);
			Pallet::<T>::delegate(
				RawOrigin::Signed(delegator).into(),
				DaoScope::Chain,
				caller.clone(),
			)
			.unwrap();
		}
		set_block::<T>(2);
		let id = chain_proposal::<T>(&caller);
		Pallet::<T>::vote(RawOrigin::Signed(caller.clone()).into(), id, VoteChoice::Nay, 10)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id, VoteChoice::Aye, FUNDS / 4);

		assert_eq!(Votes::<T>::get(id, &caller).unwrap().choice, VoteChoice::Aye);
		assert_eq!(Proposals::<T>::get(id).unwrap().voters, d + 1);
	}

	/// Moving a delegation from one delegate to another.
	#[benchmark]
	fn delegate() {
		let caller: T::AccountId = whitelisted_caller();
		let old: T::AccountId = account("old", 0, 0);
		let new: T::AccountId = account("new", 0, 0);
		for i in 1..T::MaxDelegators::get() {
			let other: T::AccountId = account("other", i, 0);
			Pallet::<T>::delegate(RawOrigin::Signed(other).into(), DaoScope::Chain, old.clone())
				.unwrap();
		}
		Pallet::<T>::delegate(RawOrigin::Signed(caller.clone()).into(), DaoScope::Chain, old)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), DaoScope::Chain, new.clone());

		assert_eq!(Delegations::<T>::get(DaoScope::Chain, &caller), Some(new));
	}

	#[benchmark]
	fn undelegate() {
		let caller: T::AccountId = whitelisted_caller();
		let to: T::AccountId = account("delegate", 0, 0);
		for i in 1..T::MaxDelegators::get() {
			let other: T::AccountId = account("other", i, 0);
			Pallet::<T>::delegate(RawOrigin::Signed(other).into(), DaoScope::Chain, to.clone())
				.unwrap();
		}
		Pallet::<T>::delegate(RawOrigin::Signed(caller.clone()).into(), DaoScope::Chain, to)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), DaoScope::Chain);

		assert!(Delegations::<T>::get(DaoScope::Chain, &caller).is_none());
	}

	#[benchmark]
	fn close() {
		set_block::<T>(1);
		let voter = funded_staker::<T>("voter", 0);
		set_block::<T>(2);
		easy_rules::<T>();
		let id = chain_proposal::<T>(&voter);
		Pallet::<T>::vote(RawOrigin::Signed(voter).into(), id, VoteChoice::Aye, FUNDS / 4).unwrap();
		set_block::<T>(5);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(matches!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Approved { .. }));
	}

	#[benchmark]
	fn unlock() {
		let caller = staked_caller::<T>();
		let id = approved_proposal::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), id);

		assert!(Votes::<T>::get(id, &caller).is_none());
	}

	#[benchmark]
	fn cancel() {
		let caller = staked_caller::<T>();
		let id = chain_proposal::<T>(&caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert_eq!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Cancelled);
	}

	#[benchmark]
	fn veto() -> Result<(), BenchmarkError> {
		set_block::<T>(1);
		let voter = funded_staker::<T>("voter", 0);
		set_block::<T>(2);
		let id = approved_proposal::<T>(&voter);
		let origin =
			T::VetoOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, id, Hash::repeat_byte(3));

		assert_eq!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Vetoed);
		Ok(())
	}

	#[benchmark]
	fn set_rules() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// The longest periods the bounds allow, with the lowest quorum and approval.
		let bounds = T::RulesBounds::get();
		let rules = Rules {
			quorum: bounds.min_quorum,
			approval: bounds.min_approval,
			voting_period: bounds.voting_period.1,
			enactment_delay: bounds.enactment_delay.1,
			proposal_threshold: 1,
		};

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, DaoScope::Chain, rules);

		assert_eq!(Pallet::<T>::rules(DaoScope::Chain), rules);
		Ok(())
	}

	#[benchmark]
	fn spend() -> Result<(), BenchmarkError> {
		T::Currency::set_balance(&Pallet::<T>::treasury_account(), FUNDS);
		let origin =
			T::TreasuryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let to: T::AccountId = account("payee", 0, 0);

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, to.clone(), FUNDS / 10);

		assert_eq!(T::Currency::balance(&to), FUNDS / 10);
		Ok(())
	}

	/// The dispatch itself is charged on top, from the inner call's own weight.
	#[benchmark]
	fn dispatch_as_treasury() -> Result<(), BenchmarkError> {
		let origin =
			T::TreasuryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, small_call::<T>());

		Ok(())
	}

	/// Not a call: enacting one queued proposal in `on_initialize`, without the inner call.
	#[benchmark]
	fn enact_one() {
		set_block::<T>(1);
		let voter = funded_staker::<T>("voter", 0);
		set_block::<T>(2);
		let id = approved_proposal::<T>(&voter);
		let ProposalStatus::Approved { enact_at } = Proposals::<T>::get(id).unwrap().status else {
			panic!("approved");
		};
		set_block::<T>(enact_at);

		#[block]
		{
			Pallet::<T>::on_initialize(enact_at.into());
		}

		assert!(matches!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Enacted { .. }));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
