// A multi-validator Modelchain network run straight from the release binary, for the
// resilience scenarios: a chain spec whose Aura and GRANDPA authorities are the first N
// well-known dev accounts, one base path per validator (kept across restarts), fixed node
// keys, and Alice as the boot node.

import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { freePort, rawRpc, runBinary, sleep, spawnTracked } from './node.js';

export const VALIDATOR_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

const capitalised = (name) => name[0].toUpperCase() + name.slice(1);

/** The `--chain local` spec with the first `count` dev accounts as authorities. */
async function chainSpec(count, dir) {
  await cryptoWaitReady();
  const { code, stdout, stderr } = await runBinary(['build-spec', '--chain', 'local', '--disable-default-bootnode']);
  if (code !== 0) throw new Error(`build-spec failed: ${stderr}`);
  const spec = JSON.parse(stdout);
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const names = VALIDATOR_NAMES.slice(0, count).map(capitalised);
  const patch = spec.genesis.runtimeGenesis.patch;
  patch.aura.authorities = names.map((n) => sr.addFromUri(`//${n}`).address);
  patch.grandpa.authorities = names.map((n) => [ed.addFromUri(`//${n}`).address, 1]);
  const file = path.join(dir, `local-${count}.json`);
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

/** The peer id of node key `hex`, as the binary derives it. */
async function peerIdOf(keyFile) {
  const { code, stdout, stderr } = await runBinary(['key', 'inspect-node-key', '--file', keyFile]);
  if (code !== 0) throw new Error(`inspect-node-key failed: ${stderr}`);
  return stdout.trim();
}

/**
 * Starts `count` validators. Returns an object with the validators (by name) and helpers to
 * kill, restart and query them, and `stop()` to take everything down and delete the data.
 */
export async function startNetwork(count) {
  const dir = mkdtempSync(path.join(tmpdir(), 'modelchain-net-'));
  const specFile = await chainSpec(count, dir);
  const validators = {};
  for (const [i, name] of VALIDATOR_NAMES.slice(0, count).entries()) {
    const keyFile = path.join(dir, `${name}.key`);
    writeFileSync(keyFile, (i + 1).toString(16).padStart(64, '0'));
    validators[name] = {
      name,
      keyFile,
      basePath: path.join(dir, name),
      p2pPort: await freePort(),
      rpcPort: await freePort(),
      peerId: await peerIdOf(keyFile),
      proc: null,
      starts: 0,
    };
  }
  const boot = validators.alice;
  const bootnode = `/ip4/127.0.0.1/tcp/${boot.p2pPort}/p2p/${boot.peerId}`;

  const start = (name) => {
    const v = validators[name];
    const args = [
      '--chain', specFile, `--${name}`, '--base-path', v.basePath,
      '--node-key-file', v.keyFile, '--rpc-port', String(v.rpcPort),
      '--no-prometheus', '--no-telemetry', '--no-mdns', '--listen-addr', `/ip4/127.0.0.1/tcp/${v.p2pPort}`,
    ];
    if (name !== 'alice') args.push('--bootnodes', bootnode);
    v.proc = spawnTracked(args);
    v.starts += 1;
    return v;
  };

  const rpc = async (name, method, params = []) => {
    const answer = await rawRpc(validators[name].rpcPort, method, params);
    if (answer.error) throw new Error(`${name} ${method}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  };

  const status = async (name) => {
    const best = parseInt((await rpc(name, 'chain_getHeader')).number, 16);
    const finalizedHash = await rpc(name, 'chain_getFinalizedHead');
    const finalized = parseInt((await rpc(name, 'chain_getHeader', [finalizedHash])).number, 16);
    const peers = (await rpc(name, 'system_health')).peers;
    return { best, finalized, finalizedHash, peers };
  };

  /** Polls until `predicate(status)` holds for `name`, or throws after `timeoutMs`. */
  const waitFor = async (name, predicate, what, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    for (;;) {
      try {
        last = await status(name);
        if (predicate(last)) return last;
      } catch { /* RPC not up yet */ }
      if (Date.now() > deadline) {
        throw new Error(`${name}: ${what} not reached in ${timeoutMs} ms; last ${JSON.stringify(last)}\n` +
          `${validators[name].proc.logs().slice(-3000)}`);
      }
      await sleep(1000);
    }
  };

  const kill = async (name) => {
    const v = validators[name];
    v.proc.child.kill('SIGKILL');
    await v.proc.exited;
  };

  /** Hash of block `n` on `name`'s chain. */
  const hashAt = (name, n) => rpc(name, 'chain_getBlockHash', [n]);

  const stop = async () => {
    for (const v of Object.values(validators)) {
      if (v.proc && v.proc.child.exitCode === null && v.proc.child.signalCode === null) {
        v.proc.child.kill('SIGTERM');
        const timer = setTimeout(() => v.proc.child.kill('SIGKILL'), 10_000);
        await v.proc.exited;
        clearTimeout(timer);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  for (const name of Object.keys(validators)) start(name);
  return { validators, start, kill, status, waitFor, hashAt, rpc, stop, names: Object.keys(validators) };
}
