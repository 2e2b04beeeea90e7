//! Command-line interface: the standard Substrate `run` flags plus Modelchain's sealing mode.

/// How this node makes blocks.
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sealing {
	/// Aura slots every 6 seconds, finalised by GRANDPA. What a real network runs.
	#[default]
	Aura,
	/// A block as soon as a transaction enters the pool, finalised at once. For tests and
	/// dApp development on a single node.
	Instant,
	/// A block only when `engine_createBlock` is called over RPC (and finalisation through
	/// `engine_finalizeBlock` or the `finalize` flag). For deterministic tests.
	Manual,
}

/// Placeholder for `benchmark ...` in builds without benchmarking: accepts any arguments
/// and explains how to get a benchmarking build.
#[cfg(not(feature = "runtime-benchmarks"))]
#[derive(Debug, clap::Args)]
pub struct BenchmarkNotBuilt {
	/// Ignored.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true)]
	pub args: Vec<String>,
}

/// `modelchain-node run` flags.
#[derive(Debug, clap::Parser)]
pub struct RunCmd {
	#[allow(missing_docs)]
	#[clap(flatten)]
	pub base: sc_cli::RunCmd,

	/// Block production mode: `aura` (default; Aura + GRANDPA), `instant` or `manual`.
	/// `instant` and `manual` are single-node development modes.
	#[arg(long, value_enum, default_value_t = Sealing::Aura)]
	pub sealing: Sealing,

	/// HTTP(S) URL of a JSON price/metric source for the oracle's off-chain feeder. Stored in
	/// this node's off-chain storage; the feeder signs with the node's `orcl` key. See
	/// docs/pallets/oracle.md.
	#[arg(long, value_name = "URL", value_parser = parse_source_url)]
	pub oracle_source_url: Option<String>,

	/// On the dev chain (`--dev`) with Aura sealing and no `--oracle-source-url`, the node
	/// serves the dev preset's prices (MDL $1, USDM $1, gold $2,000 an ounce) to its own
	/// off-chain feeder, so they never go stale. This turns that off, for tests that feed
	/// prices themselves.
	#[arg(long)]
	pub no_demo_prices: bool,
}

fn parse_source_url(s: &str) -> Result<String, String> {
	if s.starts_with("http://") || s.starts_with("https://") {
		Ok(s.to_string())
	} else {
		Err(format!("`{s}` is not an http:// or https:// URL"))
	}
}

/// The Modelchain node's command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[allow(missing_docs)]
	#[clap(flatten)]
	pub run: RunCmd,
}

/// Subcommands besides running the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (zombienet uses this).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a chain, without starting a node.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime and machine benchmarks: `benchmark pallet`, `overhead`, `extrinsic`, `storage`,
	/// `block`, `machine`.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Runtime and machine benchmarks. Not in this build: rebuild the node with
	/// `cargo build --release -p modelchain-node --features runtime-benchmarks`.
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark(BenchmarkNotBuilt),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Rehearse a runtime upgrade on this node's database: run a try-runtime build's
	/// migrations and checks on the best block's state, writing nothing
	/// (`scripts/try-upgrade.sh`).
	TryUpgrade(crate::try_upgrade::TryUpgradeCmd),
}
