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

	/// The rules of a scope in versions 0 and 1: one set per scope.
	#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
	pub struct RulesV1 {
		/// Aye + abstain must reach this part of the electorate.
		pub quorum: sp_arithmetic::Perbill,
		/// Aye must exceed this part of aye + nay.
		pub approval: sp_arithmetic::Perbill,
		/// Blocks of voting.
		pub voting_period: BlockNumber,
		/// Blocks between the end of voting and enactment.
		pub enactment_delay: BlockNumber,
		/// Absolute voting power needed to propose.
		pub proposal_threshold: Balance,
	}

	/// A proposal as versions 0 and 1 stored it.
	#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
	pub struct ProposalV1<AccountId> {
		/// Whose DAO.
		pub scope: DaoScope,
		/// Who proposed it.
		pub proposer: AccountId,
		/// The SCALE-encoded call (at most `MaxCallLen` bytes).
		pub call: Vec<u8>,
		/// Hash of the off-chain description.
		pub metadata_hash: Hash,
		/// Deposit reserved (v0) or held (v1) from the proposer.
		pub deposit: Balance,
		/// Snapshot block.
		pub snapshot: BlockNumber,
		/// Supply at the snapshot.
		pub electorate: Balance,
		/// Last block of voting.
		pub voting_ends: BlockNumber,
		/// Enactment delay fixed at creation.
		pub enactment_delay: BlockNumber,
		/// Quorum fixed at creation.
		pub quorum: sp_arithmetic::Perbill,
		/// Approval fixed at creation.
		pub approval: sp_arithmetic::Perbill,
		/// Votes so far.
		pub tally: Tally,
		/// Number of voters.
		pub voters: u32,
		/// Where it stands.
		pub status: ProposalStatus,
	}

	/// `Proposals` in the layout of versions 0 and 1.
	#[frame_support::storage_alias]
	pub type Proposals<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		ProposalId,
		ProposalV1<<T as frame_system::Config>::AccountId>,
	>;

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
		/// the same total balance; total issuance is unchanged. (The pallet's invariants read
		/// the current layout, so they are checked after the last migration, v2.)
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
			let mut open: alloc::collections::btree_map::BTreeMap<T::AccountId, Balance> =
				Default::default();
			for (_, proposal) in Proposals::<T>::iter() {
				if Pallet::<T>::holds_deposit(proposal.status) {
					let sum = open.entry(proposal.proposer).or_default();
					*sum = sum.saturating_add(proposal.deposit);
				}
			}
			for (who, sum) in open {
				if <T::Currency as fungible::InspectHold<_>>::balance_on_hold(&hold_reason, &who)
					!= sum
				{
					return Err(TryRuntimeError::Other("a proposal's deposit is not held"));
				}
			}
			Ok(())
		}
	}
}

/// Version 1 → 2: tracks, rules in storage, and locks that outlast the vote.
///
/// What it does:
/// - writes the rules of every track from `Defaults` (the chain's, the models', and the
///   standard track's spend limit) where none are stored yet (a chain that ran version 1
///   had them in code);
/// - turns each old per-scope override (`ScopeRules`, one rule set per scope) into that
///   scope's standard-track rules, keeping its quorum, approval and periods and taking the
///   lock period, extension, deposit and threshold of the new standard track;
/// - rewrites every proposal in the new layout: the standard track, its call inline with
///   its hash, the rules it was made with, and, for a decided one, `locks_until` at the end
///   of its vote: votes cast under version 1 were free at close, and stay so;
/// - gives every delegation a deposit of 0 (none was held under version 1);
/// - sets `TotalStake` to the sum of the stakes.
///
/// No balance moves. Like v1 it touches every proposal, delegation and stake once in one
/// block, which is fine for the chains that exist (dev and test networks).
pub mod v2 {
	use super::v1::{ProposalV1, RulesV1};
	use crate::*;
	use alloc::vec::Vec;
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	use sp_runtime::traits::Hash as HashT;

	/// The rules a chain gets if it has none stored: `(chain tracks, model tracks, spend
	/// limit)`.
	pub type DefaultRules = (Vec<(Track, TrackRules)>, Vec<(Track, TrackRules)>, SpendLimit);

	/// Version 1's per-scope rule overrides.
	#[frame_support::storage_alias]
	pub type ScopeRules<T: Config> = StorageMap<Pallet<T>, Blake2_128Concat, DaoScope, RulesV1>;

	/// Version 1's delegations: the delegate only.
	#[frame_support::storage_alias]
	pub type Delegations<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		DaoScope,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		<T as frame_system::Config>::AccountId,
	>;

	/// The migration's body, without the version check: use [`MigrateToTracks`].
	pub struct UncheckedMigrateToTracks<T, Defaults>(PhantomData<(T, Defaults)>);

