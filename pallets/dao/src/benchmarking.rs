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
use alloc::{boxed::Box, vec, vec::Vec};
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

/// Rules that let one voter pass a proposal on `scope`'s standard track, with no lock.
fn easy_rules_for<T: Config>(scope: DaoScope) {
	let rules = TrackRules {
		quorum: sp_arithmetic::Perbill::zero(),
		approval: sp_arithmetic::Perbill::zero(),
		voting_period: 2,
		enactment_delay: 2,
		lock_period: 0,
		late_quorum_extension: 0,
		deposit: T::RulesBounds::get().min_deposit.max(1),
		proposal_threshold: sp_arithmetic::Perbill::zero(),
	};
	ScopeTrackRules::<T>::insert(scope, Track::Standard, rules);
}

/// The same on the chain scope.
fn easy_rules<T: Config>() {
	easy_rules_for::<T>(DaoScope::Chain);
}

const SHARES: Balance = 1_000_000;

/// A model in which the whitelisted caller and `delegators` hold shares, each delegator
/// delegating to the caller, with a proposal by the caller; voting is open.
fn model_proposal<T: Config>(delegators: u32) -> (T::AccountId, ProposalId) {
	set_block::<T>(1);
	let caller: T::AccountId = whitelisted_caller();
	T::Currency::set_balance(&caller, FUNDS);
	let others: Vec<T::AccountId> = (0..delegators).map(|i| account("delegator", i, 0)).collect();
	let mut holders = vec![caller.clone()];
	holders.extend(others.iter().cloned());
	let model = T::BenchmarkHelper::model_with_holders(&holders, SHARES);
	easy_rules_for::<T>(DaoScope::Model(model));
	for delegator in &others {
		T::Currency::set_balance(delegator, FUNDS);
		Pallet::<T>::delegate(
			RawOrigin::Signed(delegator.clone()).into(),
			DaoScope::Model(model),
			caller.clone(),
		)
		.unwrap();
	}
	set_block::<T>(Pallet::<T>::now() + 1);
	let id = NextProposalId::<T>::get();
	Pallet::<T>::propose(
		RawOrigin::Signed(caller.clone()).into(),
		DaoScope::Model(model),
		small_call::<T>(),
		Hash::repeat_byte(1),
	)
	.unwrap();
	(caller, id)
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

/// A remark of `l` bytes noted as a preimage: its hash and encoded length.
fn noted_remark<T: Config>(l: u32) -> (Hash, u32) {
	let call: <T as Config>::RuntimeCall =
		frame_system::Call::<T>::remark { remark: vec![7u8; l as usize] }.into();
	let encoded = call.encode();
	let len = encoded.len() as u32;
	(T::Preimages::note(encoded.into()).unwrap(), len)
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

/// Moves to the block in which approved proposal `id` is enacted, and returns it.
fn to_enactment<T: Config>(id: ProposalId) -> BlockNumber {
	let ProposalStatus::Approved { enact_at } = Proposals::<T>::get(id).unwrap().status else {
		panic!("approved");
	};
	set_block::<T>(enact_at);
	enact_at
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
		easy_rules::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), DaoScope::Chain, longest_call::<T>(), Hash::repeat_byte(1));

		assert!(Proposals::<T>::contains_key(0));
	}

	/// A proposal by preimage of `l` bytes: the preimage is fetched and decoded whole.
	#[benchmark]
	fn propose_preimage(l: Linear<64, { 4 * 1024 * 1024 - 64 }>) {
		let caller = staked_caller::<T>();
		easy_rules::<T>();
		let (hash, len) = noted_remark::<T>(l);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), DaoScope::Chain, hash, len, Hash::repeat_byte(1));

		assert!(Proposals::<T>::contains_key(0));
	}

	/// A vote that replaces an earlier one and is cast for `d` delegators too.
	#[benchmark]
	fn vote(d: Linear<0, { T::MaxDelegators::get() }>) {
		easy_rules::<T>();
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

	/// The same in a model's DAO, whose power and locks are share balances with history.
	#[benchmark]
	fn vote_model(d: Linear<0, { T::MaxDelegators::get() }>) {
		let (caller, id) = model_proposal::<T>(d);
		Pallet::<T>::vote(RawOrigin::Signed(caller.clone()).into(), id, VoteChoice::Nay, 10)
			.unwrap();

		#[extrinsic_call]
		vote(RawOrigin::Signed(caller.clone()), id, VoteChoice::Aye, SHARES);

		assert_eq!(Votes::<T>::get(id, &caller).unwrap().choice, VoteChoice::Aye);
		assert_eq!(Proposals::<T>::get(id).unwrap().voters, d + 1);
	}

	/// The winning side's unlock in a model's DAO: the shares are free again.
	#[benchmark]
	fn unlock_model() {
		let (caller, id) = model_proposal::<T>(0);
		Pallet::<T>::vote(RawOrigin::Signed(caller.clone()).into(), id, VoteChoice::Aye, SHARES)
			.unwrap();
		let DaoScope::Model(model) = Proposals::<T>::get(id).unwrap().scope else {
			panic!("model scope");
		};
		set_block::<T>(Proposals::<T>::get(id).unwrap().voting_ends + 1);
		Pallet::<T>::close(RawOrigin::Signed(caller.clone()).into(), id).unwrap();
		let enact_at = to_enactment::<T>(id);
		Pallet::<T>::on_initialize(enact_at.into());
		set_block::<T>(Proposals::<T>::get(id).unwrap().locks_until.unwrap());

		#[extrinsic_call]
		unlock(RawOrigin::Signed(caller.clone()), id);

		assert!(Votes::<T>::get(id, &caller).is_none());
		assert_eq!(T::Shares::locked(model, &caller), 0);
	}

	/// Moving a delegation from a delegate with a full list to another.
	#[benchmark]
	fn delegate() {
		set_block::<T>(1);
		let caller = funded_staker::<T>("caller", 0);
		let old: T::AccountId = account("old", 0, 0);
		let new: T::AccountId = account("new", 0, 0);
		for i in 1..T::MaxDelegators::get() {
			let other = funded_staker::<T>("other", i);
			Pallet::<T>::delegate(RawOrigin::Signed(other).into(), DaoScope::Chain, old.clone())
				.unwrap();
		}
		Pallet::<T>::delegate(RawOrigin::Signed(caller.clone()).into(), DaoScope::Chain, old)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), DaoScope::Chain, new.clone());

		assert_eq!(Delegations::<T>::get(DaoScope::Chain, &caller).map(|d| d.to), Some(new));
	}

	#[benchmark]
	fn undelegate() {
		set_block::<T>(1);
		let caller = funded_staker::<T>("caller", 0);
		let to: T::AccountId = account("delegate", 0, 0);
		for i in 1..T::MaxDelegators::get() {
			let other = funded_staker::<T>("other", i);
			Pallet::<T>::delegate(RawOrigin::Signed(other).into(), DaoScope::Chain, to.clone())
				.unwrap();
		}
		Pallet::<T>::delegate(RawOrigin::Signed(caller.clone()).into(), DaoScope::Chain, to)
			.unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), DaoScope::Chain);

		assert!(Delegations::<T>::get(DaoScope::Chain, &caller).is_none());
	}

	/// A passed proposal whose block is full: it goes to the backlog.
	#[benchmark]
	fn close() {
		set_block::<T>(1);
		let voter = funded_staker::<T>("voter", 0);
		set_block::<T>(2);
		easy_rules::<T>();
		let id = chain_proposal::<T>(&voter);
		Pallet::<T>::vote(RawOrigin::Signed(voter).into(), id, VoteChoice::Aye, FUNDS / 4).unwrap();
		set_block::<T>(5);
		let enact_at = Proposals::<T>::get(id).unwrap().voting_ends + 2;
		let full: BoundedVec<ProposalId, T::MaxEnactmentsPerBlock> = (0
			..T::MaxEnactmentsPerBlock::get())
			.map(|i| 1_000 + i)
			.collect::<Vec<_>>()
			.try_into()
			.unwrap();
		Enactments::<T>::insert(enact_at, full);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(matches!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Approved { .. }));
		assert_eq!(BacklogEnds::<T>::get(Lane::Chain(Track::Standard)), (0, 1));
	}

	/// The winning side's unlock after enactment and the lock period.
	#[benchmark]
	fn unlock() {
		let caller = staked_caller::<T>();
		let id = approved_proposal::<T>(&caller);
		let enact_at = to_enactment::<T>(id);
		Pallet::<T>::on_initialize(enact_at.into());
		set_block::<T>(Proposals::<T>::get(id).unwrap().locks_until.unwrap());

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
		let rules = TrackRules {
			quorum: bounds.min_quorum,
			approval: bounds.min_approval,
			voting_period: bounds.voting_period.1,
			enactment_delay: bounds.enactment_delay.1,
			lock_period: bounds.lock_period.1,
			late_quorum_extension: bounds.max_late_quorum_extension.min(bounds.voting_period.1),
			deposit: bounds.min_deposit,
			proposal_threshold: bounds.max_proposal_threshold,
		};

		#[extrinsic_call]
		_(
			origin as <T as frame_system::Config>::RuntimeOrigin,
			DaoScope::Chain,
			Track::Critical,
			rules,
		);

		assert_eq!(Pallet::<T>::rules(DaoScope::Chain, Track::Critical), Some(rules));
		Ok(())
	}

	/// A standard-track spend: the period's total is read, checked and written.
	#[benchmark]
	fn spend() -> Result<(), BenchmarkError> {
		T::Currency::set_balance(&Pallet::<T>::treasury_account(), FUNDS);
		TreasurySpendLimit::<T>::put(SpendLimit { period: 10, cap: FUNDS });
		let origin =
			T::TreasuryOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let to: T::AccountId = account("payee", 0, 0);

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, to.clone(), FUNDS / 10);

		assert_eq!(T::Currency::balance(&to), FUNDS / 10);
		Ok(())
	}

	#[benchmark]
	fn set_spend_limit() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let limit = SpendLimit { period: 100, cap: FUNDS };

		#[extrinsic_call]
		_(origin as <T as frame_system::Config>::RuntimeOrigin, limit);

		assert_eq!(TreasurySpendLimit::<T>::get(), limit);
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

	/// Not a call: enacting one queued proposal in `on_initialize`, whose call is a
	/// preimage of `l` bytes, fetched and decoded whole (the inner call, a remark, is cheap
	/// and its own weight is charged on top). The proof size is measured, not the preimage
	/// store's 4 MiB bound, so it grows with `l` (an inline call, which reads no preimage,
	/// is charged the same by its length: an upper bound).
	#[benchmark(pov_mode = Measured)]
	fn enact_one(l: Linear<64, { 4 * 1024 * 1024 - 64 }>) {
		set_block::<T>(1);
		let voter = funded_staker::<T>("voter", 0);
		set_block::<T>(2);
		easy_rules::<T>();
		let (hash, len) = noted_remark::<T>(l);
		let id = NextProposalId::<T>::get();
		Pallet::<T>::propose_preimage(
			RawOrigin::Signed(voter.clone()).into(),
			DaoScope::Chain,
			hash,
			len,
			Hash::repeat_byte(1),
		)
		.unwrap();
		Pallet::<T>::vote(RawOrigin::Signed(voter.clone()).into(), id, VoteChoice::Aye, FUNDS / 4)
			.unwrap();
		set_block::<T>(5);
		Pallet::<T>::close(RawOrigin::Signed(voter).into(), id).unwrap();
		let enact_at = to_enactment::<T>(id);

		#[block]
		{
			Pallet::<T>::on_initialize(enact_at.into());
		}

		assert!(matches!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Enacted { .. }));
	}

	/// Scale (an `extra` benchmark, run by `scripts/scale-check.sh`, not a weight): the
	/// DAO's `on_initialize` enacting one queued proposal while `p` other proposals of `p`
	/// other stakers are open. The hook reads the block's queue and the backlogs only, so
	/// the cost at `p = 1,000` must equal the cost at `p = 10`.
	#[benchmark(extra)]
	fn on_initialize_among(p: Linear<10, 1_000>) {
		set_block::<T>(1);
		let voter = funded_staker::<T>("voter", 0);
		let proposers: Vec<T::AccountId> =
			(0..p).map(|i| funded_staker::<T>("proposer", i)).collect();
		set_block::<T>(2);
		easy_rules::<T>();
		for proposer in &proposers {
			chain_proposal::<T>(proposer);
		}
		let id = approved_proposal::<T>(&voter);
		let enact_at = to_enactment::<T>(id);

		#[block]
		{
			Pallet::<T>::on_initialize(enact_at.into());
		}

		assert!(matches!(Proposals::<T>::get(id).unwrap().status, ProposalStatus::Enacted { .. }));
		assert_eq!(Proposals::<T>::iter().count() as u32, p + 1);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
