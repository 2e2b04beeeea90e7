//! Tracks: which track a call is decided on (the runtime's [`ClassifyCall`]), the rules of
//! each scope's tracks, and the limits a track puts on a call.

use super::*;

/// Maps a runtime call to the track it is decided on. The runtime implements it: a call
/// it does not name is [`Track::Standard`]. A batch takes the most demanding track of its
/// calls; it is [`Track::Emergency`] only if every call in it is.
pub trait ClassifyCall<Call> {
	/// The track of `call`.
	fn track(call: &Call) -> Track;
}

/// The track of a batch whose calls have `tracks`: critical if any is, emergency only if
/// all are (an emergency call cannot carry a standard one past the standard delay), and
/// standard otherwise (including an empty batch).
pub fn batch_track(tracks: impl IntoIterator<Item = Track>) -> Track {
	let mut all_emergency = true;
	let mut any = false;
	for track in tracks {
		any = true;
		match track {
			Track::Critical => return Track::Critical,
			Track::Emergency => {}
			Track::Standard => all_emergency = false,
		}
	}
	if any && all_emergency {
		Track::Emergency
	} else {
		Track::Standard
	}
}

impl<T: Config> Pallet<T> {
	/// The rules of `scope`'s `track`: the scope's own, else (for a model) the model
	/// defaults. `None` if the scope has no such track.
	pub fn rules(scope: DaoScope, track: Track) -> Option<TrackRules> {
		ScopeTrackRules::<T>::get(scope, track).or_else(|| match scope {
			DaoScope::Chain => None,
			DaoScope::Model(_) => ModelTrackRules::<T>::get(track),
		})
	}

	/// Sets `scope`'s rules for `track`, if inside `RulesBounds`; they apply to proposals
	/// made from now on.
	pub(crate) fn do_set_rules(scope: DaoScope, track: Track, rules: TrackRules) -> DispatchResult {
		ensure!(T::RulesBounds::get().admit(&rules), Error::<T>::InvalidRules);
		if let DaoScope::Model(model) = scope {
			ensure!(T::Shares::model_exists(model), Error::<T>::UnknownModel);
		}
		ScopeTrackRules::<T>::insert(scope, track, rules);
		Self::deposit_event(Event::RulesChanged { scope, track, rules });
		Ok(())
	}

	/// The heaviest call `track` accepts, at proposal and again at enactment.
	pub fn max_call_weight(track: Track) -> Weight {
		match track {
			Track::Critical => T::MaxCriticalCallWeight::get(),
			Track::Standard | Track::Emergency => T::MaxCallWeight::get(),
		}
	}
}
