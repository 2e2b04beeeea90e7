// Equal pool priority for a product that mixes kinds of extrinsic (lending: supply and
// borrow). The runtime's priority for a normal extrinsic is (tip + 1) × the number of such
// extrinsics a block could hold, so a lighter call outranks a heavier one and a block
// filled from the pool would hold the light kind first. Tipping each kind so that every
// priority is the same (the least common multiple of the tip-0 priorities) makes the
// pool take them in submission order instead, so the measured block holds the mix as
// submitted. The tips are a few thousand planck at most.

const gcd = (a, b) => (b === 0n ? a : gcd(b, a % b));
const lcm = (a, b) => (a / gcd(a, b)) * b;
/** Tips above this (1 MDL) would be silly: leave the priorities alone. */
const MAX_TIP = 1_000_000_000_000n;

/**
 * Returns a Map kind → tip (BigInt), empty when `items` have a single kind. Each kind's
 * tip-0 priority is asked of the runtime (`validate_transaction`), and so is the priority
 * with the tip, which must then be equal for all kinds.
 */
export async function equalPriorityTips(chain, items, log) {
  const samples = new Map();
  for (const item of items) if (item.kind && !samples.has(item.kind)) samples.set(item.kind, item);
  if (samples.size < 2) return new Map();
  const copy = (item) => chain.api.tx(item.tx.method);

  const base = new Map();
  for (const [kind, item] of samples) base.set(kind, await chain.priorityOf(copy(item), item.pair));
  if ([...base.values()].some((p) => p <= 0n)) {
    log(`  priorities ${JSON.stringify(Object.fromEntries([...base].map(([k, p]) => [k, p.toString()])))}: not all positive, left as they are`);
    return new Map();
  }
  const target = [...base.values()].reduce(lcm);
  const tips = new Map([...base].map(([kind, p]) => [kind, target / p - 1n]));
  if ([...tips.values()].some((t) => t > MAX_TIP)) {
    log(`  equal priorities would need tips up to ${[...tips.values()].reduce((a, b) => (a > b ? a : b))} planck: left as they are`);
    return new Map();
  }
  const check = new Map();
  for (const [kind, item] of samples) check.set(kind, await chain.priorityOf(copy(item), item.pair, tips.get(kind)));
  const distinct = new Set([...check.values()].map(String));
  const show = (m) => [...m].map(([k, v]) => `${k} ${v}`).join(', ');
  log(`  pool priority at tip 0: ${show(base)}; tips ${show(tips)} planck make every one ${[...distinct].join(' / ')}`);
  if (distinct.size !== 1) log('  warning: the tipped priorities differ; the block may favour one kind');
  return tips;
}
