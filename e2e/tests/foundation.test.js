// Foundation: the node starts, produces and finalizes blocks, serves its metadata and chain
// properties, accepts signed transfers, and rejects bad input without falling over.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import {
  startNode, runBinary, rawRpc, waitForFinalized, sendAndWaitInBlock, sleep,
} from '../lib/node.js';

// A hung node or client must fail the suite, not stall CI.
const SUITE_TIMEOUT_MS = 300_000;

const RUNTIME_PALLETS = [
  'System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment', 'Sudo',
  'Assets', 'Utility', 'Scheduler', 'Preimage', 'Oracle', 'Models',
];

describe('dev node (Aura + GRANDPA)', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let keyring;

  before(async () => {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519' });
    node = await startNode();
  });

  after(async () => {
    if (node) await node.stop();
  });

  it('produces and finalizes blocks', async () => {
    const header = await waitForFinalized(node.api, 2, 90_000);
    assert.ok(header.number.toNumber() >= 2);
    const best = await node.api.rpc.chain.getHeader();
    assert.ok(best.number.toNumber() >= header.number.toNumber());
  });

  it('serves chain properties', async () => {
    const props = await node.api.rpc.system.properties();
    assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'MDL');
    assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
    assert.equal(props.ss58Format.unwrap().toNumber(), 42);
    assert.equal((await node.api.rpc.system.chain()).toString(), 'Modelchain Development');
  });

  it('lists every runtime pallet in the metadata (v16 supported)', async () => {
    const pallets = node.api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
    for (const name of RUNTIME_PALLETS) {
      assert.ok(pallets.includes(name), `metadata lacks pallet ${name}; has ${pallets.join(', ')}`);
    }
    const versions = await node.api.call.metadata.metadataVersions();
    assert.ok(versions.map((v) => v.toNumber()).includes(16), `metadata versions: ${versions}`);
  });

  it('includes a signed transfer_keep_alive; the receiver gains exactly the amount', async () => {
    const alice = keyring.addFromUri('//Alice');
    // A fresh account, so no other test's transfers can change its balance.
    const receiver = keyring.addFromUri('//ModelchainE2eReceiver');
    const amount = 123_456_789_000_000n; // 123.456789 MDL
    const before = (await node.api.query.system.account(receiver.address)).data.free.toBigInt();
    const { blockHash, events } = await sendAndWaitInBlock(
      node.api, node.api.tx.balances.transferKeepAlive(receiver.address, amount), alice,
    );
    const apiAt = await node.api.at(blockHash);
    const after = (await apiAt.query.system.account(receiver.address)).data.free.toBigInt();
    assert.equal(after - before, amount);
    const transfer = events.find(({ event }) => node.api.events.balances.Transfer.is(event));
    assert.ok(transfer, 'no Balances.Transfer event');
    assert.equal(transfer.event.data.amount.toBigInt(), amount);
  });

  it('answers malformed RPC params with a JSON-RPC error and keeps producing blocks', async () => {
    const bad = await rawRpc(node.rpcPort, 'chain_getBlockHash', ['not-a-number']);
    assert.ok(bad.error, `expected an error, got ${JSON.stringify(bad)}`);
    assert.equal(typeof bad.error.code, 'number');
    const bad2 = await rawRpc(node.rpcPort, 'author_submitExtrinsic', ['0x1234']);
    assert.ok(bad2.error, `expected an error, got ${JSON.stringify(bad2)}`);
    const unknown = await rawRpc(node.rpcPort, 'modelchain_noSuchMethod', []);
    assert.equal(unknown.error.code, -32601);

    const before = (await node.api.rpc.chain.getHeader()).number.toNumber();
    await sleep(13_000);
    const after = (await node.api.rpc.chain.getHeader()).number.toNumber();
    assert.ok(after > before, `no new block after bad RPC calls (${before} -> ${after})`);
  });
});

