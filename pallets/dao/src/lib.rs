//! # Modelchain DAO pallet
//!
//! A chain-wide DAO and one DAO per model, with the two defences that each of the big
//! governance designs has only one of: a **snapshot** (OpenZeppelin Governor) and a
//! **lock** (OpenGov). Voting power is `min(balance at the snapshot, amount locked for the
//! vote)`, so tokens bought, borrowed or received after a proposal was made give nothing,
//! and tokens that voted cannot move until the proposal closes.
//!
//! ## Scopes and their balances
//!
//! - [`DaoScope::Chain`]: native tokens *staked for governance* ([`Pallet::stake`]). The
//!   pallet keeps a per-block history of each stake (`pallet_balances` keeps none), so the
//!   stake at the snapshot block is known. Staked tokens are frozen with the reason
//!   [`FreezeReason::Stake`] (a `fungible` freeze of exactly the stake); unstaking below
//!   what active votes locked fails. The electorate is the total issuance when the proposal
//!   is made.
//! - [`DaoScope::Model`]: that model's shares, through [`ModelShares`]: `balance_at` for
//!   the snapshot, `set_lock` for the vote lock, `total_supply_at` for the electorate.
//!
//! ## Life of a proposal
//!
//! 1. [`Pallet::propose`]: a bounded encoded call, a metadata hash, a deposit held from
//!    the proposer with the reason [`HoldReason::ProposalDeposit`], and voting power at the
//!    snapshot (the block before) of at least the scope's threshold. The scope's rules are
//!    copied into the proposal.
//! 2. [`Pallet::vote`]: aye, nay or abstain with an amount to lock; a vote may be changed
//!    while voting is open.
//! 3. [`Pallet::close`] (anyone, after the voting period): passes if aye + abstain reaches
//!    the quorum of the electorate and aye exceeds the approval share of aye + nay. A
//!    passed proposal is queued for `voting_ends + enactment_delay`; a rejected one
//!    releases its deposit.
//! 4. Enactment in `on_initialize`: the call is dispatched with origin `Chain` or
//!    `Model(id)`; the result is an event. The deposit is released whatever the call did.
//! 5. [`Pallet::unlock`]: after close, each voter releases their lock.
//!
//! The proposer may [`Pallet::cancel`] before the first vote (deposit released); the veto
//! origin may [`Pallet::veto`] a proposal that is voting or queued (the held deposit moves
//! to the treasury; if the treasury cannot receive it, because it does not exist and the
//! deposit is below the existential deposit, it is burned). The chain DAO controls a
//! treasury account: [`Pallet::spend`] pays from it and [`Pallet::dispatch_as_treasury`]
//! acts as it.
//!
//! ## Holds and freezes
//!
//! Native tokens are handled through the `fungible` traits only, each with a reason the
//! runtime aggregates into `RuntimeHoldReason` / `RuntimeFreezeReason`:
//!
//! - [`HoldReason::ProposalDeposit`]: the deposits of the caller's proposals that are voting
//!   or queued (held at `propose`, released at rejection, cancellation or enactment, moved to
//!   the treasury at a veto).
//! - [`FreezeReason::Stake`]: the caller's governance stake ([`Stakes`]).
//!
//! In `pallet_balances` a freeze applies to the *total* balance, held funds included, and a
//! hold may be placed on frozen funds: staked tokens can pay a proposal deposit, and stay
//! unmovable while held. Storage version 0 used a reserve and the lock `mdl/dao_` instead;
//! [`migrations::v1::MigrateToFungible`] converts them.
//!
//! ## Origins
//!
//! [`EnsureChainDao`] accepts `Origin::Chain`; [`EnsureModelDao`] accepts `Origin::Model(id)`
//! for that `id` only. The runtime gives the models pallet `EnsureModelDao` (per model) and
//! the oracle's admin `EnsureChainDao` or Root.
//!
//! ## Invariants (`try_state`)
//!
//! 1. The tally of every open proposal equals the sum of its recorded votes.
//! 2. Every recorded vote on an open proposal is among its voter's active votes with the
//!    same lock, and a Chain voter's stake covers their largest active lock.
//! 3. No approved proposal is still queued for a block in the past.
//! 4. Each account's [`FreezeReason::Stake`] freeze equals its stake.
//! 5. Each account's [`HoldReason::ProposalDeposit`] hold equals the deposits of its
//!    proposals that are voting or queued.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use alloc::boxed::Box;
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		fungible::{self, Inspect as FunInspect, Mutate as FunMutate, MutateFreeze, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
		EnsureOrigin, EnsureOriginWithArg,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{Balance, BlockNumber, Hash, ModelId, ModelShares, ShareLockId};
use sp_arithmetic::traits::Zero;
use sp_runtime::traits::{AccountIdConversion, Dispatchable, UniqueSaturatedInto};

/// Lock on model shares that voted.
pub const SHARE_VOTE_LOCK: ShareLockId = *b"dao/vote";

#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 1: stakes are freezes and deposits holds (version 0: a lock and reserves).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime origin, which must be able to carry this pallet's origin.
		type RuntimeOrigin: From<DaoScope> + From<frame_system::RawOrigin<Self::AccountId>> + Clone;
		/// The runtime call a proposal dispatches.
		type RuntimeCall: Parameter
			+ Dispatchable<
				RuntimeOrigin = <Self as Config>::RuntimeOrigin,
				PostInfo = PostDispatchInfo,
			> + GetDispatchInfo
			+ From<frame_system::Call<Self>>;
		/// The runtime's hold reason, which must be able to carry this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// The runtime's freeze reason, which must be able to carry this pallet's.
		type RuntimeFreezeReason: From<FreezeReason>;
		/// Native currency: stakes (frozen for [`FreezeReason::Stake`]), proposal deposits
		/// (held for [`HoldReason::ProposalDeposit`]), the treasury.
		type Currency: fungible::Inspect<Self::AccountId, Balance = Balance>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;
		/// Model shares (the models pallet).
		type Shares: ModelShares<Self::AccountId>;
		/// May change the rules (Root, or the chain DAO itself).
		type AdminOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// May spend from and act as the treasury (the chain DAO).
		type TreasuryOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// May veto a proposal (Root for now).
		type VetoOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// Derives the treasury account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// Deposit held from the proposer per proposal.
		#[pallet::constant]
		type ProposalDeposit: Get<Balance>;
		/// Maximum encoded length of a proposal's call.
		#[pallet::constant]
		type MaxCallLen: Get<u32>;
		/// Maximum weight of a proposal's call, so that enactment fits a block.
		#[pallet::constant]
		type MaxCallWeight: Get<Weight>;
		/// Maximum open votes per account and scope.
		#[pallet::constant]
		type MaxActiveVotes: Get<u32>;
		/// Maximum delegators per delegate and scope (bounds the work of one vote).
		#[pallet::constant]
		type MaxDelegators: Get<u32>;
		/// Maximum enactments in one block; later ones move to the next block.
		#[pallet::constant]
		type MaxEnactmentsPerBlock: Get<u32>;
		/// Rules of the chain DAO until governance changes them.
		type DefaultChainRules: Get<Rules>;
		/// Rules of every model DAO until governance changes them.
		type DefaultModelRules: Get<Rules>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds native tokens.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a proposal that is voting or queued, held from its proposer.
		#[codec(index = 0)]
		ProposalDeposit,
	}

	/// Why this pallet freezes native tokens.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Native tokens staked for chain governance ([`Stakes`]).
		#[codec(index = 0)]
		Stake,
	}

	/// The origin of an enacted proposal: the DAO that passed it.
	#[pallet::origin]
	pub type Origin = DaoScope;

	/// Governance stakes of native tokens.
	#[pallet::storage]
	pub type Stakes<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Stake, ValueQuery>;

	/// Stake history: entry `i` of an account.
	#[pallet::storage]
	pub type StakeHistory<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u32, StakeCheckpoint>;

	/// Id of the next proposal.
	#[pallet::storage]
	pub type NextProposalId<T> = StorageValue<_, ProposalId, ValueQuery>;

	/// Proposals by id.
	#[pallet::storage]
	pub type Proposals<T: Config> =
		StorageMap<_, Twox64Concat, ProposalId, Proposal<T::AccountId, T::MaxCallLen>>;

	/// Votes by proposal and voter.
	#[pallet::storage]
	pub type Votes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ProposalId, Blake2_128Concat, T::AccountId, VoteRecord>;

	/// Each account's votes that still hold a lock, per scope.
	#[pallet::storage]
	pub type LockedVotes<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DaoScope,
		Blake2_128Concat,
		T::AccountId,
		ActiveVotes<T::MaxActiveVotes>,
		ValueQuery,
	>;

	/// Who each account delegates its vote to, per scope.
	#[pallet::storage]
	pub type Delegations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DaoScope,
		Blake2_128Concat,
		T::AccountId,
		T::AccountId,
	>;

	/// The delegators of each delegate, per scope.
	#[pallet::storage]
	pub type Delegators<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DaoScope,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<T::AccountId, T::MaxDelegators>,
		ValueQuery,
	>;

	/// Proposals to enact at a block.
	#[pallet::storage]
	pub type Enactments<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumber,
		BoundedVec<ProposalId, T::MaxEnactmentsPerBlock>,
		ValueQuery,
	>;

	/// Rules changed by governance (otherwise the defaults apply).
	#[pallet::storage]
	pub type ScopeRules<T: Config> = StorageMap<_, Blake2_128Concat, DaoScope, Rules>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Native tokens staked for governance.
		Staked { who: T::AccountId, amount: Balance, total: Balance },
		/// Stake withdrawn.
		Unstaked { who: T::AccountId, amount: Balance, total: Balance },
		/// A proposal was made.
		Proposed {
			id: ProposalId,
			scope: DaoScope,
			proposer: T::AccountId,
			snapshot: BlockNumber,
			voting_ends: BlockNumber,
			electorate: Balance,
		},
		/// A vote was cast or changed.
		Voted { id: ProposalId, who: T::AccountId, choice: VoteChoice, power: Balance },
		/// A delegate's vote was cast for one of its delegators (who had not voted).
		DelegatedVote {
			id: ProposalId,
			delegator: T::AccountId,
			delegate: T::AccountId,
			choice: VoteChoice,
			power: Balance,
		},
		/// An account delegated its vote in a scope.
		Delegated { scope: DaoScope, who: T::AccountId, to: T::AccountId },
		/// An account took its vote back in a scope.
		Undelegated { scope: DaoScope, who: T::AccountId },
		/// A closed proposal's lock was released.
		Unlocked { id: ProposalId, who: T::AccountId },
		/// Voting ended and the proposal passed; it will be enacted at `enact_at`.
		Approved { id: ProposalId, tally: Tally, enact_at: BlockNumber },
		/// Voting ended and the proposal failed.
		Rejected { id: ProposalId, tally: Tally },
		/// The proposer withdrew the proposal.
		Cancelled { id: ProposalId },
		/// The veto origin stopped the proposal; `slashed` of its held deposit went to the
		/// treasury (or was burned if the treasury could not receive it).
		Vetoed { id: ProposalId, reason_hash: Hash, slashed: Balance },
		/// The proposal's call was dispatched.
		Enacted { id: ProposalId, result: DispatchResult },
		/// The treasury paid out.
		TreasurySpent { to: T::AccountId, amount: Balance },
		/// The treasury account dispatched a call.
		TreasuryDispatched { result: DispatchResult },
		/// A scope's rules changed.
		RulesChanged { scope: DaoScope, rules: Rules },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No proposal has this id.
		UnknownProposal,
		/// The call is longer than `MaxCallLen` when encoded. Split it or use a preimage.
		CallTooLong,
		/// The call may weigh more than `MaxCallWeight`. Split it.
		CallTooHeavy,
		/// Voting power at the snapshot is below the scope's proposal threshold. Stake (or
		/// acquire shares) before proposing: power counts from the next block.
		BelowProposalThreshold,
		/// The account cannot pay the proposal deposit: its free balance (frozen funds count)
		/// must cover it and still keep the existential deposit.
		InsufficientDeposit,
		/// The proposal is not open for votes (ended, closed or cancelled).
		VotingClosed,
		/// Voting is still open; close it after `voting_ends`.
		VotingOpen,
		/// No voting power: nothing held at the snapshot, or nothing offered to lock. Tokens
		/// acquired after the proposal was made do not count.
		NoVotingPower,
		/// Fewer tokens or shares than the amount to lock. Lock less, or stake more.
		InsufficientBalance,
		/// Too many open votes in this scope. Unlock closed ones first.
		TooManyVotes,
		/// No vote by this account on this proposal.
		NoVote,
		/// Only the proposer may cancel, and only before the first vote.
		CannotCancel,
		/// The proposal is neither voting nor queued; there is nothing to veto.
		CannotVeto,
		/// The stake would fall below what open votes locked. Unlock them after they close.
		StakeLocked,
		/// Amount must be non-zero.
		ZeroAmount,
		/// Rules need a non-zero voting period and enactment delay.
		InvalidRules,
		/// The enactment queue is full for many blocks ahead.
		EnactmentQueueFull,
		/// The model does not exist.
		UnknownModel,
		/// An account cannot delegate to itself.
		SelfDelegation,
		/// The delegate has `MaxDelegators` delegators in this scope already.
		TooManyDelegators,
		/// The account does not delegate in this scope.
		NotDelegating,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			let now: BlockNumber = n.unique_saturated_into();
			let queued = Enactments::<T>::take(now);
			let mut weight = T::DbWeight::get().reads_writes(1, 1);
			for id in queued {
				weight = weight.saturating_add(Self::enact(id));
			}
			weight
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Stakes `amount` more native tokens for chain governance (frozen until unstaked).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::stake())]
		pub fn stake(origin: OriginFor<T>, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let mut stake = Stakes::<T>::get(&who);
			let total = stake.amount.checked_add(amount).ok_or(Error::<T>::InsufficientBalance)?;
			ensure!(T::Currency::total_balance(&who) >= total, Error::<T>::InsufficientBalance);
			Self::record_stake_history(&who, &mut stake);
			stake.amount = total;
			T::Currency::set_freeze(&FreezeReason::Stake.into(), &who, total)?;
			Stakes::<T>::insert(&who, stake);
			Self::deposit_event(Event::Staked { who, amount, total });
			Ok(())
		}

		/// Releases `amount` of stake, as long as open votes stay covered.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unstake())]
		pub fn unstake(origin: OriginFor<T>, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(amount > 0, Error::<T>::ZeroAmount);
			let mut stake = Stakes::<T>::get(&who);
			let total = stake.amount.checked_sub(amount).ok_or(Error::<T>::InsufficientBalance)?;
			ensure!(
				total >= Self::largest_lock(&LockedVotes::<T>::get(DaoScope::Chain, &who)),
				Error::<T>::StakeLocked
			);
			Self::record_stake_history(&who, &mut stake);
			stake.amount = total;
			if total.is_zero() {
				T::Currency::thaw(&FreezeReason::Stake.into(), &who)?;
			} else {
				T::Currency::set_freeze(&FreezeReason::Stake.into(), &who, total)?;
			}
			Stakes::<T>::insert(&who, stake);
			Self::deposit_event(Event::Unstaked { who, amount, total });
			Ok(())
		}

		/// Proposes `call` to the DAO of `scope`, holding the deposit from the caller.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::propose())]
		pub fn propose(
			origin: OriginFor<T>,
			scope: DaoScope,
			call: Box<<T as Config>::RuntimeCall>,
			metadata_hash: Hash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let encoded: BoundedVec<u8, T::MaxCallLen> =
				call.encode().try_into().map_err(|_| Error::<T>::CallTooLong)?;
			ensure!(
				call.get_dispatch_info().total_weight().all_lte(T::MaxCallWeight::get()),
				Error::<T>::CallTooHeavy
			);
			if let DaoScope::Model(model) = scope {
				ensure!(T::Shares::model_exists(model), Error::<T>::UnknownModel);
			}
			let rules = Self::rules(scope);
			let now = Self::now();
			let snapshot = now.saturating_sub(1);
			ensure!(
				Self::power_at(scope, &who, snapshot) >= rules.proposal_threshold,
				Error::<T>::BelowProposalThreshold
			);
			let deposit = T::ProposalDeposit::get();
			T::Currency::hold(&HoldReason::ProposalDeposit.into(), &who, deposit)
				.map_err(|_| Error::<T>::InsufficientDeposit)?;
			let electorate = match scope {
				DaoScope::Chain => <T::Currency as FunInspect<_>>::total_issuance(),
				DaoScope::Model(model) => T::Shares::total_supply_at(model, snapshot),
			};
			let voting_ends = now.saturating_add(rules.voting_period);
			let id = NextProposalId::<T>::get();
			NextProposalId::<T>::put(id.saturating_add(1));
			Proposals::<T>::insert(
				id,
				Proposal {
					scope,
					proposer: who.clone(),
					call: encoded,
					metadata_hash,
					deposit,
					snapshot,
					electorate,
					voting_ends,
					enactment_delay: rules.enactment_delay,
					quorum: rules.quorum,
					approval: rules.approval,
					tally: Tally::default(),
					voters: 0,
					status: ProposalStatus::Voting,
				},
			);
			Self::deposit_event(Event::Proposed {
				id,
				scope,
				proposer: who,
				snapshot,
				voting_ends,
				electorate,
			});
			Ok(())
		}

		/// Votes (or changes a vote) on an open proposal, locking `amount`. The power counted
		/// is `min(balance at the snapshot, amount)`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::vote(T::MaxDelegators::get()))]
		pub fn vote(
			origin: OriginFor<T>,
			id: ProposalId,
			choice: VoteChoice,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(
				proposal.status == ProposalStatus::Voting && Self::now() <= proposal.voting_ends,
				Error::<T>::VotingClosed
			);
			let scope = proposal.scope;
			let power = Self::power_at(scope, &who, proposal.snapshot).min(amount);
			ensure!(power > 0, Error::<T>::NoVotingPower);
			ensure!(Self::lockable(scope, &who) >= amount, Error::<T>::InsufficientBalance);
			let record = VoteRecord { choice, power, locked: amount, by_delegate: false };
			Self::cast(&mut proposal, id, &who, record)?;
			Self::deposit_event(Event::Voted { id, who: who.clone(), choice, power });
			// Cast the same choice for delegators who have not voted themselves: each with
			// min(power at the snapshot, what it can lock now), locked like its own vote.
			let delegators = Delegators::<T>::get(scope, &who);
			let counted = delegators.len() as u32;
			for delegator in delegators {
				if Votes::<T>::get(id, &delegator).is_some_and(|v| !v.by_delegate) {
					continue;
				}
				let lock = Self::power_at(scope, &delegator, proposal.snapshot)
					.min(Self::lockable(scope, &delegator));
				if lock.is_zero() {
					continue;
				}
				let record = VoteRecord { choice, power: lock, locked: lock, by_delegate: true };
				if Self::cast(&mut proposal, id, &delegator, record).is_ok() {
					Self::deposit_event(Event::DelegatedVote {
						id,
						delegator,
						delegate: who.clone(),
						choice,
						power: lock,
					});
				}
			}
			Proposals::<T>::insert(id, proposal);
			Ok(Some(T::WeightInfo::vote(counted)).into())
		}

		/// Ends voting on a proposal whose period is over: queues it or rejects it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			ensure_signed(origin)?;
			let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(proposal.status == ProposalStatus::Voting, Error::<T>::VotingClosed);
			let now = Self::now();
			ensure!(now > proposal.voting_ends, Error::<T>::VotingOpen);
			let tally = proposal.tally;
			if Self::passes(&proposal) {
				let earliest = proposal
					.voting_ends
					.saturating_add(proposal.enactment_delay)
					.max(now.saturating_add(1));
				let enact_at = Self::queue_enactment(earliest, id)?;
				proposal.status = ProposalStatus::Approved { enact_at };
				Self::deposit_event(Event::Approved { id, tally, enact_at });
			} else {
				Self::release_deposit(&proposal);
				proposal.status = ProposalStatus::Rejected;
				Self::deposit_event(Event::Rejected { id, tally });
			}
			Proposals::<T>::insert(id, proposal);
			Ok(())
		}

		/// Releases the caller's lock for a proposal that is no longer voting.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(proposal.status != ProposalStatus::Voting, Error::<T>::VotingOpen);
			ensure!(Votes::<T>::take(id, &who).is_some(), Error::<T>::NoVote);
			let scope = proposal.scope;
			let mut active = LockedVotes::<T>::get(scope, &who);
			active.retain(|(p, _)| *p != id);
			Self::apply_lock(scope, &who, Self::largest_lock(&active))?;
			if active.is_empty() {
				LockedVotes::<T>::remove(scope, &who);
			} else {
				LockedVotes::<T>::insert(scope, &who, active);
			}
			Self::deposit_event(Event::Unlocked { id, who });
			Ok(())
		}

		/// The proposer withdraws a proposal nobody voted on yet; the deposit is returned.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
			ensure!(
				proposal.proposer == who
					&& proposal.status == ProposalStatus::Voting
					&& proposal.voters == 0,
				Error::<T>::CannotCancel
			);
			Self::release_deposit(&proposal);
			proposal.status = ProposalStatus::Cancelled;
			Proposals::<T>::insert(id, proposal);
			Self::deposit_event(Event::Cancelled { id });
			Ok(())
		}

		/// Stops a voting or queued proposal; its deposit goes to the treasury.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::veto())]
		pub fn veto(origin: OriginFor<T>, id: ProposalId, reason_hash: Hash) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			let mut proposal = Proposals::<T>::get(id).ok_or(Error::<T>::UnknownProposal)?;
			match proposal.status {
				ProposalStatus::Voting => {}
				ProposalStatus::Approved { enact_at } => {
					Enactments::<T>::mutate(enact_at, |queue| queue.retain(|p| *p != id))
				}
				_ => return Err(Error::<T>::CannotVeto.into()),
			}
			let slashed = Self::slash_deposit(&proposal);
			proposal.status = ProposalStatus::Vetoed;
			Proposals::<T>::insert(id, proposal);
			Self::deposit_event(Event::Vetoed { id, reason_hash, slashed });
			Ok(())
		}

		/// Sets a scope's rules. Root or the chain DAO.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_rules())]
		pub fn set_rules(origin: OriginFor<T>, scope: DaoScope, rules: Rules) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(rules.voting_period > 0 && rules.enactment_delay > 0, Error::<T>::InvalidRules);
			ScopeRules::<T>::insert(scope, rules);
			Self::deposit_event(Event::RulesChanged { scope, rules });
			Ok(())
		}

		/// Pays `amount` from the treasury. `TreasuryOrigin` (the chain DAO) only.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::spend())]
		pub fn spend(origin: OriginFor<T>, to: T::AccountId, amount: Balance) -> DispatchResult {
			T::TreasuryOrigin::ensure_origin(origin)?;
			// Keeps the treasury alive, as `ExistenceRequirement::KeepAlive` did.
			<T::Currency as FunMutate<_>>::transfer(
				&Self::treasury_account(),
				&to,
				amount,
				Preservation::Preserve,
			)?;
			Self::deposit_event(Event::TreasurySpent { to, amount });
			Ok(())
		}

		/// Dispatches `call` as the treasury account (for example, supplying treasury funds
		/// to a lending market). The chain DAO only.
		#[pallet::call_index(10)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			T::WeightInfo::dispatch_as_treasury().saturating_add(info.total_weight())
		})]
		pub fn dispatch_as_treasury(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			T::TreasuryOrigin::ensure_origin(origin)?;
			let treasury = frame_system::RawOrigin::Signed(Self::treasury_account());
			let result = call.dispatch(treasury.into()).map(|_| ()).map_err(|e| e.error);
			Self::deposit_event(Event::TreasuryDispatched { result });
			Ok(())
		}

		/// Delegates the caller's vote in `scope` to `to`: when `to` votes on a proposal, the
		/// same choice is cast for the caller with its own snapshot power and locked like its
		/// own vote, unless the caller voted itself. Not transitive.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::delegate())]
		pub fn delegate(origin: OriginFor<T>, scope: DaoScope, to: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(who != to, Error::<T>::SelfDelegation);
			Delegators::<T>::try_mutate(scope, &to, |list| list.try_push(who.clone()))
				.map_err(|_| Error::<T>::TooManyDelegators)?;
			if let Some(old) = Delegations::<T>::get(scope, &who) {
				Delegators::<T>::mutate(scope, &old, |list| list.retain(|d| *d != who));
			}
			Delegations::<T>::insert(scope, &who, &to);
			Self::deposit_event(Event::Delegated { scope, who, to });
			Ok(())
		}

		/// Ends the caller's delegation in `scope`. Votes already cast for it stay (and stay
		/// locked) until their proposals close; it may override them by voting itself.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::undelegate())]
		pub fn undelegate(origin: OriginFor<T>, scope: DaoScope) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let to = Delegations::<T>::take(scope, &who).ok_or(Error::<T>::NotDelegating)?;
			Delegators::<T>::mutate(scope, &to, |list| list.retain(|d| *d != who));
			Self::deposit_event(Event::Undelegated { scope, who });
			Ok(())
		}
	}
}

