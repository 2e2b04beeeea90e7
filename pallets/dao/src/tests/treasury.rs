//! The treasury: spends (capped per period outside the critical track), acting as it,
//! receiving slashed deposits.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn the_chain_dao_spends_from_and_acts_as_the_treasury() {
	test(|| {
		assert_noop!(Dao::spend(RuntimeOrigin::signed(1), 5, 10), DispatchError::BadOrigin);
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		assert_ok!(Dao::spend(chain_origin.clone(), 5, 734));
		assert_eq!(Balances::free_balance(5), 10_734);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), 5_000 - 734);
		let transfer =
			Box::new(RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: 6,
				value: 700,
			}));
		assert_ok!(Dao::dispatch_as_treasury(chain_origin, transfer));
		assert_eq!(last_event(), Event::TreasuryDispatched { result: Ok(()) });
		assert_eq!(Balances::free_balance(6), 10_700);
		let model_origin: RuntimeOrigin = DaoScope::Model(MODEL_A).into();
		assert_noop!(Dao::spend(model_origin, 5, 1), DispatchError::BadOrigin);
	});
}

/// Drains the treasury account until it no longer exists.
fn empty_the_treasury() {
	let treasury = Dao::treasury_account();
	<Balances as Mutate<u64>>::set_balance(&treasury, 0);
	assert!(!System::account_exists(&treasury));
}

#[test]
fn veto_pays_a_treasury_that_does_not_exist_yet() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		empty_the_treasury();
		let issuance = Balances::total_issuance();
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()));
		assert_eq!(last_event(), Event::Vetoed { id, reason_hash: Hash::zero(), slashed: DEPOSIT });
		assert_eq!(Balances::free_balance(Dao::treasury_account()), DEPOSIT);
		assert_eq!((held(1), Balances::total_balance(&1)), (0, 10_000 - DEPOSIT));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn veto_burns_a_deposit_an_empty_treasury_cannot_take() {
	test(|| {
		staked_chain();
		let id = propose(1, chain(), remark());
		empty_the_treasury();
		// The treasury could only be created with at least 200; the deposit is 100.
		ExistentialDeposit::set(200);
		let issuance = Balances::total_issuance();
		assert_ok!(Dao::veto(RuntimeOrigin::root(), id, Hash::zero()));
		assert_eq!(last_event(), Event::Vetoed { id, reason_hash: Hash::zero(), slashed: DEPOSIT });
		assert_eq!(proposal(id).status, ProposalStatus::Vetoed);
		assert!(!System::account_exists(&Dao::treasury_account()));
		assert_eq!((held(1), Balances::total_balance(&1)), (0, 10_000 - DEPOSIT));
		assert_eq!(Balances::total_issuance(), issuance - DEPOSIT, "burned");
	});
}

#[test]
fn spend_keeps_the_treasury_alive() {
	test(|| {
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		// As while a critical proposal is enacted (no cap).
		EnactingTrack::<Test>::put(Track::Critical);
		// Preservation::Preserve, as ExistenceRequirement::KeepAlive was.
		assert_noop!(Dao::spend(chain_origin.clone(), 5, 5_000), TokenError::NotExpendable);
		assert_ok!(Dao::spend(chain_origin, 5, 4_999));
		EnactingTrack::<Test>::kill();
		assert_eq!(
			last_event(),
			Event::TreasurySpent { to: 5, amount: 4_999, track: Some(Track::Critical) }
		);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), 1);
		assert_eq!(Balances::free_balance(5), 14_999);
	});
}

#[test]
fn standard_spends_are_capped_per_period_and_larger_ones_need_the_critical_track() {
	test(|| {
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		// 1,000 per 100 blocks; we are in period 0.
		assert_ok!(Dao::spend(chain_origin.clone(), 5, 600));
		assert_noop!(Dao::spend(chain_origin.clone(), 5, 401), Error::<Test>::SpendAboveCap);
		assert_ok!(Dao::spend(chain_origin.clone(), 5, 400));
		assert_eq!(StandardSpent::<Test>::get(), SpendPeriod { index: 0, spent: 1_000 });
		assert_noop!(Dao::spend(chain_origin.clone(), 5, 1), Error::<Test>::SpendAboveCap);
		run_to(100);
		assert_ok!(Dao::spend(chain_origin, 5, 1_000));
		assert_eq!(StandardSpent::<Test>::get(), SpendPeriod { index: 1, spent: 1_000 });

		// Through the DAO: 2,000 is above the cap, so the runtime puts it on the critical
		// track (40% quorum, 66% approval), where no cap applies.
		staked_chain();
		for who in 4..=8 {
			assert_ok!(Dao::stake(RuntimeOrigin::signed(who), 9_000));
		}
		run_to(102);
		let id =
			propose(3, chain(), Box::new(RuntimeCall::Dao(Call::spend { to: 9, amount: 2_000 })));
		assert_eq!(proposal(id).track, Track::Critical);
		for who in 4..=8 {
			assert_ok!(Dao::vote(RuntimeOrigin::signed(who), id, VoteChoice::Aye, 9_000));
		}
		close_and_enact(id);
		assert_eq!(proposal(id).status, ProposalStatus::Enacted { ok: true });
		assert_eq!(Balances::free_balance(9), 12_000);
		assert!(dao_events().contains(&Event::TreasurySpent {
			to: 9,
			amount: 2_000,
			track: Some(Track::Critical)
		}));
		assert_ok!(Dao::set_spend_limit(RuntimeOrigin::root(), SpendLimit { period: 10, cap: 5 }));
		assert_noop!(
			Dao::set_spend_limit(RuntimeOrigin::root(), SpendLimit { period: 0, cap: 5 }),
			Error::<Test>::InvalidSpendLimit
		);
		assert_noop!(
			Dao::set_spend_limit(RuntimeOrigin::signed(1), SpendLimit { period: 10, cap: 5 }),
			DispatchError::BadOrigin
		);
	});
}
