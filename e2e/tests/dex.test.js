// The DEX end to end (pallet-asset-conversion on the dev chain's genesis pool: 100,000 MDL
// against 100,000 USDM, provided by the treasury), through @polkadot/api and manual sealing:
// - the runtime API quotes a swap, and the swap pays exactly the quote: the constant
//   product less the 0.3 % fee;
// - a sandwich: Eve's large buy lands in the same block before Bob's swap; Bob's bound
//   (the quote less 0.5 %) makes his swap fail whole, and he loses only the fee;
// - a swap through no pool, and an asset-to-asset pool, are refused by name.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import { manualSender, feeOf } from '../lib/models.js';

const SUITE_TIMEOUT_MS = 180_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const NATIVE = 'Native';
const STABLE = { Asset: 1 };
const PERMILL = 1_000_000n;
const FEE_COMPLEMENT = 997_000n;

/** Uniswap v2's exact-in formula, as the pallet computes it (rounded down). */
const amountOut = (amountIn, reserveIn, reserveOut) =>
  (amountIn * FEE_COMPLEMENT * reserveOut) / (reserveIn * PERMILL + amountIn * FEE_COMPLEMENT);

describe('the DEX through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let send;
  let sendAll;
  let bob;
  let eve;

  before(async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519' });
    [bob, eve] = ['//Bob', '//Eve'].map((u) => keyring.addFromUri(u));
    node = await startNode(['--sealing', 'manual']);
    api = node.api;
    ({ send, sendAll } = manualSender(node));
  });

  after(async () => {
    if (node) await node.stop();
  });

  const reserves = async () => {
    const r = (await api.call.assetConversionApi.getReserves(NATIVE, STABLE)).unwrap();
    return [r[0].toBigInt(), r[1].toBigInt()];
  };
  const quoteIn = async (amount) =>
    (await api.call.assetConversionApi.quotePriceExactTokensForTokens(NATIVE, STABLE, amount, true)).unwrap().toBigInt();
  const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
  const usdm = async (who) => {
    const a = await api.query.assets.account(1, who.address);
    return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
  };
  const swap = (amountIn, minOut, who) =>
    api.tx.assetConversion.swapExactTokensForTokens([NATIVE, STABLE], amountIn, minOut, who.address, true);

  it('quotes a swap through the runtime API and pays exactly the quote', async () => {
    assert.deepEqual(await reserves(), [100_000n * MDL, 100_000n * USDM]);
    const quote = await quoteIn(1_000n * MDL);
    assert.equal(quote, amountOut(1_000n * MDL, 100_000n * MDL, 100_000n * USDM));
    assert.equal(quote, 987_158_034n);

    const [mdl0, usd0] = [await free(bob), await usdm(bob)];
    const r = await send(swap(1_000n * MDL, quote, bob), bob);
    assert.equal(r.error, null);
    const swapped = r.events.find(({ event }) => api.events.assetConversion.SwapExecuted.is(event)).event.data;
    assert.equal(swapped.amountIn.toBigInt(), 1_000n * MDL);
    assert.equal(swapped.amountOut.toBigInt(), quote);
    assert.equal(await usdm(bob), usd0 + quote);
    assert.equal(await free(bob), mdl0 - 1_000n * MDL - feeOf(api, r));
    assert.deepEqual(await reserves(), [101_000n * MDL, 100_000n * USDM - quote]);
  });

  it('a sandwiched swap fails whole at its bound', async () => {
    const quote = await quoteIn(1_000n * MDL);
    const minOut = quote - quote / 200n;
    const [r0mdl, r0usd] = await reserves();
    const [bobMdl, bobUsd] = [await free(bob), await usdm(bob)];
    // Eve sees Bob's swap waiting and gets hers in first, in the same block.
    const [front, victim] = await sendAll([
      [swap(5_000n * MDL, 1n, eve), eve],
      [swap(1_000n * MDL, minOut, bob), bob],
    ]);
    assert.equal(front.error, null);
    assert.ok(front.index < victim.index);
    assert.equal(victim.error, 'assetConversion.ProvidedMinimumNotSufficientForSwap');
    // Bob paid the transaction fee and nothing else; the pool moved by Eve's swap only.
    assert.equal(await usdm(bob), bobUsd);
    assert.equal(await free(bob), bobMdl - feeOf(api, victim));
    const eveOut = amountOut(5_000n * MDL, r0mdl, r0usd);
    assert.deepEqual(await reserves(), [r0mdl + 5_000n * MDL, r0usd - eveOut]);
  });

  it('refuses a swap through no pool and a pool without MDL', async () => {
    const none = await send(
      api.tx.assetConversion.swapExactTokensForTokens([NATIVE, { Asset: 77 }], MDL, 1n, bob.address, true), bob);
    assert.equal(none.error, 'assetConversion.PoolEmpty');
    const pair = await send(api.tx.assetConversion.createPool(STABLE, { Asset: 77 }), bob);
    assert.equal(pair.error, 'assetConversion.InvalidAssetPair');
    assert.equal((await api.call.assetConversionApi.getReserves(NATIVE, { Asset: 77 })).isNone, true);
  });
});
