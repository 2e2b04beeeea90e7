// Clean shutdown: SIGINT and SIGTERM stop the node in every sealing mode with exit code 0,
// an ordinary shutdown message, and no line that says something failed. (The transaction
// pool's background task used to be logged as `Essential task txpool-background failed`
// on every stop; node/src/service.rs, `PoolTaskSpawner`.)

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, sleep } from '../lib/node.js';

const SUITE_TIMEOUT_MS = 300_000;

/** Starts a node in `sealing`, lets it work until `ready(node)`, stops it with `signal`. */
async function stopWith(sealing, signal, ready) {
  const node = await startNode(['--sealing', sealing]);
  await ready(node);
  await node.api.disconnect();
  const started = Date.now();
  const before = node.logs().length;
  node.process.kill(signal);
  const timer = setTimeout(() => node.process.kill('SIGKILL'), 30_000);
  const exit = await node.exited;
  clearTimeout(timer);
  // Only what the node logged from the signal on is judged.
  return { exit, logs: node.logs().slice(before), tookMs: Date.now() - started };
}

/** Waits until the node has imported block `n`. */
const imported = (n) => async (node) => {
  for (let i = 0; i < 60; i += 1) {
    if ((await node.api.rpc.chain.getHeader()).number.toNumber() >= n) return;
    await sleep(500);
  }
  throw new Error(`block ${n} was not imported:\n${node.logs().slice(-3000)}`);
};

/** Seals one block through the manual-seal engine. */
const sealOne = async (node) => {
  await node.api.rpc.engine.createBlock(true, true);
};

/** Sends a remark, which instant sealing seals at once. */
const oneInstantBlock = async (node) => {
  await cryptoWaitReady();
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  await node.api.tx.system.remark('0x00').signAndSend(alice);
  await imported(1)(node);
};

function assertCleanStop({ exit, logs, tookMs }, what) {
  assert.deepEqual(exit, { code: 0, signal: null }, `${what}: exit ${JSON.stringify(exit)}\n${logs.slice(-3000)}`);
  const failed = logs.split('\n').filter((line) => /fail/i.test(line));
  assert.deepEqual(failed, [], `${what}: the log says something failed`);
  assert.match(logs, /Modelchain node stopped\./, `${what}: no shutdown message`);
  // Nothing waits for the pool's grace period (5 s) or sc-cli's stalled-task timeout
  // (60 s); the bound leaves room for a busy CI machine.
  assert.ok(tookMs < 20_000, `${what}: took ${tookMs} ms to stop`);
}

describe('clean shutdown', { timeout: SUITE_TIMEOUT_MS }, () => {
  it('Aura + GRANDPA stops on SIGTERM and on SIGINT after authoring blocks', async () => {
    assertCleanStop(await stopWith('aura', 'SIGTERM', imported(1)), 'aura, SIGTERM');
    assertCleanStop(await stopWith('aura', 'SIGINT', imported(1)), 'aura, SIGINT');
  });

  it('instant sealing stops on SIGTERM and on SIGINT', async () => {
    assertCleanStop(await stopWith('instant', 'SIGTERM', oneInstantBlock), 'instant, SIGTERM');
    assertCleanStop(await stopWith('instant', 'SIGINT', oneInstantBlock), 'instant, SIGINT');
  });

  it('manual sealing stops on SIGTERM and on SIGINT', async () => {
    assertCleanStop(await stopWith('manual', 'SIGTERM', sealOne), 'manual, SIGTERM');
    assertCleanStop(await stopWith('manual', 'SIGINT', sealOne), 'manual, SIGINT');
  });
});
