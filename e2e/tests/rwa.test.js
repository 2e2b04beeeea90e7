// A tokenised real-world asset from issue to collateral, through the node with
// @polkadot/api and manual sealing: the RWA pallet, the asset ledger, the oracle, governance
// (sudo here, standing in for the chain DAO's critical track) and lending:
// - Eve can't squat the next RWA id through assets.create (BadOrigin);
// - Charlie issues Vault Gold: the record carries his identity and document hashes, the
//   pallet keeps owner/admin/freezer, and Charlie can't freeze the lending pool;
// - governance prices it ($100) and lists it in category 1 (LTV 50 %, USDM only, a
//   10,000 USDM ceiling, a stale-price write-down);
// - Dave borrows exactly the category's 50 % against it; one unit more fails, MDL fails
//   with lending.CategoryBorrowNotAllowed, and the ceiling (interest included) stops a
//   second borrower.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, palletAccount } from '../lib/node.js';
import { manualSender, eventData, sudo } from '../lib/models.js';
import { demoRateModel } from '../lib/lending.js';

const SUITE_TIMEOUT_MS = 180_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const GOLD_UNIT = 1_000_000n;
const FIXED = 10n ** 18n;
const GOLD = 100_000;
const STABLE = { Asset: 1 };
const DAY_MS = 86_400_000;
const DOCS = { legal: `0x${'11'.repeat(32)}`, valuation: `0x${'22'.repeat(32)}` };

