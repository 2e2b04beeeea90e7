// Licences: distinct buyers each buy one use (`models.purchaseLicense(model, 1, price)`)
// of ONE model at lineage depth 8, the deepest `MaxLineageDepth` allows, so every purchase
// pays a royalty up a chain of eight ancestors (nine models credited).
//
// Setup: one owner registers nine models by commit–reveal: the nine commitments in one
// block, then each model in turn, a derivative (`Finetune`, 10 % royalty) of the previous
// one. A derivative of a paid model needs a licence of its parent, so before each reveal
// the owner buys one use of the parent in the same block. Each model sells uses at 1 MDL
// (`PerUse`). A buyer may buy any number of times (uses add up); each buys once here.

import { blake2AsHex } from '@polkadot/util-crypto';
import { MDL } from '../chain.js';

const PRICE = MDL;
const ROYALTY = 100_000; // Permill: 10 %
const DEPTH = 8;

const hash32 = (tag, i) => `0x${Buffer.from(`modelchain-bench-${tag}-${i}`.padEnd(32, '.')).subarray(0, 32).toString('hex')}`;

export default {
  name: 'licences',
  call: 'models.purchaseLicense',
  dispatchClass: 'normal',

  async setup({ chain, count }) {
    const { api } = chain;
    const maxDepth = api.consts.models.maxLineageDepth.toNumber();
    if (maxDepth < DEPTH) throw new Error(`MaxLineageDepth is ${maxDepth}, below the depth ${DEPTH} this product needs`);
    const owner = chain.account('licences', 'owner');
    const buyers = chain.accounts('licences', count);
    await chain.fund('licences: fund owner and buyers', [
      [owner.address, 2_000n * MDL],
      ...buyers.map((p) => [p.address, 5n * MDL]),
    ]);

    const models = Array.from({ length: DEPTH + 1 }, (_, i) => ({
      contentHash: hash32('content', i),
      salt: hash32('salt', i),
    }));
    for (const m of models) {
      const encoded = api.createType('(H256, AccountId32, H256)', [m.contentHash, owner.address, m.salt]).toU8a();
      m.commitment = blake2AsHex(encoded, 256);
    }
    await chain.phase('licences: commit nine registrations', models.map((m) => ({
      pair: owner, tx: api.tx.models.commitRegistration(m.commitment),
    })));

    const terms = {
      kind: { PerUse: { price: PRICE } },
      commercialUse: true,
      derivativesAllowed: true,
      derivativeRoyaltyFloor: 0,
      contributorShare: 0,
      restrictionsHash: null,
    };
    let parent = null;
    for (let depth = 0; depth <= DEPTH; depth += 1) {
      const m = models[depth];
      const meta = { name: `bench-${depth}`, uri: `ipfs://bench-${depth}`, licenseId: 'apache-2.0', licenseHash: null, tags: ['bench'] };
      const parents = parent === null ? [] : [[parent, 'Finetune', ROYALTY]];
      const items = [];
      if (parent !== null) items.push({ pair: owner, tx: api.tx.models.purchaseLicense(parent, 1, PRICE) });
      items.push({
        pair: owner,
        tx: api.tx.models.registerModel(m.contentHash, m.salt, meta, parents, [], 1_000_000n, terms),
      });
      await chain.phase(`licences: register model at depth ${depth}`, items);
      const id = await api.query.models.modelByHash(m.contentHash);
      if (id.isNone) throw new Error(`model at depth ${depth} is not registered`);
      parent = id.unwrap().toBigInt();
    }
    const leaf = (await api.query.models.models(parent)).unwrap();
    if (leaf.depth.toNumber() !== DEPTH) throw new Error(`the leaf model has depth ${leaf.depth.toNumber()}, expected ${DEPTH}`);
    chain.log(`  licences: leaf model ${parent} at depth ${leaf.depth.toNumber()}, ${leaf.lineagePaths.toNumber()} lineage paths`);
    return { buyers, model: parent, depth: DEPTH };
  },

  build({ chain }, { buyers, model }) {
    return buyers.map((pair) => ({ pair, tx: chain.api.tx.models.purchaseLicense(model, 1, PRICE) }));
  },
};