describe('dev node with --sealing instant', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let keyring;

  before(async () => {
    await cryptoWaitReady();
    keyring = new Keyring({ type: 'sr25519' });
    node = await startNode(['--sealing', 'instant']);
  });

  after(async () => {
    if (node) await node.stop();
  });

  it('puts a transaction in a block within 2 seconds', async () => {
    const bob = keyring.addFromUri('//Bob');
    const dave = keyring.addFromUri('//Dave');
    const start = (await node.api.rpc.chain.getHeader()).number.toNumber();
    const { ms, blockHash } = await sendAndWaitInBlock(
      node.api, node.api.tx.balances.transferKeepAlive(dave.address, 1_000_000_000_000n), bob,
    );
    assert.ok(ms < 2000, `inclusion took ${ms} ms`);
    const header = await node.api.rpc.chain.getHeader(blockHash);
    assert.equal(header.number.toNumber(), start + 1);
    // Instant blocks are finalized at once.
    const finalized = await node.api.rpc.chain.getFinalizedHead();
    assert.equal(finalized.toHex(), blockHash.toHex());
  });

  it('makes no empty blocks while idle', async () => {
    const a = (await node.api.rpc.chain.getHeader()).number.toNumber();
    await sleep(3000);
    const b = (await node.api.rpc.chain.getHeader()).number.toNumber();
    assert.equal(b, a);
  });
});

describe('dev node with --sealing manual', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;

  before(async () => {
    node = await startNode(['--sealing', 'manual']);
  });

  after(async () => {
    if (node) await node.stop();
  });

  it('makes a block only on engine_createBlock, and finalizes on request', async () => {
    const h0 = (await node.api.rpc.chain.getHeader()).number.toNumber();
    await sleep(2000);
    assert.equal((await node.api.rpc.chain.getHeader()).number.toNumber(), h0);
    const created = await node.api.rpc.engine.createBlock(true, true);
    const hash = created.blockHash.toHex();
    const header = await node.api.rpc.chain.getHeader(hash);
    assert.equal(header.number.toNumber(), h0 + 1);
    assert.equal((await node.api.rpc.chain.getFinalizedHead()).toHex(), hash);
    // Timestamps advance at least one slot per block, so Aura's slot rule holds.
    const created2 = await node.api.rpc.engine.createBlock(true, false);
    const t1 = (await (await node.api.at(hash)).query.timestamp.now()).toBigInt();
    const t2 = (await (await node.api.at(created2.blockHash)).query.timestamp.now()).toBigInt();
    assert.ok(t2 - t1 >= 6000n, `timestamps ${t1} -> ${t2}`);
  });
});

describe('command line errors', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('rejects an unknown flag with a non-zero exit', async () => {
    const { code, stderr } = await runBinary(['--dev', '--no-such-flag']);
    assert.notEqual(code, 0);
    assert.match(stderr, /unexpected argument '--no-such-flag'/);
  });

  it('rejects a missing chain spec file with a clear error', async () => {
    const { code, stderr, stdout } = await runBinary(['--chain', '/nonexistent/spec.json', '--tmp']);
    assert.notEqual(code, 0);
    assert.match(stderr + stdout, /neither a known chain \(dev, local, testnet\) nor an existing file/);
  });

  it('rejects an unknown sealing mode', async () => {
    const { code, stderr } = await runBinary(['--dev', '--sealing', 'sometimes']);
    assert.notEqual(code, 0);
    assert.match(stderr, /invalid value 'sometimes'/);
  });

  it('explains how to get the benchmark command in a default build', async () => {
    const { code, stderr } = await runBinary(['benchmark', 'pallet', '--pallet', 'x']);
    assert.notEqual(code, 0);
    assert.match(stderr, /--features runtime-benchmarks/);
  });

  it('builds a chain spec for zombienet (build-spec --chain local)', async () => {
    const { code, stdout } = await runBinary(['build-spec', '--chain', 'local', '--disable-default-bootnode']);
    assert.equal(code, 0);
    const spec = JSON.parse(stdout);
    assert.equal(spec.id, 'modelchain_local');
    assert.equal(spec.properties.tokenSymbol, 'MDL');
  });
});
