//! The DEX as other pallets see it. Lending's one-shot leverage swaps through it; nothing
//! outside the runtime names the DEX pallet itself.
//!
//! Assets are [`LendingAsset`]s, the chain's one asset kind (native token or a
//! `pallet-assets` id). Pools pair the native token with one asset, so a swap between two
//! assets routes through the native token.

use crate::{Balance, LendingAsset};
use sp_runtime::DispatchError;

/// Swaps and quotes against the chain's pools, with the caller's slippage bound.
pub trait AssetSwap<AccountId> {
	/// Swaps exactly `amount_in` of `from`, paid by `who`, for at least `min_out` of `to`,
	/// credited to `who`, and returns what was received. Fails (changing nothing) when the
	/// pool can't give `min_out`, so a swap front-run in the same block gets its bound or
	/// nothing. `who` keeps the native token's existential deposit; an asset
	/// balance may be spent in full.
	fn swap_exact_in(
		who: &AccountId,
		from: LendingAsset,
		to: LendingAsset,
		amount_in: Balance,
		min_out: Balance,
	) -> Result<Balance, DispatchError>;

	/// Swaps at most `max_in` of `from`, paid by `who`, for exactly `amount_out` of `to`,
	/// and returns what was paid. Fails (changing nothing) above `max_in`.
	fn swap_exact_out(
		who: &AccountId,
		from: LendingAsset,
		to: LendingAsset,
		amount_out: Balance,
		max_in: Balance,
	) -> Result<Balance, DispatchError>;

	/// What `amount_in` of `from` buys of `to` now, pool fees included; `None` when there is
	/// no route or not enough liquidity.
	fn quote_exact_in(from: LendingAsset, to: LendingAsset, amount_in: Balance) -> Option<Balance>;

	/// What `amount_out` of `to` costs in `from` now, pool fees included; `None` when there
	/// is no route or not enough liquidity.
	fn quote_exact_out(
		from: LendingAsset,
		to: LendingAsset,
		amount_out: Balance,
	) -> Option<Balance>;
}
