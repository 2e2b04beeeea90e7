//! Accountability: bonded incident reports, their deadline, rulings, flags and the
//! accountability bond that pays upheld reporters.
//!
//! - Any registered model can be reported, naming a version or not. The reporter's bond is
//!   `IncidentBond × {1, 2, 4, 8}` by severity, held until the report closes.
//! - Upheld (by the arbiter, before the deadline): the bond is released and the reporter is
//!   paid a reward equal to it from the model's accountability bond, as far as that reaches.
//!   High and critical reports flag the model (the version they name, if any).
//! - Dismissed: the bond goes to the treasury.
//! - Deadline passed without a ruling: anyone returns the bond to the reporter.
//! - A flag blocks new licences until the owner publishes a fixed version or the arbiter
//!   clears it. Derivatives inherit it in what the RPC and [`ModelRisk`] report.
//!
//! Attacks this file answers:
//! - *Freezing to dodge the reward.* The reward moves from a hold with `Fortitude::Force`.
//! - *A stuck bond.* The deadline always returns it.
//! - *Retiring to walk away from open reports.* The bond stays held while any is open.

use crate::*;
use modelchain_primitives::ModelRisk;

impl<T: Config> Pallet<T> {
	/// Blocks a report waits for a ruling.
	pub fn incident_deadline() -> BlockNumber {
		match IncidentDeadline::<T>::get() {
			0 => T::DefaultIncidentDeadline::get(),
			blocks => blocks,
		}
	}

	/// Files a report and holds the reporter's bond.
	pub(crate) fn do_report(
		reporter: T::AccountId,
		model: ModelId,
		version: Option<ModelVersion>,
		evidence_hash: Hash,
		severity: Severity,
	) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		if let Some(number) = version {
			ensure!(Versions::<T>::contains_key(model, number), Error::<T>::UnknownVersion);
		}
		let bond = T::IncidentBond::get().saturating_mul(severity.bond_multiplier());
		Self::hold(HoldReason::IncidentBond, &reporter, bond)?;
		let id = NextIncidentId::<T>::get();
		NextIncidentId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		let now = Self::now();
		let deadline = now.saturating_add(Self::incident_deadline());
		info.open_incidents = info.open_incidents.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Models::<T>::insert(model, info);
		Incidents::<T>::insert(
			id,
			Incident::<T> {
				model,
				version,
				reporter: reporter.clone(),
				evidence_hash,
				severity,
				bond,
				response_hash: None,
				status: IncidentStatus::Open,
				reported_at: now,
				deadline,
			},
		);
		Self::deposit_event(Event::IncidentReported {
			id,
			model,
			version,
			reporter,
			severity,
			bond,
			deadline,
		});
		Ok(())
	}

	/// Records the owner's answer.
	pub(crate) fn do_respond(id: IncidentId, response_hash: Hash) -> DispatchResult {
		let mut incident = Incidents::<T>::get(id).ok_or(Error::<T>::UnknownIncident)?;
		ensure!(incident.status == IncidentStatus::Open, Error::<T>::IncidentClosed);
		incident.response_hash = Some(response_hash);
		Incidents::<T>::insert(id, incident);
		Self::deposit_event(Event::IncidentAnswered { id, response_hash });
		Ok(())
	}

	/// An open report, still within its deadline.
	fn open_incident(id: IncidentId) -> Result<Incident<T>, DispatchError> {
		let incident = Incidents::<T>::get(id).ok_or(Error::<T>::UnknownIncident)?;
		ensure!(incident.status == IncidentStatus::Open, Error::<T>::IncidentClosed);
		Ok(incident)
	}

	/// Rules on a report.
	pub(crate) fn do_resolve(id: IncidentId, upheld: bool) -> DispatchResult {
		let mut incident = Self::open_incident(id)?;
		ensure!(Self::now() <= incident.deadline, Error::<T>::DeadlinePassed);
		let model = incident.model;
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		info.open_incidents = info.open_incidents.saturating_sub(1);
		if upheld {
			Self::release(HoldReason::IncidentBond, &incident.reporter, incident.bond)?;
			let reward = Self::pay_from_hold(
				HoldReason::AccountabilityBond,
				&info.bond_holder,
				&incident.reporter,
				incident.bond.min(info.bond),
			)?;
			info.bond = info.bond.saturating_sub(reward);
			info.upheld_incidents = info.upheld_incidents.saturating_add(1);
			let flagged = incident.severity.flags();
			if flagged {
				info.flag = Some(Flag { incident: id, version: incident.version });
			}
			incident.status = IncidentStatus::Upheld;
			Self::deposit_event(Event::IncidentUpheld { id, model, reward, flagged });
		} else {
			let moved = Self::slash_to_treasury(
				HoldReason::IncidentBond,
				&incident.reporter,
				incident.bond,
			)?;
			incident.status = IncidentStatus::Dismissed;
			Self::deposit_event(Event::IncidentDismissed { id, model, bond_to_treasury: moved });
		}
		let newly_flagged = incident.status == IncidentStatus::Upheld && info.flag.is_some();
		Models::<T>::insert(model, info);
		Incidents::<T>::insert(id, incident);
		if newly_flagged {
			<T::ShareHooks as modelchain_primitives::ModelShareHooks<T::AccountId>>::on_model_flagged(model);
		}
		Ok(())
	}

	/// Returns the bond of a report whose deadline passed.
	pub(crate) fn do_expire(id: IncidentId) -> DispatchResult {
		let mut incident = Self::open_incident(id)?;
		ensure!(Self::now() > incident.deadline, Error::<T>::DeadlineNotReached);
		Self::release(HoldReason::IncidentBond, &incident.reporter, incident.bond)?;
		Models::<T>::mutate(incident.model, |info| {
			if let Some(info) = info {
				info.open_incidents = info.open_incidents.saturating_sub(1);
			}
		});
		incident.status = IncidentStatus::Expired;
		let (model, bond_returned) = (incident.model, incident.bond);
		Incidents::<T>::insert(id, incident);
		Self::deposit_event(Event::IncidentExpired { id, model, bond_returned });
		Ok(())
	}

	/// Clears a flag (`by_version` when a fixed version did it).
	pub(crate) fn do_clear_flag(
		model: ModelId,
		by_version: Option<ModelVersion>,
	) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::UnknownModel)?;
		ensure!(info.flag.take().is_some(), Error::<T>::NotFlagged);
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::FlagCleared { model, by_version });
		Ok(())
	}
}

impl<T: Config> ModelRisk for Pallet<T> {
	fn is_flagged(model: ModelId) -> bool {
		Models::<T>::get(model).is_some_and(|m| m.flag.is_some())
			|| Self::lineage(model).iter().any(|edge| edge.parent_flagged)
	}

	/// The model, then each lineage path's child and parent: `2 + 2 × MaxLineagePaths`
	/// reads of `Models` at most (the walk reads the model once more as the first child),
	/// each proving at most one model record.
	fn is_flagged_weight() -> Weight {
		use codec::MaxEncodedLen;
		let reads = u64::from(T::MaxLineagePaths::get()).saturating_mul(2).saturating_add(2);
		let record =
			u64::try_from(ModelInfo::<T>::max_encoded_len()).unwrap_or(u64::MAX).saturating_add(64);
		T::DbWeight::get()
			.reads(reads)
			.saturating_add(Weight::from_parts(0, record.saturating_mul(reads)))
	}
}
