//! Benchmarks of the lending pallet.
