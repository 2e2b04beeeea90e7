//! Storage migrations of the DAO pallet.

/// Version 0 → 1: native tokens move from the deprecated `Currency` traits to `fungible`
/// holds and freezes with reasons.
///
/// What it does:
/// - the deposit of every proposal that is voting or queued (version 0 kept those reserved;
///   rejected, cancelled, vetoed and enacted ones had released or lost theirs) is
///   unreserved and held again from the same proposer for [`HoldReason::ProposalDeposit`];
/// - every non-zero stake in [`Stakes`] gets a [`FreezeReason::Stake`] freeze of exactly
///   the stake, and the old lock [`STAKE_LOCK`] is removed.
///
/// No balance changes: reserved becomes held, and a freeze takes the place of a lock of the
/// same amount. No record of this pallet changes encoding; a proposal's `deposit` is
/// rewritten only in the unexpected case that less than it could be moved to the hold (then
/// it records what is held, so that release and veto stay exact).
///
/// The migration is generic over the currency that made the old reserves and locks, which
/// the pallet's `Config` no longer names: the runtime passes its `Balances` pallet:
/// `MigrateToFungible<Runtime, Balances>`. It touches every proposal and stake once in one
/// block, which is fine for the chains that exist (dev and test networks).
pub mod v1 {
	use crate::*;
	use alloc::vec::Vec;
	use frame_support::traits::{
		LockIdentifier, LockableCurrency, ReservableCurrency, UncheckedOnRuntimeUpgrade,
	};

	/// The lock version 0 put on native tokens staked for governance.
	pub const STAKE_LOCK: LockIdentifier = *b"mdl/dao_";

	/// The migration's body, without the version check: use [`MigrateToFungible`].
	pub struct UncheckedMigrateToFungible<T, OldCurrency>(PhantomData<(T, OldCurrency)>);

	/// Version 0 → 1, run only when the pallet's on-chain storage version is 0; it then sets
	/// it to 1. `OldCurrency` is the currency of the old reserves and locks (`Balances`).
	pub type MigrateToFungible<T, OldCurrency> = frame_support::migrations::VersionedMigration<
		0,
		1,
		UncheckedMigrateToFungible<T, OldCurrency>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// What one account should have after the migration, as recorded before it.
	#[derive(Encode, Decode, Clone, Copy, PartialEq, Eq, Debug, Default)]
	pub struct Expected {
		/// Deposits of its voting or queued proposals: reserved before, held after.
		pub deposits: Balance,
		/// Its stake: locked before, frozen after.
		pub staked: Balance,
		/// Its total balance (free + reserved/held), which must not change.
		pub total: Balance,
	}

