//! Storage and call types of the DAO pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Get},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
pub use modelchain_primitives::dao::{
	DaoScope, ProposalId, ProposalStatus, Tally, Track, VoteChoice,
};
use modelchain_primitives::{Balance, BlockNumber, Hash};
use scale_info::TypeInfo;
use sp_arithmetic::Perbill;

/// The rules of one track in one scope. They live in storage (set by the chain spec's
/// genesis, changed by `set_rules` on the critical track), and a proposal copies them when
/// it is made.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct TrackRules {
	/// Aye + abstain must reach this part of the electorate (supply at the snapshot).
	pub quorum: Perbill,
	/// Aye must exceed this part of aye + nay.
	pub approval: Perbill,
	/// Blocks during which votes are accepted.
	pub voting_period: BlockNumber,
	/// Blocks between the end of voting and enactment (at least 1).
	pub enactment_delay: BlockNumber,
	/// Blocks the winning side's votes stay locked after the proposal is decided (after
	/// enactment, for a passed one). Renting votes costs at least this long.
	pub lock_period: BlockNumber,
	/// If quorum is first reached with fewer than this many blocks of voting left, voting
	/// is extended to this many blocks from then.
	pub late_quorum_extension: BlockNumber,
	/// Held from the proposer; returned if the proposal reaches quorum (or is cancelled),
	/// moved to the treasury if it does not.
	pub deposit: Balance,
	/// Voting power at the snapshot needed to propose, as a part of the electorate: the
	/// model's share supply, or the total native stake for the chain.
	pub proposal_threshold: Perbill,
}

/// The range of rules `set_rules` accepts (a runtime constant).
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct RulesBounds {
	/// Shortest and longest voting period, in blocks. The longest bounds how long a vote
	/// can keep a voter's tokens locked.
	pub voting_period: (BlockNumber, BlockNumber),
	/// Shortest and longest enactment delay, in blocks (the shortest is at least 1).
	pub enactment_delay: (BlockNumber, BlockNumber),
	/// Shortest and longest lock period after the decision, in blocks.
	pub lock_period: (BlockNumber, BlockNumber),
	/// The longest late-quorum extension (it may not exceed the voting period either).
	pub max_late_quorum_extension: BlockNumber,
	/// The lowest quorum a scope may adopt.
	pub min_quorum: Perbill,
	/// The lowest approval a scope may adopt (at least a simple majority).
	pub min_approval: Perbill,
	/// The smallest proposal deposit.
	pub min_deposit: Balance,
	/// The highest proposal threshold (so that proposing stays possible).
	pub max_proposal_threshold: Perbill,
}

impl RulesBounds {
	/// Whether `rules` are inside these bounds.
	pub fn admit(&self, rules: &TrackRules) -> bool {
		let within = |value: BlockNumber, (low, high): (BlockNumber, BlockNumber)| {
			low <= value && value <= high
		};
		within(rules.voting_period, self.voting_period)
			&& rules.enactment_delay > 0
			&& within(rules.enactment_delay, self.enactment_delay)
			&& within(rules.lock_period, self.lock_period)
			&& rules.late_quorum_extension <= self.max_late_quorum_extension
			&& rules.late_quorum_extension <= rules.voting_period
			&& rules.quorum >= self.min_quorum
			&& rules.approval >= self.min_approval
			&& rules.deposit >= self.min_deposit
			&& rules.proposal_threshold <= self.max_proposal_threshold
	}
}

/// The treasury's limit on the standard track: at most `cap` paid out per `period` blocks
/// (periods start at block 0). Larger spends go to the critical track.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct SpendLimit {
	/// Length of a period in blocks (at least 1).
	pub period: BlockNumber,
	/// What standard-track spends may pay out in one period together.
	pub cap: Balance,
}

/// What the standard track has spent in the current period.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct SpendPeriod {
	/// Index of the period (`block / period`).
	pub index: BlockNumber,
	/// Paid out in it so far.
	pub spent: Balance,
}

/// A proposal's call: inline, or by the hash of a preimage noted in `pallet_preimage`
/// (needed for large calls such as a runtime upgrade).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxCall))]
pub enum ProposalCall<MaxCall: Get<u32>> {
	/// The SCALE-encoded call.
	#[codec(index = 0)]
	Inline(BoundedVec<u8, MaxCall>),
	/// A preimage of this length, whose hash is the proposal's `call_hash`; the pallet
	/// requests it so that it stays until the proposal ends.
	#[codec(index = 1)]
	Preimage {
		/// Length of the encoded call.
		len: u32,
	},
}

impl<MaxCall: Get<u32>> ProposalCall<MaxCall> {
	/// Length of the encoded call: what enactment fetches (a preimage) and decodes.
	pub fn call_len(&self) -> u32 {
		match self {
			Self::Inline(bytes) => u32::try_from(bytes.len()).unwrap_or(u32::MAX),
			Self::Preimage { len } => *len,
		}
	}
}

