//! Model shares as collateral ([`LendingAsset::ModelShares`]).
//!
//! A market of a model's shares lends nothing: it only takes shares as collateral. The
//! shares never leave their holder. Supplying *pledges* them: lending's lock
//! ([`PLEDGE_LOCK`]) on the holder's shares rises by the amount, so the holder keeps their
//! revenue and their voting history, and the models pallet refuses any transfer of them.
//! Withdrawing releases the pledge; a liquidation moves pledged shares to the liquidator
//! through the models pallet's seizure, which settles revenue and records history like any
//! transfer. The market's books count pledged shares as its `cash`, one supply share per
//! share; a write-off sweeps what is left of a pledge into the pool account, where it is
//! the market's reserves (cash = pledges + reserves).
//! Pledges and the DAO's vote locks never cover the same shares (a pledge takes only
//! unvoted shares, a vote only unpledged ones), so a seizure leaves every vote lock whole.
//!
//! Rules of a share market ([`Pallet::ensure_share_market`]): the model exists (and is not
//! flagged when the market opens), the borrow cap is 0, the protocol takes no part of a liquidation bonus, and the
//! market is in a risk category with a debt ceiling (a low LTV and a bounded total debt).
//!
//! Attacks this file answers:
//! - *Borrowing shares to vote* (a rented DAO): share markets lend nothing, and flash
//!   loans of them are refused.
//! - *A pumped share price* (Mango): the lending copy of a share price rises by at most
//!   `SharePriceMaxRise` per block (falls apply at once, and so does nothing else: a
//!   recovery is a rise), and the category's ceiling caps the debt all such collateral can
//!   back. No pool or vault ratio enters the price, so a
//!   donation of shares (to the pool account or anyone) moves nothing (Cream).
//! - *A flagged model as collateral*: supplying or enabling its shares is refused; an upheld
//!   incident flagging the model itself reaches its market at once (the models pallet's
//!   hook), a flag inherited from a parent once anyone syncs it (`sync_model_flag`); from
//!   then it lends no borrowing power; existing debt
//!   is valued at the liquidation threshold as before, so nobody is liquidated by the flag
//!   alone; the feeders' price carries the write-down.
//! - *Shares taken by an ownership ruling*: the models pallet tells lending
//!   ([`ModelShareHooks`]), which drops the squatter's pledge from its books; the debt
//!   stays and is liquidated (written off) like any debt without collateral.

use crate::{
	math::fixed_mul, Config, Error, Event, Market, MarketParams, Markets, Pallet, Positions,
};
use frame_support::{ensure, pallet_prelude::*, traits::Get};
use modelchain_primitives::{
	Balance, LendingAsset, ModelId, ModelRisk, ModelShareHooks, ModelShares, Price, PricePoint,
	ShareLockId,
};
use sp_arithmetic::{
	traits::{Saturating, Zero},
	FixedPointNumber, Permill,
};
use sp_runtime::traits::UniqueSaturatedInto;

/// The lock lending keeps on pledged shares.
pub const PLEDGE_LOCK: ShareLockId = *b"lend/col";

/// A share price's rise is counted over at most this many blocks since it last rose, so
/// one push after a long quiet spell rises by at most `100 × SharePriceMaxRise`.
pub const MAX_RISE_BLOCKS: u32 = 100;

impl<T: Config> Pallet<T> {
	/// Pledges `amount` more of `who`'s shares of `model`: lending's lock rises by it. Only
	/// shares no vote locks can be pledged (a liquidation could otherwise take voted shares
	/// out of their lock: a self-liquidation to escape a vote's lock).
	pub(crate) fn pledge(model: ModelId, who: &T::AccountId, amount: Balance) -> DispatchResult {
		let pledged = T::ModelShares::lock_of(model, who, PLEDGE_LOCK).saturating_add(amount);
		let voted = T::ModelShares::externally_locked(model, who);
		ensure!(
			T::ModelShares::balance(model, who) >= pledged.saturating_add(voted),
			Error::<T>::NotEnoughModelShares
		);
		T::ModelShares::set_lock(model, who, PLEDGE_LOCK, pledged)
	}

	/// Releases `amount` of `who`'s pledge of `model`'s shares (the lock falls by it).
	pub(crate) fn release_pledge(
		model: ModelId,
		who: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		let left = T::ModelShares::lock_of(model, who, PLEDGE_LOCK).saturating_sub(amount);
		if left.is_zero() {
			T::ModelShares::remove_lock(model, who, PLEDGE_LOCK);
			Ok(())
		} else {
			T::ModelShares::set_lock(model, who, PLEDGE_LOCK, left)
		}
	}

