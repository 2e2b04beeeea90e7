// A 2x leveraged token end to end (lending's leveraged_token.rs): its vault holds a real
// lending position, MDL collateral against USDM debt, traded through the genesis MDL/USDM
// pool, with prices from the real oracle, through @polkadot/api and manual sealing:
// - governance (sudo) creates the token, and with it its token asset (owned by the lending
//   pool account), after the vault account (blake2_256(("mdl/ltok", id))) was seeded;
// - Charlie mints 200 tokens with 200 MDL (1x); Dave rebalances it to 2x and earns
//   0.1 % of the trade; a second rebalance is refused (RebalanceNotNeeded);
// - Charlie redeems half: he gets his slice of MDL less his slice of debt bought back, and
//   the vault's leverage is unchanged;
// - MDL rises 30 %: leverage falls below 1.7x and a rebalance brings it back into the band;
// - a second token tracks gold at 2x on the dev preset's XAU feed (asset 2, the MDL/mXAU
//   pool): minted in gold, levered to 2x, re-levered after gold +30 %; a redemption into
//   the lagging pool fails at its bound, and after an arbitrage half is redeemed in gold.

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a, bnToU8a } from '@polkadot/util';
import { palletAccount } from '../lib/node.js';
import { manualNode } from '../lib/suite.js';
import { eventData, feeOf } from '../lib/models.js';

const SUITE_TIMEOUT_MS = 180_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const FIXED = 10n ** 18n;
const TOKEN = 500;
const ID = 1;
const STABLE = { Asset: 1 };

