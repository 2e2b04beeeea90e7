//! # Modelchain DAO pallet
//!
//! A chain-wide DAO and one DAO per model, with the two defences that each of the big
//! governance designs has only one of: a **snapshot** (OpenZeppelin Governor) and a
//! **lock that outlasts the outcome** (OpenGov). A vote counts at most the balance held at
//! the snapshot (the block before the proposal), so tokens bought, borrowed or received
//! later give nothing; and the winning side stays locked until the proposal's
//! `locks_until` (for a passed proposal, its enactment plus the track's lock period), so
//! renting votes costs the whole decision, not one block.
//!
//! This file holds the declarations and thin calls (origin, then `Self::do_*`); each rule
//! lives in the file named after its domain:
//!
//! | file | rules |
//! |---|---|
//! | [`stake`] | native stake: its freeze, its per-block history, the total |
//! | [`proposals`] | proposing (track, threshold, deposit, snapshot; inline or by preimage), closing, cancel, veto, the pass rule |
//! | [`voting`] | votes, tallies, the late-quorum extension, vote locks, delegation, voting power |
//! | [`enactment`] | the queue that never refuses, and dispatch with the DAO's origin |
//! | [`tracks`] | [`ClassifyCall`], each scope's rules per track, a track's weight limit |
//! | [`treasury`] | spending from (capped per period) and acting as the chain DAO's treasury |
//! | [`origins`] | `EnsureChainDao`, `EnsureModelDao` |
//! | [`views`] | what the runtime API reads |
//! | [`invariants`] | `try_state` |
//!
//! ## Scopes
//!
//! - [`DaoScope::Chain`]: native tokens *staked for governance* ([`Pallet::stake`]),
//!   frozen with [`FreezeReason::Stake`]; the pallet keeps a per-block history of each
//!   stake. Electorate: the total issuance; threshold base: [`TotalStake`] at the snapshot.
//! - [`DaoScope::Model`]: that model's shares, through [`ModelShares`] (`balance_at`,
//!   `total_supply_at`). Electorate and threshold base: the share supply. The vote lock
//!   stays in [`LockedVotes`]; the models pallet reads it through [`ShareLockSource`].
//!
//! ## Tracks
//!
//! The runtime maps each call to a [`Track`] ([`Config::Tracks`]): standard, critical
//! (ownership, upgrades, feeders, market parameters, the rules themselves, large spends)
//! or emergency (pausing lending). Each scope has its own [`TrackRules`] per track in
//! storage, set at genesis per chain spec and changed by [`Pallet::set_rules`] within the
//! runtime's [`RulesBounds`]. A chain proposal on the critical track is enacted as Root.
//!
//! ## Life of a proposal
//!
//! 1. [`Pallet::propose`] (or [`Pallet::propose_preimage`] for a call noted in
//!    `pallet_preimage`): the call's track and the scope's rules for it, its weight within
//!    the track's limit, power at the snapshot of at least the track's threshold, and the
//!    track's deposit held with [`HoldReason::ProposalDeposit`].
//! 2. [`Pallet::vote`]: aye, nay or abstain with at most the snapshot power, locked; a
//!    quorum first reached late extends voting.
//! 3. [`Pallet::close`] (anyone, after voting): passes on quorum (aye + abstain) and
//!    approval (aye against aye + nay). A passed proposal is queued and never refused; a
//!    rejected one returns its deposit if it reached quorum and loses it to the treasury if
//!    not.
//! 4. Enactment in `on_initialize`: decoded again with `decode_all`, weight checked again,
//!    dispatched; the result is an event and the deposit comes back.
//! 5. [`Pallet::unlock`]: the losing side after close, the winning side from `locks_until`.
//!
//! ## Holds and freezes
//!
//! - [`HoldReason::ProposalDeposit`]: deposits of the caller's voting or queued proposals.
//! - [`HoldReason::DelegationDeposit`]: the deposit of each delegation, until undelegated.
//! - [`FreezeReason::Stake`]: the caller's governance stake ([`Stakes`]).
//!
//! In `pallet_balances` a freeze applies to the *total* balance, held funds included, and a
//! hold may be placed on frozen funds: staked tokens can pay a deposit, and stay unmovable
//! while held.
//!
//! ## Invariants (`try_state`)
//!
//! Every approved proposal is queued; tallies equal their votes; stakes equal their
//! freezes and add up to [`TotalStake`]; deposit and delegation holds equal what they
//! back; delegations and delegate lists agree. See `docs/pallets/dao.md`.

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
mod stake;
#[cfg(test)]
mod tests;
pub mod tracks;
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
		EnsureOrigin, EnsureOriginWithArg, GetCallMetadata, QueryPreimage, StorePreimage,
	},
	PalletId,
};
use frame_system::pallet_prelude::*;
use modelchain_primitives::{
	Balance, BlockNumber, Hash, ModelId, ModelShares, ShareLockId, ShareLockSource,
};
use sp_arithmetic::traits::Zero;
use sp_runtime::traits::{AccountIdConversion, BlakeTwo256, Dispatchable, UniqueSaturatedInto};

