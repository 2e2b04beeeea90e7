// Crash and restart resilience of a multi-validator network (run: `npm run resilience`).
//
// GRANDPA finalizes with more than 2/3 of the authority weight: with n validators it
// tolerates f = floor((n - 1) / 3) faults. So 4 validators keep finalizing with one down,
// while 3 validators (f = 0) need all three. These scenarios check exactly that, and that
// a validator killed with SIGKILL restarts from its own database, catches up without
// resyncing from genesis, and that no finalized block is ever reverted.

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNetwork } from '../lib/network.js';
import { sleep } from '../lib/node.js';

const SCENARIO_TIMEOUT_MS = 600_000;

/** Asserts that `name` still has the same hashes at every height in `finalizedHashes`. */
async function assertNoReverts(net, name, finalizedHashes) {
  for (const [height, hash] of finalizedHashes) {
    assert.equal(await net.hashAt(name, height), hash, `${name} reverted finalized block #${height}`);
  }
}

/** Hashes of the finalized blocks 1..=finalized as `name` sees them. */
async function finalizedChain(net, name) {
  const { finalized } = await net.status(name);
  const hashes = new Map();
  for (let h = 1; h <= finalized; h += 1) hashes.set(h, await net.hashAt(name, h));
  return hashes;
}

describe('4 validators: one crashes, finality continues, it restarts and catches up', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let net;
  after(async () => { if (net) await net.stop(); });

  it('keeps finalizing with 3 of 4 and restores the killed validator from its base path', async () => {
    net = await startNetwork(4);
    for (const name of net.names) await net.waitFor(name, (s) => s.finalized >= 3 && s.peers >= 3, 'finalized #3 with 3 peers');

    const before = await net.status('dave');
    const daveFinalized = await finalizedChain(net, 'dave');
    await net.kill('dave');

    // Three of four is more than 2/3: finality goes on.
    const alive = await net.status('alice');
    await net.waitFor('alice', (s) => s.finalized >= alive.finalized + 3, '3 more finalized blocks without dave', 120_000);

    net.start('dave');
    // Right after the restart dave already knows its old finalized block: it loaded its own
    // database instead of resyncing from genesis.
    const restarted = await net.waitFor('dave', () => true, 'RPC up', 60_000);
    assert.ok(restarted.finalized >= before.finalized,
      `restarted dave finalized #${restarted.finalized}, had #${before.finalized} before the crash`);
    const tip = await net.status('alice');
    await net.waitFor('dave', (s) => s.best >= tip.best && s.finalized >= tip.finalized, 'caught up to the tip', 120_000);
    assert.ok(!/Imported #1 \(/.test(net.validators.dave.proc.logs()), 'dave re-imported block #1: it resynced from genesis');
    await assertNoReverts(net, 'dave', daveFinalized);
    await assertNoReverts(net, 'alice', daveFinalized);
  });
});

describe('3 validators: finality needs all three; it stops and resumes without reverts', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let net;
  after(async () => { if (net) await net.stop(); });

  it('one down: blocks go on, finality waits, and resumes after the restart', async () => {
    net = await startNetwork(3);
    for (const name of net.names) await net.waitFor(name, (s) => s.finalized >= 3 && s.peers >= 2, 'finalized #3 with 2 peers');
    const finalized = await finalizedChain(net, 'alice');

    await net.kill('charlie');
    const stalled = await net.status('alice');
    await net.waitFor('alice', (s) => s.best >= stalled.best + 3, '3 more blocks authored by the other two');
    // Finality may still settle the round in flight, then stops.
    await sleep(20_000);
    const a = await net.status('alice');
    await sleep(20_000);
    const b = await net.status('alice');
    assert.equal(b.finalized, a.finalized, 'finality advanced with 2 of 3 GRANDPA voters');
    assert.ok(b.best > a.best, 'block production stopped too');

    net.start('charlie');
    await net.waitFor('alice', (s) => s.finalized > b.finalized + 2, 'finality resumed', 180_000);
    await net.waitFor('charlie', (s) => s.finalized > b.finalized + 2, 'charlie finalized past the gap', 180_000);
    for (const name of net.names) await assertNoReverts(net, name, finalized);
  });

  it('two down: finality stops; both restart and it resumes without reverts', async () => {
    await net.waitFor('charlie', (s) => s.peers >= 2, 'charlie peered again');
    const finalized = await finalizedChain(net, 'alice');
    await net.kill('bob');
    await net.kill('charlie');
    await sleep(20_000);
    const a = await net.status('alice');
    await sleep(20_000);
    const b = await net.status('alice');
    assert.equal(b.finalized, a.finalized, 'finality advanced with 1 of 3 voters');

    net.start('bob');
    net.start('charlie');
    for (const name of net.names) {
      await net.waitFor(name, (s) => s.finalized > b.finalized + 2, 'finality resumed', 240_000);
    }
    for (const name of net.names) await assertNoReverts(net, name, finalized);
    const finalAlice = await net.status('alice');
    const finalCharlie = await net.status('charlie');
    assert.equal(await net.hashAt('charlie', finalAlice.finalized > finalCharlie.finalized ? finalCharlie.finalized : finalAlice.finalized),
      await net.hashAt('alice', finalAlice.finalized > finalCharlie.finalized ? finalCharlie.finalized : finalAlice.finalized));
  });
});
