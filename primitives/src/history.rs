//! Per-block balance histories: the models pallet's share ledger and the DAO's governance
//! stake both record, at the first change of a balance in a block, the balance it had
//! before. This reads such a history back.

use crate::{Balance, BlockNumber};

/// The balance at the end of block `at`.
///
/// `entry(i)` returns entry `i` of a history of `len` entries, each `(changed_at,
/// balance_before)`, sorted by block with at most one entry per block. The answer is the
/// `balance_before` of the first entry changed after `at`, or `current` if none was: a
/// binary search of O(log len) reads.
pub fn balance_at(
	len: u32,
	entry: impl Fn(u32) -> Option<(BlockNumber, Balance)>,
	current: Balance,
	at: BlockNumber,
) -> Balance {
	let (mut low, mut high) = (0u32, len);
	while low < high {
		let mid = low.saturating_add(high.saturating_sub(low) / 2);
		match entry(mid) {
			Some((changed_at, _)) if changed_at > at => high = mid,
			_ => low = mid.saturating_add(1),
		}
	}
	if low < len {
		entry(low).map_or(0, |(_, before)| before)
	} else {
		current
	}
}
