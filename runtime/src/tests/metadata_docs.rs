//! Metadata a user can read: Polkadot.js Apps and every wallet render calls, events,
//! errors, storage items and constants from the runtime's metadata, with the doc comments
//! as their only explanation. Every one of our own pallets' items must carry one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::Runtime;
use frame_metadata::{v14::RuntimeMetadataV14, RuntimeMetadata};
use scale_info::{form::PortableForm, TypeDef};

/// Our pallets, by their name in `construct_runtime!`.
const OURS: [&str; 5] = ["Oracle", "Models", "Dao", "Lending", "Rwa"];

/// `kind name` of every variant of enum type `ty` without a doc comment.
fn undocumented_variants(meta: &RuntimeMetadataV14, ty: u32, kind: &str, out: &mut Vec<String>) {
	let ty = meta.types.resolve(ty).expect("the type is in the registry");
	let TypeDef::<PortableForm>::Variant(variants) = &ty.type_def else {
		out.push(format!("{kind} type is not an enum"));
		return;
	};
	for v in &variants.variants {
		if v.docs.iter().all(|line| line.trim().is_empty()) {
			out.push(format!("{kind} {}", v.name));
		}
	}
}

#[test]
fn every_call_event_error_storage_item_and_constant_of_our_pallets_is_documented() {
	let RuntimeMetadata::V14(meta) = Runtime::metadata().1 else {
		panic!("the default metadata is v14");
	};
	let mut missing = Vec::new();
	let mut seen = 0;
	for pallet in meta.pallets.iter().filter(|p| OURS.contains(&p.name.as_str())) {
		seen += 1;
		let mut gaps = Vec::new();
		if let Some(calls) = &pallet.calls {
			undocumented_variants(&meta, calls.ty.id, "call", &mut gaps);
		}
		if let Some(event) = &pallet.event {
			undocumented_variants(&meta, event.ty.id, "event", &mut gaps);
		}
		if let Some(error) = &pallet.error {
			undocumented_variants(&meta, error.ty.id, "error", &mut gaps);
		}
		for entry in pallet.storage.iter().flat_map(|s| s.entries.iter()) {
			if entry.docs.iter().all(|line| line.trim().is_empty()) {
				gaps.push(format!("storage {}", entry.name));
			}
		}
		for constant in &pallet.constants {
			if constant.docs.iter().all(|line| line.trim().is_empty()) {
				gaps.push(format!("constant {}", constant.name));
			}
		}
		missing.extend(gaps.into_iter().map(|gap| format!("{}: {gap}", pallet.name)));
	}
	assert_eq!(seen, OURS.len(), "every pallet of ours is in the metadata");
	assert!(missing.is_empty(), "items without a doc comment:\n{}", missing.join("\n"));
}