/// A proposal.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(MaxCall))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct Proposal<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxCall: Get<u32>> {
	/// Whose DAO.
	pub scope: DaoScope,
	/// The track the runtime put its call on.
	pub track: Track,
	/// Who proposed it and paid the deposit.
	pub proposer: AccountId,
	/// The call to dispatch if it passes.
	pub call: ProposalCall<MaxCall>,
	/// Blake2-256 of the encoded call.
	pub call_hash: Hash,
	/// Hash of the off-chain description.
	pub metadata_hash: Hash,
	/// Deposit held from the proposer.
	pub deposit: Balance,
	/// Voting power is read at the end of this block (the block before the proposal).
	pub snapshot: BlockNumber,
	/// Supply at the snapshot: the base of the quorum.
	pub electorate: Balance,
	/// Last block (inclusive) in which votes count; a late quorum may push it back once.
	pub voting_ends: BlockNumber,
	/// Track rules fixed at creation.
	pub rules: TrackRules,
	/// Whether aye + abstain meets the quorum as the votes stand (for the late-quorum rule).
	pub quorum_reached: bool,
	/// Until when the winning side's votes stay locked; set when decided.
	pub locks_until: Option<BlockNumber>,
	/// Votes so far.
	pub tally: Tally,
	/// Number of accounts that voted.
	pub voters: u32,
	/// Where it stands.
	pub status: ProposalStatus,
}

/// A delegation: to whom, and the deposit held for it.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Delegation<AccountId> {
	/// The delegate.
	pub to: AccountId,
	/// Held from the delegator for [`crate::HoldReason::DelegationDeposit`] until it
	/// undelegates.
	pub deposit: Balance,
}

/// Why a passed proposal was not dispatched.
#[derive(Encode, Decode, DecodeWithMemTracking, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unenactable {
	/// The call no longer decodes with the current runtime.
	#[codec(index = 0)]
	Undecodable,
	/// The call's preimage is no longer available.
	#[codec(index = 1)]
	PreimageMissing,
	/// The call now weighs more than its track allows.
	#[codec(index = 2)]
	TooHeavy,
	/// The runtime now puts the call on a different track than when it was proposed (its
	/// effect changed, or the runtime did): it was not decided under the rules it needs.
	#[codec(index = 3)]
	TrackChanged,
}

/// A backlog of the enactment queue: chain proposals and model proposals wait apart, per
/// track, so that proposals in one's own models (which one can always pass) cannot delay
/// the chain's.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Lane {
	/// Chain DAO proposals on this track.
	#[codec(index = 0)]
	Chain(Track),
	/// Model DAO proposals on this track.
	#[codec(index = 1)]
	Models(Track),
}

impl Lane {
	/// The chain's lanes, in the order they are served (before the block's bucket).
	pub const CHAIN: [Lane; 3] =
		[Lane::Chain(Track::Emergency), Lane::Chain(Track::Critical), Lane::Chain(Track::Standard)];
	/// The models' lanes, in the order they are served (after the block's bucket).
	pub const MODELS: [Lane; 3] = [
		Lane::Models(Track::Emergency),
		Lane::Models(Track::Critical),
		Lane::Models(Track::Standard),
	];

	/// The lane of a proposal in `scope` on `track`.
	pub fn of(scope: DaoScope, track: Track) -> Lane {
		match scope {
			DaoScope::Chain => Lane::Chain(track),
			DaoScope::Model(_) => Lane::Models(track),
		}
	}
}

/// One entry of a lane's enactment backlog: a passed proposal whose block was full.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Backlogged {
	/// The proposal.
	pub id: ProposalId,
	/// Its earliest block of enactment.
	pub due: BlockNumber,
}

/// One account's vote on one proposal.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct VoteRecord {
	/// The choice.
	pub choice: VoteChoice,
	/// Power counted: min(balance at the snapshot, `locked`).
	pub power: Balance,
	/// Tokens or shares locked for this vote (until the proposal is decided, or until its
	/// `locks_until` for the winning side).
	pub locked: Balance,
	/// Cast by the account's delegate; the account may still vote itself, which replaces it.
	pub by_delegate: bool,
}

/// An account's governance stake of native tokens (the Chain DAO's voting balance).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Stake {
	/// Tokens staked (locked) for governance.
	pub amount: Balance,
	/// Number of entries in the stake history.
	pub history_len: u32,
}

/// Stake before the first change in block `changed_at`.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct StakeCheckpoint {
	/// Block of the change.
	pub changed_at: BlockNumber,
	/// Stake before it.
	pub amount_before: Balance,
}

/// Active votes of an account in one scope: (proposal, tokens locked for it).
pub type ActiveVotes<MaxVotes> = BoundedVec<(ProposalId, Balance), MaxVotes>;
