//! Proposals: threshold and deposit, the deposit's fate at close, preimages, cancel and
//! veto.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn proposing_needs_power_at_the_snapshot_and_a_deposit() {
	test(|| {
		// Staked in the same block as the proposal: the snapshot (previous block) has none.
		assert_ok!(Dao::stake(RuntimeOrigin::signed(1), 500));
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(1), chain(), remark(), Hash::zero()),
			Error::<Test>::BelowProposalThreshold
		);
		run_to(2);
		let id = propose(1, chain(), remark());
		assert_eq!(held(1), DEPOSIT);
		assert_eq!(Balances::free_balance(1), 10_000 - DEPOSIT);
		let p = proposal(id);
		assert_eq!((p.snapshot, p.voting_ends, p.rules), (1, 12, chain_standard()));
		assert_eq!((p.track, p.quorum_reached, p.locks_until), (Track::Standard, false, None));
		assert_eq!(p.electorate, Balances::total_issuance());
		let call_hash = sp_io::hashing::blake2_256(&remark().encode()).into();
		assert_eq!(p.call_hash, call_hash);
		assert_eq!(
			last_event(),
			Event::Proposed {
				id,
				scope: chain(),
				track: Track::Standard,
				proposer: 1,
				call_hash,
				deposit: DEPOSIT,
				snapshot: 1,
				voting_ends: 12,
				electorate: 95_000
			}
		);
		let long =
			Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![0; 300] }));
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(1), chain(), long, Hash::zero()),
			Error::<Test>::CallTooLong
		);
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(2), DaoScope::Model(99), remark(), Hash::zero()),
			Error::<Test>::UnknownModel
		);
	});
}

#[test]
fn proposer_cancels_only_before_the_first_vote() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		assert_noop!(Dao::cancel(RuntimeOrigin::signed(2), id), Error::<Test>::CannotCancel);
		assert_ok!(Dao::cancel(RuntimeOrigin::signed(1), id));
		assert_eq!(held(1), 0);
		assert_eq!(Balances::free_balance(1), 10_000);
		assert_eq!(last_event(), Event::Cancelled { id });
		let id = propose(1, chain(), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Nay, 10));
		assert_noop!(Dao::cancel(RuntimeOrigin::signed(1), id), Error::<Test>::CannotCancel);
	});
}

#[test]
fn veto_slashes_the_deposit_to_the_treasury_and_unqueues() {
	test(|| {
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		let id = propose(1, chain(), remark());
		for who in 4..=8 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 5_000));
		}
		run_to(14);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_noop!(
			Dao::veto(RuntimeOrigin::signed(1), id, Hash::zero()),
			DispatchError::BadOrigin
		);
		let treasury = Balances::free_balance(Dao::treasury_account());
		let issuance = Balances::total_issuance();
		assert_eq!(held(1), DEPOSIT);
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::repeat_byte(4)));
		assert_eq!(
			last_event(),
			Event::Vetoed { id, reason_hash: Hash::repeat_byte(4), slashed: DEPOSIT }
		);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), treasury + DEPOSIT);
		assert_eq!(Balances::free_balance(1), 10_000 - DEPOSIT);
		assert_eq!(held(1), 0);
		assert_eq!(frozen(1), 1_000, "the stake is untouched");
		assert_eq!(Balances::total_issuance(), issuance, "moved, not burned");
		run_to(30);
		assert_eq!(proposal(id).status, ProposalStatus::Vetoed, "never enacted");
		assert_noop!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()), Error::<Test>::CannotVeto);
	});
}

