//! The treasury: spends, acting as it, receiving slashed deposits.

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
		assert_noop!(Dao::spend(RuntimeOrigin::root(), 5, 10), DispatchError::BadOrigin);
		let chain_origin: RuntimeOrigin = DaoScope::Chain.into();
		assert_ok!(Dao::spend(chain_origin.clone(), 5, 1_234));
		assert_eq!(Balances::free_balance(5), 11_234);
		assert_eq!(Balances::free_balance(Dao::treasury_account()), 5_000 - 1_234);
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
		// Preservation::Preserve, as ExistenceRequirement::KeepAlive was.
		assert_noop!(Dao::spend(chain_origin.clone(), 5, 5_000), TokenError::NotExpendable);
		assert_ok!(Dao::spend(chain_origin, 5, 4_999));
		assert_eq!(last_event(), Event::TreasurySpent { to: 5, amount: 4_999 });
		assert_eq!(Balances::free_balance(Dao::treasury_account()), 1);
		assert_eq!(Balances::free_balance(5), 14_999);
	});
}
