// A multi-validator Modelchain network run straight from the release binary, for the
// resilience scenarios: a `--chain local` spec whose genesis validators are the first N
// well-known dev accounts, one base path per node (kept across restarts), fixed node keys,
// and Alice as the boot node.
//
// Authorities come from sessions: the spec lists each genesis validator in `session.keys`
// (its sr25519 Aura key and ed25519 GRANDPA key) and in `validatorSet.validators`, and leaves
// Aura's and GRANDPA's own genesis lists empty (pallet-session fills them at genesis). Extra
// validator nodes (`extraNodes`) start outside that set, with no keys, for scenarios that
// add them by governance.

import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { freePort, rawRpc, runBinary, sleep, spawnTracked } from './node.js';

export const VALIDATOR_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

const capitalised = (name) => name[0].toUpperCase() + name.slice(1);
const publicHex = (address) => Buffer.from(decodeAddress(address)).toString('hex');

/**
 * Merges `patch` into `target`: objects key by key, anything else (arrays included)
 * replaces, as a JSON merge patch does.
 */
function deepMerge(target, patch) {
  for (const [key, value] of Object.entries(patch)) {
    const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
    if (isObject(value) && isObject(target[key])) deepMerge(target[key], value);
    else target[key] = value;
  }
  return target;
}

/** JSON with BigInts written as plain numbers (balances above 2^53 stay exact). */
function toJson(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `__bigint__${v}` : v), 2)
    .replace(/"__bigint__(\d+)"/g, '$1');
}

/**
 * The `--chain local` spec with the first `count` dev accounts as the genesis validators,
 * then `patch` merged into `genesis.runtimeGenesis.patch`.
 */
async function chainSpec(count, dir, patch) {
  await cryptoWaitReady();
  const { code, stdout, stderr } = await runBinary(['build-spec', '--chain', 'local', '--disable-default-bootnode']);
  if (code !== 0) throw new Error(`build-spec failed: ${stderr}`);
  const spec = JSON.parse(stdout);
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  // The validator-set pallet keeps its set sorted by account; list it (and the session
  // keys, so that both agree) in that order.
  const validators = VALIDATOR_NAMES.slice(0, count).map(capitalised)
    .map((n) => ({ account: sr.addFromUri(`//${n}`).address, grandpa: ed.addFromUri(`//${n}`).address }))
    .sort((a, b) => publicHex(a.account).localeCompare(publicHex(b.account)));
  const genesis = spec.genesis.runtimeGenesis.patch;
  // pallet-session initialises Aura and GRANDPA from `session.keys`; both panic at genesis
  // if they already have authorities.
  for (const pallet of ['aura', 'grandpa']) if (genesis[pallet]) genesis[pallet].authorities = [];
  genesis.session = {
    ...genesis.session,
    keys: validators.map(({ account, grandpa }) => [account, account, { aura: account, grandpa }]),
  };
  genesis.validatorSet = { ...genesis.validatorSet, validators: validators.map((v) => v.account) };
  // The preset's floor (2 on `local`) must not exceed a smaller set.
  if (genesis.validatorSet.minValidators > count) genesis.validatorSet.minValidators = count;
  deepMerge(genesis, patch);
  const file = path.join(dir, `local-${count}.json`);
  writeFileSync(file, toJson(spec));
  return file;
}

/** The peer id of node key `hex`, as the binary derives it. */
async function peerIdOf(keyFile) {
  const { code, stdout, stderr } = await runBinary(['key', 'inspect-node-key', '--file', keyFile]);
  if (code !== 0) throw new Error(`inspect-node-key failed: ${stderr}`);
  return stdout.trim();
}

/**
 * Starts `count` genesis validators (alice, bob, ... in VALIDATOR_NAMES order) and the
 * `extraNodes` (later names from VALIDATOR_NAMES, e.g. ['dave'] with count 3): validator
 * nodes that are not in the genesis set and hold no keys until they call
 * `author_rotateKeysWithOwner`. `patch` is merged into the spec's genesis patch (e.g.
 * `{ validatorSet: { sessionPeriod: 10 } }`; BigInts are written as JSON numbers).
 *
 * Returns the nodes (by name) and helpers to kill, restart and query them, to connect
 * @polkadot/api to one, and `stop()` to take everything down and delete the data.
 */
export async function startNetwork(count, { extraNodes = [], patch = {} } = {}) {
  const genesisNames = VALIDATOR_NAMES.slice(0, count);
  for (const name of extraNodes) {
    if (!VALIDATOR_NAMES.includes(name) || genesisNames.includes(name)) {
      throw new Error(`extra node ${name} must be one of ${VALIDATOR_NAMES.slice(count).join(', ')}`);
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'modelchain-net-'));
  const specFile = await chainSpec(count, dir, patch);
  const validators = {};
  for (const name of [...genesisNames, ...extraNodes]) {
    const keyFile = path.join(dir, `${name}.key`);
    // Node keys by position in VALIDATOR_NAMES, so that a node keeps its peer id whether
    // it is a genesis validator or an extra one.
    writeFileSync(keyFile, (VALIDATOR_NAMES.indexOf(name) + 1).toString(16).padStart(64, '0'));
    validators[name] = {
      name,
      extra: extraNodes.includes(name),
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
    // A genesis validator runs as `--alice` etc., which puts that dev account's keys in its
    // keystore. An extra node must not (`--dave` would insert //Dave's keys): it authors
    // only with keys it generates itself through `author_rotateKeysWithOwner`, an unsafe
    // RPC method, and `--validator` runs its Aura and GRANDPA workers.
    const identity = v.extra ? ['--validator', '--name', name, '--rpc-methods', 'unsafe'] : [`--${name}`];
    const args = [
      '--chain', specFile, ...identity, '--base-path', v.basePath,
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

  /** The last `chars` characters of `name`'s log, for failure messages. */
  const logTail = (name, chars = 3000) => {
    const proc = validators[name].proc;
    return proc ? `--- ${name} log tail ---\n${proc.logs().slice(-chars)}` : `--- ${name}: not started ---`;
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
        throw new Error(`${name}: ${what} not reached in ${timeoutMs} ms; last ${JSON.stringify(last)}\n${logTail(name)}`);
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

  const apis = [];
  /** @polkadot/api connected to `name` (disconnected by `stop()`). */
  const connect = async (name) => {
    const provider = new WsProvider(`ws://127.0.0.1:${validators[name].rpcPort}`, false);
    await provider.connect();
    const api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    apis.push(api);
    return api;
  };

  const stop = async () => {
    for (const api of apis) {
      try { await api.disconnect(); } catch { /* node gone */ }
    }
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
  return {
    validators, start, kill, status, waitFor, hashAt, rpc, connect, logTail, stop, specFile,
    names: Object.keys(validators), genesisNames,
  };
}
