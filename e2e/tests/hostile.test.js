// Hostile input against a running dev node, on the loopback address only: over a thousand
// malformed JSON-RPC requests (bad JSON, wrong types, unknown methods, oversized bodies),
// invalid extrinsic bytes, a transaction with a bad signature and one with a stale nonce.
// Every request must get an error answer, the node must keep producing blocks, and its
// memory must stay bounded. The test prints the node's RSS and peak RSS before and after.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, rawRpc, sendAndWaitInBlock, sleep } from '../lib/node.js';

const SUITE_TIMEOUT_MS = 300_000;
const MALFORMED_REQUESTS = 1_200;
const CONCURRENCY = 16;
// The RPC server's default request limit is 15 MiB; these bodies exceed it.
const OVERSIZED_BYTES = 16 * 1024 * 1024;
const OVERSIZED_REQUESTS = 4;
// Memory may grow with caches, but a leak per request would show as far more than this.
const MAX_RSS_GROWTH_KB = 256 * 1024;

/** VmRSS and VmHWM (peak) of a process, in kB, from /proc. */
function memoryKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))[1]);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** POSTs a raw body; resolves with { status, json } (json null if the answer is not JSON). */
async function post(port, body) {
  const res = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json };
}

/**
 * Sends a request declared larger than the server's limit over a raw socket and returns
 * the server's answer ({ status, text }) or, if it closed without one, { status: 0 }.
 *
 * With `expectContinue`, the body is only sent if the server agrees (it never should).
 * Without it, the whole body is streamed: the server answers 413 as soon as the limit is
 * crossed and closes, and the TCP reset caused by the unread rest of the body may destroy
 * that answer before it is read. Either way the request was refused without being buffered.
 */
function postOversized(port, body, { expectContinue }) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const headers = `POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n` +
      `${expectContinue ? 'expect: 100-continue\r\n' : ''}\r\n`;
    socket.on('data', (d) => {
      text += d;
      if (expectContinue && /^HTTP\/1\.1 100/.test(text)) socket.end(body);
    });
    socket.on('error', () => { /* EPIPE/ECONNRESET after the server refused and closed */ });
    socket.on('close', () => {
      const status = Number((text.match(/^HTTP\/1\.1 (\d{3})/) || [])[1] || 0);
      resolve({ status, text });
    });
    if (expectContinue) socket.write(headers); else socket.end(headers + body);
  });
}

/** The i-th malformed request: cycles through four kinds of bad input. */
function malformed(i) {
  switch (i % 6) {
    case 0: return ['bad-json', '{"jsonrpc":"2.0","id":1,"method":"system_health"'];
    case 1: return ['bad-json', `\u0000\u00ff${'['.repeat(i % 50)}garbage ${i}`];
    case 2: return ['wrong-types', JSON.stringify({ jsonrpc: '2.0', id: i, method: 'chain_getBlockHash', params: ['not-a-number'] })];
    case 3: return ['wrong-types', JSON.stringify({ jsonrpc: '2.0', id: i, method: 'state_getStorage', params: [12345, { at: true }] })];
    case 4: return ['unknown-method', JSON.stringify({ jsonrpc: '2.0', id: i, method: `nope_method${i}`, params: [] })];
    default: return ['wrong-types', JSON.stringify({ jsonrpc: '2.0', id: i, method: 'oracle_getValue', params: [{ assetPrice: -1 }, 'zz'] })];
  }
}

async function inPool(count, concurrency, task) {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next;
      next += 1;
      await task(i);
    }
  });
  await Promise.all(workers);
}

