// Licences: distinct buyers each buy one use (`models.purchaseLicense(model, 1, price)`)
// of ONE model at lineage depth 8, the deepest `MaxLineageDepth` allows, so every purchase
// pays a royalty up a chain of eight ancestors (nine models credited).
//
// Setup: one owner registers nine models by commit–reveal: the nine commitments in one
// block, then each model in turn, a derivative (`Finetune`, 10 % royalty) of the previous
// one. A derivative of a paid model needs a licence of its parent, so before each reveal
// the owner buys one use of the parent in the same block. Each model sells uses at 1 MDL
// (`PerUse`). A buyer may buy any number of times (uses add up); each buys once here.
//
// `licences-root` buys a model with no parents (one model credited), the cheapest purchase.
// `licences-worst` is the costliest purchase the runtime allows along such a chain: every
// model of it also publishes a version with `MaxContributors` contributors, who share 10 %
// of what the model keeps, so each purchase credits 9 models and 144 contributors. It is
// the block that must still import within its claimed weight (docs/performance.md).

import { blake2AsHex } from '@polkadot/util-crypto';
import { MDL } from '../chain.js';

const PRICE = MDL;
const ROYALTY = 100_000; // Permill: 10 %

/** A distinct 32-byte hash per tag and index. */
const hash32 = (tag, i) => blake2AsHex(`modelchain-bench-${tag}-${i}`, 256);

/**
 * The product: purchases of the model at lineage depth `depth` (a chain of `depth + 1` models);
 * `contributors`: whether every model's latest version has a full contributor list.
 */
function licenceProduct(name, depth, contributors) {
  return {
    name,
    call: 'models.purchaseLicense',
    dispatchClass: 'normal',

    async setup({ chain, count }) {
      const { api } = chain;
      const maxDepth = api.consts.models.maxLineageDepth.toNumber();
      if (maxDepth < depth) throw new Error(`MaxLineageDepth is ${maxDepth}, below the depth ${depth} this product needs`);
      const owner = chain.account(name, 'owner');
      const buyers = chain.accounts(name, count);
      await chain.fund(`${name}: fund owner and buyers`, [
        [owner.address, 2_000n * MDL],
        ...buyers.map((p) => [p.address, 5n * MDL]),
      ]);

      const models = Array.from({ length: depth + 1 }, (_, i) => ({
        contentHash: hash32(`${name}-content`, i),
        salt: hash32(`${name}-salt`, i),
      }));
      for (const m of models) {
        const encoded = api.createType('(H256, AccountId32, H256)', [m.contentHash, owner.address, m.salt]).toU8a();
        m.commitment = blake2AsHex(encoded, 256);
      }
      await chain.phase(`${name}: commit ${depth + 1} registration(s)`, models.map((m) => ({
        pair: owner, tx: api.tx.models.commitRegistration(m.commitment),
      })));

      const terms = {
        kind: { PerUse: { price: PRICE } },
        commercialUse: true,
        derivativesAllowed: true,
        derivativeRoyaltyFloor: 0,
        contributorShare: contributors ? ROYALTY : 0,
        restrictionsHash: null,
      };
      let parent = null;
      for (let d = 0; d <= depth; d += 1) {
        const m = models[d];
        const meta = { name: `bench-${d}`, uri: `ipfs://bench-${d}`, licenseId: 'apache-2.0', licenseHash: null, tags: ['bench'] };
        const parents = parent === null ? [] : [[parent, 'Finetune', ROYALTY]];
        const items = [];
        if (parent !== null) items.push({ pair: owner, tx: api.tx.models.purchaseLicense(parent, 1, PRICE) });
        items.push({
          pair: owner,
          tx: api.tx.models.registerModel(m.contentHash, m.salt, meta, parents, [], 1_000_000n, terms),
        });
        await chain.phase(`${name}: register model at depth ${d}`, items);
        const id = await api.query.models.modelByHash(m.contentHash);
        if (id.isNone) throw new Error(`model at depth ${d} is not registered`);
        parent = id.unwrap().toBigInt();
        if (contributors) {
          const max = api.consts.models.maxContributors.toNumber();
          const list = chain.accounts(`${name}-contributors-${d}`, max).map((p) => [p.address, 1]);
          await chain.phase(`${name}: version 1 of depth ${d} with ${max} contributors`, [{
            pair: owner,
            tx: api.tx.models.publishVersion(parent, 1, hash32(`${name}-version`, d), null, list),
          }]);
        }
      }
      const leaf = (await api.query.models.models(parent)).unwrap();
      if (leaf.depth.toNumber() !== depth) throw new Error(`the leaf model has depth ${leaf.depth.toNumber()}, expected ${depth}`);
      chain.log(`  ${name}: leaf model ${parent} at depth ${leaf.depth.toNumber()}, ${leaf.lineagePaths.toNumber()} lineage paths`);
      return { buyers, model: parent, depth };
    },

    build({ chain }, { buyers, model }) {
      return buyers.map((pair) => ({ pair, tx: chain.api.tx.models.purchaseLicense(model, 1, PRICE) }));
    },
  };
}

export const licencesRoot = licenceProduct('licences-root', 0, false);
export const licences = licenceProduct('licences', 8, false);
export const licencesWorst = licenceProduct('licences-worst', 8, true);
