// Borrowing against a model's shares, through the node with @polkadot/api and manual
// sealing: the models pallet (registration, the share ledger, its locks), the oracle, the
// DEX and lending, with sudo standing in for the chain DAO's critical track.
// - Alice registers a model (10,000 shares) and gives Dave 2,000; governance prices the
//   shares ($10, their own oracle key), opens category 5 (LTV 20 %, threshold 30 %, a
//   10,000 USDM ceiling) and the share market (lends nothing, 5,000 shares at most);
// - Dave pledges 1,000 shares: they stay his (revenue, history), lending's `lend/col`
//   lock holds them, a transfer of them fails with models.SharesLocked; he borrows exactly
//   20 % ($2,000), one unit more fails;
// - the shares can't be borrowed (lending.SharesNotBorrowable) nor pooled on the DEX
//   (assetConversion.InvalidAssetPair);
// - the attack: the share feed is pumped 20× ($200): lending's copy rises 0.5 % a block,
//   so Dave's borrowing power barely moves and a borrow against the pump fails;
// - the price falls to $6: Charlie liquidates and receives Dave's pledged shares.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { manualNode } from '../lib/suite.js';
import { demoRateModel } from '../lib/lending.js';
import {
  eventData, sudo, registerModel, metadata, terms, hashOf, rpc, errorName,
} from '../lib/models.js';

const SUITE_TIMEOUT_MS = 240_000;
const USDM = 1_000_000n;
const FIXED = 10n ** 18n;
const STABLE = { Asset: 1 };
const SHARE_KEY = 700;
const CATEGORY = 5;
const PLEDGE_LOCK = `0x${Buffer.from('lend/col').toString('hex')}`;

