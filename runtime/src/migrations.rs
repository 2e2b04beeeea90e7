//! Runtime-level migrations: the ones that move state between pallets, so that no pallet
//! has to know another.

use crate::{opaque::SessionKeys, validators::register_keys, AccountId, Runtime, LOG_TARGET};
use alloc::vec::Vec;
use frame_support::{traits::OnRuntimeUpgrade, weights::Weight, BoundedVec};
use sp_core::ByteArray;

/// The validator set floor a migrated chain starts with: its validators, at most three.
pub const MIGRATED_FLOOR_CAP: u32 = 3;

/// Spec 114: authorities move from genesis (`pallet-aura` and `pallet-grandpa` storage) to
/// sessions.
///
/// A chain that ran spec 113 or earlier has authorities but no sessions. Each authority `i`
/// becomes validator `i`:
/// - its account is its Aura key's account (an sr25519 public key is an `AccountId32`; every
///   chain this runtime has run on, dev and local, uses keyring accounts whose Aura key is
///   the account's key), and its session keys are Aura key `i` with GRANDPA key `i` (both
///   lists were written from one list in genesis and are only ever replaced whole);
/// - the keys are registered without a deposit, as `pallet-session`'s external path does;
/// - `pallet-session`'s current and queued sets are exactly the authorities, in their order,
///   so the first rotation changes nothing;
/// - the governed and planned validator sets hold the same accounts, the floor is their
///   number capped at [`MIGRATED_FLOOR_CAP`], and the session period is the default.
///
/// It runs once: a chain with session validators is left alone (and so is one whose Aura
/// and GRANDPA lists differ in length, which cannot be paired; it is logged).
pub struct AuthoritiesToSessions;

impl AuthoritiesToSessions {
	/// The validators and their keys, paired from the authorities, or why not.
	fn pairs() -> Result<Vec<(AccountId, SessionKeys)>, &'static str> {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let grandpa = pallet_grandpa::Authorities::<Runtime>::get();
		if aura.is_empty() || aura.len() != grandpa.len() {
			return Err("Aura and GRANDPA authorities cannot be paired");
		}
		aura.iter()
			.zip(grandpa.iter())
			.map(|(a, (g, _weight))| {
				let raw: [u8; 32] =
					a.to_raw_vec().try_into().map_err(|_| "an Aura key is not 32 bytes")?;
				Ok((AccountId::from(raw), SessionKeys { aura: a.clone(), grandpa: g.clone() }))
			})
			.collect()
	}
}

impl OnRuntimeUpgrade for AuthoritiesToSessions {
	fn on_runtime_upgrade() -> Weight {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		if !pallet_session::Validators::<Runtime>::get().is_empty() {
			return db.reads(1);
		}
		let pairs = match Self::pairs() {
			Ok(pairs) => pairs,
			Err(why) => {
				log::error!(target: LOG_TARGET, "sessions not set up: {why}");
				return db.reads(3);
			}
		};
		let n = pairs.len() as u64;
		let mut owners: Vec<AccountId> = Vec::with_capacity(pairs.len());
		for (owner, keys) in &pairs {
			if let Err(e) = register_keys(owner, keys.clone()) {
				log::error!(target: LOG_TARGET, "session keys of {owner:?} not set: {e:?}");
				continue;
			}
			owners.push(owner.clone());
		}
		pallet_session::QueuedKeys::<Runtime>::put(
			pairs.into_iter().filter(|(o, _)| owners.contains(o)).collect::<Vec<_>>(),
		);
		pallet_session::Validators::<Runtime>::put(&owners);
		let floor = u32::try_from(owners.len()).unwrap_or(u32::MAX).min(MIGRATED_FLOOR_CAP);
		let mut sorted = owners;
		sorted.sort();
		let sorted = BoundedVec::truncate_from(sorted);
		pallet_modelchain_validators::Validators::<Runtime>::put(&sorted);
		pallet_modelchain_validators::Planned::<Runtime>::put(sorted);
		pallet_modelchain_validators::MinValidators::<Runtime>::put(floor.max(1));
		log::info!(target: LOG_TARGET, "{n} authorities moved to sessions");
		// Per validator: two key-owner checks, the old keys, three key writes and the
		// external marker; then the five set writes.
		db.reads(3u64.saturating_add(n.saturating_mul(3)))
			.saturating_add(db.writes(5u64.saturating_add(n.saturating_mul(4))))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		let already = !pallet_session::Validators::<Runtime>::get().is_empty();
		let pairs = if already { Vec::new() } else { Self::pairs()? };
		Ok((already, pairs).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let (already, pairs): (bool, Vec<(AccountId, SessionKeys)>) =
			Decode::decode(&mut &state[..]).map_err(|_| "pre_upgrade state undecodable")?;
		if already {
			return Ok(());
		}
		let owners: Vec<AccountId> = pairs.iter().map(|(o, _)| o.clone()).collect();
		ensure!(pallet_session::Validators::<Runtime>::get() == owners, "session validators");
		ensure!(pallet_session::QueuedKeys::<Runtime>::get() == pairs, "queued keys");
		// The authorities did not move, and the queued keys name exactly them.
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		let grandpa: Vec<_> =
			pallet_grandpa::Authorities::<Runtime>::get().iter().map(|(g, _)| g.clone()).collect();
		ensure!(
			pairs.iter().map(|(_, k)| k.aura.clone()).collect::<Vec<_>>() == aura,
			"aura authorities differ from the queued keys"
		);
		ensure!(
			pairs.iter().map(|(_, k)| k.grandpa.clone()).collect::<Vec<_>>() == grandpa,
			"grandpa authorities differ from the queued keys"
		);
		for (owner, keys) in &pairs {
			ensure!(
				pallet_session::NextKeys::<Runtime>::get(owner).as_ref() == Some(keys),
				"next keys"
			);
		}
		let mut sorted = owners;
		sorted.sort();
		ensure!(
			pallet_modelchain_validators::Validators::<Runtime>::get().into_inner() == sorted,
			"governed set"
		);
		ensure!(
			pallet_modelchain_validators::Planned::<Runtime>::get().into_inner() == sorted,
			"planned set"
		);
		pallet_modelchain_validators::Pallet::<Runtime>::do_try_state()
	}
}
