// Launching a testnet exactly as docs/running-a-node.md says ("Launching a testnet", "Joining
// the Modelchain testnet as a validator"), with the node's own commands:
//
// 1. The unedited `testnet` preset builds as a plain spec, has no validators, no sudo key and
//    no dev accounts, and refuses to become raw (`build-spec --chain testnet --raw` fails).
// 2. Two operators each make an account and Aura key (`key generate --scheme sr25519`), the
//    GRANDPA key from the same phrase (`key inspect --scheme ed25519`) and a node key
//    (`key generate-node-key --file`, `key inspect-node-key --file` for its peer id).
//    `scripts/testnet-spec.sh` turns an input file with them, two endowments and the first
//    node as boot node into a raw spec: protocol id `modelchain-testnet`, id
//    `modelchain_testnet`, MDL/12/42, the boot node, and no dev key in its genesis state.
// 3. Both validators insert their keys (`key insert`) and start from the raw spec; the second
//    finds the first through the spec's boot node alone. They peer, and both finalise
//    block 3 with the same hash. Genesis holds what the input said (the validator set,
//    its floor, an endowment above 2^53 to the planck, the preset's own balances).
// 4. `author_rotateKeysWithOwner` (the joining step) answers keys and an ownership proof.
//
// Run: cd e2e && MODELCHAIN_NODE=... node --test tests/testnet-spec.test.js

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { freePort, nodeBinary, rawRpc, runBinary, sleep, spawnTracked } from '../lib/node.js';

const SUITE_TIMEOUT_MS = 240_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const SCRIPT = path.resolve(here, '..', '..', 'scripts', 'testnet-spec.sh');
// The preset's wasm: dev keys may sit in the runtime code itself (sp-keyring's constants),
// which is not genesis state, so the checks below look at everything else.
const CODE_KEY = '0x3a636f6465';
const ALICE = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const BOB = '8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48';
// More than 2^53 and not a double: the spec must carry it to the planck.
const ODD_ENDOWMENT = '123456789012345678901';
const ENDOWMENT = '1000000000000000'; // 1,000 MDL

/** Runs the binary and insists on exit code 0. */
async function run(args, timeoutMs = 180_000) {
  const result = await runBinary(args, { timeoutMs });
  assert.equal(result.code, 0, `modelchain-node ${args.join(' ')} exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  return result;
}

/** `bash scripts/testnet-spec.sh input out` with MODELCHAIN_NODE set to the binary under test. */
function testnetSpec(input, out) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT, input, out], {
      env: { ...process.env, MODELCHAIN_NODE: nodeBinary() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, log }); });
  });
}

const usedPorts = new Set();
/** A free local port that no other node of this test was given. */
async function distinctPort() {
  for (;;) {
    const port = await freePort();
    if (!usedPorts.has(port)) { usedPorts.add(port); return port; }
  }
}

/** The spec as text, with the runtime code left out. */
function withoutCode(spec) {
  const copy = structuredClone(spec);
  if (copy.genesis?.raw?.top) delete copy.genesis.raw.top[CODE_KEY];
  if (copy.genesis?.runtimeGenesis) delete copy.genesis.runtimeGenesis.code;
  return JSON.stringify(copy);
}

/**
 * The dev accounts' keys (//Alice to //Ferdie and their //stash, sr25519 and ed25519) as
 * they would appear in a spec: hex without 0x (raw storage) and SS58 (a plain spec's patch).
 */
async function devKeys() {
  await cryptoWaitReady();
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
  const keys = [];
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) {
    for (const uri of [`//${name}`, `//${name}//stash`]) {
      for (const ring of [sr, ed]) {
        const pair = ring.addFromUri(uri);
        keys.push(Buffer.from(pair.publicKey).toString('hex'), pair.address);
      }
    }
  }
  assert.ok(keys.includes(ALICE) && keys.includes(BOB), 'the keyring disagrees with the known dev keys');
  return keys;
}

