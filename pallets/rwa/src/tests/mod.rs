//! Unit tests of the real-world-asset pallet, split like the pallet.

mod issuance;