	/// Version 1 → 2, run only when the on-chain storage version is 1.
	pub type MigrateToTracks<T, Defaults> = frame_support::migrations::VersionedMigration<
		1,
		2,
		UncheckedMigrateToTracks<T, Defaults>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// What `pre_upgrade` records: counts that must survive, and the stakes' sum.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct PreState {
		/// Proposals before.
		pub proposals: u32,
		/// Delegations before.
		pub delegations: u32,
		/// Sum of stakes.
		pub staked: Balance,
		/// Total issuance.
		pub total_issuance: Balance,
	}

	/// A version 1 proposal in the version 2 layout (`standard` is the scope's new standard
	/// track, for the fields version 1 did not have).
	pub fn translate<AccountId: Clone + PartialEq + Eq + core::fmt::Debug, MaxCall: Get<u32>>(
		old: ProposalV1<AccountId>,
		standard: TrackRules,
	) -> Option<Proposal<AccountId, MaxCall>> {
		let call_hash = <BlakeTwo256 as HashT>::hash(&old.call);
		let call: BoundedVec<u8, MaxCall> = old.call.try_into().ok()?;
		let rules = TrackRules {
			quorum: old.quorum,
			approval: old.approval,
			voting_period: old.voting_ends.saturating_sub(old.snapshot.saturating_add(1)),
			enactment_delay: old.enactment_delay,
			..standard
		};
		let decided =
			!matches!(old.status, ProposalStatus::Voting | ProposalStatus::Approved { .. });
		let turnout = old.tally.aye.saturating_add(old.tally.abstain);
		Some(Proposal {
			scope: old.scope,
			track: Track::Standard,
			proposer: old.proposer,
			call: ProposalCall::Inline(call),
			call_hash,
			metadata_hash: old.metadata_hash,
			deposit: old.deposit,
			snapshot: old.snapshot,
			electorate: old.electorate,
			voting_ends: old.voting_ends,
			rules,
			quorum_reached: turnout > 0 && turnout >= old.quorum.mul_ceil(old.electorate),
			locks_until: decided.then_some(old.voting_ends),
			tally: old.tally,
			voters: old.voters,
			status: old.status,
		})
	}

	impl<T: Config, Defaults: Get<DefaultRules>> UncheckedOnRuntimeUpgrade
		for UncheckedMigrateToTracks<T, Defaults>
	{
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			let (chain, models, spend) = Defaults::get();
			for (track, rules) in chain {
				reads = reads.saturating_add(1);
				if !ScopeTrackRules::<T>::contains_key(DaoScope::Chain, track) {
					ScopeTrackRules::<T>::insert(DaoScope::Chain, track, rules);
					writes = writes.saturating_add(1);
				}
			}
			for (track, rules) in models {
				reads = reads.saturating_add(1);
				if !ModelTrackRules::<T>::contains_key(track) {
					ModelTrackRules::<T>::insert(track, rules);
					writes = writes.saturating_add(1);
				}
			}
			if TreasurySpendLimit::<T>::get().period == 0 {
				TreasurySpendLimit::<T>::put(spend);
				writes = writes.saturating_add(1);
			}
			for (scope, old) in ScopeRules::<T>::drain() {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(2);
				if let Some(standard) = Pallet::<T>::rules(scope, Track::Standard) {
					let rules = TrackRules {
						quorum: old.quorum,
						approval: old.approval,
						voting_period: old.voting_period,
						enactment_delay: old.enactment_delay,
						..standard
					};
					ScopeTrackRules::<T>::insert(scope, Track::Standard, rules);
				}
			}
			// Proposals: read with the old layout, write with the new (`translate` on the
			// storage map decodes each value as the old type).
			crate::Proposals::<T>::translate::<ProposalV1<T::AccountId>, _>(|_, old| {
				reads = reads.saturating_add(2);
				writes = writes.saturating_add(1);
				let standard = Pallet::<T>::rules(old.scope, Track::Standard)?;
				translate::<T::AccountId, T::MaxCallLen>(old, standard)
			});
			let moved: Vec<_> = Delegations::<T>::drain().collect();
			for (scope, who, to) in moved {
				reads = reads.saturating_add(1);
				writes = writes.saturating_add(2);
				crate::Delegations::<T>::insert(scope, who, Delegation { to, deposit: 0 });
			}
			let mut total: Balance = 0;
			for (_, stake) in Stakes::<T>::iter() {
				reads = reads.saturating_add(1);
				total = total.saturating_add(stake.amount);
			}
			TotalStake::<T>::put(total);
			T::DbWeight::get().reads_writes(reads, writes.saturating_add(1))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(Self::pre_check().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let state = PreState::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			Self::post_check(state)
		}
	}

	#[cfg(any(feature = "try-runtime", test))]
	impl<T: Config, Defaults: Get<DefaultRules>> UncheckedMigrateToTracks<T, Defaults> {
		/// Counts and sums before the upgrade.
		pub fn pre_check() -> PreState {
			PreState {
				proposals: super::v1::Proposals::<T>::iter().count() as u32,
				delegations: Delegations::<T>::iter().count() as u32,
				staked: Stakes::<T>::iter()
					.fold(0, |sum: Balance, (_, s)| sum.saturating_add(s.amount)),
				total_issuance: T::Currency::total_issuance(),
			}
		}

		/// Every proposal and delegation survived, the chain's tracks have rules, the
		/// old overrides are gone, `TotalStake` is the stakes' sum, nothing was minted or
		/// burned, and the pallet's invariants hold.
		pub fn post_check(state: PreState) -> Result<(), sp_runtime::TryRuntimeError> {
			use sp_runtime::TryRuntimeError;
			ensure!(
				crate::Proposals::<T>::iter().count() as u32 == state.proposals,
				TryRuntimeError::Other("a proposal was lost")
			);
			ensure!(
				crate::Delegations::<T>::iter().count() as u32 == state.delegations,
				TryRuntimeError::Other("a delegation was lost")
			);
			ensure!(
				Pallet::<T>::rules(DaoScope::Chain, Track::Standard).is_some()
					&& Pallet::<T>::rules(DaoScope::Chain, Track::Critical).is_some(),
				TryRuntimeError::Other("the chain has no standard or critical rules")
			);
			ensure!(
				ScopeRules::<T>::iter().next().is_none(),
				TryRuntimeError::Other("old rules remain")
			);
			ensure!(
				TotalStake::<T>::get() == state.staked,
				TryRuntimeError::Other("TotalStake is wrong")
			);
			ensure!(
				T::Currency::total_issuance() == state.total_issuance,
				TryRuntimeError::Other("total issuance changed")
			);
			Pallet::<T>::do_try_state()
		}
	}
}
