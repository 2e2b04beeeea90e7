//! Unit tests of the validator-set pallet, one file per concern.

#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::panic
)]

mod keys;
mod membership;
mod planning;

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

fn events() -> Vec<Event<Test>> {
	frame_system::Pallet::<Test>::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::ValidatorSet(e) = r.event { Some(e) } else { None })
		.collect()
}

fn set() -> Vec<u64> {
	crate::Validators::<Test>::get().into_inner()
}
