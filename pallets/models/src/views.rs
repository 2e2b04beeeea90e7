//! What the runtime API (and through it the `models_*` RPC) reads: summaries, the lineage
//! with inherited flags, and paged lists from the account indexes ([`OwnedModels`],
//! [`HeldModels`], [`LicensedModels`]), which never scan the registry.

use crate::*;
use frame_support::storage::{IterableStorageDoubleMap, StorageDoubleMap};
use modelchain_primitives::{
	models::{
		LicenseEntry, LineageEdge, ModelFilter, ModelSummary, Page, ParentLink, VersionSummary,
	},
	LicenseKind, LicenseStatus,
};

/// Most entries one page returns.
pub const MAX_PAGE: u32 = 100;

impl<T: Config> Pallet<T> {
	/// Every lineage edge above `model`, breadth first, within the configured bounds.
	/// `parent_flagged` is set when the parent is flagged now.
	pub fn lineage(model: ModelId) -> Vec<LineageEdge> {
		let mut edges = Vec::new();
		let mut frontier: Vec<(ModelId, u32)> = Vec::new();
		frontier.push((model, 0));
		let mut next = 0usize;
		let limit = T::MaxLineagePaths::get() as usize;
		while let Some((id, distance)) = frontier.get(next).copied() {
			next = next.saturating_add(1);
			let Some(info) = Models::<T>::get(id) else { continue };
			for edge in info.parents.iter() {
				if edges.len() >= limit {
					return edges;
				}
				let flagged = Models::<T>::get(edge.model).is_some_and(|p| p.flag.is_some());
				let distance = distance.saturating_add(1);
				edges.push(LineageEdge {
					child: id,
					parent: edge.model,
					relation: edge.relation,
					distance,
					parent_flagged: flagged,
				});
				frontier.push((edge.model, distance));
			}
		}
		edges
	}

	/// A model as the runtime API reports it.
	pub fn model_summary(model: ModelId) -> Option<ModelSummary<T::AccountId>> {
		let info = Models::<T>::get(model)?;
		let mut versions = Versions::<T>::iter_prefix(model)
			.map(|(number, v)| VersionSummary {
				number,
				content_hash: v.content_hash,
				changelog_hash: v.changelog_hash,
				published_at: v.published_at,
				contributors: v.contributors.into_inner(),
			})
			.collect::<Vec<_>>();
		versions.sort_by_key(|v| v.number);
		Some(ModelSummary {
			id: model,
			owner: info.owner,
			content_hash: info.content_hash,
			name: info.metadata.name.into_inner(),
			uri: info.metadata.uri.into_inner(),
			status: info.status,
			share_supply: info.share_supply,
			terms: info.terms,
			parents: info
				.parents
				.iter()
				.map(|e| ParentLink { model: e.model, relation: e.relation, royalty: e.royalty })
				.collect(),
			datasets: info.datasets.into_inner(),
			depth: info.depth,
			versions,
			upheld_incidents: info.upheld_incidents,
			ancestor_flagged: Self::lineage(model).iter().any(|e| e.parent_flagged),
			flagged: info.flag.is_some(),
			flagged_version: info.flag.and_then(|f| f.version),
			open_incidents: info.open_incidents,
			accountability_bond: info.bond,
			revenue_received: info.vault.received,
			revenue_claimed: info.vault.claimed,
		})
	}

	/// One page of an account index: at most `limit` (≤ 100) ids after `start_after`, in
	/// the index's storage order (stable, not numeric), and the cursor of the next page.
	fn page_ids<M>(
		who: &T::AccountId,
		start_after: Option<ModelId>,
		limit: u32,
	) -> (Vec<ModelId>, Option<ModelId>)
	where
		M: IterableStorageDoubleMap<T::AccountId, ModelId, ()>
			+ StorageDoubleMap<T::AccountId, ModelId, ()>,
	{
		let limit = limit.clamp(1, MAX_PAGE) as usize;
		let iter = match start_after {
			Some(id) => M::iter_key_prefix_from(who, M::hashed_key_for(who, id)),
			None => M::iter_key_prefix(who),
		};
		let mut ids: Vec<ModelId> = iter.take(limit.saturating_add(1)).collect();
		let next = if ids.len() > limit {
			ids.truncate(limit);
			ids.last().copied()
		} else {
			None
		};
		(ids, next)
	}

	/// One page of the models `filter`'s account owns or holds shares of.
	pub fn list_models(
		filter: ModelFilter<T::AccountId>,
		start_after: Option<ModelId>,
		limit: u32,
	) -> Page<ModelSummary<T::AccountId>> {
		let (ids, next) = match filter {
			ModelFilter::Owner(who) => Self::page_ids::<OwnedModels<T>>(&who, start_after, limit),
			ModelFilter::Holder(who) => Self::page_ids::<HeldModels<T>>(&who, start_after, limit),
		};
		Page { items: ids.into_iter().filter_map(Self::model_summary).collect(), next }
	}

	/// One page of the licences `who` holds.
	pub fn licenses(
		who: T::AccountId,
		start_after: Option<ModelId>,
		limit: u32,
	) -> Page<LicenseEntry> {
		let (ids, next) = Self::page_ids::<LicensedModels<T>>(&who, start_after, limit);
		let items = ids
			.into_iter()
			.map(|model| {
				let status = match (Models::<T>::get(model), Licenses::<T>::get(model, &who)) {
					(None, _) => LicenseStatus::UnknownModel,
					(Some(info), _) if info.terms.kind == LicenseKind::Free => LicenseStatus::Free,
					(Some(_), None) => LicenseStatus::None,
					(Some(_), Some(license)) => Self::status_of(&license),
				};
				LicenseEntry { model, status }
			})
			.collect();
		Page { items, next }
	}
}
