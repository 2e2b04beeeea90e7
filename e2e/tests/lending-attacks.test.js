// Lending attacks end to end (issue 16), each scenario on its own dev node with manual
// sealing. Dev genesis: MDL (native, 12 decimals, price key 0; LTV 60 %, liquidation
// threshold 70 %, bonus 8 %) and USDM ({ Asset: 1 }, 6 decimals, price key 1; LTV 80 %,
// threshold 85 %, bonus 5 %, reserve factor 10 %); both give the protocol 10 % of the
// bonus. Alice is the only oracle feeder (min_feeders 1, max_age 30 s, a jump of more than
// 50 % pauses the key). Flash-loan fee 0.09 % (rounded up); close factor 50 %, 100 %
// below HF 0.95. Every endowed dev account holds 1,000,000 MDL and 1,000,000 USDM.
// Manual sealing moves the clock at least one 6 s slot per block, so prices are fed again
// before every risky step (a feed lives 30 s, five blocks).
//
// 1. The flash-loan drain. Bob supplies 900,000 USDM, Ferdie 1,000. Eve sends
//    utility.batchAll([lending.flashLoan(USDM, cash − 1, lending.supply(USDM, 100)),
//    lending.withdrawAll(USDM)]). Before the fix the loan took the cash out of the
//    exchange rate: her 100 USDM minted ~9.0 × 10^16 shares (instead of 10^8) and
//    withdrawAll paid her ~890,000 USDM of Bob's money. Now the lent amount counts as cash
//    in flight: she mints exactly the shares a plain supply mints (10^8 here), pays the fee
//    ⌈900,999.999999 × 0.09 %⌉ = 810.9 USDM, and withdraws 100.080991 USDM: she loses
//    810.819009 USDM. The batch may instead fail; either way Eve gains nothing, Bob's
//    supply and the exchange rate do not fall. Also: a supply inside a loan mints the same
//    shares as outside, and a loan of the collateral asset cannot make a healthy account
//    liquidatable (before the fix its collateral was valued at the collapsed rate).
//
// 2. The two-debt trap. Charlie supplies 10,000 USDM as collateral and borrows 4,000 USDM
//    and 3,900 MDL at $1. MDL rises 45 %: debt $4,000 + 3,900 × $1.45 = $9,655, limit
//    10,000 × 0.85 = $8,500, HF 0.8804. Before the fix both liquidations failed with
//    LiquidationDoesNotImproveHealth (seizing at a bonus lowers an HF below
//    1 / ((1 + bonus) × threshold)). Now:
//    - step 1: Dave repays the whole MDL debt (≈ 3,900 MDL, close factor 100 % as HF <
//      0.95) and seizes 3,900 × 1.45 × 1.05 = 5,937.75 USDM of Charlie's supply; the
//      protocol keeps 10 % of the 282.75 USDM bonus (28.275 USDM) as reserves. Charlie has
//      ≈ 4,062.25 USDM against 4,000 USDM of debt: HF 0.863, lower, and that is allowed;
//    - step 2: Dave liquidates the USDM debt against the USDM collateral: 4,000 × 1.05 >
//      4,062.25, so the whole collateral is seized for ⌈4,062.25 / 1.05⌉ = 3,868.809524 USDM
//      and the remaining ≈ 131.19 USDM is written off in the same call (reserves first,
//      then the market's deficit; a lending.BadDebtWrittenOff event).
//    HF can never reach 1 here (it would need a repayment of (9,655 − 8,500) / (1 − 1.05 ×
//    0.85) = $10,744 > the debt), so the run must end in a write-off; the test allows up to
//    6 liquidations and requires Charlie to end with no debt and not liquidatable.
//
// 3. Dust collateral in a paused market. Ferdie supplies 1,000 MDL ($2) and 10 base units
//    of USDM, enables both as collateral and borrows 1,100 USDM. Alice then feeds USDM at $3
//    (a 200 % jump): the deviation guard pauses the USDM key, so USDM has no current price.
//    Borrowing (USDM or MDL) fails for want of a price. MDL falls to $1.20 (−40 %): on
//    MDL alone HF = 1,000 × 1.2 × 0.7 / 1,100 = 0.76. Before the fix `liquidate` needed a
//    fresh price for every position, so the 10-unit USDM dust shielded Ferdie
//    (PriceUnavailable); now unpriced collateral counts as 0 and debt is valued at its last
//    price, and Dave's liquidation of the USDM debt against the MDL collateral succeeds.
//
// Fixed-point values (USD values, rates) come from the RPC as integer strings of
// value × 10^18; balances as decimal strings of the smallest unit.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, devAccounts } from '../lib/node.js';
import {
  FIXED, lendingHarness, booksOf, sharesForSupply, underlyingOf, sharesForWithdrawal,
  permillCeil, permillFloor, seizeFor, repayForExhausted, protocolFeeOf, isCodecAsset,
} from '../lib/lending.js';