	/// The state `pre_upgrade` records for `post_upgrade`.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct PreState<AccountId> {
		/// Each proposer's and staker's expected holdings.
		pub accounts: Vec<(AccountId, Expected)>,
		/// Total issuance, which must not change.
		pub total_issuance: Balance,
	}

	impl<T, OldCurrency> UncheckedOnRuntimeUpgrade for UncheckedMigrateToFungible<T, OldCurrency>
	where
		T: Config,
		OldCurrency: ReservableCurrency<T::AccountId, Balance = Balance>
			+ LockableCurrency<T::AccountId, Balance = Balance>,
	{
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;

			// Deposits. Collect first: a proposal may be rewritten below.
			let mut open: Vec<(ProposalId, T::AccountId, Balance)> = Vec::new();
			for (id, proposal) in Proposals::<T>::iter() {
				reads = reads.saturating_add(1);
				if Pallet::<T>::holds_deposit(proposal.status) {
					open.push((id, proposal.proposer, proposal.deposit));
				}
			}
			let hold_reason = HoldReason::ProposalDeposit.into();
			for (id, who, deposit) in open {
				let missing = OldCurrency::unreserve(&who, deposit);
				let moved = deposit.saturating_sub(missing);
				// The funds were just unreserved, so the hold cannot fail short of a broken
				// account (no provider). If it does they stay free: the proposal then records
				// no deposit rather than one nothing backs, and `post_upgrade` reports it.
				let held =
					if T::Currency::hold(&hold_reason, &who, moved).is_ok() { moved } else { 0 };
				// unreserve: account; hold: holds and account.
				reads = reads.saturating_add(3);
				writes = writes.saturating_add(3);
				if held != deposit {
					Proposals::<T>::mutate(id, |p| {
						if let Some(p) = p {
							p.deposit = held;
						}
					});
					reads = reads.saturating_add(1);
					writes = writes.saturating_add(1);
				}
			}

			// Stakes.
			let freeze_reason = FreezeReason::Stake.into();
			for (who, stake) in Stakes::<T>::iter() {
				reads = reads.saturating_add(1);
				if stake.amount.is_zero() {
					// Version 0 removed the lock when the stake reached zero.
					continue;
				}
				// Freeze first: the tokens never become movable. If the freeze cannot be set
				// (too many freezes), the old lock stays so that the stake stays backed, and
				// `post_upgrade` reports it.
				if T::Currency::set_freeze(&freeze_reason, &who, stake.amount).is_ok() {
					OldCurrency::remove_lock(STAKE_LOCK, &who);
				}
				// set_freeze: freezes, locks, account; remove_lock: locks, freezes, account.
				reads = reads.saturating_add(6);
				writes = writes.saturating_add(4);
			}

			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Self::pre_check().map(|state| state.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let state = PreState::<T::AccountId>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			Self::post_check(state)
		}
	}

	#[cfg(any(feature = "try-runtime", test))]
	impl<T, OldCurrency> UncheckedMigrateToFungible<T, OldCurrency>
	where
		T: Config,
		OldCurrency: ReservableCurrency<T::AccountId, Balance = Balance>
			+ LockableCurrency<T::AccountId, Balance = Balance>,
	{
		/// Each proposer's and staker's deposits, stake and total balance before the upgrade;
		/// fails if a proposer's reserve does not cover its open deposits.
		pub fn pre_check() -> Result<PreState<T::AccountId>, sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let mut accounts = BTreeMap::<T::AccountId, Expected>::new();
			for (_, proposal) in Proposals::<T>::iter() {
				if Pallet::<T>::holds_deposit(proposal.status) {
					let e = accounts.entry(proposal.proposer).or_default();
					e.deposits = e.deposits.saturating_add(proposal.deposit);
				}
			}
			for (who, stake) in Stakes::<T>::iter() {
				if !stake.amount.is_zero() {
					accounts.entry(who).or_default().staked = stake.amount;
				}
			}
			for (who, e) in accounts.iter_mut() {
				if OldCurrency::reserved_balance(who) < e.deposits {
					return Err(sp_runtime::TryRuntimeError::Other(
						"a proposer's reserve is below its open deposits",
					));
				}
				e.total = T::Currency::total_balance(who);
			}
			Ok(PreState {
				accounts: accounts.into_iter().collect(),
				total_issuance: T::Currency::total_issuance(),
			})
		}

		/// Each recorded account holds exactly its deposits, has exactly its stake frozen and
		/// the same total balance; the proposals' deposits still add up to the holds; total
		/// issuance is unchanged.
		pub fn post_check(
			state: PreState<T::AccountId>,
		) -> Result<(), sp_runtime::TryRuntimeError> {
			use sp_runtime::TryRuntimeError;
			let hold_reason = HoldReason::ProposalDeposit.into();
			let freeze_reason = FreezeReason::Stake.into();
			for (who, e) in &state.accounts {
				if <T::Currency as fungible::InspectHold<_>>::balance_on_hold(&hold_reason, who)
					!= e.deposits
				{
					return Err(TryRuntimeError::Other(
						"a proposer's hold differs from its deposits",
					));
				}
				if <T::Currency as fungible::InspectFreeze<_>>::balance_frozen(&freeze_reason, who)
					!= e.staked
				{
					return Err(TryRuntimeError::Other("a staker's freeze differs from its stake"));
				}
				if T::Currency::total_balance(who) != e.total {
					return Err(TryRuntimeError::Other("an account's total balance changed"));
				}
			}
			if T::Currency::total_issuance() != state.total_issuance {
				return Err(TryRuntimeError::Other("total issuance changed"));
			}
			// Proposals' recorded deposits (the amounts later released or slashed) and stakes
			// must match the holds and freezes: the pallet's own invariants cover both.
			Pallet::<T>::do_try_state()
		}
	}
}
