//! Tests: markets and admin.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;

#[test]
fn markets_need_the_admin_and_consistent_parameters() {
	new_test_ext().execute_with(|| {
		let good = params(USD, 6);
		assert_noop!(
			Lending::add_market(RuntimeOrigin::signed(ALICE), usd(), good),
			sp_runtime::DispatchError::BadOrigin
		);
		let broken: [fn(&mut crate::MarketParams); 6] = [
			|p| p.collateral_factor = Permill::from_percent(80),
			|p| p.liquidation_threshold = Permill::one(),
			|p| p.liquidation_bonus = Permill::from_percent(30),
			|p| p.rate_model.kink = Permill::zero(),
			|p| p.rate_model.max_rate = Price::saturating_from_integer(11u32),
			|p| p.max_price_age = 0,
		];
		for breaks in broken {
			let mut p = good;
			breaks(&mut p);
			assert_noop!(
				Lending::add_market(RuntimeOrigin::root(), usd(), p),
				Error::<Test>::InvalidParams
			);
		}
		assert_ok!(Lending::add_market(RuntimeOrigin::root(), usd(), good));
		System::assert_last_event(Event::MarketAdded { asset: usd(), params: good }.into());
		assert_noop!(
			Lending::add_market(RuntimeOrigin::root(), usd(), good),
			Error::<Test>::MarketExists
		);
		assert_eq!(market(usd()).state.borrow_index, Price::one());
		Lending::do_try_state().unwrap();
	});
}

#[test]
fn kinked_rate_curve() {
	let model = rate_model();
	assert_eq!(model.borrow_rate(Price::zero()), price(2, 100));
	assert_eq!(model.borrow_rate(price(1, 2)), price(7, 100));
	assert_eq!(model.borrow_rate(price(8, 10)), price(10, 100));
	assert_eq!(model.borrow_rate(price(9, 10)), price(40, 100));
	assert_eq!(model.borrow_rate(Price::one()), price(70, 100));
	let capped = RateModel { max_rate: price(1, 2), ..model };
	assert_eq!(capped.borrow_rate(Price::one()), price(1, 2));
}