const SCENARIO_TIMEOUT_MS = 180_000;
const MDL = 1_000_000_000_000n;
const USDM = 1_000_000n;
const NATIVE = 'Native';
const STABLE = { Asset: 1 };
const MDL_KEY = 0;
const USDM_KEY = 1;
const usd = (cents) => (BigInt(cents) * FIXED) / 100n;

// Dev genesis parameters (runtime/src/genesis_config_presets.rs, runtime/src/lib.rs).
const FLASH_FEE_PARTS = 900; // 0.09 %
const USDM_RESERVE_FACTOR_PARTS = 100_000; // 10 %
const USDM_BONUS_PARTS = 50_000; // 5 %
const PROTOCOL_SHARE_PARTS = 100_000; // 10 % of the bonus

/** Starts a manually sealed node and returns it with a lending harness, one block sealed. */
async function startScenario() {
  const node = await startNode(['--sealing', 'manual']);
  const h = lendingHarness(node);
  await h.seal();
  return { node, ...h };
}

describe('attack 1: a flash loan is invisible to the books', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let node;
  let t;
  let who;
  let ferdieSupply;

  before(async () => {
    who = await devAccounts();
    ({ node, ...t } = await startScenario());
    const { api, ok, market, events } = t;
    await ok(api.tx.lending.supply(STABLE, 900_000n * USDM), who.bob);
    await ok(api.tx.lending.supply(NATIVE, 10_000n * MDL), who.bob);
    // A plain supply, to check the share formula the in-loan supplies are held to. The
    // USDM market has no borrows, so nothing accrues between the read and the block.
    const books = booksOf(await market(STABLE));
    const r = await ok(api.tx.lending.supply(STABLE, 1_000n * USDM), who.ferdie);
    const supplied = events(r, api.events.lending.Supplied)[0];
    ferdieSupply = { shares: supplied.shares.toBigInt(), expected: sharesForSupply(1_000n * USDM, books) };
  });

  after(async () => {
    if (node) await node.stop();
  });

  it('a plain supply mints floor(amount × (shares + 1000) / (assets + 1000)) shares', () => {
    assert.equal(ferdieSupply.shares, ferdieSupply.expected);
    assert.equal(ferdieSupply.shares, 1_000n * USDM); // the rate is still exactly 1
  });

  it('the drain batch runs and leaves Eve poorer, Bob and the exchange rate untouched', async () => {
    const { api, submit, market, health, position, events, assetBalance } = t;
    const { eve, bob } = who;
    const m0 = await market(STABLE);
    const books0 = booksOf(m0);
    const eveBefore = await assetBalance(1, eve);
    const bobBefore = BigInt(position(await health(bob), STABLE).supplied);
    assert.equal(bobBefore, 900_000n * USDM);

    const loan = books0.cash - 1n;
    const r = await submit(api.tx.utility.batchAll([
      api.tx.lending.flashLoan(STABLE, loan, api.tx.lending.supply(STABLE, 100n * USDM)),
      api.tx.lending.withdrawAll(STABLE),
    ]), eve);

    const eveAfter = await assetBalance(1, eve, r.blockHash);
    const bobAfter = BigInt(position(await health(bob, r.blockHash), STABLE).supplied);
    const m1 = await market(STABLE, r.blockHash);
    // The invariant whatever the outcome: no gain for Eve, no loss for Bob or the rate.
    assert.ok(eveAfter <= eveBefore, `Eve gained ${eveAfter - eveBefore} USDM units (error ${r.error})`);
    assert.ok(bobAfter >= bobBefore, `Bob's supply fell by ${bobBefore - bobAfter} units`);
    assert.ok(BigInt(m1.exchangeRate) >= BigInt(m0.exchangeRate), `exchange rate ${m0.exchangeRate} → ${m1.exchangeRate}`);

    // Lending calls inside a flash loan are allowed (as in Aave): the batch runs, and these
    // are the exact figures of a loan that moved nothing.
    assert.equal(r.error, null);
    const eveShares = events(r, api.events.lending.Supplied).find((d) => d.who.eq(eve.address)).shares.toBigInt();
    const expectedShares = sharesForSupply(100n * USDM, books0);
    assert.equal(eveShares, expectedShares, `in-loan supply minted ${eveShares} shares, a plain one mints ${expectedShares}`);
    assert.equal(expectedShares, 100n * USDM);
    const fee = events(r, api.events.lending.FlashLoan)[0].fee.toBigInt();
    assert.equal(fee, permillCeil(loan, FLASH_FEE_PARTS));
    assert.equal(fee, 810_900_000n);
    // After the loan: cash + 100 USDM + fee, reserves + 10 % of the fee, shares + hers.
    const afterLoan = {
      ...books0,
      cash: books0.cash + 100n * USDM + fee,
      reserves: books0.reserves + permillFloor(fee, USDM_RESERVE_FACTOR_PARTS),
      shares: books0.shares + eveShares,
    };
    const withdrawn = events(r, api.events.lending.Withdrawn).find((d) => d.who.eq(eve.address)).amount.toBigInt();
    assert.equal(withdrawn, underlyingOf(eveShares, afterLoan));
    assert.equal(withdrawn, 100_080_991n);
    assert.equal(eveAfter, eveBefore - 100n * USDM - fee + withdrawn);
    assert.equal(eveBefore - eveAfter, 810_819_009n);
    assert.equal(BigInt(m1.cash), afterLoan.cash - withdrawn);
    assert.equal(BigInt(m1.totalShares), books0.shares);
  });

  it('a supply inside a flash loan mints the shares a plain supply mints', async () => {
    const { api, ok, market, events } = t;
    const { eve } = who;
    // Whatever the drain left, the market has no borrows: the books read now are the
    // books the next block starts from.
    const books = booksOf(await market(STABLE));
    const expected = sharesForSupply(100n * USDM, books);
    const r = await ok(api.tx.lending.flashLoan(STABLE, books.cash - 1n, api.tx.lending.supply(STABLE, 100n * USDM)), eve);
    const minted = events(r, api.events.lending.Supplied)[0].shares.toBigInt();
    assert.equal(minted, expected);
    const fee = events(r, api.events.lending.FlashLoan)[0].fee.toBigInt();
    assert.equal(fee, permillCeil(books.cash - 1n, FLASH_FEE_PARTS));
    const after = booksOf(await market(STABLE, r.blockHash));
    assert.equal(after.cash, books.cash + 100n * USDM + fee);
    assert.equal(after.shares, books.shares + expected);
  });

  it('a flash loan of the collateral asset cannot make a healthy account liquidatable', async () => {
    const { api, ok, submit, feed, market, health, position } = t;
    const { alice, ferdie, eve } = who;
    const prices = [[MDL_KEY, usd(100)], [USDM_KEY, usd(100)]];
    // Ferdie: 1,000 USDM of collateral, 750 MDL of debt at $1: HF = 850 / 750 = 1.13.
    await feed(alice, prices);
    await ok(api.tx.lending.enableCollateral(STABLE), ferdie);
    await feed(alice, prices);
    await ok(api.tx.lending.borrow(NATIVE, 750n * MDL), ferdie);
    await feed(alice, prices);
    const h0 = await health(ferdie);
    assert.equal(h0.liquidatable, false);
    assert.ok(BigInt(h0.healthFactor) > FIXED, h0.healthFactor);
    const supplied0 = BigInt(position(h0, STABLE).supplied);

    // Inside a loan of (nearly) all USDM cash, Ferdie's USDM supply is worth what it was.
    const cash = BigInt((await market(STABLE)).cash);
    const r = await submit(api.tx.lending.flashLoan(
      STABLE, cash - 1n, api.tx.lending.liquidate(ferdie.address, NATIVE, STABLE, 1_000n * MDL),
    ), eve);
    assert.equal(r.error, 'lending.NotLiquidatable');
    const h1 = await health(ferdie, r.blockHash);
    assert.equal(BigInt(position(h1, STABLE).supplied), supplied0);
    assert.equal(h1.liquidatable, false);
  });
});