/// Accepts the chain DAO's origin (`Origin::Chain`).
pub struct EnsureChainDao<T>(PhantomData<T>);
impl<T: Config, O> EnsureOrigin<O> for EnsureChainDao<T>
where
	O: Into<Result<DaoScope, O>> + From<DaoScope>,
{
	type Success = ();
	fn try_origin(o: O) -> Result<(), O> {
		o.into().and_then(|scope| match scope {
			DaoScope::Chain => Ok(()),
			other => Err(O::from(other)),
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(DaoScope::Chain))
	}
}

/// Accepts `Origin::Model(id)` for the model `id` only.
pub struct EnsureModelDao<T>(PhantomData<T>);
impl<T: Config, O> EnsureOriginWithArg<O, ModelId> for EnsureModelDao<T>
where
	O: Into<Result<DaoScope, O>> + From<DaoScope>,
{
	type Success = ();
	fn try_origin(o: O, model: &ModelId) -> Result<(), O> {
		o.into().and_then(|scope| match scope {
			DaoScope::Model(id) if id == *model => Ok(()),
			other => Err(O::from(other)),
		})
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin(model: &ModelId) -> Result<O, ()> {
		Ok(O::from(DaoScope::Model(*model)))
	}
}

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}

	/// The treasury the chain DAO controls.
	pub fn treasury_account() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Whether a proposal in `status` still has its deposit held (voting or queued).
	pub fn holds_deposit(status: ProposalStatus) -> bool {
		matches!(status, ProposalStatus::Voting | ProposalStatus::Approved { .. })
	}

	/// The rules in force for `scope`.
	pub fn rules(scope: DaoScope) -> Rules {
		ScopeRules::<T>::get(scope).unwrap_or_else(|| match scope {
			DaoScope::Chain => T::DefaultChainRules::get(),
			DaoScope::Model(_) => T::DefaultModelRules::get(),
		})
	}

	/// Native stake of `who` at the end of block `at`.
	pub fn stake_at(who: &T::AccountId, at: BlockNumber) -> Balance {
		let stake = Stakes::<T>::get(who);
		modelchain_primitives::history::balance_at(
			stake.history_len,
			|i| StakeHistory::<T>::get(who, i).map(|c| (c.changed_at, c.amount_before)),
			stake.amount,
			at,
		)
	}

	/// Voting power of `who` in `scope` at the end of block `at`.
	pub fn power_at(scope: DaoScope, who: &T::AccountId, at: BlockNumber) -> Balance {
		match scope {
			DaoScope::Chain => Self::stake_at(who, at),
			DaoScope::Model(model) => T::Shares::balance_at(model, who, at),
		}
	}

	/// What `who` can lock for a vote now.
	fn lockable(scope: DaoScope, who: &T::AccountId) -> Balance {
		match scope {
			DaoScope::Chain => Stakes::<T>::get(who).amount,
			DaoScope::Model(model) => T::Shares::balance(model, who),
		}
	}

	/// Records `record` as `who`'s vote on `proposal` (replacing an earlier one), updates
	/// the tally in memory and applies the lock. Fails before changing anything.
	fn cast(
		proposal: &mut Proposal<T::AccountId, T::MaxCallLen>,
		id: ProposalId,
		who: &T::AccountId,
		record: VoteRecord,
	) -> DispatchResult {
		let scope = proposal.scope;
		let mut active = LockedVotes::<T>::get(scope, who);
		if let Some(entry) = active.iter_mut().find(|(p, _)| *p == id) {
			entry.1 = record.locked;
		} else {
			active.try_push((id, record.locked)).map_err(|_| Error::<T>::TooManyVotes)?;
		}
		Self::apply_lock(scope, who, Self::largest_lock(&active))?;
		if let Some(old) = Votes::<T>::get(id, who) {
			Self::tally_remove(&mut proposal.tally, old);
		} else {
			proposal.voters = proposal.voters.saturating_add(1);
		}
		Self::tally_add(&mut proposal.tally, record);
		LockedVotes::<T>::insert(scope, who, active);
		Votes::<T>::insert(id, who, record);
		Ok(())
	}

	/// Releases a proposal's deposit to its proposer. Best effort, like the `unreserve` it
	/// replaces: it releases what is still held, and never blocks the status change (it could
	/// fail only if the deposit were below the existential deposit of an emptied account).
	fn release_deposit(proposal: &Proposal<T::AccountId, T::MaxCallLen>) {
		let _ = T::Currency::release(
			&HoldReason::ProposalDeposit.into(),
			&proposal.proposer,
			proposal.deposit,
			Precision::BestEffort,
		);
	}

	/// Moves a proposal's held deposit to the treasury and returns the amount taken from the
	/// proposer. The treasury account is created if it does not exist; if it cannot be (the
	/// deposit is below the existential deposit), the deposit is burned instead, as the
	/// dropped imbalance of the old `resolve_creating` was. Forced, like `slash_reserved`:
	/// the proposer's freezes do not protect its held deposit.
	fn slash_deposit(proposal: &Proposal<T::AccountId, T::MaxCallLen>) -> Balance {
		let reason = HoldReason::ProposalDeposit.into();
		T::Currency::transfer_on_hold(
			&reason,
			&proposal.proposer,
			&Self::treasury_account(),
			proposal.deposit,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)
		.or_else(|_| {
			T::Currency::burn_held(
				&reason,
				&proposal.proposer,
				proposal.deposit,
				Precision::BestEffort,
				Fortitude::Force,
			)
		})
		.unwrap_or(0)
	}

	fn largest_lock(active: &[(ProposalId, Balance)]) -> Balance {
		active.iter().map(|(_, a)| *a).max().unwrap_or(0)
	}

	/// Model shares carry the vote lock themselves; native votes are covered by the stake
	/// lock, which `unstake` keeps above the largest active vote.
	fn apply_lock(scope: DaoScope, who: &T::AccountId, amount: Balance) -> DispatchResult {
		if let DaoScope::Model(model) = scope {
			if amount.is_zero() {
				T::Shares::remove_lock(model, who, SHARE_VOTE_LOCK);
			} else {
				T::Shares::set_lock(model, who, SHARE_VOTE_LOCK, amount)?;
			}
		}
		Ok(())
	}

	fn record_stake_history(who: &T::AccountId, stake: &mut Stake) {
		let now = Self::now();
		let last = stake.history_len.checked_sub(1).and_then(|i| StakeHistory::<T>::get(who, i));
		if last.is_some_and(|c| c.changed_at == now) {
			return;
		}
		StakeHistory::<T>::insert(
			who,
			stake.history_len,
			StakeCheckpoint { changed_at: now, amount_before: stake.amount },
		);
		stake.history_len = stake.history_len.saturating_add(1);
	}

	fn tally_slot(tally: &mut Tally, choice: VoteChoice) -> &mut Balance {
		match choice {
			VoteChoice::Aye => &mut tally.aye,
			VoteChoice::Nay => &mut tally.nay,
			VoteChoice::Abstain => &mut tally.abstain,
		}
	}

	fn tally_add(tally: &mut Tally, vote: VoteRecord) {
		let slot = Self::tally_slot(tally, vote.choice);
		*slot = slot.saturating_add(vote.power);
	}

	fn tally_remove(tally: &mut Tally, vote: VoteRecord) {
		let slot = Self::tally_slot(tally, vote.choice);
		*slot = slot.saturating_sub(vote.power);
	}

	/// Quorum: aye + abstain ≥ quorum × electorate (rounded up). Approval: aye > approval ×
	/// (aye + nay), and at least one aye.
	pub fn passes(proposal: &Proposal<T::AccountId, T::MaxCallLen>) -> bool {
		let t = proposal.tally;
		let turnout = t.aye.saturating_add(t.abstain);
		let quorum_met = turnout >= proposal.quorum.mul_ceil(proposal.electorate);
		let decided = t.aye.saturating_add(t.nay);
		let approved = t.aye > 0 && t.aye > proposal.approval.mul_floor(decided);
		quorum_met && approved
	}

	/// Queues `id` at the first block from `earliest` with room; returns that block.
	fn queue_enactment(
		earliest: BlockNumber,
		id: ProposalId,
	) -> Result<BlockNumber, DispatchError> {
		for offset in 0..64u32 {
			let at = earliest.saturating_add(offset);
			if Enactments::<T>::try_mutate(at, |queue| queue.try_push(id)).is_ok() {
				return Ok(at);
			}
		}
		Err(Error::<T>::EnactmentQueueFull.into())
	}

	/// Dispatches an approved proposal with its DAO's origin and returns the weight used.
	fn enact(id: ProposalId) -> Weight {
		let Some(mut proposal) = Proposals::<T>::get(id) else {
			return T::DbWeight::get().reads(1);
		};
		let result = match <T as Config>::RuntimeCall::decode(&mut &proposal.call[..]) {
			Ok(call) => {
				let origin = <T as Config>::RuntimeOrigin::from(proposal.scope);
				call.dispatch(origin).map(|_| ()).map_err(|e| e.error)
			}
			Err(_) => Err(DispatchError::Other("proposal call no longer decodes")),
		};
		Self::release_deposit(&proposal);
		proposal.status = ProposalStatus::Enacted { ok: result.is_ok() };
		Proposals::<T>::insert(id, proposal);
		Self::deposit_event(Event::Enacted { id, result });
		T::WeightInfo::enact_one().saturating_add(T::MaxCallWeight::get())
	}

	/// A proposal with its tally, for the runtime API.
	pub fn proposal_summary(
		id: ProposalId,
	) -> Option<modelchain_primitives::dao::ProposalSummary<T::AccountId>> {
		let p = Proposals::<T>::get(id)?;
		Some(modelchain_primitives::dao::ProposalSummary {
			id,
			scope: p.scope,
			proposer: p.proposer.clone(),
			metadata_hash: p.metadata_hash,
			snapshot: p.snapshot,
			voting_ends: p.voting_ends,
			electorate: p.electorate,
			quorum_needed: p.quorum.mul_ceil(p.electorate),
			tally: p.tally,
			voters: p.voters,
			passing: Self::passes(&p),
			status: p.status,
		})
	}

	/// Power of `who` in `scope` for a proposal made now, and what they can lock now.
	pub fn voting_power(scope: DaoScope, who: &T::AccountId) -> (Balance, Balance) {
		(Self::power_at(scope, who, Self::now().saturating_sub(1)), Self::lockable(scope, who))
	}

	/// Checks the pallet's invariants (see the crate docs).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use sp_runtime::TryRuntimeError;
		let now = Self::now();
		for (id, proposal) in Proposals::<T>::iter() {
			if let ProposalStatus::Approved { enact_at } = proposal.status {
				if enact_at < now {
					return Err(TryRuntimeError::Other("an approved proposal missed its block"));
				}
			}
			if proposal.status != ProposalStatus::Voting {
				continue;
			}
			let mut tally = Tally::default();
			let mut voters = 0u32;
			for (who, vote) in Votes::<T>::iter_prefix(id) {
				Self::tally_add(&mut tally, vote);
				voters = voters.saturating_add(1);
				let active = LockedVotes::<T>::get(proposal.scope, &who);
				if !active.iter().any(|(p, a)| *p == id && *a == vote.locked) {
					return Err(TryRuntimeError::Other("a vote is missing from its voter's locks"));
				}
				if proposal.scope == DaoScope::Chain
					&& Stakes::<T>::get(&who).amount < Self::largest_lock(&active)
				{
					return Err(TryRuntimeError::Other("a stake is below its vote locks"));
				}
			}
			if tally != proposal.tally || voters != proposal.voters {
				return Err(TryRuntimeError::Other("a tally differs from the sum of its votes"));
			}
		}
		let stake_reason = FreezeReason::Stake.into();
		for (who, stake) in Stakes::<T>::iter() {
			if <T::Currency as fungible::InspectFreeze<_>>::balance_frozen(&stake_reason, &who)
				!= stake.amount
			{
				return Err(TryRuntimeError::Other("a stake differs from its freeze"));
			}
		}
		let mut deposits = alloc::collections::btree_map::BTreeMap::<T::AccountId, Balance>::new();
		for (_, proposal) in Proposals::<T>::iter() {
			if Self::holds_deposit(proposal.status) {
				let sum = deposits.entry(proposal.proposer).or_default();
				*sum = sum.saturating_add(proposal.deposit);
			}
		}
		let deposit_reason = HoldReason::ProposalDeposit.into();
		for (who, sum) in deposits {
			if <T::Currency as fungible::InspectHold<_>>::balance_on_hold(&deposit_reason, &who)
				!= sum
			{
				return Err(TryRuntimeError::Other("a proposer's hold differs from its deposits"));
			}
		}
		Ok(())
	}
}
