// Licences: distinct buyers each buy one use (`models.purchaseLicense(model, 1, price)`)
// of ONE model (the leaf), whose lineage is given by the product's shape: up to
// `MaxParents` chains of ancestors, each chain's last model a parent of the leaf. Every
// purchase pays royalties up every chain, so it credits the leaf and every ancestor.
//
// - `licences-root`: a leaf with no parents (one model credited): the cheapest purchase.
// - `licences`: one chain of eight ancestors, so the leaf is at lineage depth 8, the
//   deepest `MaxLineageDepth` allows (nine models credited).
// - `licences-worst`: the costliest purchase the runtime allows. Four chains of eight, so
//   the leaf has 32 lineage paths (`MaxLineagePaths`) through 32 distinct ancestors, and
//   every one of the 33 models publishes a version with `MaxContributors` (16)
//   contributors sharing 10 % of what it keeps: 33 models and 528 contributor credits, the
//   point `purchase_license` is charged at up front. The block that must still import
//   within its claimed weight (docs/performance.md).
//
// Setup: one owner commits every registration in one block, then reveals the models level
// by level (a derivative of a paid model needs a licence of its parent, so the owner buys
// one use of each parent in the same block first). Each model sells uses at 1 MDL
// (`PerUse`); each edge pays a 10 % royalty. A buyer may buy any number of times (uses
// add up); each buys once here.

import { blake2AsHex } from '@polkadot/util-crypto';
import { MDL } from '../chain.js';

const PRICE = MDL;
const ROYALTY = 100_000; // Permill: 10 %
/** What the owner needs per model: the accountability bond (80 MDL), deposits, licences. */
const OWNER_FUNDS_PER_MODEL = 100n * MDL;

/** A distinct 32-byte hash per tag and index. */
const hash32 = (tag, i) => blake2AsHex(`modelchain-bench-${tag}-${i}`, 256);

/**
 * The product: purchases of a leaf whose parents end `chains` chains of ancestors (their
 * lengths); `contributors`: whether every model's latest version has a full contributor
 * list.
 */
function licenceProduct(name, chains, contributors) {
  const depth = Math.max(0, ...chains);
  const ancestors = chains.reduce((a, b) => a + b, 0);
  return {
    name,
    call: 'models.purchaseLicense',
    dispatchClass: 'normal',

    async setup({ chain, count }) {
      const { api } = chain;
      const limits = {
        depth: api.consts.models.maxLineageDepth.toNumber(),
        paths: api.consts.models.maxLineagePaths.toNumber(),
        parents: api.consts.models.maxParents.toNumber(),
      };
      if (depth > limits.depth || ancestors > limits.paths || chains.length > limits.parents) {
        throw new Error(`${name} needs depth ${depth}, ${ancestors} paths and ${chains.length} parents; the runtime allows ${JSON.stringify(limits)}`);
      }
      const owner = chain.account(name, 'owner');
      const buyers = chain.accounts(name, count);
      await chain.fund(`${name}: fund owner and buyers`, [
        [owner.address, OWNER_FUNDS_PER_MODEL * BigInt(ancestors + 1)],
        ...buyers.map((p) => [p.address, 5n * MDL]),
      ]);

      // Model k of chain c is `${c}-${k}` (k = 0 is the chain's root); the leaf is `leaf`.
      const slots = [...chains.flatMap((len, c) => Array.from({ length: len }, (_, k) => `${c}-${k}`)), 'leaf'];
      const models = new Map(slots.map((slot) => [slot, {
        contentHash: hash32(`${name}-content`, slot),
        salt: hash32(`${name}-salt`, slot),
        id: null,
      }]));
      for (const m of models.values()) {
        const encoded = api.createType('(H256, AccountId32, H256)', [m.contentHash, owner.address, m.salt]).toU8a();
        m.commitment = blake2AsHex(encoded, 256);
      }
      await chain.phase(`${name}: commit ${models.size} registration(s)`, [...models.values()].map((m) => ({
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
      const maxContributors = api.consts.models.maxContributors.toNumber();
      // Reveals `slots` (with their parents' ids) in one block, then their versions.
      const reveal = async (label, level) => {
        const items = [];
        for (const { slot, parents } of level) {
          const m = models.get(slot);
          for (const parent of parents) items.push({ pair: owner, tx: api.tx.models.purchaseLicense(parent, 1, PRICE) });
          const meta = { name: `bench-${slot}`, uri: `ipfs://bench-${slot}`, licenseId: 'apache-2.0', licenseHash: null, tags: ['bench'] };
          items.push({
            pair: owner,
            tx: api.tx.models.registerModel(m.contentHash, m.salt, meta, parents.map((p) => [p, 'Finetune', ROYALTY]), [], 1_000_000n, terms),
          });
        }
        await chain.phase(`${name}: register ${label}`, items);
        for (const { slot } of level) {
          const id = await api.query.models.modelByHash(models.get(slot).contentHash);
          if (id.isNone) throw new Error(`${name}: model ${slot} is not registered`);
          models.get(slot).id = id.unwrap().toBigInt();
        }
        if (!contributors) return;
        await chain.phase(`${name}: versions of ${label} with ${maxContributors} contributors each`, level.map(({ slot }) => ({
          pair: owner,
          tx: api.tx.models.publishVersion(
            models.get(slot).id, 1, hash32(`${name}-version`, slot), null,
            chain.accounts(`${name}-contributors-${slot}`, maxContributors).map((p) => [p.address, 1]),
          ),
        })));
      };
      for (let k = 0; k < depth; k += 1) {
        const level = chains.flatMap((len, c) => (k < len
          ? [{ slot: `${c}-${k}`, parents: k === 0 ? [] : [models.get(`${c}-${k - 1}`).id] }]
          : []));
        await reveal(`level ${k} of the chains`, level);
      }
      const ends = chains.map((len, c) => models.get(`${c}-${len - 1}`).id);
      await reveal('the leaf', [{ slot: 'leaf', parents: ends }]);

      const leafId = models.get('leaf').id;
      const leaf = (await api.query.models.models(leafId)).unwrap();
      if (leaf.depth.toNumber() !== depth || leaf.lineagePaths.toNumber() !== ancestors) {
        throw new Error(`${name}: the leaf has depth ${leaf.depth.toNumber()} and ${leaf.lineagePaths.toNumber()} paths, expected ${depth} and ${ancestors}`);
      }
      chain.log(`  ${name}: leaf model ${leafId} at depth ${depth}, ${ancestors} lineage paths, ${contributors ? maxContributors : 0} contributors a model`);
      return { buyers, model: leafId, depth };
    },

    build({ chain }, { buyers, model }) {
      return buyers.map((pair) => ({ pair, tx: chain.api.tx.models.purchaseLicense(model, 1, PRICE) }));
    },
  };
}

export const licencesRoot = licenceProduct('licences-root', [], false);
export const licences = licenceProduct('licences', [8], false);
export const licencesWorst = licenceProduct('licences-worst', [8, 8, 8, 8], true);
