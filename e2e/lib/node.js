// Starts the real modelchain-node binary on free local ports and stops it again.
//
// Every test that needs a chain calls `startNode()` and registers `node.stop()` with the
// test's `after` hook; `stop()` sends SIGTERM, waits, then SIGKILLs, so no node outlives a
// test run, failures included. A process-exit hook reaps anything still running.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/** Where the release binary is: $MODELCHAIN_NODE, else $CARGO_TARGET_DIR, else ./target. */
export function nodeBinary() {
  if (process.env.MODELCHAIN_NODE) return process.env.MODELCHAIN_NODE;
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(repoRoot, 'target');
  const bin = path.join(targetDir, 'release', 'modelchain-node');
  if (!existsSync(bin)) {
    throw new Error(`modelchain-node not found at ${bin}; build it with cargo build --release -p modelchain-node`);
  }
  return bin;
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
// The test runner stops a timed-out test file with a signal; take the nodes down with it.
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => { killAll(); process.exit(128 + 15); });
}

/**
 * Spawns the binary with exactly `args`, tracked so that it dies with the test run.
 * Returns { child, logs(), exited: Promise<{code, signal}> }.
 */
export function spawnTracked(args) {
  const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let log = '';
  const append = (d) => { log += d; if (log.length > 2_000_000) log = log.slice(-1_000_000); };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise((resolve) => {
    // 'close', not 'exit': it comes once stdout and stderr are drained, so `logs()` then
    // holds the node's last lines.
    child.on('close', (code, signal) => { running.delete(child); resolve({ code, signal }); });
  });
  return { child, logs: () => log, exited };
}