	/// Moves `amount` of `from`'s pledged shares of `model` to `to` (a liquidation).
	pub(crate) fn seize_pledge(
		model: ModelId,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		T::ModelShares::seize_locked(model, from, to, PLEDGE_LOCK, amount)
	}

	/// Checks the rules of a share market's parameters (see the module docs; a new market
	/// is also refused for a flagged model, by the caller). Other assets pass.
	pub(crate) fn ensure_share_market(
		asset: LendingAsset,
		params: &MarketParams,
	) -> DispatchResult {
		let Some(model) = asset.model() else { return Ok(()) };
		ensure!(T::ModelShares::model_exists(model), Error::<T>::InvalidShareMarket);
		let ceiling = match params.category {
			Some(id) => crate::Categories::<T>::get(id)
				.ok_or(Error::<T>::CategoryNotFound)?
				.params
				.debt_ceiling
				.is_some(),
			None => false,
		};
		ensure!(
			ceiling
				&& params.borrow_cap.is_zero()
				&& params.min_borrow.is_zero()
				&& params.protocol_liquidation_share.is_zero(),
			Error::<T>::InvalidShareMarket
		);
		Ok(())
	}

	/// Fails with [`Error::ModelFlagged`] if `asset` is shares of a flagged model (reads
	/// the flag and the model's lineage).
	pub(crate) fn ensure_not_flagged(asset: LendingAsset) -> DispatchResult {
		if let Some(model) = asset.model() {
			ensure!(!T::ModelShares::is_flagged(model), Error::<T>::ModelFlagged);
		}
		Ok(())
	}

	/// The weight a call on `asset` adds for reading the model's flag (zero for other
	/// assets).
	pub(crate) fn flag_check_weight(asset: &LendingAsset) -> Weight {
		if asset.model().is_some() {
			<T::ModelShares as ModelRisk>::is_flagged_weight()
		} else {
			Weight::zero()
		}
	}

	/// A liquidation's weight with `n` positions of which `pledges` are pledged model shares
	/// (seized or swept, each a models-pallet transfer: settlement and history): the plain
	/// cost, plus for each pledge what `liquidate_shares` (one pledge, two positions) costs
	/// beyond a two-position plain liquidation in time, and its whole proof size.
	pub(crate) fn liquidate_weight(n: u32, pledges: u32) -> Weight {
		use crate::WeightInfo;
		let shares = T::WeightInfo::liquidate_shares();
		let extra = Weight::from_parts(
			shares.ref_time().saturating_sub(T::WeightInfo::liquidate(2).ref_time()),
			shares.proof_size(),
		);
		T::WeightInfo::liquidate(n).saturating_add(extra.saturating_mul(u64::from(pledges)))
	}

	/// How many of `positions` are pledged model shares (what a liquidation may seize or
	/// sweep through the models pallet).
	pub(crate) fn pledge_count(positions: &[crate::Position]) -> u32 {
		let pledges = positions.iter().filter(|p| p.asset.model().is_some() && p.shares > 0);
		u32::try_from(pledges.count()).unwrap_or(u32::MAX)
	}