/// A proposal as this pallet stores it.
pub type ProposalOf<T> =
	Proposal<<T as frame_system::Config>::AccountId, <T as pallet::Config>::MaxCallLen>;

/// Sets up what the DAO's Model-scope benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates a model in which each of `holders` holds `each` shares from the current
	/// block on, and returns its id (the block number may move forward).
	fn model_with_holders(holders: &[AccountId], each: Balance) -> ModelId;
}

/// The id under which runtimes before spec 107 mirrored the vote lock into the models
/// pallet's `ShareLocks`; the runtime's models v2 migration drops those copies. Votes now
/// lock shares through [`LockedVotes`] alone.
pub const SHARE_VOTE_LOCK: ShareLockId = *b"dao/vote";

#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 2: tracks, rules in storage, proposals with their track, call hash and lock
	/// expiry, delegations with a deposit (version 1: one rule set per scope; version 0: a
	/// lock and reserves instead of freezes and holds).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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
			+ GetCallMetadata
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
		/// Maps each call to the track it is decided on.
		type Tracks: ClassifyCall<<Self as Config>::RuntimeCall>;
		/// Where large calls (a runtime upgrade) are stored: `pallet_preimage`.
		type Preimages: QueryPreimage<H = BlakeTwo256> + StorePreimage;
		/// Maximum encoded length of a call proposed inline; longer ones go by preimage.
		#[pallet::constant]
		type MaxCallLen: Get<u32>;
		/// Maximum weight of a standard or emergency call, checked at proposal and again at
		/// enactment.
		#[pallet::constant]
		type MaxCallWeight: Get<Weight>;
		/// Maximum weight of a critical call (a runtime upgrade weighs more than most).
		#[pallet::constant]
		type MaxCriticalCallWeight: Get<Weight>;
		/// Weight the enactments of one block may use together. The first enactment of a
		/// block always runs, so a call up to its track's limit is never starved.
		#[pallet::constant]
		type MaxEnactmentWeight: Get<Weight>;
		/// Maximum open votes per account and scope.
		#[pallet::constant]
		type MaxActiveVotes: Get<u32>;
		/// Maximum delegators per delegate and scope (bounds the work of one vote).
		#[pallet::constant]
		type MaxDelegators: Get<u32>;
		/// Deposit held from a delegator while it delegates (so that a delegate's list
		/// costs something to fill).
		#[pallet::constant]
		type DelegationDeposit: Get<Balance>;
		/// Slots per block in the enactment queue; passed proposals whose block is full go
		/// to their lane's backlog; the backlogs serve at most this many per block.
		#[pallet::constant]
		type MaxEnactmentsPerBlock: Get<u32>;
		/// The rules `set_rules` accepts.
		#[pallet::constant]
		type RulesBounds: Get<RulesBounds>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Creates models for the Model-scope benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds native tokens.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a proposal that is voting or queued, held from its proposer.
		#[codec(index = 0)]
		ProposalDeposit,
		/// The deposit of a delegation, held from the delegator until it undelegates.
		#[codec(index = 1)]
		DelegationDeposit,
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

	/// Sum of all stakes: the base of the chain DAO's proposal threshold.
	#[pallet::storage]
	pub type TotalStake<T> = StorageValue<_, Balance, ValueQuery>;

	/// `TotalStake` before its first change in the latest block that changed it, so that the
	/// threshold base is read at a proposal's snapshot (the end of the block before), like
	/// the proposer's power: staking in the proposal's block can't raise the bar.
	#[pallet::storage]
	pub type TotalStakeBefore<T> = StorageValue<_, StakeCheckpoint, OptionQuery>;

	/// Who each account delegates its vote to, per scope, and the deposit held for it.
	#[pallet::storage]
	pub type Delegations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DaoScope,
		Blake2_128Concat,
		T::AccountId,
		Delegation<T::AccountId>,
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

	/// Passed proposals whose block was full, per lane, in order: `(lane, index)`.
	#[pallet::storage]
	pub type Backlog<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Lane, Twox64Concat, u32, Backlogged>;

	/// Each lane's backlog: index of its first entry and of the next free slot.
	#[pallet::storage]
	pub type BacklogEnds<T: Config> = StorageMap<_, Twox64Concat, Lane, (u32, u32), ValueQuery>;

	/// The rules of each scope's tracks (the chain's, and those of models given their own).
	#[pallet::storage]
	pub type ScopeTrackRules<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DaoScope, Twox64Concat, Track, TrackRules>;

	/// The rules of every model DAO's tracks, unless the model has its own.
	#[pallet::storage]
	pub type ModelTrackRules<T: Config> = StorageMap<_, Twox64Concat, Track, TrackRules>;

	/// What standard-track treasury spends may pay out per period.
	#[pallet::storage]
	pub type TreasurySpendLimit<T: Config> = StorageValue<_, SpendLimit, ValueQuery>;

	/// What standard-track spends paid out in the current period.
	#[pallet::storage]
	pub type StandardSpent<T: Config> = StorageValue<_, SpendPeriod, ValueQuery>;

	/// The track of the proposal being enacted, while its call runs (empty otherwise).
	#[pallet::storage]
	pub type EnactingTrack<T: Config> = StorageValue<_, Track>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The chain DAO's rules per track.
		pub chain_rules: alloc::vec::Vec<(Track, TrackRules)>,
		/// Every model DAO's rules per track (a model has no emergency track unless named).
		pub model_rules: alloc::vec::Vec<(Track, TrackRules)>,
		/// The treasury's standard-track limit.
		pub spend_limit: SpendLimit,
		#[serde(skip)]
		pub _config: PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let bounds = T::RulesBounds::get();
			for (track, rules) in &self.chain_rules {
				assert!(bounds.admit(rules), "genesis chain DAO rules outside RulesBounds");
				ScopeTrackRules::<T>::insert(DaoScope::Chain, track, rules);
			}
			for (track, rules) in &self.model_rules {
				assert!(bounds.admit(rules), "genesis model DAO rules outside RulesBounds");
				ModelTrackRules::<T>::insert(track, rules);
			}
			// Without a period, standard-track spends stay at a cap of 0 until governance
			// sets one.
			if self.spend_limit.period > 0 {
				TreasurySpendLimit::<T>::put(self.spend_limit);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Native tokens staked for governance.
		Staked { who: T::AccountId, amount: Balance, total: Balance },
		/// Stake withdrawn.
		Unstaked { who: T::AccountId, amount: Balance, total: Balance },
		/// A proposal was made on `track`, holding `deposit` from the proposer.
		Proposed {
			id: ProposalId,
			scope: DaoScope,
			track: Track,
			proposer: T::AccountId,
			call_hash: Hash,
			deposit: Balance,
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
		/// Quorum was first reached late in the vote; voting now ends at `voting_ends`.
		VotingExtended { id: ProposalId, voting_ends: BlockNumber },
		/// An account delegated its vote in a scope; `deposit` is held until it undelegates.
		Delegated { scope: DaoScope, who: T::AccountId, to: T::AccountId, deposit: Balance },
		/// An account took its vote back in a scope; its deposit was released.
		Undelegated { scope: DaoScope, who: T::AccountId },
		/// A vote's lock was released.
		Unlocked { id: ProposalId, who: T::AccountId },
		/// Voting ended and the proposal passed; it will be enacted at `enact_at`, or at the
		/// first later block with room.
		Approved { id: ProposalId, tally: Tally, enact_at: BlockNumber },
		/// Voting ended and the proposal failed. Without quorum its deposit (`slashed`) went
		/// to the treasury; with quorum it was returned (`slashed` is 0).
		Rejected { id: ProposalId, tally: Tally, slashed: Balance },
		/// The proposer withdrew the proposal.
		Cancelled { id: ProposalId },
		/// The veto origin stopped the proposal; `slashed` of its held deposit went to the
		/// treasury (or was burned if the treasury could not receive it).
		Vetoed { id: ProposalId, reason_hash: Hash, slashed: Balance },
		/// The proposal's call was dispatched; the winning side stays locked until
		/// `locks_until`.
		Enacted { id: ProposalId, result: DispatchResult, locks_until: BlockNumber },
		/// A passed proposal could not be dispatched; its deposit was returned.
		NotEnacted { id: ProposalId, reason: Unenactable },
		/// The block's enactment weight was used up; the proposal waits in its lane's
		/// backlog for the next block with room.
		EnactmentDeferred { id: ProposalId },
		/// The treasury paid out.
		TreasurySpent { to: T::AccountId, amount: Balance, track: Option<Track> },
		/// The treasury account dispatched a call.
		TreasuryDispatched { result: DispatchResult },
		/// A scope's rules for a track changed.
		RulesChanged { scope: DaoScope, track: Track, rules: TrackRules },
		/// The treasury's standard-track limit changed.
		SpendLimitChanged { limit: SpendLimit },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No proposal has this id.
		UnknownProposal,
		/// The call is longer than `MaxCallLen` when encoded. Note it as a preimage
		/// (`preimage.note_preimage`) and use `propose_preimage`.
		CallTooLong,
		/// The call may weigh more than its track's limit (`MaxCallWeight`, or
		/// `MaxCriticalCallWeight` on the critical track). Split it.
		CallTooHeavy,
		/// Voting power at the snapshot is below the track's proposal threshold (a part of the
		/// share supply, or of the total stake). Stake (or acquire shares) before proposing:
		/// power counts from the next block.
		BelowProposalThreshold,
		/// The account cannot pay the deposit: its free balance (frozen funds count) must
		/// cover it and still keep the existential deposit.
		InsufficientDeposit,
		/// The proposal is not open for votes (ended, closed or cancelled).
		VotingClosed,
		/// Voting is still open; close it after `voting_ends`.
		VotingOpen,
		/// No voting power: nothing held at the snapshot and no delegators to vote for.
		/// Tokens acquired after the proposal was made do not count.
		NoVotingPower,
		/// Fewer tokens or shares than the amount to lock. Lock less, or stake more.
		InsufficientBalance,
		/// Too many open votes in this scope. Unlock decided ones first.
		TooManyVotes,
		/// No vote by this account on this proposal.
		NoVote,
		/// Only the proposer may cancel, and only before the first vote.
		CannotCancel,
		/// The proposal is neither voting nor queued; there is nothing to veto.
		CannotVeto,
		/// The stake would fall below what open votes locked. Unlock them once they may be.
		StakeLocked,
		/// Amount must be non-zero.
		ZeroAmount,
		/// The rules are outside the runtime's `RulesBounds`: periods in their ranges, the
		/// late-quorum extension at most the voting period, quorum, approval and deposit at
		/// least their minimums, the threshold at most its maximum. Read the `RulesBounds`
		/// constant and stay inside it.
		InvalidRules,
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
		/// The vote is on the winning side and stays locked until the proposal's
		/// `locks_until` (see `dao_getProposal`; for a passed proposal, after enactment plus
		/// the track's lock period). Unlock after that block.
		LockPeriodNotOver,
		/// The amount is more than the voting power held at the proposal's snapshot. Vote
		/// with at most that (`dao_votingPower` shows it for a new proposal).
		ExceedsVotingPower,
		/// This scope has no rules for the call's track (models have no emergency track).
		/// Propose the call in a scope that has the track, or ask governance to set rules.
		NoRules,
		/// The spend would take the standard track over its limit for this period
		/// (`TreasurySpendLimit`). Wait for the next period, or propose it on the critical
		/// track (a spend above the cap is classified there).
		SpendAboveCap,
		/// No preimage with this hash and length is noted. Note it with
		/// `preimage.note_preimage` first.
		PreimageMissing,
		/// The preimage does not decode as exactly one call of this runtime.
		CallUndecodable,
		/// The spend period must be at least one block.
		InvalidSpendLimit,
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

		/// Proposes `call` to the DAO of `scope` on the track the runtime gives it, holding
		/// that track's deposit from the caller.
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

		/// Votes (or changes a vote) on an open proposal with `amount` of the power held at
		/// its snapshot, locking that much. The caller's delegators who have not voted
		/// themselves vote the same way; a delegate with no power of its own votes with
		/// `amount = 0` for its delegators only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::vote(T::MaxDelegators::get()).max(T::WeightInfo::vote_model(T::MaxDelegators::get())))]
		pub fn vote(
			origin: OriginFor<T>,
			id: ProposalId,
			choice: VoteChoice,
			amount: Balance,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (scope, delegators) = Self::do_vote(who, id, choice, amount)?;
			Ok(Some(match scope {
				DaoScope::Chain => T::WeightInfo::vote(delegators),
				DaoScope::Model(_) => T::WeightInfo::vote_model(delegators),
			})
			.into())
		}

		/// Ends voting on a proposal whose period is over: queues it or rejects it.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, id: ProposalId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_close(id)
		}

		/// Releases the caller's lock for a decided proposal: at once for the losing side,
		/// after the proposal's `locks_until` for the winning side.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::unlock().max(T::WeightInfo::unlock_model()))]
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

		/// Sets a scope's rules for one track (for a model, they replace the model defaults
		/// for that model). Root or the chain DAO (on the critical track).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_rules())]
		pub fn set_rules(
			origin: OriginFor<T>,
			scope: DaoScope,
			track: Track,
			rules: TrackRules,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_rules(scope, track, rules)
		}

		/// Pays `amount` from the treasury. `TreasuryOrigin` (the chain DAO) only; outside
		/// the critical track, within the period's `TreasurySpendLimit`.
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

		/// Proposes the call noted in `pallet_preimage` under `call_hash` (`call_len` bytes),
		/// for calls too long to pass inline (a runtime upgrade). The preimage is requested
		/// so that it stays until the proposal ends.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::propose_preimage(*call_len))]
		pub fn propose_preimage(
			origin: OriginFor<T>,
			scope: DaoScope,
			call_hash: Hash,
			call_len: u32,
			metadata_hash: Hash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_preimage(who, scope, call_hash, call_len, metadata_hash)
		}

		/// Sets what standard-track spends may pay out per period. Root or the chain DAO
		/// (on the critical track).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::set_spend_limit())]
		pub fn set_spend_limit(origin: OriginFor<T>, limit: SpendLimit) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_spend_limit(limit)
		}
	}
}

pub use origins::{EnsureChainDao, EnsureModelDao};
pub use tracks::ClassifyCall;

impl<T: Config> Pallet<T> {
	fn now() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}
}
