//! The pallet's invariants, checked by `try_state` and at the end of every unit test.

use crate::{Config, Pallet, Validators};
use frame_support::{ensure, traits::Get};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants (see the crate docs).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let set = Validators::<T>::get();
		ensure!(
			set.windows(2).all(|w| matches!(w, [a, b] if a < b)),
			"validators not strictly sorted"
		);
		ensure!(
			set.is_empty() || set.len() >= T::MinValidators::get() as usize,
			"fewer validators than MinValidators"
		);
		Ok(())
	}
}
