// One-shot leverage end to end: lending borrows, swaps on the real DEX (the genesis
// MDL/USDM pool, 100,000 : 100,000) and supplies in one extrinsic, with prices from the real
// oracle, through @polkadot/api and manual sealing:
// - Charlie opens 1,000 MDL at 2× against USDM: the swap costs exactly the DEX's quote,
//   his wallet pays 1,000 MDL and the transaction fee, and the RPC shows 2,000 MDL of
//   collateral against that debt;
// - the MDL price moves (oracle to $1.02, where the pool now is) and he closes: the whole
//   debt is repaid from the collateral and the rest comes back to his wallet in MDL;
// - a sandwich: Eve's large MDL buy lands first in the same block; Dave's open, bounded by
//   the oracle plus 2 %, fails whole with lending.SlippageExceeded, and he pays only the fee;
// - bad input: leverage 1 and above the maximum fail by name.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, rawRpc } from '../lib/node.js';
import { manualSender, feeOf, eventData } from '../lib/models.js';

const SUITE_TIMEOUT_MS = 240_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const FIXED = 10n ** 18n;
const NATIVE = 'Native';
const STABLE = { Asset: 1 };
const TWO_PERCENT = 20_000;

/** Uniswap v2's exact-out formula with the 0.3 % fee, as the pallet computes it. */
const amountIn = (out, reserveIn, reserveOut) =>
  (reserveIn * out * 1_000_000n) / ((reserveOut - out) * 997_000n) + 1n;

describe('one-shot leverage through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let send;
  let sendAll;
  let alice;
  let bob;
  let charlie;
  let dave;
  let eve;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave, eve] = ['//Alice', '//Bob', '//Charlie', '//Dave', '//Eve']
      .map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'manual']);
    api = node.api;
    ({ send, sendAll } = manualSender(node));
  });

  after(async () => {
    if (node) await node.stop();
  });

  const ok = async (tx, signer) => {
    const r = await send(tx, signer);
    assert.equal(r.error, null);
    return r;
  };
  const feed = (mdlCents) => ok(api.tx.oracle.feedValues([
    [{ AssetPrice: 0 }, (BigInt(mdlCents) * FIXED / 100n).toString()],
    [{ AssetPrice: 1 }, FIXED.toString()],
  ]), alice);
  const reserves = async () => {
    const r = (await api.call.assetConversionApi.getReserves(NATIVE, STABLE)).unwrap();
    return [r[0].toBigInt(), r[1].toBigInt()];
  };
  const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
  const health = async (who) => {
    const answer = await rawRpc(node.rpcPort, 'lending_accountHealth', [who.address, null]);
    assert.ok(!answer.error, JSON.stringify(answer.error));
    return answer.result;
  };
  const open = (amount, leverage, who, slippage = TWO_PERCENT) =>
    api.tx.lending.openLeveragedPosition(NATIVE, STABLE, amount, leverage.toString(), slippage);

  it('opens 2x in one extrinsic at exactly the DEX quote, then closes after a price move', async () => {
    await feed(100);
    await ok(api.tx.lending.supply(STABLE, 50_000n * USDM), bob);

    const [rMdl, rUsd] = await reserves();
    assert.deepEqual([rMdl, rUsd], [100_000n * MDL, 100_000n * USDM]);
    const cost = amountIn(1_000n * MDL, rUsd, rMdl);
    assert.equal(cost, 1_013_140_432n);
    const quoted = (await api.call.assetConversionApi.quotePriceTokensForExactTokens(
      STABLE, NATIVE, 1_000n * MDL, true)).unwrap().toBigInt();
    assert.equal(quoted, cost);

    const before = await free(charlie);
    const r = await ok(open(1_000n * MDL, 2n * FIXED, charlie), charlie);
    const opened = eventData(r, api.events.lending.LeveragedPositionOpened);
    assert.equal(opened.supplied.toBigInt(), 2_000n * MDL);
    assert.equal(opened.borrowed.toBigInt(), cost);
    assert.equal(before - await free(charlie), 1_000n * MDL + feeOf(api, r));
    assert.deepEqual(await reserves(), [99_000n * MDL, 100_000n * USDM + cost]);
    let h = await health(charlie);
    // $2,000 of MDL against 1,013.140432 USDM; HF = 2,000 × 0.7 / 1,013.140432.
    assert.equal(BigInt(h.collateralValue), 2_000n * FIXED);
    assert.equal(BigInt(h.debtValue), cost * FIXED / USDM);
    assert.equal(BigInt(h.healthFactor), (1_400n * FIXED * FIXED) / (cost * FIXED / USDM));

    // MDL moves to $1.02 (about where the pool is after the buy): the position is worth more.
    await feed(102);
    h = await health(charlie);
    assert.equal(BigInt(h.collateralValue), 2_040n * FIXED);

    const [pMdl, pUsd] = await reserves();
    const mid = await free(charlie);
    const c = await ok(api.tx.lending.closeLeveragedPosition(NATIVE, STABLE, TWO_PERCENT), charlie);
    const closed = eventData(c, api.events.lending.LeveragedPositionClosed);
    const repaid = closed.repaid.toBigInt();
    // A few seconds of interest at most on the debt.
    assert.ok(repaid >= cost && repaid < cost + 1_000n, `repaid ${repaid}`);
    const sold = amountIn(repaid, pMdl, pUsd);
    assert.equal(closed.sold.toBigInt(), sold);
    assert.equal(closed.returned.toBigInt(), 2_000n * MDL - sold);
    assert.equal(await free(charlie), mid + 2_000n * MDL - sold - feeOf(api, c));
    h = await health(charlie);
    assert.equal(h.positions.length, 0);
    // Open then close cost him the two pool fees and the price impact, no more.
    assert.ok(2_000n * MDL - sold < 1_000n * MDL);
  });

  it('an open sandwiched by a large buy fails whole at its oracle bound', async () => {
    await feed(102);
    const before = await free(dave);
    const [front, victim] = await sendAll([
      [api.tx.assetConversion.swapTokensForExactTokens([STABLE, NATIVE], 5_000n * MDL, 10_000n * USDM, eve.address, true), eve],
      [open(1_000n * MDL, 2n * FIXED, dave), dave],
    ]);
    assert.equal(front.error, null);
    assert.ok(front.index < victim.index);
    assert.equal(victim.error, 'lending.SlippageExceeded');
    assert.equal(await free(dave), before - feeOf(api, victim));
    assert.equal((await health(dave)).positions.length, 0);
  });

  it('refuses leverage of 1 or above the maximum by name', async () => {
    for (const leverage of [FIXED, 6n * FIXED]) {
      const r = await send(open(100n * MDL, leverage, dave), dave);
      assert.equal(r.error, 'lending.InvalidLeverage');
    }
  });
});