#[test]
fn the_threshold_base_is_the_total_stake_at_the_snapshot() {
	test(|| {
		// Total stake 6,000 at the end of block 1: the critical track's 5% is 300.
		staked_chain();
		// Front-running account 1's proposal in block 2: 54,000 more staked first.
		for who in 4..=9 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 9_000));
		}
		assert_eq!(TotalStake::<Test>::get(), 60_000);
		assert_eq!(
			TotalStakeBefore::<Test>::get(),
			Some(StakeCheckpoint { changed_at: 2, amount_before: 6_000 })
		);
		assert_eq!(Dao::total_stake_at_snapshot(), 6_000);
		let id = propose(1, chain(), set_rules_call(chain(), 5));
		assert_eq!(proposal(id).track, Track::Critical);
		// From block 3 the new stake is in the snapshot: 5% of 60,000 is 3,000 > 1,000.
		run_to(3);
		assert_eq!(Dao::total_stake_at_snapshot(), 60_000);
		// Unstaking in the proposal's block doesn't lower the bar either.
		for who in 4..=9 {
			assert_ok!(Dao::unstake(RuntimeOrigin::signed(who), 9_000));
		}
		assert_eq!(TotalStake::<Test>::get(), 6_000);
		assert_eq!(Dao::total_stake_at_snapshot(), 60_000);
		assert_noop!(
			Dao::propose(
				RuntimeOrigin::signed(1),
				chain(),
				set_rules_call(chain(), 6),
				Hash::zero()
			),
			Error::<Test>::BelowProposalThreshold
		);
		run_to(4);
		assert_eq!(Dao::total_stake_at_snapshot(), 6_000);
		propose(1, chain(), set_rules_call(chain(), 6));
	});
}

#[test]
fn the_threshold_is_a_part_of_the_total_stake_or_of_the_share_supply() {
	test(|| {
		// Total stake 6,000 + 6 × 9,000 = 60,000: 1% (standard) is 600, 5% (critical) 3,000.
		staked_chain();
		for who in 4..=9 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 9_000));
		}
		run_to(3);
		assert_eq!(TotalStake::<Test>::get(), 60_000);
		let id = propose(1, chain(), remark());
		assert_eq!(proposal(id).track, Track::Standard);
		assert_noop!(
			Dao::propose(
				RuntimeOrigin::signed(2),
				chain(),
				set_rules_call(chain(), 5),
				Hash::zero()
			),
			Error::<Test>::BelowProposalThreshold
		);
		let id = propose(3, chain(), set_rules_call(chain(), 5));
		assert_eq!(proposal(id).track, Track::Critical);
		assert_eq!(proposal(id).rules, chain_critical());
		assert_eq!(held(3), 5 * DEPOSIT, "the critical track's deposit");

		// A model: 1% of 1,000 shares is 10 to propose on the standard track.
		MockShares::mint(MODEL_A, 1, 991);
		MockShares::mint(MODEL_A, 2, 9);
		run_to(4);
		assert_noop!(
			Dao::propose(
				RuntimeOrigin::signed(2),
				DaoScope::Model(MODEL_A),
				remark(),
				Hash::zero()
			),
			Error::<Test>::BelowProposalThreshold
		);
		assert_ok!(MockShares::transfer(MODEL_A, 1, 2, 1));
		run_to(5);
		propose(2, DaoScope::Model(MODEL_A), remark());
		// Models have no emergency track.
		let emergency =
			Box::new(RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] }));
		assert_noop!(
			Dao::propose(
				RuntimeOrigin::signed(1),
				DaoScope::Model(MODEL_A),
				emergency,
				Hash::zero()
			),
			Error::<Test>::NoRules
		);
	});
}

