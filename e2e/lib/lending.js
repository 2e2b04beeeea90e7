// Helpers for lending end-to-end tests: a small harness over a manually sealed node
// (RPC reads, "must succeed" submission, oracle feeds, balances) and the lending pallet's
// fixed-point arithmetic replicated in BigInt, rounding for rounding, so that a test can
// assert the exact numbers the chain must produce.
//
// The arithmetic mirrors pallets/lending/src/{math,types,liquidation}.rs:
// - `mulDiv(a, b, c, up)` is `math::mul_div` (Down or Up);
// - FixedU128 products and quotients (`saturating_mul`, `checked_div`) round down;
// - values are USD as FixedU128 inner integers (value × 10^18).

import assert from 'node:assert/strict';
import { rawRpc, manualSealing } from './node.js';

export const FIXED = 10n ** 18n;
/**
 * The demo rate curve as `add_market` takes it: 2 % a year at no utilisation, +10 % up to
 * an 80 % kink, then +300 %, capped at 500 % (the dev preset's curve).
 */
export function demoRateModel() {
  return {
    baseRate: (FIXED / 50n).toString(),
    multiplier: (FIXED / 10n).toString(),
    jumpMultiplier: (3n * FIXED).toString(),
    kink: 800_000,
    maxRate: (5n * FIXED).toString(),
  };
}

export const VIRTUAL_LIQUIDITY = 1_000n;
export const PERMILL = 1_000_000n;

/** `a × b ÷ c`, rounded down (or up with `up`); `c = 0` gives 0, as `math::mul_div`. */
export function mulDiv(a, b, c, up = false) {
  if (c === 0n) return 0n;
  const q = (a * b) / c;
  return up && (a * b) % c !== 0n ? q + 1n : q;
}

/** `FixedU128::saturating_mul` / `math::fixed_mul`: rounded down. */
export const fixedMul = (a, b) => mulDiv(a, b, FIXED);
/** `FixedU128::checked_div`: rounded down. */
export const fixedDiv = (a, b) => mulDiv(a, FIXED, b);
/** `Permill::mul_floor` / `mul_ceil` with `parts` per million. */
export const permillFloor = (x, parts) => mulDiv(x, BigInt(parts), PERMILL);
export const permillCeil = (x, parts) => mulDiv(x, BigInt(parts), PERMILL, true);
/** `FixedU128::from(Permill)`: exact. */
export const permillToFixed = (parts) => (BigInt(parts) * FIXED) / PERMILL;

const unit = (decimals) => 10n ** BigInt(decimals);

/** `Market::value_of`: USD value of `amount` at `price`, rounded down. */
export function valueOf(amount, price, decimals) {
  return fixedMul(mulDiv(amount, FIXED, unit(decimals)), price);
}

/** `Market::amount_for_value`: units worth `value` at `price`, rounded down. */
export function amountForValue(value, price, decimals) {
  if (price === 0n) return 0n;
  return mulDiv(fixedDiv(value, price), unit(decimals), FIXED);
}

/** `Market::amount_for_value_up`: units worth `value` at `price`, rounded up. */
export function amountForValueUp(value, price, decimals) {
  if (price === 0n) return 0n;
  return mulDiv(mulDiv(value, FIXED, price, true), unit(decimals), FIXED, true);
}

/**
 * A market's books as BigInts, from a `lending_market` RPC answer (plus optional
 * `inFlight`, which is zero between extrinsics).
 */
export function booksOf(summary) {
  return {
    cash: BigInt(summary.cash),
    inFlight: BigInt(summary.inFlight ?? '0'),
    borrows: BigInt(summary.totalBorrows),
    reserves: BigInt(summary.totalReserves),
    shares: BigInt(summary.totalShares),
    deficit: BigInt(summary.deficit ?? '0'),
  };
}

/** cash + in flight + borrows − reserves (saturating), `MarketState::pool_assets`. */
export function poolAssets(m) {
  const gross = m.cash + (m.inFlight ?? 0n) + m.borrows;
  return gross > m.reserves ? gross - m.reserves : 0n;
}

/** pool assets + deficit, `MarketState::booked_assets`: what new supply is priced against. */
export const bookedAssets = (m) => poolAssets(m) + (m.deficit ?? 0n);

/** `MarketState::shares_for_supply`: floor(amount × (shares + V) / (booked + V)). */
export function sharesForSupply(amount, m) {
  return mulDiv(amount, m.shares + VIRTUAL_LIQUIDITY, bookedAssets(m) + VIRTUAL_LIQUIDITY);
}

/** `MarketState::shares_for_withdrawal`: rounded up, never below pro rata. */
export function sharesForWithdrawal(amount, m) {
  const pool = poolAssets(m);
  const withVirtual = mulDiv(amount, m.shares + VIRTUAL_LIQUIDITY, pool + VIRTUAL_LIQUIDITY, true);
  if (pool === 0n) return 2n ** 128n - 1n;
  const proRata = mulDiv(amount, m.shares, pool, true);
  return withVirtual > proRata ? withVirtual : proRata;
}

