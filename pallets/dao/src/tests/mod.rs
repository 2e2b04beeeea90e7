//! Unit tests of the DAO, split like the pallet (one file per domain), including the
//! governance attacks it must defeat. Each test ends with the pallet's invariants
//! (`mock::test`). Shared helpers live here.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

mod enactment;
mod holds;
mod invariants;
mod migration;
mod proposals;
mod stake;
mod tracks;
mod treasury;
mod voting;

use crate::{mock::*, *};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{InspectFreeze, InspectHold, Mutate},
};
use sp_arithmetic::Perbill;
use sp_runtime::{DispatchError, TokenError};

fn remark() -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] }))
}

fn new_rules(period: u32) -> TrackRules {
	TrackRules {
		quorum: Perbill::from_percent(10),
		approval: Perbill::from_percent(60),
		voting_period: period,
		enactment_delay: 2,
		lock_period: 4,
		late_quorum_extension: 0,
		deposit: 10,
		proposal_threshold: Perbill::zero(),
	}
}

/// A critical call: sets `scope`'s standard-track voting period.
fn set_rules_call(scope: DaoScope, period: u32) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::Dao(Call::set_rules {
		scope,
		track: Track::Standard,
		rules: new_rules(period),
	}))
}

/// The voting period of `scope`'s standard track.
fn standard_period(scope: DaoScope) -> u32 {
	Dao::rules(scope, Track::Standard).unwrap().voting_period
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Dao(e) = r.event { Some(e) } else { None })
		.next_back()
		.expect("a DAO event")
}

fn dao_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Dao(e) = r.event { Some(e) } else { None })
		.collect()
}

/// Accounts 1..=3 stake 1,000, 2,000 and 3,000 at block 1; we move to block 2.
fn staked_chain() {
	for (who, amount) in [(1, 1_000), (2, 2_000), (3, 3_000)] {
		assert_ok!(Dao::stake(RuntimeOrigin::signed(who), amount));
	}
	run_to(2);
}

fn propose(who: u64, scope: DaoScope, call: Box<RuntimeCall>) -> ProposalId {
	let id = NextProposalId::<Test>::get();
	assert_ok!(Dao::propose(RuntimeOrigin::signed(who), scope, call, Hash::repeat_byte(9)));
	id
}

fn proposal(id: ProposalId) -> Proposal<u64, ConstU32<256>> {
	Proposals::<Test>::get(id).unwrap()
}

use frame_support::traits::ConstU32;

/// Native tokens of `who` held for delegation deposits.
fn delegation_held(who: u64) -> Balance {
	Balances::balance_on_hold(&HoldReason::DelegationDeposit.into(), &who)
}

/// Passes `id` (whose voters already voted) to enactment: waits out voting, closes, and
/// runs to the enactment block. Returns that block.
fn close_and_enact(id: ProposalId) -> u64 {
	run_to(u64::from(proposal(id).voting_ends) + 1);
	assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
	let ProposalStatus::Approved { enact_at } = proposal(id).status else {
		panic!("approved");
	};
	run_to(u64::from(enact_at));
	u64::from(enact_at)
}

/// Native tokens of `who` held for proposal deposits.
fn held(who: u64) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProposalDeposit.into(), &who)
}

/// Native tokens of `who` frozen for its governance stake.
fn frozen(who: u64) -> Balance {
	Balances::balance_frozen(&FreezeReason::Stake.into(), &who)
}
