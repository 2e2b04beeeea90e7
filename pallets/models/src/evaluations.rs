//! Evaluations: oracle metrics copied onto model versions.
//!
//! Anyone may call it, but the value comes only from the oracle (`T::MetricFeed`), so a
//! caller chooses when to copy, never what.

use crate::*;

impl<T: Config> Pallet<T> {
	/// Copies the oracle's current value of `metric` for `version` of `model`.
	pub(crate) fn do_attach_evaluation(
		model: ModelId,
		version: ModelVersion,
		metric: MetricKind,
	) -> DispatchResult {
		ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
		ensure!(Versions::<T>::contains_key(model, version), Error::<T>::UnknownVersion);
		let (value, observed_at) =
			T::MetricFeed::metric(model, version, metric).ok_or(Error::<T>::NoCurrentMetric)?;
		let attached_at = Self::now();
		Evaluations::<T>::insert(
			(model, version, metric),
			Evaluation { value, observed_at, attached_at },
		);
		Self::deposit_event(Event::EvaluationAttached {
			model,
			version,
			metric,
			value,
			observed_at,
		});
		Ok(())
	}
}
