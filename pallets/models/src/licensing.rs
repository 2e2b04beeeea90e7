//! Licences: terms, purchases, operators who meter use, revocation.
//!
//! Rights of a licence: `commercial_use` holds only while every live entitlement (unspent
//! uses, a running subscription) was bought under commercial terms. A purchase made while an
//! entitlement is live can keep or lower the flag, never raise it; a purchase on a spent or
//! expired licence sets it from the current terms.
//!
//! Attacks this file answers:
//! - *Self-metered pay-per-use.* Only the owner or a named operator records uses, and a
//!   per-use licence is spent when its paid uses are recorded; the licensee has no call that
//!   changes its counters.
//! - *A cheap purchase upgrading rights.* See the rule above.
//! - *Terms changed under a buyer.* `max_total_price` bounds what a purchase pays.
//! - *Selling a flagged model, or one whose bond was spent.* Purchases need no flag and a
//!   full accountability bond.
//! - *The owner alone changing what holders or derivatives rely on.* The royalty floor, the
//!   contributor share and the derivatives flag need the model's governance.

use crate::*;
use modelchain_primitives::{LicenseKind, LicenseStatus};

impl<T: Config> Pallet<T> {
	/// Sets new terms. `signer` is `None` for the model's governance; a signer must hold
	/// every share and may not touch the fields only governance sets.
	pub(crate) fn do_set_terms(
		signer: Option<T::AccountId>,
		model: ModelId,
		terms: LicenseTerms,
	) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		if let Some(who) = signer {
			let held = Holdings::<T>::get(model, &who).map(|h| h.shares).unwrap_or(0);
			ensure!(held == info.share_supply, Error::<T>::NotTermsAuthority);
			ensure!(
				terms.derivative_royalty_floor == info.terms.derivative_royalty_floor
					&& terms.contributor_share == info.terms.contributor_share
					&& terms.derivatives_allowed == info.terms.derivatives_allowed,
				Error::<T>::GovernanceRequired
			);
		}
		Self::ensure_terms_valid(&terms)?;
		info.terms = terms;
		info.terms_version = info.terms_version.saturating_add(1);
		let terms_version = info.terms_version;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::LicenseTermsChanged { model, terms_version, terms });
		Ok(())
	}

	/// Sells `quantity` uses or periods; returns what the fee's split touched.
	pub(crate) fn do_purchase(
		model: ModelId,
		who: T::AccountId,
		quantity: u32,
		max_total_price: Balance,
	) -> Result<FeeSplit, DispatchError> {
		let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.status != ModelStatus::Retired, Error::<T>::ModelRetired);
		ensure!(info.flag.is_none(), Error::<T>::ModelFlagged);
		ensure!(info.bond >= T::AccountabilityBond::get(), Error::<T>::BondTooLow);
		ensure!(quantity > 0, Error::<T>::InvalidQuantity);
		let mut license = Licenses::<T>::get(model, &who).unwrap_or_default();
		ensure!(!license.revoked, Error::<T>::LicenseRevoked);
		let now = Self::now();
		let live = license.uses_left > 0 || license.expires_at.is_some_and(|e| e > now);
		let price = match info.terms.kind {
			LicenseKind::Free => return Err(Error::<T>::LicenseIsFree.into()),
			LicenseKind::PerUse { price } => {
				license.uses_left =
					license.uses_left.checked_add(quantity).ok_or(Error::<T>::InvalidQuantity)?;
				price
			}
			LicenseKind::Subscription { price, period } => {
				let start = license.expires_at.map_or(now, |e| e.max(now));
				let extra = period.checked_mul(quantity).ok_or(Error::<T>::InvalidQuantity)?;
				license.expires_at =
					Some(start.checked_add(extra).ok_or(Error::<T>::InvalidQuantity)?);
				price
			}
		};
		let total = price.checked_mul(quantity.into()).ok_or(Error::<T>::InvalidQuantity)?;
		ensure!(total <= max_total_price, Error::<T>::PriceAboveLimit);
		Self::collect_fee(&who, total)?;
		license.terms_version = info.terms_version;
		license.commercial_use = if live {
			license.commercial_use && info.terms.commercial_use
		} else {
			info.terms.commercial_use
		};
		license.total_paid = license.total_paid.saturating_add(total);
		Licenses::<T>::insert(model, &who, license);
		LicensedModels::<T>::insert(&who, model, ());
		let split = Self::distribute_fee(model, total)?;
		Self::deposit_event(Event::LicensePurchased {
			model,
			who,
			paid: total,
			expires_at: license.expires_at,
			uses_left: license.uses_left,
			commercial_use: license.commercial_use,
		});
		Ok(split)
	}

	/// Names or removes an operator.
	pub(crate) fn do_set_operator(
		model: ModelId,
		operator: T::AccountId,
		enabled: bool,
	) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		let named = Operators::<T>::contains_key(model, &operator);
		if enabled && !named {
			ensure!(info.operators < T::MaxOperators::get(), Error::<T>::TooManyOperators);
			Operators::<T>::insert(model, &operator, ());
			info.operators = info.operators.saturating_add(1);
		} else if !enabled && named {
			Operators::<T>::remove(model, &operator);
			info.operators = info.operators.saturating_sub(1);
		}
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::OperatorSet { model, operator, enabled });
		Ok(())
	}

	/// Whether `who` may record uses of `model`: its owner or a named operator.
	pub fn is_operator(model: ModelId, info: &ModelInfo<T>, who: &T::AccountId) -> bool {
		*who == info.owner || Operators::<T>::contains_key(model, who)
	}

	/// Records `uses` uses of `licensee`'s licence by `operator`. A running subscription
	/// covers them; otherwise they are taken from the paid uses, all or nothing.
	pub(crate) fn do_record_use(
		model: ModelId,
		operator: T::AccountId,
		licensee: T::AccountId,
		uses: u32,
	) -> DispatchResult {
		ensure!(uses > 0, Error::<T>::ZeroAmount);
		let info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(Self::is_operator(model, &info, &operator), Error::<T>::NotOperator);
		ensure!(info.terms.kind != LicenseKind::Free, Error::<T>::LicenseIsFree);
		let mut license = Licenses::<T>::get(model, &licensee).ok_or(Error::<T>::NoLicense)?;
		ensure!(!license.revoked, Error::<T>::LicenseRevoked);
		if license.expires_at.is_none_or(|e| e <= Self::now()) {
			license.uses_left =
				license.uses_left.checked_sub(uses).ok_or(Error::<T>::LicenseExhausted)?;
		}
		Licenses::<T>::insert(model, &licensee, license);
		Self::deposit_event(Event::LicenseUsed {
			model,
			who: licensee,
			operator,
			uses,
			uses_left: license.uses_left,
		});
		Ok(())
	}

	/// Revokes a licence for good.
	pub(crate) fn do_revoke(model: ModelId, who: T::AccountId) -> DispatchResult {
		ensure!(Models::<T>::contains_key(model), Error::<T>::UnknownModel);
		let mut license = Licenses::<T>::get(model, &who).ok_or(Error::<T>::NoLicense)?;
		license.revoked = true;
		Licenses::<T>::insert(model, &who, license);
		Self::deposit_event(Event::LicenseRevoked { model, who });
		Ok(())
	}

	/// Whether `who` may use `model` now.
	pub fn license_status(model: ModelId, who: &T::AccountId) -> LicenseStatus {
		let Some(info) = Models::<T>::get(model) else { return LicenseStatus::UnknownModel };
		if info.terms.kind == LicenseKind::Free {
			return LicenseStatus::Free;
		}
		let Some(license) = Licenses::<T>::get(model, who) else { return LicenseStatus::None };
		Self::status_of(&license)
	}

	/// The status of a stored licence of a priced model.
	pub(crate) fn status_of(license: &License<BlockNumber>) -> LicenseStatus {
		if license.revoked {
			return LicenseStatus::Revoked;
		}
		let now = Self::now();
		let subscribed = license.expires_at.is_some_and(|e| e > now);
		if subscribed || license.uses_left > 0 {
			LicenseStatus::Valid {
				expires_at: license.expires_at.filter(|e| *e > now),
				uses_left: license.uses_left,
				commercial_use: license.commercial_use,
			}
		} else {
			LicenseStatus::Expired
		}
	}

	/// Whether `who` holds a valid license of `model` (free terms count).
	pub fn has_valid_license(model: ModelId, who: &T::AccountId) -> bool {
		matches!(
			Self::license_status(model, who),
			LicenseStatus::Free | LicenseStatus::Valid { .. }
		)
	}
}