/** Runs the binary to completion (for CLI error tests). Resolves {code, stdout, stderr}. */
export function runBinary(args, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`modelchain-node ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Starts `modelchain-node --dev --tmp` (plus `extraArgs`) on free ports and connects
 * @polkadot/api to it. Returns { api, wsUrl, rpcPort, logs(), stop() }. Tests feed their
 * own prices, so the dev chain's demo prices are off unless `demoPrices` is set.
 */
export async function startNode(extraArgs = [], { readyTimeoutMs = 120_000, demoPrices = false } = {}) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const args = [
    '--dev', '--tmp',
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    ...(demoPrices ? [] : ['--no-demo-prices']),
    ...extraArgs,
  ];
  const { child, logs, exited: exitPromise } = spawnTracked(args);
  let exited = null;
  exitPromise.then((e) => { exited = e; });

  const wsUrl = `ws://127.0.0.1:${rpcPort}`;
  let api;
  const stop = async () => {
    if (api) {
      try { await api.disconnect(); } catch { /* ignore */ }
    }
    if (exited) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const result = await exitPromise;
    clearTimeout(timer);
    return result;
  };

  try {
    const deadline = Date.now() + readyTimeoutMs;
    // Wait for the RPC server to accept a call before handing out an API object.
    for (;;) {
      if (exited) throw new Error(`modelchain-node exited early (${JSON.stringify(exited)}):\n${logs().slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`RPC at ${wsUrl} not ready in ${readyTimeoutMs} ms:\n${logs().slice(-4000)}`);
      if (await rpcReady(rpcPort)) break;
      await sleep(250);
    }
    const provider = new WsProvider(wsUrl, false);
    await provider.connect();
    api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
  } catch (e) {
    await stop();
    throw e;
  }
  return { api, wsUrl, rpcPort, logs, stop, process: child, exited: exitPromise };
}

/** Sends one raw JSON-RPC request over HTTP (the RPC server serves HTTP and WS on one port). */
export async function rawRpc(port, method, params) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}

async function rpcReady(port) {
  try {
    const body = await rawRpc(port, 'system_health', []);
    return body && body.result !== undefined;
  } catch {
    return false;
  }
}

let keyring;
/** The dev chain's well-known sr25519 accounts, //Alice to //Ferdie. */
export async function devAccounts() {
  await cryptoWaitReady();
  keyring ??= new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie']
    .map((u) => keyring.addFromUri(u));
  return { alice, bob, charlie, dave, eve, ferdie };
}

/** A pallet's account: `PalletId::into_account_truncating`, "modl" ++ the pallet id
 * (`api.consts.<pallet>.palletId`), zero-padded to 32 bytes. */
export function palletAccount(api, palletId) {
  const bytes = new Uint8Array(32);
  bytes.set(new TextEncoder().encode('modl'), 0);
  bytes.set(palletId.toU8a(), 4);
  return api.createType('AccountId', bytes).toString();
}

/** The chain DAO's treasury. */
export const treasuryOf = (api) => palletAccount(api, api.consts.dao.palletId);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits (up to `timeoutMs`) until the node's pool holds a transaction someone else
 * submitted (a page, PAPI), so that a manual seal includes it; returns the pending list.
 */
export async function waitForPool(node, timeoutMs = 30_000) {
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    const pending = (await rawRpc(node.rpcPort, 'author_pendingExtrinsics', [])).result;
    if (pending.length > 0) return pending;
    await sleep(100);
  }
  throw new Error(`nothing reached the pool within ${timeoutMs} ms`);
}

/** Resolves with the first finalized header whose number is >= n, or rejects after timeoutMs. */
export function waitForFinalized(api, n, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    let unsub;
    const timer = setTimeout(() => { if (unsub) unsub(); reject(new Error(`block #${n} not finalized in ${timeoutMs} ms`)); }, timeoutMs);
    api.rpc.chain.subscribeFinalizedHeads((header) => {
      if (header.number.toNumber() >= n) {
        clearTimeout(timer);
        if (unsub) unsub();
        resolve(header);
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Signs and sends `tx`, resolving when it is in a block (or final): { blockHash, events, ms } where `ms`
 * is the time from submission to inclusion. Rejects on a dispatch error.
 */
export function sendAndWaitInBlock(api, tx, signer) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let unsub;
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        if (unsub) unsub();
        let msg = dispatchError.toString();
        if (dispatchError.isModule) {
          const meta = api.registry.findMetaError(dispatchError.asModule);
          msg = `${meta.section}.${meta.name}`;
        }
        reject(new Error(`dispatch failed: ${msg}`));
        return;
      }
      // Under instant sealing the block is final at once, and the pool may report
      // `Finalized` without an `InBlock` first.
      if (status.isInBlock || status.isFinalized) {
        if (unsub) unsub();
        const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
        resolve({ blockHash, events, ms: Date.now() - started });
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Helpers for a node started with `--sealing manual`:
 * - `seal()` makes one block with whatever is in the pool and returns its hash;
 * - `submit(tx, signer)` signs and submits `tx`, seals a block, and returns
 *   `{ events, error, blockHash }`: the tx's events there and its error as
 *   `section.Name` (or `null`).
 */
export function manualSealing(node) {
  const { api } = node;
  async function seal() {
    const answer = await rawRpc(node.rpcPort, 'engine_createBlock', [true, true, null]);
    if (answer.error) throw new Error(`engine_createBlock: ${JSON.stringify(answer.error)}`);
    return answer.result.hash;
  }
  async function submit(tx, signer) {
    await tx.signAsync(signer, { nonce: -1 });
    const txHash = await api.rpc.author.submitExtrinsic(tx);
    const blockHash = await seal();
    const block = await api.rpc.chain.getBlock(blockHash);
    const index = block.block.extrinsics.findIndex((x) => x.hash.eq(txHash));
    if (index < 0) throw new Error('transaction not included in the sealed block');
    const events = (await api.query.system.events.at(blockHash))
      .filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index));
    const failed = events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
    if (failed) {
      const err = failed.event.data.dispatchError;
      const error = err.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(err.asModule)) : err.toString();
      return { events, error, blockHash };
    }
    return { events, error: null, blockHash };
  }
  return { seal, submit };
}