describe('a real-world asset through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let send;
  let alice;
  let bob;
  let charlie;
  let dave;
  let eve;
  let ferdie;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave, eve, ferdie] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve', '//Ferdie']
      .map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'manual']);
    api = node.api;
    ({ send } = manualSender(node));
  });

  after(async () => {
    if (node) await node.stop();
  });

  const ok = async (tx, signer) => {
    const r = await send(tx, signer);
    assert.equal(r.error, null);
    return r;
  };
  // Alice feeds VGLD at $100, MDL and USDM at $1. Feeds live 30 s, and each sealed block
  // moves the clock a slot: the test feeds again before each step that needs prices.
  const feed = () => ok(api.tx.oracle.feedValues([
    [{ AssetPrice: GOLD }, (100n * FIXED).toString()],
    [{ AssetPrice: 0 }, FIXED.toString()],
    [{ AssetPrice: 1 }, FIXED.toString()],
  ]), alice);
  const asRoot = async (call) => {
    const r = await sudo(api, send, alice, call);
    assert.equal(r.error, null);
    return r;
  };

  it('refuses an asset id in the RWA range to anyone but the RWA pallet', async () => {
    const r = await send(api.tx.assets.create(GOLD, eve.address, 1), eve);
    assert.equal(r.error, 'BadOrigin');
  });

  it('issues, lists in a category and lends against it within the category', async () => {
    const issued = await ok(api.tx.rwa.issue('Vault Gold', 'VGLD', 6, 1, 'LEI 5493001KJTIIGC8Y1R12', DOCS), charlie);
    const ev = eventData(issued, api.events.rwa.RwaIssued);
    assert.equal(ev.asset.toNumber(), GOLD);
    assert.equal(ev.issuer.toString(), charlie.address);
    const record = (await api.query.rwa.rwas(GOLD)).unwrap();
    assert.equal(record.documents.legal.toHex(), DOCS.legal);
    assert.equal(record.documents.valuation.toHex(), DOCS.valuation);
    assert.equal(record.status.toString(), 'Active');
    const details = (await api.query.assets.asset(GOLD)).unwrap();
    const rwaAccount = details.owner.toString();
    assert.equal(details.issuer.toString(), charlie.address);
    assert.equal(details.freezer.toString(), rwaAccount);
    assert.notEqual(rwaAccount, charlie.address);

    // The lending pool account (`mdl/lend`): a market needs the asset's minimum balance there.
    const lendingPool = palletAccount(api, api.consts.lending.palletId);
    assert.equal(rwaAccount, palletAccount(api, api.consts.rwa.palletId));
    await ok(api.tx.assets.mint(GOLD, dave.address, 1_000n * GOLD_UNIT), charlie);
    await ok(api.tx.assets.mint(GOLD, ferdie.address, 1_000n * GOLD_UNIT), charlie);
    await ok(api.tx.assets.mint(GOLD, lendingPool, 1n), charlie);
    const freeze = await send(api.tx.assets.freeze(GOLD, lendingPool), charlie);
    assert.equal(freeze.error, 'assets.NoPermission');

    // Governance: an oracle key, a category and a market.
    await asRoot(api.tx.utility.batchAll([
      api.tx.oracle.setKeyConfig({ AssetPrice: GOLD }, {
        minFeeders: 1, maxAge: 30_000, minValue: null, maxValue: null, maxDeviation: 200_000,
      }),
      api.tx.lending.setCategory(1, {
        collateralFactor: 500_000,
        liquidationThreshold: 600_000,
        liquidationBonus: 50_000,
        zeroLtv: false,
        debtCeiling: { debtAsset: STABLE, ceiling: 10_000n * USDM },
      }),
    ]));
    await feed();
    await asRoot(api.tx.lending.addMarket({ Asset: GOLD }, {
      collateralFactor: 100_000,
      liquidationThreshold: 200_000,
      liquidationBonus: 50_000,
      protocolLiquidationShare: 100_000,
      reserveFactor: 100_000,
      supplyCap: 100_000n * GOLD_UNIT,
      borrowCap: 0,
      minBorrow: 0,
      rateModel: demoRateModel(),
      maxPriceAge: 60_000,
      priceKey: GOLD,
      decimals: 6,
      category: 1,
      staleWriteDown: { grace: DAY_MS, perDay: 100_000 },
    }));

    await ok(api.tx.lending.supply(STABLE, 50_000n * USDM), bob);
    await ok(api.tx.lending.supply('Native', 1_000n * MDL), bob);
    await feed();
    // Dave: 100 VGLD = $10,000; the category lends 50 % of it.
    await ok(api.tx.lending.supply({ Asset: GOLD }, 100n * GOLD_UNIT), dave);
    await ok(api.tx.lending.enableCollateral({ Asset: GOLD }), dave);
    await feed();
    const over = await send(api.tx.lending.borrow(STABLE, 5_000n * USDM + 1n), dave);
    assert.equal(over.error, 'lending.InsufficientCollateral');
    const mdl = await send(api.tx.lending.borrow('Native', MDL), dave);
    assert.equal(mdl.error, 'lending.CategoryBorrowNotAllowed');
    await feed();
    await ok(api.tx.lending.borrow(STABLE, 5_000n * USDM), dave);
    // Ferdie: 200 VGLD would allow $10,000, but the ceiling has at most 5,000 USDM left
    // (less the interest Dave's debt has accrued since: the count includes interest).
    await ok(api.tx.lending.supply({ Asset: GOLD }, 200n * GOLD_UNIT), ferdie);
    await ok(api.tx.lending.enableCollateral({ Asset: GOLD }), ferdie);
    await feed();
    const ceiling = await send(api.tx.lending.borrow(STABLE, 5_000n * USDM + 1n), ferdie);
    assert.equal(ceiling.error, 'lending.CategoryDebtCeilingReached');
    await feed();
    await ok(api.tx.lending.borrow(STABLE, 4_000n * USDM), ferdie);
    // The count, scaled by the USDM market's borrow index, is the two debts now.
    const category = (await api.query.lending.categories(1)).unwrap();
    const market = (await api.query.lending.markets(STABLE)).unwrap();
    const index = market.state.borrowIndex.toBigInt();
    const counted = (category.scaledDebt.toBigInt() * index + FIXED - 1n) / FIXED;
    assert.ok(counted >= 9_000n * USDM && counted < 9_000n * USDM + 1_000n, `counted ${counted}`);
    assert.equal(category.markets.toNumber(), 1);
  });
});