	/// Copies the model's flag into its share market; fails if it is copied already.
	pub(crate) fn do_sync_model_flag(asset: LendingAsset) -> DispatchResult {
		let model = asset.model().ok_or(Error::<T>::NotShareMarket)?;
		let mut market = Markets::<T>::get(asset).ok_or(Error::<T>::MarketNotFound)?;
		let flagged = T::ModelShares::is_flagged(model);
		ensure!(market.state.shares_flagged != flagged, Error::<T>::FlagInSync);
		market.state.shares_flagged = flagged;
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::ModelFlagSynced { asset, flagged });
		Ok(())
	}

	/// The price a share market copies from `point`: a rise is bounded to
	/// `last × (1 + SharePriceMaxRise × blocks)`, where `blocks` counts the blocks since the
	/// price last rose or was first set (at most [`MAX_RISE_BLOCKS`]; none within the same
	/// block); a fall, and the market's first price, apply as they are. Records the block of
	/// a rise (and of the first price). A recovery after a fall is rate-limited like any
	/// rise: letting the copy jump back to a pre-fall price would let one manipulated push
	/// restore a crashed share's borrowing power at once (the Mango pattern).
	pub(crate) fn bound_share_price(
		market: &mut Market,
		point: Option<PricePoint>,
	) -> Option<PricePoint> {
		let mut point = point?;
		let last = market.state.last_price;
		let now: u32 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		if last.is_zero() {
			market.state.price_rose_at = now;
			return Some(point);
		}
		if point.price <= last {
			return Some(point);
		}
		let blocks = now.saturating_sub(market.state.price_rose_at).min(MAX_RISE_BLOCKS);
		let rise = Price::from(T::SharePriceMaxRise::get())
			.saturating_mul(Price::saturating_from_integer(blocks));
		let allowed = last.saturating_add(fixed_mul(last, rise));
		point.price = point.price.min(allowed);
		if point.price > last {
			market.state.price_rose_at = now;
		}
		Some(point)
	}

	/// The collateral factor a share market's collateral lends with: zero while flagged.
	pub(crate) fn share_collateral_factor(market: &Market, factor: Permill) -> Permill {
		if market.state.shares_flagged {
			Permill::zero()
		} else {
			factor
		}
	}

	/// Checks every share market: it lends nothing and has no deficit; its cash is its
	/// pledges plus its reserves, one share per supply share; each holder's pledge equals
	/// its position; the pool account holds at least the reserves (swept pledges).
	#[cfg(any(feature = "try-runtime", test))]
	pub(crate) fn check_share_markets() -> Result<(), sp_runtime::TryRuntimeError> {
		use sp_runtime::TryRuntimeError;
		for (asset, market) in Markets::<T>::iter() {
			let Some(model) = asset.model() else { continue };
			let s = &market.state;
			if !s.total_borrows.is_zero()
				|| !s.deficit.is_zero()
				|| !s.in_flight.is_zero()
				|| s.total_shares.saturating_add(s.total_reserves) != s.cash
			{
				return Err(TryRuntimeError::Other("a share market lends or books unevenly"));
			}
			if T::ModelShares::balance(model, &Self::pool_account()) < s.total_reserves {
				return Err(TryRuntimeError::Other("a share market's reserves are not held"));
			}
			let mut pledged: Balance = 0;
			for (who, positions) in Positions::<T>::iter() {
				let shares = positions.iter().find(|p| p.asset == asset).map_or(0, |p| p.shares);
				if T::ModelShares::lock_of(model, &who, PLEDGE_LOCK) != shares {
					return Err(TryRuntimeError::Other("a pledge differs from its position"));
				}
				pledged = pledged.saturating_add(shares);
			}
			if pledged != s.total_shares {
				return Err(TryRuntimeError::Other("a share market's shares are not its pledges"));
			}
		}
		Ok(())
	}
}

/// What the models pallet tells lending.
impl<T: Config> ModelShareHooks<T::AccountId> for Pallet<T> {
	/// An ownership ruling took every share of `from`: its pledge is gone, so the share
	/// market's books drop it. The debt stays, now without that collateral.
	fn on_shares_forfeited(model: ModelId, from: &T::AccountId) {
		let asset = LendingAsset::ModelShares(model);
		let Some(mut market) = Markets::<T>::get(asset) else { return };
		let mut positions = Positions::<T>::get(from);
		let Some(position) = positions.iter_mut().find(|p| p.asset == asset) else { return };
		let lost = position.shares;
		if lost.is_zero() {
			return;
		}
		position.shares = 0;
		market.state.cash = market.state.cash.saturating_sub(lost);
		market.state.total_shares = market.state.total_shares.saturating_sub(lost);
		Markets::<T>::insert(asset, market);
		Self::store_positions(from, positions);
		Self::deposit_event(Event::CollateralForfeited { who: from.clone(), asset, amount: lost });
	}

	/// The model's share market copies the flag at once (the lineage is not walked: the
	/// model itself is flagged).
	fn on_model_flagged(model: ModelId) {
		let asset = LendingAsset::ModelShares(model);
		let Some(mut market) = Markets::<T>::get(asset) else { return };
		if market.state.shares_flagged {
			return;
		}
		market.state.shares_flagged = true;
		Markets::<T>::insert(asset, market);
		Self::deposit_event(Event::ModelFlagSynced { asset, flagged: true });
	}

	/// One market and one account's positions, read and written (a market and its
	/// account's positions are bounded by their `MaxEncodedLen`).
	fn max_weight() -> Weight {
		use crate::{Market, Position};
		let market = Market::max_encoded_len();
		let positions = Position::max_encoded_len()
			.saturating_mul(T::MaxPositions::get() as usize)
			.saturating_add(4);
		let proof =
			u64::try_from(market.saturating_add(positions).saturating_add(256)).unwrap_or(u64::MAX);
		T::DbWeight::get().reads_writes(2, 2).saturating_add(Weight::from_parts(0, proof))
	}
}