describe('a 2x leveraged token through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  const t = manualNode();
  let api;
  let send;
  let ok;
  let asRoot;
  let bob;
  let charlie;
  let dave;
  let alice;
  before(() => ({ api, send, ok, asRoot, alice, bob, charlie, dave } = t));

  const feed = (mdlCents) => ok(api.tx.oracle.feedValues([
    [{ AssetPrice: 0 }, (BigInt(mdlCents) * FIXED / 100n).toString()],
    [{ AssetPrice: 1 }, FIXED.toString()],
  ]), alice);
  const free = async (who) => (await api.query.system.account(who.address ?? who)).data.free.toBigInt();
  const tokens = async (who) => {
    const a = await api.query.assets.account(TOKEN, who.address);
    return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
  };
  const rebalanced = (r) => {
    const e = eventData(r, api.events.lending.LeveragedTokenRebalanced);
    return { before: e.leverageBefore.toBigInt(), after: e.leverageAfter.toBigInt(), reward: e.reward.toBigInt(), ripcord: e.ripcord.isTrue };
  };

  it('mints at NAV, rebalances to 2x, redeems a slice, and re-enters its band after a move', async () => {
    // The vault: blake2_256(SCALE(("mdl/ltok", id))), holding the ED and a unit of USDM.
    const vault = api.createType('AccountId', blake2AsU8a(u8aConcat(stringToU8a('mdl/ltok'), bnToU8a(ID, { bitLength: 32 })), 256)).toString();
    await ok(api.tx.balances.transferKeepAlive(vault, MDL), bob);
    await ok(api.tx.assets.transfer(1, vault, 1n), bob);
    await asRoot(api.tx.lending.createLeveragedToken(ID, {
      collateral: 'Native',
      debt: STABLE,
      token: TOKEN,
      target: (2n * FIXED).toString(),
      minLeverage: (17n * FIXED / 10n).toString(),
      maxLeverage: (23n * FIXED / 10n).toString(),
      ripcord: (27n * FIXED / 10n).toString(),
      maxTrade: (1_000_000n * MDL).toString(),
      reward: 1_000,
    }));
    // The pallet created the token asset, owned and issued by the lending pool account:
    // nobody can sign for it, so only lending mints the token.
    const pool = palletAccount(api, api.consts.lending.palletId);
    const details = (await api.query.assets.asset(TOKEN)).unwrap();
    assert.equal(details.owner.toString(), pool);
    assert.equal(details.issuer.toString(), pool);
    await feed(100);
    await ok(api.tx.lending.supply(STABLE, 50_000n * USDM), bob);

    // Mint: the first mint gives one token per MDL. (200 MDL: the keeper's trade must stay
    // within its 1 % bound in the 100,000 MDL genesis pool, fee and impact included.)
    await feed(100);
    const minted = await ok(api.tx.lending.mintLeveragedToken(ID, 200n * MDL, 20_000), charlie);
    assert.equal(eventData(minted, api.events.lending.LeveragedTokenMinted).tokens.toBigInt(), 200n * MDL);
    assert.equal(await tokens(charlie), 200n * MDL);

    // Rebalance to 2x: buy $200 of MDL with borrowed USDM; the keeper earns 0.1 %: 0.2 MDL.
    const daveBefore = await free(dave);
    const r1 = await ok(api.tx.lending.rebalanceLeveragedToken(ID), dave);
    const first = rebalanced(r1);
    assert.equal(first.before, FIXED);
    assert.equal(first.ripcord, false);
    // 2x less the swap's fee and impact and the keeper's reward.
    assert.ok(first.after > 195n * FIXED / 100n && first.after < 205n * FIXED / 100n, `${first.after}`);
    assert.equal(first.reward, MDL / 5n);
    assert.equal(await free(dave), daveBefore + MDL / 5n - feeOf(api, r1));
    const again = await send(api.tx.lending.rebalanceLeveragedToken(ID), dave);
    assert.equal(again.error, 'lending.RebalanceNotNeeded');

    // Redeem half: Charlie's slice of MDL less his slice of debt bought back.
    await feed(100);
    const charlieBefore = await free(charlie);
    const red = await ok(api.tx.lending.redeemLeveragedToken(ID, 100n * MDL, 50_000), charlie);
    const paid = eventData(red, api.events.lending.LeveragedTokenRedeemed).paid.toBigInt();
    // About 100 tokens × NAV (≈ $0.99) at $1, give or take the pool's distance from the
    // oracle and the swap's fee.
    assert.ok(paid > 96n * MDL && paid < 102n * MDL, `${paid}`);
    assert.equal(await free(charlie), charlieBefore + paid - feeOf(api, red));
    assert.equal(await tokens(charlie), 100n * MDL);

    // MDL +30 %: leverage falls below the band; a rebalance levers it back up.
    await feed(130);
    const r2 = await ok(api.tx.lending.rebalanceLeveragedToken(ID), dave);
    const second = rebalanced(r2);
    assert.ok(second.before < 17n * FIXED / 10n, `${second.before}`);
    assert.ok(second.after >= 17n * FIXED / 10n && second.after <= 23n * FIXED / 10n, `${second.after}`);
    assert.equal(second.ripcord, false);
  });
});

