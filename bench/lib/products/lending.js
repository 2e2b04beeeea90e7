// Lending: half `lending.supply`, half `lending.borrow`, spread over the dev preset's three
// markets (MDL, USDM, mXAU), each from a distinct account.
//
// Setup (never in the measured block):
// - every account gets native tokens for fees; MDL suppliers and borrowers get what they
//   supply; Alice, the assets' issuer, mints USDM and mXAU to the suppliers of those markets;
// - Alice supplies liquidity to each market, so that every borrow finds cash;
// - each borrower supplies 100 MDL and enables it as collateral (borrow limit $60 at the dev
//   prices, 60 % LTV), with Alice feeding the prices into each of those blocks (enabling
//   collateral needs a current price);
// - right before the measured block: the dev clock is moved well ahead of the wall clock,
//   then Alice feeds the prices in their own block, so that the measured block is exactly
//   one 6 s slot later and every price is fresh (the dev keys' max_age is 30 s).

import { MDL, USDM_ID, XAU_ID, USDM_UNIT, XAU_UNIT } from '../chain.js';

const MARKETS = [
  { name: 'MDL', asset: 'Native', supply: 10n * MDL, borrow: 5n * MDL },
  { name: 'USDM', asset: { Asset: USDM_ID }, supply: 10n * USDM_UNIT, borrow: 5n * USDM_UNIT, mint: 100n * USDM_UNIT },
  // The gold market's minimum borrow is 0.01 oz ($20 at the dev price).
  { name: 'mXAU', asset: { Asset: XAU_ID }, supply: XAU_UNIT / 10n, borrow: XAU_UNIT / 100n, mint: XAU_UNIT },
];
const FEE_FUNDS = 10n * MDL;
const COLLATERAL = 100n * MDL;
/** What Alice supplies to each market first: cash for every borrow and more. */
const LIQUIDITY = { MDL: 50_000n * MDL, USDM: 50_000n * USDM_UNIT, mXAU: 50n * XAU_UNIT };
const marketOf = (i) => MARKETS[i % MARKETS.length];

export default {
  name: 'lending',
  call: 'lending.supply / lending.borrow',
  dispatchClass: 'normal',

  async setup({ chain, count }) {
    const { api } = chain;
    const nSuppliers = Math.ceil(count / 2);
    const suppliers = chain.accounts('lending', nSuppliers);
    const borrowers = chain.accounts('lending', count - nSuppliers, nSuppliers);

    await chain.fund('lending: fund suppliers and borrowers', [
      ...suppliers.map((p, i) => [p.address, FEE_FUNDS + (marketOf(i).asset === 'Native' ? marketOf(i).supply : 0n)]),
      ...borrowers.map((p) => [p.address, FEE_FUNDS + COLLATERAL]),
    ]);

    // Alice issues USDM and mXAU (the dev preset makes her their owner and issuer).
    const mints = [];
    suppliers.forEach((p, i) => {
      const m = marketOf(i);
      if (m.mint) mints.push(api.tx.assets.mint(m.asset.Asset, p.address, m.mint));
    });
    mints.push(api.tx.assets.mint(USDM_ID, chain.alice.address, LIQUIDITY.USDM));
    mints.push(api.tx.assets.mint(XAU_ID, chain.alice.address, LIQUIDITY.mXAU));
    const items = [];
    for (let i = 0; i < mints.length; i += 1000) {
      items.push({ pair: chain.alice, tx: api.tx.utility.batchAll(mints.slice(i, i + 1000)) });
    }
    await chain.phase('lending: mint USDM and mXAU to suppliers', items);
    await chain.phase('lending: Alice supplies liquidity to MDL, USDM and mXAU', MARKETS.map((m) => ({
      pair: chain.alice, tx: api.tx.lending.supply(m.asset, LIQUIDITY[m.name]),
    })));

    await chain.phase('lending: borrowers supply 100 MDL and enable it as collateral', borrowers.map((pair) => ({
      pair,
      tx: api.tx.utility.batchAll([api.tx.lending.supply('Native', COLLATERAL), api.tx.lending.enableCollateral('Native')]),
    })), { feedPrices: true });
    return { suppliers, borrowers };
  },

  build({ chain }, { suppliers, borrowers }) {
    const { api } = chain;
    // Interleaved, so that any prefix of the submission holds both kinds (and, with the
    // equal-priority tips the generator adds, so does the block).
    const out = [];
    for (let i = 0; i < Math.max(suppliers.length, borrowers.length); i += 1) {
      const m = marketOf(i);
      if (i < suppliers.length) out.push({ pair: suppliers[i], kind: `supply ${m.name}`, tx: api.tx.lending.supply(m.asset, m.supply) });
      if (i < borrowers.length) out.push({ pair: borrowers[i], kind: `borrow ${m.name}`, tx: api.tx.lending.borrow(m.asset, m.borrow) });
    }
    return out;
  },

  async beforeSubmit({ chain }) {
    // Five minutes of slack: however long submission takes, the measured block's timestamp
    // is the feed's plus one slot.
    await chain.ensureClockAhead(300_000);
    const [feedBlock] = await chain.phase('lending: Alice feeds MDL, USDM and mXAU prices (block before the measured one)',
      [{ pair: chain.alice, tx: chain.priceFeedTx() }]);
    return { feedBlock };
  },

  async annotate({ chain }, _state, pre, measured) {
    const fedAt = await chain.timestampAt(pre.feedBlock);
    return { priceAgeMs: measured.timestamp - fedAt };
  },
};
