// A 2x leveraged token end to end (lending's leveraged_token.rs): its vault holds a real
// lending position, MDL collateral against USDM debt, traded through the genesis MDL/USDM
// pool, with prices from the real oracle, through @polkadot/api and manual sealing:
// - governance (sudo) creates the token, and with it its token asset (owned by the lending
//   pool account), after the vault account (blake2_256(("mdl/ltok", id))) was seeded;
// - Charlie mints 200 tokens with 200 MDL (1x); Dave rebalances it to 2x and earns
//   0.1 % of the trade; a second rebalance is refused (RebalanceNotNeeded);
// - Charlie redeems half: he gets his slice of MDL less his slice of debt bought back, and
//   the vault's leverage is unchanged;
// - MDL rises 30 %: leverage falls below 1.7x and a rebalance brings it back into the band.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, blake2AsU8a } from '@polkadot/util-crypto';
import { u8aConcat, stringToU8a, bnToU8a } from '@polkadot/util';
import { startNode, palletAccount } from '../lib/node.js';
import { manualSender, eventData, sudo, feeOf } from '../lib/models.js';

const SUITE_TIMEOUT_MS = 180_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const FIXED = 10n ** 18n;
const TOKEN = 500;
const ID = 1;
const STABLE = { Asset: 1 };

describe('a 2x leveraged token through the node', { timeout: SUITE_TIMEOUT_MS }, () => {
  let node;
  let api;
  let send;
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
  const asRoot = async (call) => {
    const r = await sudo(api, send, alice, call);
    assert.equal(r.error, null);
    return r;
  };
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
