//! The pallet's invariants, checked by `try_state` and at the end of every unit test.

use crate::{Config, MinValidators, Pallet, Planned, SessionPeriod, SetChanged, Validators};
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let min = MinValidators::<T>::get();
		ensure!(min >= 1 && min <= T::MaxValidators::get(), "MinValidators out of range");
		ensure!(SessionPeriod::<T>::get() >= 1, "SessionPeriod is zero");
		let set = Validators::<T>::get();
		let planned = Planned::<T>::get();
		for (members, unsorted, below) in [
			(&set, "validators not strictly sorted", "fewer validators than MinValidators"),
			(&planned, "planned set not strictly sorted", "planned set below MinValidators"),
		] {
			ensure!(members.windows(2).all(|w| matches!(w, [a, b] if a < b)), unsorted);
			ensure!(members.is_empty() || members.len() >= min as usize, below);
		}
		ensure!(set == planned || SetChanged::<T>::get(), "set differs from the plan, unmarked");
		Ok(())
	}
}