describe('attack 2: a two-debt account liquidates down to a written-off deficit', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let node;
  let t;
  let who;

  before(async () => {
    who = await devAccounts();
    ({ node, ...t } = await startScenario());
  });

  after(async () => {
    if (node) await node.stop();
  });

  it('liquidates MDL debt, then USDM debt, then writes the rest off', async () => {
    const { api, ok, feed, health, market, position, events, storedShares } = t;
    const { alice, bob, charlie, dave } = who;
    const MAX_STEPS = 6;
    const HUGE = 10n ** 30n;
    const feedAt = (mdlCents) => feed(alice, [[MDL_KEY, usd(mdlCents)], [USDM_KEY, usd(100)]]);

    await feedAt(100);
    await ok(api.tx.lending.supply(NATIVE, 100_000n * MDL), bob);
    await ok(api.tx.lending.supply(STABLE, 100_000n * USDM), bob);
    await ok(api.tx.lending.supply(STABLE, 10_000n * USDM), charlie);
    await feedAt(100);
    await ok(api.tx.lending.enableCollateral(STABLE), charlie);
    await feedAt(100);
    await ok(api.tx.lending.borrow(STABLE, 4_000n * USDM), charlie);
    await feedAt(100);
    await ok(api.tx.lending.borrow(NATIVE, 3_900n * MDL), charlie);
    await feedAt(100);
    let h = await health(charlie);
    assert.equal(h.liquidatable, false);
    // 10,000 USDM plus a few units of its share of the USDM interest.
    const supplied0 = BigInt(position(h, STABLE).supplied);
    assert.ok(supplied0 >= 10_000n * USDM && supplied0 < 10_000n * USDM + USDM / 100n, `${supplied0}`);

    // MDL +45 % (within the 50 % deviation guard): HF = 8,500 / 9,655 = 0.88037, a little
    // less with a few seconds of interest.
    await feedAt(145);
    h = await health(charlie);
    assert.equal(h.liquidatable, true);
    const hf0 = BigInt(h.healthFactor);
    assert.ok(hf0 > 880_300n * 10n ** 12n && hf0 < 880_374n * 10n ** 12n, h.healthFactor);

    const steps = [];
    let done = false;
    for (let i = 0; i < MAX_STEPS; i += 1) {
      // A fresh price, and a new block: the close factor counts per block.
      await feedAt(145);
      h = await health(charlie);
      const mdlDebt = BigInt(position(h, NATIVE).debt);
      const usdmDebt = BigInt(position(h, STABLE).debt);
      if (!h.liquidatable || mdlDebt + usdmDebt === 0n) {
        done = true;
        break;
      }
      const debtAsset = mdlDebt > 0n ? NATIVE : STABLE;
      const r = await ok(api.tx.lending.liquidate(charlie.address, debtAsset, STABLE, HUGE), dave, `liquidation step ${i + 1}`);
      steps.push({ r, debtAsset, before: h, mdlDebt, usdmDebt, usdmSupplied: BigInt(position(h, STABLE).supplied) });
    }
    if (!done) {
      h = await health(charlie);
      done = !h.liquidatable;
    }
    assert.ok(done, `still liquidatable after ${MAX_STEPS} liquidations: ${JSON.stringify(h)}`);
    assert.ok(steps.length >= 1 && steps.length <= MAX_STEPS, `${steps.length} steps`);

    // Step 1, exactly: the whole MDL debt (HF < 0.95: close factor 100 %) against USDM.
    const first = steps[0];
    assert.equal(first.debtAsset, NATIVE);
    const liq1 = events(first.r, api.events.lending.Liquidated)[0];
    assert.ok(liq1, 'step 1 emitted no lending.Liquidated');
    const repaid1 = liq1.repaid.toBigInt();
    const seized1 = liq1.seized.toBigInt();
    const seizedShares1 = liq1.seizedShares.toBigInt();
    const protocolFee1 = liq1.protocolFee.toBigInt();
    // The debt at the liquidation block is the debt one block earlier plus ~6 s of
    // interest (≈ 10^-5 MDL); the whole of it is repaid.
    assert.ok(repaid1 >= first.mdlDebt && repaid1 - first.mdlDebt < MDL / 1_000n, `repaid ${repaid1}, owed ${first.mdlDebt}`);
    const after1 = await health(charlie, first.r.blockHash);
    assert.equal(BigInt(position(after1, NATIVE).debt), 0n);
    const q1 = { debtPrice: usd(145), debtDecimals: 12, collateralPrice: usd(100), collateralDecimals: 6, bonusParts: USDM_BONUS_PARTS };
    assert.equal(seized1, seizeFor(repaid1, q1));
    assert.ok(seized1 >= 5_937_750_000n && seized1 < 5_937_760_000n, `seized ${seized1}`);
    // Shares: rebuild the USDM books just before the liquidation from those just after
    // (same block, so no accrual between): the protocol's shares were burnt into
    // reserves, Dave (no USDM position before) holds the rest.
    const daveShares = await storedShares(dave, STABLE, first.r.blockHash);
    const protocolShares = seizedShares1 - daveShares;
    const booksAfter = booksOf(await market(STABLE, first.r.blockHash));
    const booksBefore = { ...booksAfter, shares: booksAfter.shares + protocolShares, reserves: booksAfter.reserves - protocolFee1 };
    assert.equal(seizedShares1, sharesForWithdrawal(seized1, booksBefore));
    const protocolFeeRaw = protocolFeeOf(seized1, USDM_BONUS_PARTS, PROTOCOL_SHARE_PARTS);
    assert.ok(protocolFeeRaw >= 28_275_000n && protocolFeeRaw < 28_276_000n, `protocol fee ${protocolFeeRaw}`);
    assert.equal(protocolShares, (seizedShares1 * protocolFeeRaw) / seized1);
    assert.equal(protocolFee1, underlyingOf(protocolShares, booksBefore));
    assert.ok(protocolFee1 <= protocolFeeRaw && protocolFeeRaw - protocolFee1 <= 2n, `${protocolFee1} vs ${protocolFeeRaw}`);
    // HF fell (0.88 → 0.86): exactly what the old "must improve" rule refused.
    assert.ok(BigInt(after1.healthFactor) < hf0, `HF ${hf0} → ${after1.healthFactor}`);
    assert.equal(after1.liquidatable, true);

    // The collateral must run out (see the header), and the step that exhausts it writes
    // the rest off in the same call.
    const writeOffs = steps.flatMap((s) => events(s.r, api.events.lending.BadDebtWrittenOff).map((d) => ({ step: s, d })));
    assert.ok(writeOffs.length >= 1, 'no lending.BadDebtWrittenOff');
    let usdmDeficit = 0n;
    for (const { step, d } of writeOffs) {
      assert.ok(d.who.eq(charlie.address));
      const debt = d.debt.toBigInt();
      const covered = d.coveredByReserves.toBigInt();
      const deficit = d.deficit.toBigInt();
      assert.ok(debt > 0n);
      // Written off: the debt, or total borrows if 1 unit smaller (debts round up).
      assert.ok(covered + deficit <= debt && covered + deficit >= debt - 2n, `${covered} + ${deficit} vs ${debt}`);
      if (isCodecAsset(d.asset, STABLE)) usdmDeficit += deficit;
      if (isCodecAsset(d.asset, STABLE) && step.debtAsset === STABLE) {
        // The USDM step that seized all collateral: repaid = ⌈value(collateral) / 1.05⌉.
        const liq = events(step.r, api.events.lending.Liquidated)[0];
        if (liq) {
          const seized = liq.seized.toBigInt();
          const q = { debtPrice: usd(100), debtDecimals: 6, collateralPrice: usd(100), collateralDecimals: 6, bonusParts: USDM_BONUS_PARTS };
          // The collateral at the block: the supply one block earlier plus a few seconds of
          // its interest share.
          assert.ok(seized >= step.usdmSupplied && seized - step.usdmSupplied < USDM / 100n, `seized ${seized} of ${step.usdmSupplied}`);
          assert.equal(liq.repaid.toBigInt(), repayForExhausted(seized, q));
          const owed = liq.repaid.toBigInt() + debt;
          assert.ok(owed >= step.usdmDebt && owed - step.usdmDebt < USDM / 100n, `repaid + written off ${owed}, owed ${step.usdmDebt}`);
        }
      }
    }

    // The end: no debt, no collateral, not liquidatable; the USDM market carries the
    // deficit the events report (reserves went first, and are gone).
    const last = steps[steps.length - 1].r.blockHash;
    const end = await health(charlie, last);
    assert.equal(end.liquidatable, false);
    assert.ok(end.healthFactor === null || BigInt(end.healthFactor) >= FIXED, end.healthFactor);
    for (const p of end.positions) assert.equal(BigInt(p.debt), 0n, JSON.stringify(p));
    assert.equal(BigInt(position(end, STABLE).supplied), 0n);
    const usdmMarket = await market(STABLE, last);
    assert.equal(BigInt(usdmMarket.deficit), usdmDeficit);
    if (usdmDeficit > 0n) assert.equal(usdmMarket.totalReserves, '0');
  });
});

