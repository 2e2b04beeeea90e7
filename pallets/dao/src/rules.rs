//! The rules each scope votes by: defaults from the runtime, changed by governance.

use super::*;

impl<T: Config> Pallet<T> {
	/// The rules in force for `scope`.
	pub fn rules(scope: DaoScope) -> Rules {
		ScopeRules::<T>::get(scope).unwrap_or_else(|| match scope {
			DaoScope::Chain => T::DefaultChainRules::get(),
			DaoScope::Model(_) => T::DefaultModelRules::get(),
		})
	}

	/// Sets `scope`'s rules, if inside `RulesBounds`; they apply to proposals made from now
	/// on.
	pub(crate) fn do_set_rules(scope: DaoScope, rules: Rules) -> DispatchResult {
		ensure!(T::RulesBounds::get().admit(&rules), Error::<T>::InvalidRules);
		ScopeRules::<T>::insert(scope, rules);
		Self::deposit_event(Event::RulesChanged { scope, rules });
		Ok(())
	}
}