#[test]
fn a_rejected_proposal_returns_its_deposit_with_quorum_and_loses_it_without() {
	test(|| {
		staked_chain();
		for who in 4..=6 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 8_000));
		}
		run_to(3);
		// Spam: nobody turns out. 20% of 95,000 = 19,000 is never reached.
		let spam = propose(1, chain(), remark());
		assert_ok!(Dao::vote(RuntimeOrigin::signed(1), spam, VoteChoice::Aye, 1_000));
		let treasury = Balances::free_balance(Dao::treasury_account());
		run_to(14);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), spam));
		assert_eq!(
			last_event(),
			Event::Rejected {
				id: spam,
				tally: Tally { aye: 1_000, nay: 0, abstain: 0 },
				slashed: DEPOSIT
			}
		);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), treasury + DEPOSIT);
		assert_eq!(Balances::total_balance(&1), 10_000 - DEPOSIT);
		assert_eq!(held(1), 0);

		// Turned out (aye + abstain reach 19,000) and voted down: the deposit comes back.
		let id = propose(2, chain(), remark());
		for who in 4..=5 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Abstain, 8_000));
		}
		assert_ok!(Dao::vote(RuntimeOrigin::signed(3), id, VoteChoice::Abstain, 3_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(6), id, VoteChoice::Nay, 8_000));
		assert_ok!(Dao::vote(RuntimeOrigin::signed(2), id, VoteChoice::Aye, 2_000));
		run_to(25);
		assert_ok!(Dao::close(RuntimeOrigin::signed(9), id));
		assert_eq!(
			last_event(),
			Event::Rejected {
				id,
				tally: Tally { aye: 2_000, nay: 8_000, abstain: 19_000 },
				slashed: 0
			}
		);
		assert_eq!(Balances::free_balance(2), 10_000);
		assert_eq!(held(2), 0);
		// The nay side won: locked for the lock period from the end of voting (24 + 20).
		assert_eq!(proposal(id).locks_until, Some(44));
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(6), id), Error::<Test>::LockPeriodNotOver);
		for who in [2, 3, 4, 5] {
			assert_ok!(Dao::unlock(RuntimeOrigin::signed(who), id));
		}
		run_to(43);
		assert_noop!(Dao::unlock(RuntimeOrigin::signed(6), id), Error::<Test>::LockPeriodNotOver);
		run_to(44);
		assert_ok!(Dao::unlock(RuntimeOrigin::signed(6), id));
	});
}

#[test]
fn a_preimage_proposal_is_requested_until_it_ends_and_enacted_from_the_preimage() {
	test(|| {
		staked_chain();
		for who in 4..=7 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 5_000));
		}
		run_to(3);
		// A call too long to pass inline.
		let long: RuntimeCall =
			RuntimeCall::System(frame_system::Call::remark { remark: vec![5; 1_000] });
		assert_noop!(
			Dao::propose(RuntimeOrigin::signed(1), chain(), Box::new(long.clone()), Hash::zero()),
			Error::<Test>::CallTooLong
		);
		let bytes = long.encode();
		let hash: Hash = sp_io::hashing::blake2_256(&bytes).into();
		let len = bytes.len() as u32;
		assert_noop!(
			Dao::propose_preimage(RuntimeOrigin::signed(1), chain(), hash, len, Hash::zero()),
			Error::<Test>::PreimageMissing
		);
		assert_ok!(Preimage::note_preimage(RuntimeOrigin::signed(1), bytes.clone()));
		// Bytes that are a call followed by more bytes do not decode as exactly one call.
		let mut trailing = remark().encode();
		trailing.push(0);
		assert_ok!(Preimage::note_preimage(RuntimeOrigin::signed(1), trailing.clone()));
		assert_noop!(
			Dao::propose_preimage(
				RuntimeOrigin::signed(1),
				chain(),
				sp_io::hashing::blake2_256(&trailing).into(),
				trailing.len() as u32,
				Hash::zero()
			),
			Error::<Test>::CallUndecodable
		);
		let id = NextProposalId::<Test>::get();
		assert_ok!(Dao::propose_preimage(
			RuntimeOrigin::signed(1),
			chain(),
			hash,
			len,
			Hash::zero()
		));
		assert_eq!(proposal(id).call, ProposalCall::Preimage { len });
		assert!(<Preimage as QueryPreimage>::is_requested(&hash));
		let summary = Dao::proposal_summary(id).unwrap();
		assert_eq!(summary.call, bytes);
		assert_eq!(
			(summary.call_pallet.as_slice(), summary.call_method.as_slice()),
			(&b"System"[..], &b"remark"[..])
		);
		for who in 4..=7 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 5_000));
		}
		close_and_enact(id);
		assert_eq!(proposal(id).status, ProposalStatus::Enacted { ok: true });
		assert!(!<Preimage as QueryPreimage>::is_requested(&hash), "released at the end");
	});
}