/** `MarketState::underlying_of`: rounded down, never above pro rata. */
export function underlyingOf(shares, m) {
  if (m.shares === 0n) return 0n;
  const pool = poolAssets(m);
  const withVirtual = mulDiv(shares, pool + VIRTUAL_LIQUIDITY, m.shares + VIRTUAL_LIQUIDITY);
  const proRata = mulDiv(shares, pool, m.shares);
  return withVirtual < proRata ? withVirtual : proRata;
}

/**
 * The collateral a liquidation seizes for `repay` (before the "at most the whole position"
 * cap): value_of(repay, debt price) × (1 + bonus), converted at the collateral price.
 */
export function seizeFor(repay, { debtPrice, debtDecimals, collateralPrice, collateralDecimals, bonusParts }) {
  const bonus = FIXED + permillToFixed(bonusParts);
  const seizeValue = fixedMul(valueOf(repay, debtPrice, debtDecimals), bonus);
  return amountForValue(seizeValue, collateralPrice, collateralDecimals);
}

/**
 * What a liquidation repays when it seizes a whole collateral position of `seized`: the
 * units worth value_of(seized) ÷ (1 + bonus), rounded up.
 */
export function repayForExhausted(seized, { debtPrice, debtDecimals, collateralPrice, collateralDecimals, bonusParts }) {
  const bonus = FIXED + permillToFixed(bonusParts);
  const repayValue = mulDiv(valueOf(seized, collateralPrice, collateralDecimals), FIXED, bonus, true);
  return amountForValueUp(repayValue, debtPrice, debtDecimals);
}

/** The protocol's part of the bonus in `seized`, before it is turned into shares. */
export function protocolFeeOf(seized, bonusParts, protocolShareParts) {
  const bonus = FIXED + permillToFixed(bonusParts);
  const bonusAmount = seized - mulDiv(seized, FIXED, bonus, true);
  return permillFloor(bonusAmount, protocolShareParts);
}

/** The RPC's asset notation for 'Native' / { Asset: n }. */
export const rpcAsset = (asset) => (asset === 'Native' ? 'native' : { asset: asset.Asset });

/** Whether an RPC position's asset is `asset` ('Native' or { Asset: n }). */
export function isRpcAsset(rpcPositionAsset, asset) {
  if (asset === 'Native') return rpcPositionAsset === 'native';
  return typeof rpcPositionAsset === 'object' && rpcPositionAsset !== null && rpcPositionAsset.asset === asset.Asset;
}

/** Whether a decoded `LendingAsset` (event or storage) is `asset`. */
export function isCodecAsset(codecAsset, asset) {
  if (asset === 'Native') return codecAsset.isNative;
  return codecAsset.isAsset && codecAsset.asAsset.toNumber() === asset.Asset;
}

/**
 * A harness over a node started with `--sealing manual`.
 * Returns { api, seal, submit, ok, rpc, health, market, position, feed, events,
 *           assetBalance, storedShares }.
 */
export function lendingHarness(node) {
  const { api } = node;
  const { seal, submit } = manualSealing(node);
  const address = (who) => (typeof who === 'string' ? who : who.address);

  async function rpc(method, params) {
    const answer = await rawRpc(node.rpcPort, method, params);
    assert.ok(!answer.error, `${method}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }
  const health = (who, at = null) => rpc('lending_accountHealth', [address(who), at]);
  const market = (asset, at = null) => rpc('lending_market', [rpcAsset(asset), at]);

  /** The RPC position of `asset` in a health answer, or a zero one. */
  function position(h, asset) {
    return h.positions.find((p) => isRpcAsset(p.asset, asset))
      ?? { asset: rpcAsset(asset), supplied: '0', collateral: false, debt: '0' };
  }

  /** Submits `tx` in its own block and requires it to succeed. */
  async function ok(tx, signer, what = '') {
    const r = await submit(tx, signer);
    assert.equal(r.error, null, `${what || tx.method.section + '.' + tx.method.method} failed with ${r.error}`);
    return r;
  }

  /** `feeder` feeds `prices`: [[priceKey, fixed-point BigInt], ...] in one call. */
  function feed(feeder, prices) {
    return ok(api.tx.oracle.feedValues(prices.map(([key, value]) => [{ AssetPrice: key }, value.toString()])), feeder, 'oracle.feedValues');
  }

  /** The data of every `eventType` event in a submit result. */
  const events = (r, eventType) => r.events.filter(({ event }) => eventType.is(event)).map(({ event }) => event.data);

  /** A pallet-assets balance (0 without an account). */
  async function assetBalance(assetId, who, at = null) {
    const account = at
      ? await api.query.assets.account.at(at, assetId, address(who))
      : await api.query.assets.account(assetId, address(who));
    return account.isSome ? account.unwrap().balance.toBigInt() : 0n;
  }

  /** The supply shares `who` holds in `asset` (from storage). */
  async function storedShares(who, asset, at = null) {
    const positions = at
      ? await api.query.lending.positions.at(at, address(who))
      : await api.query.lending.positions(address(who));
    const p = positions.find((x) => isCodecAsset(x.asset, asset));
    return p ? p.shares.toBigInt() : 0n;
  }

  return { api, seal, submit, ok, rpc, health, market, position, feed, events, assetBalance, storedShares };
}
