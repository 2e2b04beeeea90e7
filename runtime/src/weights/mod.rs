//! Weights measured on this runtime for upstream pallets whose own defaults we don't use
//! (`bash scripts/benchmark.sh dex` regenerates them).

pub mod pallet_asset_conversion;
