// Lending end to end, on the dev chain's genesis markets (MDL: 60 % LTV, 70 % liquidation
// threshold, 8 % bonus, a tenth of it to the protocol; USDM: a 6-decimal stablecoin), with
// the real oracle and manual sealing:
// - Alice feeds MDL at $2 and USDM at $1; Bob supplies 10,000 USDM; Charlie supplies
//   1,000 MDL as collateral and borrows 1,150 USDM; the RPC reports his exact limits;
// - a borrow past his limit fails with lending.InsufficientCollateral;
// - MDL falls to $1.50: the RPC says he can be liquidated; Dave repays 500 USDM and seizes
//   500 × 1.08 / 1.5 = 360 MDL of supply shares; the event, storage and both RPCs agree;
// - a flash loan through the node pays its 0.09 % fee.
//
// Fixed-point values (USD values, rates, indices) come from the RPC as the integer string
// of value × 10^18; balances as decimal strings of the smallest unit.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode, rawRpc, manualSealing } from '../lib/node.js';

const SUITE_TIMEOUT_MS = 300_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const FIXED = 1_000_000_000_000_000_000n;
const NATIVE = 'Native';
const STABLE = { Asset: 1 };

describe('lending through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let seal;
  let submit;
  let alice;
  let bob;
  let charlie;
  let dave;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'manual']);
    api = node.api;
    ({ seal, submit } = manualSealing(node));
    await seal();
  });

  after(async () => {
    if (node) await node.stop();
  });

  const rpc = async (method, params) => {
    const answer = await rawRpc(node.rpcPort, method, params);
    assert.ok(!answer.error, JSON.stringify(answer.error));
    return answer.result;
  };
  const health = (who, at = null) => rpc('lending_accountHealth', [who.address, at]);
  const market = (asset, at = null) => rpc('lending_market', [asset, at]);

  async function ok(tx, signer) {
    const r = await submit(tx, signer);
    assert.equal(r.error, null);
    return r;
  }

  /** Alice feeds both prices (dollars × 100). */
  function feed(mdlCents) {
    return ok(api.tx.oracle.feedValues([
      [{ AssetPrice: 0 }, (BigInt(mdlCents) * FIXED / 100n).toString()],
      [{ AssetPrice: 1 }, FIXED.toString()],
    ]), alice);
  }

  it('supplies, borrows, liquidates after a price drop, and the RPC matches the chain', async () => {
    await feed(200);
    await ok(api.tx.lending.supply(STABLE, 10_000n * USDM), bob);
    await ok(api.tx.lending.supply(NATIVE, 1_000n * MDL), charlie);
    await ok(api.tx.lending.enableCollateral(NATIVE), charlie);
    await ok(api.tx.lending.borrow(STABLE, 1_150n * USDM), charlie);

    let h = await health(charlie);
    assert.equal(BigInt(h.collateralValue), 2_000n * FIXED);
    assert.equal(BigInt(h.borrowLimit), 1_200n * FIXED);
    assert.equal(BigInt(h.liquidationLimit), 1_400n * FIXED);
    // 1,150 USDM plus a few seconds of interest.
    assert.ok(BigInt(h.debtValue) >= 1_150n * FIXED && BigInt(h.debtValue) < 1_151n * FIXED, h.debtValue);
    assert.equal(h.pricesFresh, true);
    assert.equal(h.liquidatable, false);
    const native = h.positions.find((p) => p.asset === 'native');
    assert.deepEqual([native.supplied, native.collateral], [(1_000n * MDL).toString(), true]);

    // Manual sealing moves the clock a slot per block: keep the oracle's 30 s prices fresh.
    await feed(200);
    const refused = await submit(api.tx.lending.borrow(STABLE, 60n * USDM), charlie);
    assert.equal(refused.error, 'lending.InsufficientCollateral');

    // MDL falls 25 %: HF = 1,000 × 1.5 × 0.7 / 1,150 = 0.913.
    await feed(150);
    const before = await api.rpc.chain.getBlockHash();
    h = await health(charlie, before.toHex());
    assert.equal(h.liquidatable, true);
    const hfBefore = BigInt(h.healthFactor);
    assert.ok(hfBefore > 913n * FIXED / 1000n && hfBefore < 914n * FIXED / 1000n, h.healthFactor);
    const debtBefore = BigInt(h.positions.find((p) => p.asset.asset === 1).debt);

    const r = await ok(api.tx.lending.liquidate(charlie.address, STABLE, NATIVE, 500n * USDM), dave);
    const liquidated = r.events.find(({ event }) => api.events.lending.Liquidated.is(event)).event.data;
    const seized = 360n * MDL;
    // Bonus 360 − ⌈360 / 1.08⌉ MDL; the protocol's tenth of it.
    const protocolFee = (seized - (seized * 100n + 107n) / 108n) / 10n;
    assert.equal(liquidated.repaid.toBigInt(), 500n * USDM);
    assert.equal(liquidated.seized.toBigInt(), seized);
    assert.equal(liquidated.seizedShares.toBigInt(), seized);
    assert.equal(liquidated.protocolFee.toBigInt(), protocolFee);

    // The chain's storage and the RPC agree with the event.
    h = await health(charlie, r.blockHash);
    const stablePosition = h.positions.find((p) => p.asset.asset === 1);
    const interest = BigInt(stablePosition.debt) - (debtBefore - 500n * USDM);
    assert.ok(interest >= 0n && interest < 1_000n, `interest ${interest}`);
    assert.equal(h.positions.find((p) => p.asset === 'native').supplied, (640n * MDL).toString());
    assert.equal(h.liquidatable, false);
    // HF = 640 × 1.5 × 0.7 / ~650 = 1.034.
    assert.ok(BigInt(h.healthFactor) > hfBefore && BigInt(h.healthFactor) > FIXED, h.healthFactor);

    const daveHealth = await health(dave, r.blockHash);
    const daveNative = daveHealth.positions.find((p) => p.asset === 'native');
    assert.equal(daveNative.supplied, (seized - protocolFee).toString());
    assert.equal(daveNative.collateral, false);
    const stored = (await api.query.lending.positions.at(r.blockHash, dave.address)).toJSON();
    assert.equal(BigInt(stored[0].shares), seized - protocolFee);

    const nativeMarket = await market('native', r.blockHash);
    assert.equal(nativeMarket.totalReserves, protocolFee.toString());
    assert.equal(nativeMarket.totalShares, (1_000n * MDL - protocolFee).toString());
    const stableMarket = await market({ asset: 1 }, r.blockHash);
    assert.equal(stableMarket.cash, ((10_000n - 1_150n + 500n) * USDM).toString());
    assert.equal(stableMarket.price, FIXED.toString());
    assert.equal(stableMarket.deficit, '0');
    assert.ok(BigInt(stableMarket.totalBorrows) <= BigInt(stablePosition.debt));
  });

  it('takes a flash loan through the node and charges 0.09 %', async () => {
    const cashBefore = BigInt((await market({ asset: 1 })).cash);
    const inner = api.tx.system.remark('0x01');
    const r = await ok(api.tx.lending.flashLoan(STABLE, 5_000n * USDM, inner), dave);
    const loan = r.events.find(({ event }) => api.events.lending.FlashLoan.is(event)).event.data;
    assert.equal(loan.fee.toBigInt(), 4_500_000n);
    assert.equal(BigInt((await market({ asset: 1 }, r.blockHash)).cash), cashBefore + 4_500_000n);
    assert.equal(await rpc('lending_market', [{ asset: 77 }, null]), null);
  });
});
