// Starts the one modelchain-node the run measures: a dev chain with manual sealing in a
// fresh base path (kept afterwards, so that `benchmark block` can re-execute the measured
// blocks), its output in <base>/node.log. The node dies with this process unless --keep.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, statSync, readSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** $MODELCHAIN_NODE, else the release build in $CARGO_TARGET_DIR (default: the repo's target/). */
export function nodeBinary() {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(repoRoot, 'target');
  const bin = process.env.MODELCHAIN_NODE || path.join(targetDir, 'release', 'modelchain-node');
  if (!existsSync(bin)) {
    throw new Error(`modelchain-node not found at ${bin}: set MODELCHAIN_NODE or build it (cargo build --release -p modelchain-node)`);
  }
  return bin;
}

/** A TCP port that nobody listens on right now. */
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function httpRpc(port, method, params = []) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(5_000),
  });
  return res.json();
}

/**
 * The node's flags. Beyond the brief's list: archive state (a later `benchmark block` needs
 * the parent state of every measured block, and pruning keeps only 256 finalized ones),
 * larger RPC payloads (a full block, its events and the pool's contents as one answer) and a
 * deeper per-connection message buffer (pipelined submissions).
 */
export function nodeArgs({ basePath, rpcPort, p2pPort, connections = 16 }) {
  return [
    '--dev',
    '--base-path', basePath,
    '--sealing', 'manual',
    '--no-demo-prices',
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    '--no-prometheus', '--no-telemetry', '--no-mdns',
    '--pool-limit', '100000',
    '--pool-kbytes', '1000000',
    // The submission connections, the API's and the control connection, with room to spare.
    '--rpc-max-connections', String(Math.max(1000, connections + 16)),
    '--rpc-max-request-size', '64',
    '--rpc-max-response-size', '256',
    '--rpc-message-buffer-capacity-per-connection', '4096',
    '--state-pruning', 'archive',
  ];
}

/**
 * Spawns the node and waits until its RPC answers. Returns
 * { wsUrl, rpcPort, basePath, logPath, pid, args, logSince(offset), logSize(), stop(), exited }.
 */
export async function startNode({ keep = false, connections = 16, readyTimeoutMs = 120_000, log = console.log } = {}) {
  const bin = nodeBinary();
  const basePath = mkdtempSync(path.join(os.tmpdir(), 'modelchain-bench-'));
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const args = nodeArgs({ basePath, rpcPort, p2pPort, connections });
  const logPath = path.join(basePath, 'node.log');
  const logFd = openSync(logPath, 'a');
  // With --keep the node must outlive us: its own process group, output to a file (a pipe
  // would break when we exit), and not waited for.
  const child = spawn(bin, args, { stdio: ['ignore', logFd, logFd], detached: keep });
  closeSync(logFd);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited); });
    child.on('error', (err) => { exited = { error: err.message }; resolve(exited); });
  });
  if (keep) child.unref();

  const logTail = (n = 4000) => {
    try {
      const text = readFileSync(logPath, 'utf8');
      return text.slice(-n);
    } catch { return ''; }
  };

  let stopped = false;
  const stop = async () => {
    if (stopped || exited) return exited;
    stopped = true;
    try { child.kill('SIGTERM'); } catch { /* gone */ }
    const timer = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, 10_000);
    const result = await exitedPromise;
    clearTimeout(timer);
    return result;
  };
  // Synchronous last resort for process exit (normal or not).
  const killNow = () => {
    if (!exited && !keep) { try { child.kill('SIGKILL'); } catch { /* gone */ } }
  };

  log(`node: ${bin}`);
  log(`node: base path ${basePath} (log ${logPath})`);
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`modelchain-node exited early (${JSON.stringify(exited)}):\n${logTail()}`);
    if (Date.now() > deadline) {
      killNow();
      throw new Error(`node RPC on port ${rpcPort} not ready within ${readyTimeoutMs} ms:\n${logTail()}`);
    }
    try {
      const body = await httpRpc(rpcPort, 'system_health');
      if (body && body.result !== undefined) break;
    } catch { /* not yet */ }
    await sleep(250);
  }

  /** Bytes of the log so far (an offset for `logSince`). */
  const logSize = () => { try { return statSync(logPath).size; } catch { return 0; } };
  /** The log text written after `offset`. */
  const logSince = (offset) => {
    const size = logSize();
    if (size <= offset) return '';
    const fd = openSync(logPath, 'r');
    try {
      const buf = Buffer.alloc(size - offset);
      readSync(fd, buf, 0, buf.length, offset);
      return buf.toString('utf8');
    } finally { closeSync(fd); }
  };

  return {
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    rpcPort,
    basePath,
    logPath,
    pid: child.pid,
    args: [bin, ...args],
    logSince,
    logSize,
    logTail,
    stop,
    killNow,
    isRunning: () => !exited,
    exited: exitedPromise,
  };
}
