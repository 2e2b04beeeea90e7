//! # Modelchain DAO pallet
//!
//! A chain-wide DAO and one DAO per model, with the two defences that each of the big
//! governance designs has only one of: a **snapshot** (OpenZeppelin Governor) and a
//! **lock** (OpenGov). Voting power is `min(balance at the snapshot, amount locked for the
//! vote)`, so tokens bought, borrowed or received after a proposal was made give nothing,
//! and tokens that voted cannot move until the proposal closes.
//!
//! This file holds the declarations and thin calls (origin, then `Self::do_*`); each rule
//! lives in the file named after its domain:
//!
//! | file | rules |
//! |---|---|
//! | [`stake`] | native stake: its freeze and its per-block history |
//! | [`proposals`] | proposing (threshold, deposit, snapshot), closing, cancel, veto, the pass rule |
//! | [`voting`] | votes, tallies, vote locks, delegation, voting power |
//! | [`enactment`] | the per-block queue and dispatch with the DAO's origin |
//! | [`treasury`] | spending from and acting as the chain DAO's treasury |
//! | [`rules`] | the rules each scope votes by |
//! | [`origins`] | `EnsureChainDao`, `EnsureModelDao` |
//! | [`views`] | what the runtime API reads |
//! | [`invariants`] | `try_state` |
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
mod enactment;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
mod origins;
mod proposals;
mod rules;
mod stake;
#[cfg(test)]
mod tests;
mod treasury;
pub mod types;
mod views;
mod voting;
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

/// A proposal as this pallet stores it.
pub type ProposalOf<T> =
	Proposal<<T as frame_system::Config>::AccountId, <T as pallet::Config>::MaxCallLen>;

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
		/// The rules `set_rules` accepts.
		#[pallet::constant]
		type RulesBounds: Get<RulesBounds>;
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
		/// The rules are outside the runtime's `RulesBounds`: the voting period and enactment
		/// delay must lie in their ranges, and quorum and approval reach their minimums. Read
		/// the `RulesBounds` constant and stay inside it.
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
		/// The account delegates to this delegate already in this scope. Nothing to change.
		AlreadyDelegating,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::enact_queued(n.unique_saturated_into())
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
			Self::do_stake(who, amount)
		}

		/// Releases `amount` of stake, as long as open votes stay covered.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::unstake())]
		pub fn unstake(origin: OriginFor<T>, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unstake(who, amount)
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
			Self::do_propose(who, scope, call, metadata_hash)
		}

		/// Votes (or changes a vote) on an open proposal, locking `amount`. The power counted
		/// is `min(balance at the snapshot, amount)`. The caller's delegators who have not
		/// voted themselves vote the same way.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::vote(T::MaxDelegators::get()))]
		pub fn vote(
			origin: OriginFor<T>,
			id: ProposalId,
			choice: VoteChoice,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let delegators = Self::do_vote(who, id, choice, amount)?;
			Ok(Some(T::WeightInfo::vote(delegators)).into())
		}

		/// Ends voting on a proposal whose period is over: queues it or rejects it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close(id)
		}

		/// Releases the caller's lock for a proposal that is no longer voting.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unlock())]
		pub fn unlock(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unlock(who, id)
		}

		/// The proposer withdraws a proposal nobody voted on yet; the deposit is returned.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel())]
		pub fn cancel(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, id)
		}

		/// Stops a voting or queued proposal; its deposit goes to the treasury.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::veto())]
		pub fn veto(origin: OriginFor<T>, id: ProposalId, reason_hash: Hash) -> DispatchResult {
			T::VetoOrigin::ensure_origin(origin)?;
			Self::do_veto(id, reason_hash)
		}

		/// Sets a scope's rules. Root or the chain DAO.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_rules())]
		pub fn set_rules(origin: OriginFor<T>, scope: DaoScope, rules: Rules) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_rules(scope, rules)
		}

		/// Pays `amount` from the treasury. `TreasuryOrigin` (the chain DAO) only.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::spend())]
		pub fn spend(origin: OriginFor<T>, to: T::AccountId, amount: Balance) -> DispatchResult {
			T::TreasuryOrigin::ensure_origin(origin)?;
			Self::do_spend(to, amount)
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
			Self::do_dispatch_as_treasury(*call);
			Ok(())
		}

		/// Delegates the caller's vote in `scope` to `to`: when `to` votes on a proposal, the
		/// same choice is cast for the caller with its own snapshot power and locked like its
		/// own vote, unless the caller voted itself. Not transitive.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::delegate())]
		pub fn delegate(origin: OriginFor<T>, scope: DaoScope, to: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_delegate(who, scope, to)
		}

		/// Ends the caller's delegation in `scope`. Votes already cast for it stay (and stay
		/// locked) until their proposals close; it may override them by voting itself.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::undelegate())]
		pub fn undelegate(origin: OriginFor<T>, scope: DaoScope) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_undelegate(who, scope)
		}
	}
}

pub use origins::{EnsureChainDao, EnsureModelDao};

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}
}
