//! An account's positions: finding or opening one, storing them back without empties,
//! and the count its weight is charged for.

use crate::{Config, Error, Pallet, Position, Positions};
use frame_support::BoundedVec;
use modelchain_primitives::LendingAsset;

impl<T: Config> Pallet<T> {
	/// The position in `asset`, opened empty if the account has none.
	pub(crate) fn position_mut_or_insert(
		positions: &mut BoundedVec<Position, T::MaxPositions>,
		asset: LendingAsset,
	) -> Result<&mut Position, Error<T>> {
		if !positions.iter().any(|p| p.asset == asset) {
			positions.try_push(Position::empty(asset)).map_err(|_| Error::<T>::TooManyPositions)?;
		}
		positions.iter_mut().find(|p| p.asset == asset).ok_or(Error::<T>::TooManyPositions)
	}

	/// The position count a weight is charged for (at least 1).
	pub(crate) fn weight_count(positions: &[Position]) -> u32 {
		u32::try_from(positions.len()).unwrap_or(u32::MAX).max(1)
	}

	/// Writes an account's positions back, dropping empty ones (and the entry if none).
	pub(crate) fn store_positions(
		who: &T::AccountId,
		mut positions: BoundedVec<Position, T::MaxPositions>,
	) {
		positions.retain(|p| !p.is_empty());
		if positions.is_empty() {
			Positions::<T>::remove(who);
		} else {
			Positions::<T>::insert(who, positions);
		}
	}
}
