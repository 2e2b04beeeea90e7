// Oracle: `oracle.feedValues` from as many feeders as the runtime allows, each feeding as
// many values as one call may carry.
//
// Setup, as Root through sudo: fill the feeder set up to `MaxFeeders` with bench accounts
// (Alice, the dev feeder, stays and feeds too), and configure keys up to `MaxKeys`
// (`AssetPrice(10_000 + k)`, one feed makes a value, no bounds, no deviation guard: these
// keys back no market). Each feeder then sends one `feedValues` of `MaxFeedValues` values.
//
// The pallet takes one feed per feeder per block (`LastFeedBlock`), so a block holds at most
// `MaxFeeders` feeds: that, not weight or length, bounds this product. A second feed per
// feeder would land in the same block and fail `AlreadyFedThisBlock`, so none is sent.

import { MDL, FIXED } from '../chain.js';

const KEY_BASE = 10_000;

export default {
  name: 'oracle',
  call: 'oracle.feedValues',
  // `feed_values` is an operational, fee-free call.
  dispatchClass: 'operational',

  async setup({ chain, log }) {
    const { api } = chain;
    const maxFeeders = api.consts.oracle.maxFeeders.toNumber();
    const maxKeys = api.consts.oracle.maxKeys.toNumber();
    const maxValues = api.consts.oracle.maxFeedValues.toNumber();
    const existing = (await api.query.oracle.feeders()).map((a) => a.toString());
    const keyCount = (await api.query.oracle.counterForKeyConfigs()).toNumber();
    const newFeeders = chain.accounts('oracle', Math.max(0, maxFeeders - existing.length));
    const newKeys = Array.from({ length: Math.max(0, maxKeys - keyCount) }, (_, k) => KEY_BASE + k);
    log(`  oracle: MaxFeeders ${maxFeeders} (${existing.length} at genesis), MaxKeys ${maxKeys} (${keyCount} configured), MaxFeedValues ${maxValues}`);
    if (newKeys.length < maxValues) throw new Error(`only ${newKeys.length} keys can be added, fewer than MaxFeedValues ${maxValues}`);

    // Feeds cost no fee, but an account must exist to sign.
    await chain.fund('oracle: fund feeders', newFeeders.map((p) => [p.address, 10n * MDL]));
    const config = { minFeeders: 1, maxAge: 600_000, minValue: null, maxValue: null, maxDeviation: null };
    await chain.asRoot('oracle: add feeders and configure keys (sudo)', [
      ...newFeeders.map((p) => api.tx.oracle.addFeeder(p.address)),
      ...newKeys.map((k) => api.tx.oracle.setKeyConfig({ AssetPrice: k }, config)),
    ]);

    // Every feeder whose key we hold: the bench ones and Alice.
    const feeders = [...newFeeders];
    if (existing.includes(chain.alice.address)) feeders.push(chain.alice);
    const after = (await api.query.oracle.feeders()).length;
    if (after !== maxFeeders) throw new Error(`the feeder set has ${after} members, expected MaxFeeders ${maxFeeders}`);
    return { feeders, keys: newKeys, maxFeeders, maxKeys, maxValues };
  },

  build({ chain, count }, { feeders, keys, maxValues }) {
    const { api } = chain;
    return feeders.slice(0, count).map((pair, f) => {
      // Feeder f feeds keys f*maxValues, f*maxValues+1, ... (mod the key count): distinct
      // within a call, and every key fed by several feeders.
      const values = [];
      for (let j = 0; j < maxValues; j += 1) {
        const k = keys[(f * maxValues + j) % keys.length];
        values.push([{ AssetPrice: k }, ((100n + BigInt(k % 997)) * FIXED + BigInt(f)).toString()]);
      }
      return { pair, tx: api.tx.oracle.feedValues(values) };
    });
  },

  /** The product's figure is values, not extrinsics. */
  unitsPerExtrinsic: (state) => state.maxValues,
  unit: 'values',

  /** Every feed got in: the feeders, not the block, are the limit. */
  bound(m, state) {
    if (!m.boundBy.startsWith('pool')) return m.boundBy;
    return `feeders: MaxFeeders ${state.maxFeeders} × one feed per block (LastFeedBlock)`;
  },
};