describe('attack 3: dust collateral in a paused market does not shield a borrower', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let node;
  let t;
  let who;

  before(async () => {
    who = await devAccounts();
    ({ node, ...t } = await startScenario());
  });

  after(async () => {
    if (node) await node.stop();
  });

  it('liquidates through a paused dust market, while borrows stay blocked', async () => {
    const { api, ok, submit, feed, health, market, position, events } = t;
    const { alice, bob, dave, ferdie } = who;
    const both = (mdlCents) => feed(alice, [[MDL_KEY, usd(mdlCents)], [USDM_KEY, usd(100)]]);
    const mdlOnly = (mdlCents) => feed(alice, [[MDL_KEY, usd(mdlCents)]]);

    await both(200);
    await ok(api.tx.lending.supply(STABLE, 100_000n * USDM), bob);
    await ok(api.tx.lending.supply(NATIVE, 10_000n * MDL), bob);
    await ok(api.tx.lending.supply(NATIVE, 1_000n * MDL), ferdie);
    const dust = await ok(api.tx.lending.supply(STABLE, 10n), ferdie);
    assert.ok(events(dust, api.events.lending.Supplied)[0].shares.toBigInt() >= 1n);
    await both(200);
    await ok(api.tx.lending.enableCollateral(NATIVE), ferdie);
    await both(200);
    await ok(api.tx.lending.enableCollateral(STABLE), ferdie);
    await both(200);
    await ok(api.tx.lending.borrow(STABLE, 1_100n * USDM), ferdie);
    let h = await health(ferdie);
    assert.equal(h.liquidatable, false);
    assert.equal(position(h, STABLE).collateral, true);

    // USDM at $3: a 200 % jump, so the deviation guard pauses the key; MDL stays at $2.
    const paused = await feed(alice, [[MDL_KEY, usd(200)], [USDM_KEY, usd(300)]]);
    const pauseEvents = events(paused, api.events.oracle.KeyPaused);
    assert.ok(pauseEvents.some((d) => d.key.isAssetPrice && d.key.asAssetPrice.toNumber() === USDM_KEY), 'USDM key not paused');
    assert.equal((await market(STABLE)).price, null);

    // Risk-increasing calls are blocked while the key is paused.
    await mdlOnly(200);
    const borrowUsdm = await submit(api.tx.lending.borrow(STABLE, 50n * USDM), ferdie);
    assert.match(String(borrowUsdm.error), /^lending\..*Price/, `USDM borrow: ${borrowUsdm.error}`);
    await mdlOnly(200);
    const borrowMdl = await submit(api.tx.lending.borrow(NATIVE, 200n * MDL), ferdie);
    assert.match(String(borrowMdl.error), /^lending\..*Price/, `MDL borrow: ${borrowMdl.error}`);

    // MDL −40 % (within the guard): on MDL alone HF = 840 / 1,100 = 0.76.
    await mdlOnly(120);
    h = await health(ferdie);
    assert.equal(h.liquidatable, true, JSON.stringify(h));
    const mdlSupplied = BigInt(position(h, NATIVE).supplied);
    const usdmDebt = BigInt(position(h, STABLE).debt);

    // Dave repays up to 500 USDM of the USDM debt and seizes MDL. (At the last served
    // USDM price, $1, that is 500 USDM for 500 × 1.08 / 1.2 = 450 MDL; the test does not
    // rely on which USDM price a paused key serves to liquidations.)
    const r = await ok(api.tx.lending.liquidate(ferdie.address, STABLE, NATIVE, 500n * USDM), dave, 'liquidation through the paused dust market');
    const liq = events(r, api.events.lending.Liquidated)[0];
    assert.ok(liq, 'no lending.Liquidated');
    assert.ok(liq.borrower.eq(ferdie.address));
    assert.ok(isCodecAsset(liq.debtAsset, STABLE) && isCodecAsset(liq.collateralAsset, NATIVE));
    const repaid = liq.repaid.toBigInt();
    const seized = liq.seized.toBigInt();
    assert.ok(repaid > 0n && repaid <= 500n * USDM, `repaid ${repaid}`);
    assert.ok(seized > 0n && seized <= mdlSupplied, `seized ${seized} of ${mdlSupplied}`);
    const after = await health(ferdie, r.blockHash);
    // The MDL market has no borrows, so its rate is 1 and shares and units agree to a unit.
    const mdlLeft = BigInt(position(after, NATIVE).supplied);
    assert.ok(mdlLeft <= mdlSupplied - seized + 1n && mdlLeft + 2n >= mdlSupplied - seized, `${mdlSupplied} − ${seized} → ${mdlLeft}`);
    const debtLeft = BigInt(position(after, STABLE).debt);
    assert.ok(debtLeft + repaid >= usdmDebt && debtLeft + repaid - usdmDebt < USDM / 100n, `${usdmDebt} − ${repaid} → ${debtLeft}`);
  });
});
