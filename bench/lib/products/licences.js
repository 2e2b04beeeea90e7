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
// `licences-worst` is the costliest purchase the runtime allows along such a chain: every
// model of it also publishes a version with `MaxContributors` contributors, who share 10 %
// of what the model keeps, so each purchase credits 9 models and 144 contributors. It is
// the block that must still import within its claimed weight (docs/performance.md).

import { blake2AsHex } from '@polkadot/util-crypto';
import { MDL } from '../chain.js';

const PRICE = MDL;
const ROYALTY = 100_000; // Permill: 10 %
const DEPTH = 8;

/** A distinct 32-byte hash per tag and index. */
const hash32 = (tag, i) => blake2AsHex(`modelchain-bench-${tag}-${i}`, 256);

/** The product; `contributors`: whether every model's latest version has a full list. */
function licenceProduct(name, contributors) {
  return {
    name,
    call: 'models.purchaseLicense',
    dispatchClass: 'normal',

    async setup({ chain, count }) {
      const { api } = chain;
      const maxDepth = api.consts.models.maxLineageDepth.toNumber();
      if (maxDepth < DEPTH) throw new Error(`MaxLineageDepth is ${maxDepth}, below the depth ${DEPTH} this product needs`);
      const owner = chain.account(name, 'owner');
      const buyers = chain.accounts(name, count);
      await chain.fund(`${name}: fund owner and buyers`, [
        [owner.address, 2_000n * MDL],
        ...buyers.map((p) => [p.address, 5n * MDL]),
      ]);

      const models = Array.from({ length: DEPTH + 1 }, (_, i) => ({
        contentHash: hash32(`${name}-content`, i),
        salt: hash32(`${name}-salt`, i),
      }));
      for (const m of models) {
        const encoded = api.createType('(H256, AccountId32, H256)', [m.contentHash, owner.address, m.salt]).toU8a();
        m.commitment = blake2AsHex(encoded, 256);
      }
      await chain.phase(`${name}: commit nine registrations`, models.map((m) => ({
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
        await chain.phase(`${name}: register model at depth ${depth}`, items);
        const id = await api.query.models.modelByHash(m.contentHash);
        if (id.isNone) throw new Error(`model at depth ${depth} is not registered`);
        parent = id.unwrap().toBigInt();
        if (contributors) {
          const max = api.consts.models.maxContributors.toNumber();
          const list = chain.accounts(`${name}-contributors-${depth}`, max).map((p) => [p.address, 1]);
          await chain.phase(`${name}: version 1 of depth ${depth} with ${max} contributors`, [{
            pair: owner,
            tx: api.tx.models.publishVersion(parent, 1, hash32(`${name}-version`, depth), null, list),
          }]);
        }
      }
      const leaf = (await api.query.models.models(parent)).unwrap();
      if (leaf.depth.toNumber() !== DEPTH) throw new Error(`the leaf model has depth ${leaf.depth.toNumber()}, expected ${DEPTH}`);
      chain.log(`  ${name}: leaf model ${parent} at depth ${leaf.depth.toNumber()}, ${leaf.lineagePaths.toNumber()} lineage paths`);
      return { buyers, model: parent, depth: DEPTH };
    },

    build({ chain }, { buyers, model }) {
      return buyers.map((pair) => ({ pair, tx: chain.api.tx.models.purchaseLicense(model, 1, PRICE) }));
    },
  };
}

export const licences = licenceProduct('licences', false);
export const licencesWorst = licenceProduct('licences-worst', true);