describe('model shares as collateral through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  const t = manualNode();
  let node;
  let api;
  let send;
  let ok;
  let asRoot;
  let alice;
  let bob;
  let charlie;
  let dave;
  let ferdie;
  let model;
  let shares;
  before(() => ({ node, api, send, ok, asRoot, alice, bob, charlie, dave, ferdie } = t));

  const feed = (sharePrice) => ok(api.tx.oracle.feedValues([
    [{ AssetPrice: SHARE_KEY }, (sharePrice * FIXED).toString()],
    [{ AssetPrice: 0 }, FIXED.toString()],
    [{ AssetPrice: 1 }, FIXED.toString()],
  ]), alice);
  const held = async (who) => (await api.query.models.holdings(model, who.address)).unwrap().shares.toBigInt();
  const pledged = async (who) => {
    const locks = await api.query.models.shareLocks(model, who.address);
    const entry = locks.find(([id]) => id.toHex() === PLEDGE_LOCK);
    return entry ? entry[1].toBigInt() : 0n;
  };
  const marketPrice = async () => (await api.query.lending.markets(shares)).unwrap().state.price.unwrap().price.toBigInt();

  it('lists a model\'s shares as collateral in a category of their own', async () => {
    ({ id: model } = await registerModel(api, alice, {
      contentHash: hashOf(0x5c), meta: metadata('collateral-model'), shareSupply: 10_000n, licenseTerms: terms(),
    }, { send }));
    shares = { ModelShares: model };
    await ok(api.tx.models.transferShares(model, dave.address, 2_000n), alice);
    await asRoot(api.tx.utility.batchAll([
      api.tx.oracle.setKeyConfig({ AssetPrice: SHARE_KEY }, {
        minFeeders: 1, maxAge: 30_000, minValue: null, maxValue: null, maxDeviation: null,
      }),
      api.tx.lending.setCategory(CATEGORY, {
        collateralFactor: 200_000,
        liquidationThreshold: 300_000,
        liquidationBonus: 100_000,
        zeroLtv: false,
        debtCeiling: { debtAsset: STABLE, ceiling: 10_000n * USDM },
      }),
    ]));
    await feed(10n);
    const params = {
      collateralFactor: 100_000,
      liquidationThreshold: 200_000,
      liquidationBonus: 50_000,
      protocolLiquidationShare: 0,
      reserveFactor: 100_000,
      supplyCap: 5_000n,
      borrowCap: 0,
      minBorrow: 0,
      rateModel: demoRateModel(),
      maxPriceAge: 60_000,
      priceKey: SHARE_KEY,
      decimals: 0,
      category: CATEGORY,
      staleWriteDown: null,
    };
    // A share market that could lend is refused by name (through sudo's own event).
    const lends = await sudo(api, send, alice, api.tx.lending.addMarket(shares, { ...params, borrowCap: 1 }));
    const sudid = eventData(lends, api.events.sudo.Sudid);
    assert.equal(errorName(api, sudid.sudoResult.asErr), 'lending.InvalidShareMarket');
    await asRoot(api.tx.lending.addMarket(shares, params));
    await ok(api.tx.lending.supply(STABLE, 50_000n * USDM), bob);
  });

  it('lends 20 % against pledged shares that stay with their holder', async () => {
    await ok(api.tx.lending.supply(shares, 1_000n), dave);
    await feed(10n);
    await ok(api.tx.lending.enableCollateral(shares), dave);
    assert.equal(await held(dave), 2_000n);
    assert.equal(await pledged(dave), 1_000n);
    const locked = await send(api.tx.models.transferShares(model, ferdie.address, 1_001n), dave);
    assert.equal(locked.error, 'models.SharesLocked');
    await ok(api.tx.models.transferShares(model, ferdie.address, 1_000n), dave);
    await feed(10n);
    const over = await send(api.tx.lending.borrow(STABLE, 2_000n * USDM + 1n), dave);
    assert.equal(over.error, 'lending.InsufficientCollateral');
    await feed(10n);
    await ok(api.tx.lending.borrow(STABLE, 2_000n * USDM), dave);
    const borrowShares = await send(api.tx.lending.borrow(shares, 1n), bob);
    assert.equal(borrowShares.error, 'lending.SharesNotBorrowable');
    const pool = await send(api.tx.assetConversion.createPool('Native', shares), bob);
    assert.equal(pool.error, 'assetConversion.InvalidAssetPair');
    const health = await rpc(node, 'lending_accountHealth', [dave.address, null]);
    const pledge = health.positions.find((p) => p.asset.modelShares !== undefined);
    assert.equal(pledge.asset.modelShares, String(model)); // ids travel as decimal strings
    assert.equal(pledge.supplied, '1000');
  });

  it('lets a 20x pump of the share feed raise borrowing power by 0.5 % a block only', async () => {
    const before = await marketPrice();
    assert.equal(before, 10n * FIXED);
    const from = (await api.rpc.chain.getHeader()).number.toNumber();
    await feed(200n);
    const after = await marketPrice();
    const rose = (await api.query.lending.markets(shares)).unwrap().state.priceRoseAt.toNumber();
    // $10 × (1 + 0.005 × blocks since the market's price was set), blocks ≤ 100.
    assert.ok(rose > from, `rose at ${rose}`);
    assert.ok(after > before && after <= 15n * FIXED, `lending price ${after}`);
    const oracle = (await api.query.oracle.keys({ AssetPrice: SHARE_KEY })).unwrap().combined.unwrap().value.toBigInt();
    assert.equal(oracle, 200n * FIXED);
    // At $200 the pledge would back $40,000; at the bounded price it backs ≤ $3,000.
    await feed(200n);
    const pumped = await send(api.tx.lending.borrow(STABLE, 2_000n * USDM), dave);
    assert.equal(pumped.error, 'lending.InsufficientCollateral');
  });

  it('liquidates a pledge: the shares move to the liquidator', async () => {
    await feed(6n);
    assert.equal(await marketPrice(), 6n * FIXED);
    await feed(6n);
    const r = await ok(api.tx.lending.liquidate(dave.address, STABLE, shares, 1_000n * USDM), charlie);
    const ev = eventData(r, api.events.lending.Liquidated);
    const seized = ev.seized.toBigInt();
    // About $1,000 × 1.10 / $6 ≈ 183 shares (the debt accrued a little interest).
    assert.ok(seized >= 183n && seized <= 184n, `seized ${seized}`);
    assert.equal(await held(charlie), seized);
    assert.equal(await pledged(dave), 1_000n - seized);
    assert.equal(await held(dave), 1_000n - seized);
    await ok(api.tx.models.transferShares(model, ferdie.address, seized), charlie);
  });
});