describe('a testnet launched from the documented commands', { timeout: SUITE_TIMEOUT_MS }, () => {
  let dir;
  let plain;
  let rawFile;
  let raw;
  let api;
  const validators = [];

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'modelchain-testnet-'));
  });

  after(async () => {
    if (api) {
      try { await api.disconnect(); } catch { /* ignore */ }
    }
    await Promise.all(validators.filter((v) => v.proc).map(async ({ proc }) => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
      proc.child.kill('SIGTERM');
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
      await proc.exited;
      clearTimeout(timer);
    }));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the unedited preset has no validators, no sudo and no dev keys, and refuses to become raw', async () => {
    const { stdout } = await run(['build-spec', '--chain', 'testnet', '--disable-default-bootnode']);
    plain = JSON.parse(stdout);
    const patch = plain.genesis.runtimeGenesis.patch;
    assert.deepEqual(patch.session?.keys ?? [], [], 'the preset names session keys');
    assert.deepEqual(patch.validatorSet?.validators ?? [], [], 'the preset names validators');
    assert.ok(!patch.sudo?.key, `the preset has a sudo key: ${JSON.stringify(patch.sudo)}`);
    const text = withoutCode(plain);
    for (const key of await devKeys()) assert.ok(!text.includes(key), `dev key ${key} in the testnet preset`);

    const refused = await runBinary(['build-spec', '--chain', 'testnet', '--raw', '--disable-default-bootnode'],
      { timeoutMs: 180_000 });
    assert.notEqual(refused.code, 0, 'build-spec --chain testnet --raw succeeded without validators');
    assert.ok(!refused.stdout.includes('"raw"'), 'a raw spec was printed anyway');
  });

  it('scripts/testnet-spec.sh builds a raw spec from keys made with the key commands', async () => {
    for (let i = 0; i < 2; i += 1) {
      const account = JSON.parse((await run(['key', 'generate', '--scheme', 'sr25519', '--output-type', 'json'])).stdout);
      const phrase = account.secretPhrase;
      assert.ok(phrase && phrase.split(' ').length === 12, `no secret phrase in ${JSON.stringify(account)}`);
      const grandpa = JSON.parse((await run(['key', 'inspect', '--scheme', 'ed25519', '--output-type', 'json', phrase])).stdout);
      const keyFile = path.join(dir, `node-${i}.key`);
      const generated = await run(['key', 'generate-node-key', '--file', keyFile]);
      const peerId = (await run(['key', 'inspect-node-key', '--file', keyFile])).stdout.trim();
      assert.match(peerId, /^12D3KooW[1-9A-HJ-NP-Za-km-z]+$/);
      assert.ok(generated.stderr.includes(peerId), 'generate-node-key and inspect-node-key disagree on the peer id');
      validators.push({
        phrase,
        account: account.ss58Address,
        aura: account.ss58PublicKey,
        grandpa: grandpa.ss58PublicKey,
        accountHex: account.publicKey.replace(/^0x/, ''),
        grandpaHex: grandpa.publicKey.replace(/^0x/, ''),
        keyFile,
        peerId,
        basePath: path.join(dir, `validator-${i}`),
        p2pPort: await distinctPort(),
        rpcPort: await distinctPort(),
        proc: null,
      });
    }
    const [first, second] = validators;
    const bootnode = `/ip4/127.0.0.1/tcp/${first.p2pPort}/p2p/${first.peerId}`;
    const input = path.join(dir, 'testnet-input.json');
    writeFileSync(input, JSON.stringify({
      validators: validators.map(({ account, aura, grandpa }) => ({ account, aura, grandpa })),
      endowments: [[first.account, ODD_ENDOWMENT], [second.account, ENDOWMENT]],
      bootnodes: [bootnode],
    }, null, 2));

    rawFile = path.join(dir, 'testnet-raw.json');
    const built = await testnetSpec(input, rawFile);
    assert.equal(built.code, 0, `testnet-spec.sh failed:\n${built.log.slice(-4000)}`);
    raw = JSON.parse(readFileSync(rawFile, 'utf8'));

    assert.equal(raw.protocolId, 'modelchain-testnet');
    assert.equal(raw.id, 'modelchain_testnet');
    assert.deepEqual(raw.properties, { tokenSymbol: 'MDL', tokenDecimals: 12, ss58Format: 42 });
    assert.deepEqual(raw.bootNodes, [bootnode]);
    assert.ok(raw.genesis?.raw?.top?.[CODE_KEY], 'no genesis.raw with the runtime code');
    assert.equal(raw.genesis.runtimeGenesis, undefined, 'the spec is not raw');

    const text = withoutCode(raw);
    for (const key of await devKeys()) assert.ok(!text.includes(key), `dev key ${key} in the raw spec's genesis`);
    // The same search finds what should be there.
    for (const v of validators) {
      assert.ok(text.includes(v.accountHex), `validator ${v.account} not in the raw genesis`);
      assert.ok(text.includes(v.grandpaHex), `GRANDPA key ${v.grandpa} not in the raw genesis`);
    }
  });

  it('two validators started from the raw spec peer and finalise the same blocks', async () => {
    assert.ok(raw, 'no raw spec (the previous test failed)');
    for (const v of validators) {
      await run(['key', 'insert', '--base-path', v.basePath, '--chain', rawFile,
        '--scheme', 'sr25519', '--suri', v.phrase, '--key-type', 'aura']);
      await run(['key', 'insert', '--base-path', v.basePath, '--chain', rawFile,
        '--scheme', 'ed25519', '--suri', v.phrase, '--key-type', 'gran']);
      const keystore = path.join(v.basePath, 'chains', 'modelchain_testnet', 'keystore');
      assert.ok(existsSync(path.join(keystore, `61757261${v.accountHex}`)), `no aura key in ${keystore}`);
      assert.ok(existsSync(path.join(keystore, `6772616e${v.grandpaHex}`)), `no gran key in ${keystore}`);
    }
    // No --bootnodes: the second validator finds the first through the spec. (sc-cli's
    // `--port` conflicts with `--listen-addr`; the listen address carries the port.)
    for (const v of validators) {
      v.proc = spawnTracked([
        '--chain', rawFile, '--base-path', v.basePath, '--validator',
        '--node-key-file', v.keyFile, '--rpc-port', String(v.rpcPort),
        '--no-mdns', '--no-prometheus', '--no-telemetry',
        '--listen-addr', `/ip4/127.0.0.1/tcp/${v.p2pPort}`,
      ]);
    }

    const rpc = async (v, method, params = []) => {
      const answer = await rawRpc(v.rpcPort, method, params);
      if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
      return answer.result;
    };
    const status = async (v) => {
      const peers = (await rpc(v, 'system_health')).peers;
      const finalizedHash = await rpc(v, 'chain_getFinalizedHead');
      const finalized = parseInt((await rpc(v, 'chain_getHeader', [finalizedHash])).number, 16);
      return { peers, finalized };
    };
    const waitFor = async (what, predicate, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      let last = [];
      for (;;) {
        for (const v of validators) {
          if (v.proc.child.exitCode !== null || v.proc.child.signalCode !== null) {
            throw new Error(`validator on port ${v.p2pPort} exited:\n${v.proc.logs().slice(-4000)}`);
          }
        }
        try {
          last = await Promise.all(validators.map(status));
          if (last.every(predicate)) return last;
        } catch { /* RPC not up yet */ }
        if (Date.now() > deadline) {
          throw new Error(`${what} not reached in ${timeoutMs} ms; last ${JSON.stringify(last)}\n`
            + validators.map((v, i) => `--- validator ${i}:\n${v.proc.logs().slice(-3000)}`).join('\n'));
        }
        await sleep(1000);
      }
    };

    await waitFor('both validators peered', (s) => s.peers >= 1, 90_000);
    await waitFor('block 3 finalised on both', (s) => s.finalized >= 3, 120_000);
    const hashes = await Promise.all(validators.map((v) => rpc(v, 'chain_getBlockHash', [3])));
    assert.equal(hashes[0], hashes[1], 'the validators finalised different blocks #3');
  });

  it('genesis holds the input: the validator set, its floor and the endowments to the planck', async () => {
    assert.ok(validators[0]?.proc, 'no running validator (a previous test failed)');
    const provider = new WsProvider(`ws://127.0.0.1:${validators[0].rpcPort}`, false);
    await provider.connect();
    api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });

    const hexes = (list) => list.map((a) => a.toHex().slice(2)).sort();
    const expected = validators.map((v) => v.accountHex).sort();
    assert.deepEqual(hexes(await api.query.session.validators()), expected);
    assert.deepEqual(hexes(await api.query.validatorSet.validators()), expected);
    assert.equal((await api.query.validatorSet.minValidators()).toNumber(), 2, 'the floor is not min(validators, 3)');
    if (api.query.sudo) assert.ok((await api.query.sudo.key()).isNone, 'the testnet has a sudo key');

    const free = async (who) => (await api.query.system.account(who)).data.free.toString();
    assert.equal(await free(validators[0].account), ODD_ENDOWMENT);
    assert.equal(await free(validators[1].account), ENDOWMENT);
    // The preset's own balances (the treasury's) were kept, not replaced.
    for (const [who] of plain.genesis.runtimeGenesis.patch.balances?.balances ?? []) {
      const { data } = await api.query.system.account(who);
      assert.ok(data.free.add(data.reserved).gtn(0), `the preset's endowment of ${who} is gone`);
    }
  });

  it('author_rotateKeysWithOwner answers session keys and an ownership proof', async () => {
    assert.ok(validators[0]?.proc, 'no running validator (a previous test failed)');
    const [v] = validators;
    const answer = await rawRpc(v.rpcPort, 'author_rotateKeysWithOwner', [`0x${v.accountHex}`]);
    assert.equal(answer.error, undefined, `author_rotateKeysWithOwner: ${JSON.stringify(answer.error)}`);
    const { keys, proof } = answer.result;
    // SessionKeys { aura: sr25519, grandpa: ed25519 }; the proof is one signature per key.
    assert.match(keys, /^0x[0-9a-f]{128}$/);
    assert.match(proof, /^0x[0-9a-f]{256}$/);
    assert.equal((await rawRpc(v.rpcPort, 'author_hasSessionKeys', [keys])).result, true);
  });
});