describe('hostile RPC and transaction input', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let alice;

  before(async () => {
    await cryptoWaitReady();
    alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    node = await startNode([]);
    api = node.api;
  });

  after(async () => {
    if (node) await node.stop();
  });

  const best = async () => (await api.rpc.chain.getHeader()).number.toNumber();

  it('answers every malformed request with an error, keeps producing blocks, and stays bounded in memory', async () => {
    const pid = node.process.pid;
    const before = memoryKb(pid);
    const bestBefore = await best();
    const answers = { 'bad-json': 0, 'wrong-types': 0, 'unknown-method': 0, oversized: 0 };

    await inPool(MALFORMED_REQUESTS, CONCURRENCY, async (i) => {
      const [kind, body] = malformed(i);
      let answer;
      try {
        answer = await post(node.rpcPort, body);
      } catch (e) {
        throw new Error(`request ${i} (${kind}) got no answer: ${e.cause ?? e}`);
      }
      const { status, json } = answer;
      const isError = (json && json.error && typeof json.error.code === 'number') || status >= 400;
      assert.ok(isError, `request ${i} (${kind}) was not refused: HTTP ${status} ${JSON.stringify(json)}`);
      assert.ok(!(json && 'result' in json), `request ${i} (${kind}) got a result`);
      answers[kind] += 1;
    });
    const huge = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: ['x'.repeat(OVERSIZED_BYTES)] });
    for (let i = 0; i < OVERSIZED_REQUESTS; i += 1) {
      // Half announce themselves with `expect: 100-continue` and must get the JSON-RPC
      // "Request is too big" error; the other half stream all 16 MiB.
      const expectContinue = i % 2 === 0;
      const { status, text } = await postOversized(node.rpcPort, huge, { expectContinue });
      if (expectContinue) {
        assert.equal(status, 413, `oversized request answered ${text.slice(0, 200)}`);
        assert.match(text, /"code":-32007/);
      } else {
        assert.ok(status === 0 || status === 413, `streamed oversized request answered ${text.slice(0, 200)}`);
      }
      answers.oversized += 1;
    }
    assert.equal((await rawRpc(node.rpcPort, 'system_health', [])).result.isSyncing, false);

    // The chain moves on: two more blocks after the flood (6 s slots).
    const deadline = Date.now() + 60_000;
    while ((await best()) < bestBefore + 2) {
      assert.ok(Date.now() < deadline, 'no new blocks after the flood');
      await sleep(1000);
    }
    const afterMem = memoryKb(pid);
    console.log(`# hostile input: ${JSON.stringify(answers)}; RSS ${before.rss} kB -> ${afterMem.rss} kB, ` +
      `peak RSS ${before.peak} kB -> ${afterMem.peak} kB`);
    assert.ok(Object.values(answers).reduce((a, b) => a + b) >= 1_000);
    assert.ok(afterMem.rss - before.rss < MAX_RSS_GROWTH_KB,
      `RSS grew by ${afterMem.rss - before.rss} kB`);
  });

  it('refuses invalid extrinsic bytes, a bad signature and a stale nonce', async () => {
    // Raw JSON-RPC, so the bytes reach the node unchecked by the client library.
    const submit = async (hex) => {
      const answer = await rawRpc(node.rpcPort, 'author_submitExtrinsic', [hex]);
      if (answer.error) throw new Error(`${answer.error.code}: ${answer.error.message} ${answer.error.data ?? ''}`);
      return answer.result;
    };
    for (const bytes of ['0x', '0x00', '0xdeadbeef', `0x${'ff'.repeat(300)}`, `0x${'00'.repeat(5000)}`]) {
      await assert.rejects(submit(bytes), /Error: (1002|1010|1011|1012|1040|-32602): /, `bytes ${bytes.slice(0, 12)} accepted`);
    }

    // A valid transfer, then the same transaction with one signature byte flipped.
    const nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
    const tx = api.tx.balances.transferKeepAlive(bob, 1_000_000_000n);
    await tx.signAsync(alice, { nonce });
    const good = tx.toU8a();
    const bad = Uint8Array.from(good);
    // Find the 64 signature bytes in the encoding and flip one in the middle.
    const signature = tx.signature.toU8a();
    const sigOffset = Buffer.from(good).indexOf(Buffer.from(signature));
    assert.ok(sigOffset > 0, 'signature located in the encoded extrinsic');
    bad[sigOffset + 32] ^= 0xff;
    await assert.rejects(submit(`0x${Buffer.from(bad).toString('hex')}`), /Error: 1010: .*(bad signature|BadProof)/i);

    // Land one transaction so that nonce `nonce` is spent, then replay a new one signed
    // with that same nonce.
    await sendAndWaitInBlock(api, api.tx.system.remark('0x01'), alice);
    const stale = api.tx.system.remark('0x02');
    await stale.signAsync(alice, { nonce });
    await assert.rejects(submit(stale.toHex()), /Error: 1010: .*(Stale|outdated)/i);

    // The node is still healthy and producing blocks.
    const health = await api.rpc.system.health();
    assert.equal(health.isSyncing.isFalse, true);
    const start = await best();
    const deadline = Date.now() + 30_000;
    while ((await best()) <= start) {
      assert.ok(Date.now() < deadline, 'no block after the invalid transactions');
      await sleep(1000);
    }
  });
});
