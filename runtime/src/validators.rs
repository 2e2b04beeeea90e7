//! Validators: `pallet-session` derives the Aura and GRANDPA authorities from the session keys
//! of the set that `pallet-modelchain-validators` (the chain DAO's governed set) plans.
//!
//! - [`ValidatorSetManager`] is the session manager: each new session asks the validator
//!   set for a plan; genesis takes its set (or gives it the session pallet's).
//! - [`SessionKeyRegistry`] answers the validator set's questions about keys.
//! - [`SessionCallFilter`] stops `session.purge_keys`: a validator without keys drops out of
//!   the authorities at the next rotation whatever was planned, so only the validator
//!   set's own `purge_keys` (for accounts that neither validate nor are planned to) may
//!   purge.
//! - [`register_keys`] writes an account's keys the way `pallet-session`'s external path
//!   does (no deposit, marked external): the migration from genesis authorities and the
//!   benchmarks use it.

use crate::{opaque::SessionKeys, AccountId, Runtime, RuntimeCall, RuntimeOrigin, Session};
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::DispatchResult,
	traits::{Contains, ValidatorRegistration},
};
use sp_runtime::traits::OpaqueKeys;

/// A session's index.
pub type SessionIndex = u32;

/// Hands `pallet-session` the validator set's plans.
pub struct ValidatorSetManager;
impl pallet_session::SessionManager<AccountId> for ValidatorSetManager {
	fn new_session(new_index: SessionIndex) -> Option<Vec<AccountId>> {
		pallet_modelchain_validators::Pallet::<Runtime>::plan_session(new_index)
	}
	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<AccountId>> {
		pallet_modelchain_validators::Pallet::<Runtime>::genesis_set()
	}
	fn end_session(_end_index: SessionIndex) {}
	fn start_session(start_index: SessionIndex) {
		// Session 0 starts only in genesis, after `pallet-session` stored its validators.
		if start_index == 0 {
			pallet_modelchain_validators::Pallet::<Runtime>::note_genesis_session(
				pallet_session::Validators::<Runtime>::get(),
			);
		}
	}
}

/// The validator set's view of session keys.
pub struct SessionKeyRegistry;
impl pallet_modelchain_validators::SessionKeys<AccountId> for SessionKeyRegistry {
	fn has_keys(who: &AccountId) -> bool {
		<Session as ValidatorRegistration<AccountId>>::is_registered(who)
	}
	fn purge_keys(who: &AccountId) -> DispatchResult {
		// A direct call: the call filter below applies to dispatched calls only.
		Session::purge_keys(RuntimeOrigin::signed(who.clone()))
	}
}

/// The runtime's base call filter: everything but `session.purge_keys`.
pub struct SessionCallFilter;
impl Contains<RuntimeCall> for SessionCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::Session(pallet_session::Call::purge_keys { .. }))
	}
}

/// Gives `who` session `keys` without a deposit, marked as set externally (so a later
/// `session.set_keys` by `who` takes the deposit then, and a purge releases no consumer it
/// never took). Fails if another account owns one of the keys.
pub fn register_keys(who: &AccountId, keys: SessionKeys) -> DispatchResult {
	for id in SessionKeys::key_ids() {
		let raw = keys.get_raw(*id).to_vec();
		if pallet_session::KeyOwner::<Runtime>::get((*id, raw.clone())).is_some_and(|o| &o != who) {
			return Err(pallet_session::Error::<Runtime>::DuplicatedKey.into());
		}
	}
	if let Some(old) = pallet_session::NextKeys::<Runtime>::get(who) {
		for id in SessionKeys::key_ids() {
			pallet_session::KeyOwner::<Runtime>::remove((*id, old.get_raw(*id).to_vec()));
		}
	}
	for id in SessionKeys::key_ids() {
		pallet_session::KeyOwner::<Runtime>::insert((*id, keys.get_raw(*id).to_vec()), who);
	}
	pallet_session::NextKeys::<Runtime>::insert(who, keys);
	pallet_session::ExternallySetKeys::<Runtime>::insert(who, ());
	Ok(())
}

/// Session keys for a benchmark's account, derived from its id (distinct accounts, distinct
/// keys).
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkKeys;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_modelchain_validators::BenchmarkHelper<AccountId> for BenchmarkKeys {
	fn register(who: &AccountId) {
		let raw: [u8; 32] = *who.as_ref();
		let keys = SessionKeys {
			aura: sp_core::sr25519::Public::from_raw(raw).into(),
			grandpa: sp_core::ed25519::Public::from_raw(raw).into(),
		};
		// Benchmark setup: a fresh account's keys cannot collide.
		let _ = register_keys(who, keys);
	}
}
