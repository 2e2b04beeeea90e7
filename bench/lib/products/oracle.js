// Oracle: `oracle.feedValues` from as many feeders as the runtime allows, each feeding as
// many values as one call may carry.
//
// Setup, as Root through sudo: fill the feeder set up to `MaxFeeders` with bench accounts
// (Alice, the dev feeder, stays and feeds too), and configure keys up to `MaxKeys` as model
// metrics (`ModelMetric { model: 100_000 + k, version: 1, metric: Accuracy }`, one feed
// makes a value, no bounds, no deviation guard). Prices are capped at `MaxPriceKeys` and
// back markets; the bulk of what an AI-model chain's oracle carries is evaluation metrics.
// Each feeder then sends one `feedValues` with a value for every bench key (at most
// `MaxFeedValues`), so every key is fed by every feeder.
//
// The pallet takes one feed per feeder per block (`LastFeedBlock`), so a block holds at most
// `MaxFeeders` feeds. A second feed per feeder would land in the same block and fail
// `AlreadyFedThisBlock`, so none is sent.

import { MDL, FIXED } from '../chain.js';

const KEY_BASE = 100_000;
const metricKey = (k) => ({ ModelMetric: { model: KEY_BASE + k, version: 1, metric: 'Accuracy' } });

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
    const keyCount = (await api.query.oracle.counterForKeys()).toNumber();
    const newFeeders = chain.accounts('oracle', Math.max(0, maxFeeders - existing.length));
    const newKeys = Array.from({ length: Math.max(0, maxKeys - keyCount) }, (_, k) => k);
    log(`  oracle: MaxFeeders ${maxFeeders} (${existing.length} at genesis), MaxKeys ${maxKeys} (${keyCount} configured), MaxFeedValues ${maxValues}`);
    const perFeed = Math.min(maxValues, newKeys.length);
    if (perFeed < 1) throw new Error('no key can be added: MaxKeys are configured');

    // Feeds cost no fee, but an account must exist to sign.
    await chain.fund('oracle: fund feeders', newFeeders.map((p) => [p.address, 10n * MDL]));
    const config = { minFeeders: 1, maxAge: 600_000, minValue: null, maxValue: null, maxDeviation: null };
    await chain.asRoot('oracle: add feeders and configure keys (sudo)', [
      ...newFeeders.map((p) => api.tx.oracle.addFeeder(p.address)),
      ...newKeys.map((k) => api.tx.oracle.setKeyConfig(metricKey(k), config)),
    ]);

    // Every feeder whose key we hold: the bench ones and Alice.
    const feeders = [...newFeeders];
    if (existing.includes(chain.alice.address)) feeders.push(chain.alice);
    const after = (await api.query.oracle.feeders()).length;
    if (after !== maxFeeders) throw new Error(`the feeder set has ${after} members, expected MaxFeeders ${maxFeeders}`);
    return { feeders, keys: newKeys, maxFeeders, maxKeys, maxValues, perFeed };
  },

  build({ chain, count }, { feeders, keys, perFeed }) {
    const { api } = chain;
    return feeders.slice(0, count).map((pair, f) => {
      // Feeder f feeds `perFeed` distinct keys starting at its own offset, so every key
      // is fed by several feeders.
      const values = [];
      for (let j = 0; j < perFeed; j += 1) {
        const k = keys[(f * 97 + j) % keys.length];
        values.push([metricKey(k), ((100n + BigInt(k % 997)) * FIXED + BigInt(f)).toString()]);
      }
      return { pair, tx: api.tx.oracle.feedValues(values) };
    });
  },

  /** The product's figure is values, not extrinsics. */
  unitsPerExtrinsic: (state) => state.perFeed,
  unit: 'values',

  /** Every feed got in: the feeders, not the block, are the limit. */
  bound(m, state) {
    if (!m.boundBy.startsWith('pool')) return m.boundBy;
    return `feeders: MaxFeeders ${state.maxFeeders} × one feed per block × ${state.perFeed} values`;
  },
};
