//! Revenue: a fee's split up the lineage, to contributors and to holders, and claims.
//!
//! A model receiving `a` passes `a × royalty_p` (rounded down) to each parent `p`, at the
//! royalty fixed at registration, and keeps the rest; each parent does the same, up to
//! `MaxLineageDepth` steps. Of what a model keeps, `contributor_share` goes to the latest
//! version's contributors by weight; the rest raises the revenue-per-share accumulator.
//! A holder's due is `shares × (accumulator − checkpoint)`, settled on every share move and
//! claim, so nothing iterates over holders. Every division rounds down: the vault keeps the
//! dust, a claimant never gets more than owed.
//!
//! Attacks this file answers:
//! - *Zero royalties.* Royalties live on the parent edges, at or above each parent's floor,
//!   and no call changes them after registration.
//! - *Claiming another's revenue or claiming twice.* Claims settle first and zero the
//!   unclaimed balance in the same call.

use crate::*;

impl<T: Config> Pallet<T> {
	/// Splits `fee`, already in the vault account, up `model`'s lineage and to each model's
	/// contributors and holders. Returns what the split touched, for the call's weight.
	pub(crate) fn distribute_fee(model: ModelId, fee: Balance) -> Result<FeeSplit, DispatchError> {
		let mut queue: Vec<(ModelId, Balance, u32)> = Vec::new();
		queue.push((model, fee, 0));
		let mut next = 0usize;
		let mut contributor_credits = 0u32;
		while let Some((id, amount, distance)) = queue.get(next).copied() {
			next = next.saturating_add(1);
			let Some(mut info) = Models::<T>::get(id) else { continue };
			let mut passed: Balance = 0;
			if distance < T::MaxLineageDepth::get() {
				for edge in info.parents.iter() {
					let royalty = edge.royalty.mul_floor(amount);
					if royalty == 0 {
						continue;
					}
					queue.push((edge.model, royalty, distance.saturating_add(1)));
					passed = passed.saturating_add(royalty);
					Self::deposit_event(Event::RoyaltyPaid {
						from: id,
						to: edge.model,
						amount: royalty,
					});
				}
			}
			let credits = Self::credit_revenue(id, &mut info, amount.saturating_sub(passed))?;
			contributor_credits = contributor_credits.saturating_add(credits);
			Models::<T>::insert(id, info);
		}
		Ok(FeeSplit { models: queue.len() as u32, contributor_credits })
	}

	/// Credits `amount` to a model: contributors of its latest version by weight, then its
	/// holders' accumulator. Returns the number of contributors credited.
	fn credit_revenue(
		id: ModelId,
		info: &mut ModelInfo<T>,
		amount: Balance,
	) -> Result<u32, DispatchError> {
		info.vault.received =
			info.vault.received.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		let mut to_contributors: Balance = 0;
		let mut credited = 0u32;
		let contributor_cut = info.terms.contributor_share.mul_floor(amount);
		if contributor_cut > 0 {
			if let Some(version) = Versions::<T>::get(id, info.latest_version) {
				let total_weight: u128 =
					version.contributors.iter().map(|(_, w)| u128::from(*w)).sum();
				for (account, weight) in version.contributors.iter() {
					let credit = sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
						contributor_cut,
						u128::from(*weight),
						total_weight,
						sp_arithmetic::per_things::Rounding::Down,
					)
					.unwrap_or(0);
					if credit == 0 {
						continue;
					}
					let mut holding = Self::holding_or_new(id, account, &info.vault);
					holding.unclaimed = holding.unclaimed.saturating_add(credit);
					// Only the unclaimed balance changes: the holder index (`HeldModels`,
					// kept by share moves) stays as it is, so this is one write.
					Holdings::<T>::insert(id, account, holding);
					to_contributors = to_contributors.saturating_add(credit);
					credited = credited.saturating_add(1);
				}
			}
		}
		let to_holders = amount.saturating_sub(to_contributors);
		let increment = U256::from(to_holders)
			.saturating_mul(U256::from(REVENUE_SCALE))
			.checked_div(U256::from(info.share_supply))
			.unwrap_or_default();
		info.vault.revenue_per_share = info.vault.revenue_per_share.saturating_add(increment);
		Self::deposit_event(Event::RevenueCredited {
			model: id,
			to_holders,
			to_contributors,
			revenue_per_share: info.vault.revenue_per_share,
		});
		Ok(credited)
	}

	/// Revenue accrued to `shares` between `checkpoint` and `revenue_per_share`, rounded down.
	pub fn accrued(shares: Balance, checkpoint: U256, revenue_per_share: U256) -> Balance {
		let delta = revenue_per_share.saturating_sub(checkpoint);
		let owed = U256::from(shares)
			.saturating_mul(delta)
			.checked_div(U256::from(REVENUE_SCALE))
			.unwrap_or_default();
		if owed > U256::from(u128::MAX) {
			u128::MAX
		} else {
			owed.low_u128()
		}
	}

	/// Moves what a holding has accrued into its unclaimed balance.
	pub(crate) fn settle(vault: &Vault, holding: &mut Holding) {
		let owed =
			Self::accrued(holding.shares, holding.revenue_checkpoint, vault.revenue_per_share);
		holding.unclaimed = holding.unclaimed.saturating_add(owed);
		holding.revenue_checkpoint = vault.revenue_per_share;
	}

	/// Pays `who` everything `model` owes it.
	pub(crate) fn do_claim(model: ModelId, who: T::AccountId) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let mut holding = Holdings::<T>::get(model, &who).ok_or(Error::<T>::NothingToClaim)?;
		Self::settle(&info.vault, &mut holding);
		let amount = holding.unclaimed;
		ensure!(amount > 0, Error::<T>::NothingToClaim);
		Self::pay_from_vault(&who, amount)?;
		holding.unclaimed = 0;
		info.vault.claimed = info.vault.claimed.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		Self::put_holding(model, &who, holding);
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::RevenueClaimed { model, who, amount });
		Ok(())
	}

	/// What `claim_revenue` would pay now.
	pub fn claimable_revenue(model: ModelId, who: &T::AccountId) -> Balance {
		let (Some(info), Some(holding)) = (Models::<T>::get(model), Holdings::<T>::get(model, who))
		else {
			return 0;
		};
		holding.unclaimed.saturating_add(Self::accrued(
			holding.shares,
			holding.revenue_checkpoint,
			info.vault.revenue_per_share,
		))
	}
}
