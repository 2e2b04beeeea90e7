//! The dev chain's demo price source. On `--dev` with Aura sealing, unless the operator
//! names a source (`--oracle-source-url`) or turns it off (`--no-demo-prices`), the node
//! serves the dev preset's prices from a small HTTP server on a free local port, and the
//! oracle's off-chain feeder (Alice's `orcl` key, one feed per block) reads it like any
//! source. A dev chain's prices then never go stale: a user who opens Apps can borrow at
//! once, with no price feeding by hand.
//!
//! Only `--dev`: every other chain's prices come from its feeders' own sources. Not with
//! `instant` sealing (each feed would seal a block, which would feed again) nor `manual`
//! (tests that seal by hand feed prices themselves).

use crate::cli::Sealing;
use sc_service::Configuration;
use std::{
	io::{Read, Write},
	net::TcpListener,
	time::Duration,
};

/// The dev chain spec's id (`chain_spec::development_chain_spec`).
const DEV_CHAIN_ID: &str = "modelchain_dev";

/// The dev preset's prices, in dollars, by oracle key: MDL (0), USDM (1) and gold (2, the
/// XAU feed: dollars per troy ounce).
pub const DEMO_PRICES: &str = r#"{"prices":{"0":"1","1":"1","2":"2000"}}"#;

/// Whether this node runs the dev chain's demo: prices (here) and content (`demo_seed`).
pub fn demo_enabled(
	config: &Configuration,
	sealing: Sealing,
	source_url: &Option<String>,
	no_demo_prices: bool,
) -> bool {
	source_url.is_none()
		&& !no_demo_prices
		&& sealing == Sealing::Aura
		&& config.chain_spec.id() == DEV_CHAIN_ID
		&& config.dev_key_seed.is_some()
}

/// The source the oracle's off-chain feeder should read: the operator's, else the demo
/// server (started here) when the demo runs, else none.
pub fn source_for(source_url: Option<String>, demo: bool) -> std::io::Result<Option<String>> {
	if !demo {
		return Ok(source_url);
	}
	let url = start()?;
	log::info!("Demo prices for the dev chain at {url} (turn off with --no-demo-prices)");
	Ok(Some(url))
}

/// Starts the demo server on a free local port, in a thread of its own for the life of the
/// process; returns its URL.
fn start() -> std::io::Result<String> {
	let listener = TcpListener::bind("127.0.0.1:0")?;
	let url = format!("http://{}/prices.json", listener.local_addr()?);
	let response = format!(
		"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
		 Connection: close\r\n\r\n{DEMO_PRICES}",
		DEMO_PRICES.len()
	);
	std::thread::Builder::new().name("demo-prices".into()).spawn(move || {
		for stream in listener.incoming() {
			let Ok(mut stream) = stream else { continue };
			let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
			// The request's content doesn't matter: every path answers the same.
			let mut request = [0u8; 2048];
			let _ = stream.read(&mut request);
			let _ = stream.write_all(response.as_bytes());
		}
	})?;
	Ok(url)
}

#[cfg(test)]
mod tests {
	#![allow(clippy::unwrap_used, clippy::expect_used)]

	use super::*;

	#[test]
	fn the_demo_server_answers_the_dev_presets_prices_as_json() {
		let url = start().unwrap();
		let addr = url.trim_start_matches("http://").trim_end_matches("/prices.json").to_string();
		let mut stream = std::net::TcpStream::connect(addr).unwrap();
		stream.write_all(b"GET /prices.json HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
		let mut answer = String::new();
		stream.read_to_string(&mut answer).unwrap();
		assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
		let body = answer.split("\r\n\r\n").nth(1).unwrap();
		let json: serde_json::Value = serde_json::from_str(body).unwrap();
		assert_eq!(json["prices"]["0"], "1");
		assert_eq!(json["prices"]["1"], "1");
		assert_eq!(json["prices"]["2"], "2000");
	}
}
