// A manual-sealing node for one `describe` block: registers the `before`/`after` hooks
// and returns a context they fill in, with the helpers every such suite uses.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from './node.js';
import { manualSender, sudo } from './models.js';

const DEV = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/**
 * Starts `modelchain-node --sealing manual` before the suite's tests and stops it after.
 * The returned context gets: `node`, `api`, `send(tx, signer)` (seals a block, returns
 * `{ error, … }`), `ok(tx, signer)` (the same, asserting success), `asRoot(call)` (through
 * sudo, asserting success), `seal()` / `sealMany(n)` (empty blocks) and the dev accounts
 * by lower-case name (`alice`, `bob`, …).
 */
export function manualNode() {
  const t = {};
  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    for (const name of DEV) t[name.toLowerCase()] = keyring.addFromUri(`//${name}`);
    t.node = await startNode(['--sealing', 'manual']);
    t.api = t.node.api;
    ({ send: t.send, seal: t.seal, sealMany: t.sealMany } = manualSender(t.node));
    t.ok = async (tx, signer) => {
      const r = await t.send(tx, signer);
      assert.equal(r.error, null);
      return r;
    };
    t.asRoot = async (call) => {
      const r = await sudo(t.api, t.send, t.alice, call);
      assert.equal(r.error, null);
      return r;
    };
  });
  after(async () => {
    if (t.node) await t.node.stop();
  });
  return t;
}
