//! Storage and call types of the DAO pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::{BoundedVec, Get},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
pub use modelchain_primitives::dao::{DaoScope, ProposalId, ProposalStatus, Tally, VoteChoice};
use modelchain_primitives::{Balance, BlockNumber, Hash};
use scale_info::TypeInfo;
use sp_arithmetic::Perbill;

/// The governed rules of one scope.
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
pub struct Rules {
	/// Aye + abstain must reach this part of the electorate (supply at the snapshot).
	pub quorum: Perbill,
	/// Aye must exceed this part of aye + nay.
	pub approval: Perbill,
	/// Blocks during which votes are accepted.
	pub voting_period: BlockNumber,
	/// Blocks between the end of voting and enactment (at least 1).
	pub enactment_delay: BlockNumber,
	/// Voting power at the snapshot needed to propose.
	pub proposal_threshold: Balance,
}

/// The range of rules `set_rules` accepts (a runtime constant).
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct RulesBounds {
	/// Shortest and longest voting period, in blocks. The longest bounds how long a vote
	/// can keep a voter's tokens locked.
	pub voting_period: (BlockNumber, BlockNumber),
	/// Shortest and longest enactment delay, in blocks (the shortest is at least 1).
	pub enactment_delay: (BlockNumber, BlockNumber),
	/// The lowest quorum a scope may adopt.
	pub min_quorum: Perbill,
	/// The lowest approval a scope may adopt (at least a simple majority).
	pub min_approval: Perbill,
}

impl RulesBounds {
	/// Whether `rules` are inside these bounds.
	pub fn admit(&self, rules: &Rules) -> bool {
		let within = |value: BlockNumber, (low, high): (BlockNumber, BlockNumber)| {
			low <= value && value <= high
		};
		within(rules.voting_period, self.voting_period)
			&& rules.enactment_delay > 0
			&& within(rules.enactment_delay, self.enactment_delay)
			&& rules.quorum >= self.min_quorum
			&& rules.approval >= self.min_approval
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
	/// Who proposed it and paid the deposit.
	pub proposer: AccountId,
	/// The SCALE-encoded runtime call to dispatch if it passes.
	pub call: BoundedVec<u8, MaxCall>,
	/// Hash of the off-chain description.
	pub metadata_hash: Hash,
	/// Deposit reserved from the proposer.
	pub deposit: Balance,
	/// Voting power is read at the end of this block (the block before the proposal).
	pub snapshot: BlockNumber,
	/// Supply at the snapshot: the base of the quorum.
	pub electorate: Balance,
	/// Last block (inclusive) in which votes count.
	pub voting_ends: BlockNumber,
	/// Enactment delay fixed at creation.
	pub enactment_delay: BlockNumber,
	/// Quorum fixed at creation.
	pub quorum: Perbill,
	/// Approval threshold fixed at creation.
	pub approval: Perbill,
	/// Votes so far.
	pub tally: Tally,
	/// Number of accounts that voted.
	pub voters: u32,
	/// Where it stands.
	pub status: ProposalStatus,
}

/// One account's vote on one proposal.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct VoteRecord {
	/// The choice.
	pub choice: VoteChoice,
	/// Power counted: min(balance at the snapshot, `locked`).
	pub power: Balance,
	/// Tokens or shares locked for this vote until the proposal closes.
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
