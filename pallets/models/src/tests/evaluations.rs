//! Evaluations: anyone copies the oracle's value onto a version; the value comes only from
//! the oracle.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

use super::*;
use frame_support::{assert_noop, assert_ok};
use modelchain_primitives::{MetricKind, Price};
use sp_runtime::DispatchError;

#[test]
fn evaluations_come_from_the_oracle_only() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		assert_noop!(
			Registry::attach_evaluation(signed(9), 99, 1, MetricKind::Accuracy),
			Error::<Test>::UnknownModel
		);
		assert_noop!(
			Registry::attach_evaluation(signed(9), m, 1, MetricKind::Accuracy),
			Error::<Test>::UnknownVersion
		);
		publish(1, m, 1);
		assert_noop!(
			Registry::attach_evaluation(signed(9), m, 1, MetricKind::Accuracy),
			Error::<Test>::NoCurrentMetric
		);
		let value = Price::from_rational(873, 1000);
		MockMetrics::set(m, 1, MetricKind::Accuracy, value, 12_000);
		assert_noop!(
			Registry::attach_evaluation(RuntimeOrigin::root(), m, 1, MetricKind::Accuracy),
			DispatchError::BadOrigin
		);
		// A value for another metric or version does not count.
		assert_noop!(
			Registry::attach_evaluation(signed(9), m, 1, MetricKind::F1),
			Error::<Test>::NoCurrentMetric
		);
		let before = snapshot();
		assert_ok!(Registry::attach_evaluation(signed(9), m, 1, MetricKind::Accuracy));
		assert_eq!(
			Evaluations::<Test>::get((m, 1, MetricKind::Accuracy)),
			Some(Evaluation { value, observed_at: 12_000, attached_at: 2 })
		);
		assert_eq!(
			last_event(),
			Event::EvaluationAttached {
				model: m,
				version: 1,
				metric: MetricKind::Accuracy,
				value,
				observed_at: 12_000
			}
		);
		// Attaching costs no deposit.
		assert_eq!(changed(&before, &snapshot()), Vec::<u64>::new());
	});
}

#[test]
fn a_fresh_oracle_value_replaces_the_attached_one() {
	test(|| {
		let m = register(1, 1, &[], 10, per_use(1));
		publish(1, m, 1);
		publish(1, m, 2);
		MockMetrics::set(m, 1, MetricKind::Custom(7), Price::from_rational(1, 2), 1_000);
		assert_ok!(Registry::attach_evaluation(signed(3), m, 1, MetricKind::Custom(7)));
		run_to(10);
		MockMetrics::set(m, 1, MetricKind::Custom(7), Price::from_rational(3, 4), 2_000);
		assert_ok!(Registry::attach_evaluation(signed(4), m, 1, MetricKind::Custom(7)));
		assert_eq!(
			Evaluations::<Test>::get((m, 1, MetricKind::Custom(7))),
			Some(Evaluation {
				value: Price::from_rational(3, 4),
				observed_at: 2_000,
				attached_at: 10
			})
		);
		// Version 2 has no evaluation of its own.
		assert_eq!(Evaluations::<Test>::get((m, 2, MetricKind::Custom(7))), None);
		assert_noop!(
			Registry::attach_evaluation(signed(4), m, 2, MetricKind::Custom(7)),
			Error::<Test>::NoCurrentMetric
		);
	});
}
