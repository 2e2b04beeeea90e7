//! The Modelchain node binary.

#![warn(missing_docs)]
// sc-cli and sc-service errors are large by design; boxing them at every call buys nothing.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod chain_spec;
mod cli;
mod command;
mod dao_rpc;
mod demo_prices;
mod demo_seed;
mod lending_rpc;
mod models_rpc;
mod oracle_rpc;
mod rpc;
mod service;
mod signing;
mod try_upgrade;

fn main() -> sc_cli::Result<()> {
	command::run()
}
