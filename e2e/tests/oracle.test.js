// Oracle end to end: a local HTTP server plays the price source; the node's off-chain
// feeder (Alice's `orcl` key, inserted by --dev) fetches it and feeds the chain; the chain's
// value, read through the custom `oracle_getValue` RPC and through storage, follows the
// source's price.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startNode, rawRpc, sleep } from '../lib/node.js';

// A hung node or client must fail the suite, not stall CI.
const SUITE_TIMEOUT_MS = 300_000;

const DOT = { assetPrice: 1 };

describe('oracle off-chain feeder against a real HTTP source', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let server;
  let price = '7.25';
  let requests = 0;

  before(async () => {
    server = createServer((req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ prices: { 1: price } }));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}/prices`;
    node = await startNode(['--oracle-source-url', url]);
  });

  after(async () => {
    if (node) await node.stop();
    if (server) server.close();
  });

  async function waitForValue(expected, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await rawRpc(node.rpcPort, 'oracle_getValue', [DOT, null]);
      if (last.result && last.result.value === expected) return last.result;
      await sleep(1000);
    }
    throw new Error(`oracle value never became ${expected}; last answer ${JSON.stringify(last)}\n${node.logs().slice(-3000)}`);
  }

  it('feeds the source price and follows it when it changes', async () => {
    const first = await waitForValue('7.25');
    assert.equal(first.status, 'current');
    assert.equal(first.valueRaw, '7250000000000000000');
    assert.equal(first.feeds, 1);
    assert.ok(first.expiresAt > first.updatedAt);
    assert.ok(requests >= 1);

    price = '7.5';
    const second = await waitForValue('7.5');
    assert.equal(second.status, 'current');

    // The same value is in storage, readable through @polkadot/api from metadata alone.
    const combined = (await node.api.query.oracle.keys({ AssetPrice: 1 })).unwrap().combined;
    assert.equal(combined.unwrap().value.toBigInt(), 7_500_000_000_000_000_000n);
    const feeder = (await node.api.query.oracle.feeders()).map((a) => a.toString());
    assert.ok(feeder.includes('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'));
  });

  it('lists every configured key, and reports unknown keys as such', async () => {
    const all = await rawRpc(node.rpcPort, 'oracle_getAllValues', [null]);
    assert.ok(Array.isArray(all.result));
    assert.ok(all.result.some((r) => r.key.assetPrice === 1));
    const unknown = await rawRpc(node.rpcPort, 'oracle_getValue', [{ assetPrice: 4242 }, null]);
    assert.equal(unknown.result.status, 'unknown');
    assert.equal(unknown.result.value, null);
    const bad = await rawRpc(node.rpcPort, 'oracle_getValue', [{ noSuchKey: 1 }, null]);
    assert.ok(bad.error, 'malformed key must be a JSON-RPC error');
  });

  it('serves nothing once the source dies and the value passes max_age', async () => {
    // The dev preset gives asset 1 a max_age of 30 s. Stop the source and watch it expire.
    server.close();
    server.closeAllConnections?.();
    const deadline = Date.now() + 90_000;
    let answer;
    while (Date.now() < deadline) {
      answer = (await rawRpc(node.rpcPort, 'oracle_getValue', [DOT, null])).result;
      if (answer.status === 'stale') break;
      await sleep(2000);
    }
    assert.equal(answer.status, 'stale');
    assert.equal(answer.value, null);
  });
});
