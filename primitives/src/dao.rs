//! Governance types shared by the DAO pallet, the runtime API and the node's `dao_*` RPC.

use crate::{Balance, BlockNumber, Hash, ModelId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a proposal.
pub type ProposalId = u32;

/// Whose DAO a proposal belongs to, and whose tokens vote on it. Also the origin an enacted
/// proposal dispatches with.
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
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum DaoScope {
	/// The chain-wide DAO: staked native tokens vote; enacted as `Origin::Chain`.
	#[codec(index = 0)]
	Chain,
	/// One model's DAO: that model's shares vote; enacted as `Origin::Model(id)`.
	#[codec(index = 1)]
	Model(#[serde(with = "crate::models::id_string")] ModelId),
}

/// A vote.
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
pub enum VoteChoice {
	/// For.
	#[codec(index = 0)]
	Aye,
	/// Against.
	#[codec(index = 1)]
	Nay,
	/// Counts towards quorum only.
	#[codec(index = 2)]
	Abstain,
}

/// Running totals of a proposal's votes (voting power, not tokens).
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
)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
	/// Power voting aye.
	#[serde(with = "crate::models::balance_string")]
	pub aye: Balance,
	/// Power voting nay.
	#[serde(with = "crate::models::balance_string")]
	pub nay: Balance,
	/// Power abstaining.
	#[serde(with = "crate::models::balance_string")]
	pub abstain: Balance,
}

/// Where a proposal stands.
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
)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum ProposalStatus {
	/// Accepting votes until `voting_ends`.
	#[codec(index = 0)]
	Voting,
	/// Passed; enacted at this block.
	#[codec(index = 1)]
	Approved {
		/// Block of enactment.
		enact_at: BlockNumber,
	},
	/// Failed quorum or approval.
	#[codec(index = 2)]
	Rejected,
	/// Withdrawn by its proposer before any vote.
	#[codec(index = 3)]
	Cancelled,
	/// Cancelled by the veto origin; the deposit went to the treasury.
	#[codec(index = 4)]
	Vetoed,
	/// Dispatched; `ok` says whether the call succeeded.
	#[codec(index = 5)]
	Enacted {
		/// Whether the dispatched call returned `Ok`.
		ok: bool,
	},
	/// Passed but could not be dispatched: after a runtime upgrade its call no longer
	/// decodes, its preimage is gone, or it now weighs more than its track allows. The
	/// deposit was returned.
	#[codec(index = 6)]
	Unenactable,
}

/// The track a call is decided on. The runtime maps each call to one; each scope has its
/// own rules per track (quorum, approval, periods, deposit, lock period).
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
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Track {
	/// Everything not named below.
	#[codec(index = 0)]
	Standard,
	/// Ownership, retiring a model, royalty floor and contributor share, treasury spends
	/// above the cap, runtime upgrades, oracle feeders, market parameters, the rules
	/// themselves: a higher quorum and approval, longer periods, a larger deposit.
	#[codec(index = 1)]
	Critical,
	/// Pausing lending: a short delay and a high approval.
	#[codec(index = 2)]
	Emergency,
}

/// A proposal as the runtime API reports it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, TypeInfo, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProposalSummary<AccountId> {
	/// Its id.
	pub id: ProposalId,
	/// Whose DAO.
	pub scope: DaoScope,
	/// Who proposed it.
	pub proposer: AccountId,
	/// Hash of the off-chain description.
	pub metadata_hash: Hash,
	/// Voting power is read at the end of this block.
	pub snapshot: BlockNumber,
	/// Last block of voting.
	pub voting_ends: BlockNumber,
	/// Supply at the snapshot.
	#[serde(with = "crate::models::balance_string")]
	pub electorate: Balance,
	/// Aye + abstain needed for quorum.
	#[serde(with = "crate::models::balance_string")]
	pub quorum_needed: Balance,
	/// Votes so far.
	pub tally: Tally,
	/// Accounts that voted.
	pub voters: u32,
	/// Whether the tally as it stands would pass.
	pub passing: bool,
	/// Where it stands.
	pub status: ProposalStatus,
	/// The track it is decided on.
	pub track: Track,
	/// Voting-side locks last until this block (set when the proposal is decided: for a
	/// passed proposal, enactment plus the track's lock period); `None` while undecided.
	pub locks_until: Option<BlockNumber>,
	/// Blake2-256 of the SCALE-encoded call.
	pub call_hash: Hash,
	/// The SCALE-encoded call (empty if its preimage is no longer available).
	#[serde(with = "hex_bytes")]
	pub call: alloc::vec::Vec<u8>,
	/// The call's pallet, as the metadata names it (empty if it no longer decodes).
	#[serde(with = "utf8_bytes")]
	pub call_pallet: alloc::vec::Vec<u8>,
	/// The call's method, as the metadata names it (empty if it no longer decodes).
	#[serde(with = "utf8_bytes")]
	pub call_method: alloc::vec::Vec<u8>,
}

/// Serialises bytes as `0x`-prefixed hex.
pub mod hex_bytes {
	use alloc::string::String;
	use serde::Serializer;

	/// Writes the bytes as a `0x…` string.
	pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
		const DIGITS: &[u8; 16] = b"0123456789abcdef";
		let mut out = String::with_capacity(value.len().saturating_mul(2).saturating_add(2));
		out.push_str("0x");
		for byte in value {
			for nibble in [byte >> 4, byte & 0x0f] {
				out.push(char::from(DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0')));
			}
		}
		s.serialize_str(&out)
	}
}

/// Serialises UTF-8 bytes as a string (lossily, should they not be UTF-8).
pub mod utf8_bytes {
	use serde::Serializer;

	/// Writes the bytes as text.
	pub fn serialize<S: Serializer>(value: &[u8], s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&alloc::string::String::from_utf8_lossy(value))
	}
}

sp_api::decl_runtime_apis! {
	/// Read access to the DAO for RPC and wallets.
	pub trait DaoApi<AccountId> where AccountId: codec::Codec {
		/// A proposal with its tally, or `None`.
		fn proposal(id: ProposalId) -> Option<ProposalSummary<AccountId>>;
		/// `who`'s voting power in `scope` at the snapshot of a proposal made now (the end
		/// of the previous block), and what they could lock for a vote now.
		fn voting_power(scope: DaoScope, who: AccountId) -> (Balance, Balance);
	}
}