// The gold token runs on a node of its own, so its trades meet the genesis pools at the
// oracle's prices (the MDL token above moves the MDL/USDM pool).
describe('a 2x gold token through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  const t = manualNode();
  let api;
  let send;
  let ok;
  let asRoot;
  let alice;
  let bob;
  let charlie;
  let dave;
  before(() => ({ api, send, ok, asRoot, alice, bob, charlie, dave } = t));

  const rebalanced = (r) => {
    const e = eventData(r, api.events.lending.LeveragedTokenRebalanced);
    return { before: e.leverageBefore.toBigInt(), after: e.leverageAfter.toBigInt() };
  };

  it('tracks gold at 2x on the dev preset\'s XAU feed, minted and redeemed in gold', async () => {
    // The dev preset's gold: asset 2 (mXAU, an ounce per token), the XAU feed on key 2, a
    // lending market, and the MDL/mXAU pool (100,000 MDL against 50 ounces: $2,000).
    const GOLD = { Asset: 2 };
    const OZ = 1_000_000n;
    const GOLD_ID = 2;
    const GOLD_TOKEN = 501;
    const feedGold = (dollars) => ok(api.tx.oracle.feedValues([
      [{ AssetPrice: 0 }, FIXED.toString()],
      [{ AssetPrice: 1 }, FIXED.toString()],
      [{ AssetPrice: 2 }, (BigInt(dollars) * FIXED).toString()],
    ]), alice);
    const goldOf = async (who) => {
      const a = await api.query.assets.account(2, who.address ?? who);
      return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
    };
    const vault = api.createType('AccountId', blake2AsU8a(u8aConcat(stringToU8a('mdl/ltok'), bnToU8a(GOLD_ID, { bitLength: 32 })), 256)).toString();
    await ok(api.tx.balances.transferKeepAlive(vault, MDL), bob);
    await ok(api.tx.assets.transfer(1, vault, 1n), bob);
    await ok(api.tx.assets.transfer(2, vault, 1n), bob);
    await asRoot(api.tx.lending.createLeveragedToken(GOLD_ID, {
      collateral: GOLD,
      debt: STABLE,
      token: GOLD_TOKEN,
      target: (2n * FIXED).toString(),
      minLeverage: (17n * FIXED / 10n).toString(),
      maxLeverage: (23n * FIXED / 10n).toString(),
      ripcord: (27n * FIXED / 10n).toString(),
      maxTrade: (1_000n * OZ).toString(),
      reward: 1_000,
    }));
    await ok(api.tx.lending.supply(STABLE, 50_000n * USDM), bob);
    // 0.05 oz ($100): the keeper's two-hop trade (USDM → MDL → gold) stays inside its 1 %
    // bound, fees (0.6 %) and impact included.
    await feedGold(2_000);
    const minted = await ok(api.tx.lending.mintLeveragedToken(GOLD_ID, OZ / 20n, 20_000), charlie);
    assert.equal(eventData(minted, api.events.lending.LeveragedTokenMinted).tokens.toBigInt(), OZ / 20n);
    await feedGold(2_000);
    const up = rebalanced(await ok(api.tx.lending.rebalanceLeveragedToken(GOLD_ID), dave));
    assert.equal(up.before, FIXED);
    assert.ok(up.after > 195n * FIXED / 100n && up.after < 205n * FIXED / 100n, `${up.after}`);
    // Gold +30 % on the feed: below the band; a rebalance levers back into it.
    await feedGold(2_600);
    const back = rebalanced(await ok(api.tx.lending.rebalanceLeveragedToken(GOLD_ID), dave));
    assert.ok(back.before < 17n * FIXED / 10n, `${back.before}`);
    assert.ok(back.after >= 17n * FIXED / 10n && back.after <= 23n * FIXED / 10n, `${back.after}`);
    // A redemption sells gold for its slice of the debt. With the pool still at $2,000 an
    // ounce and the feed at $2,600 that sale would be 23 % under the oracle, past the
    // redeemer's 5 % bound: refused, nothing moves.
    await feedGold(2_600);
    const under = await send(api.tx.lending.redeemLeveragedToken(GOLD_ID, OZ / 40n, 50_000), charlie);
    assert.equal(under.error, 'lending.SlippageExceeded');
    // An arbitrageur buys the pool up to the feed (about 13,900 MDL for 6 ounces).
    await ok(api.tx.assetConversion.swapExactTokensForTokens(['Native', GOLD], 13_900n * MDL, 1n, bob.address, true), bob);
    // Redeem half in gold: +30 % at 2x is about +60 % in dollars ($100 → $160), and the
    // re-levering bought its gold in the lagging pool, $45 for $58 at the feed's price,
    // which the holders keep: about $172 of equity, $86 for half, ≈ 0.033 oz at $2,600.
    await feedGold(2_600);
    const before = await goldOf(charlie);
    const red = await ok(api.tx.lending.redeemLeveragedToken(GOLD_ID, OZ / 40n, 50_000), charlie);
    const paid = eventData(red, api.events.lending.LeveragedTokenRedeemed).paid.toBigInt();
    assert.equal(await goldOf(charlie), before + paid);
    assert.ok(paid > OZ * 32n / 1_000n && paid < OZ * 34n / 1_000n, `${paid}`);
  });
});
