// Reads the JSON of `benchmark pallet --steps 2` runs of the scale benchmarks and checks,
// for each component, that the top of its range costs what the bottom does:
//
// - the same storage reads and writes, exactly: nothing iterates the population;
// - an extrinsic time that grows by no more than the state's own growth plus noise. Every
//   storage access walks a trie that is deeper when the state holds 10,000 accounts than
//   when it holds 10, whichever pallet they belong to. The control benchmark (its name ends
//   in `_holders`: the same borrow among accounts that only hold a balance, with no lending
//   state) measures that growth per storage access; each benchmark may grow by it times its
//   own accesses. Noise is the larger of the two ends' spread between their fastest and
//   slowest repeat.
//
// Prints a table (docs/performance.md, "Cost that does not grow with users") and exits 1 on
// a failure.
//
//   node scripts/scale-check.mjs <result.json>...
import { readFileSync } from 'node:fs';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};
const us = (ns) => (ns / 1000).toFixed(1);

let failed = false;
const rows = [];
const benches = process.argv.slice(2).flatMap((file) => JSON.parse(readFileSync(file, 'utf8')));

/** Per component: its ends, their times and storage accesses. */
function ends(c, components, runs, db) {
  const values = [...new Set(runs.map((r) => r.at[c]))].sort((a, b) => a - b);
  const [low, high] = [values[0], values[values.length - 1]];
  const sameOthers = (r, ref) => components.every((o) => o === c || r.at[o] === ref.at[o]);
  const lowRuns = runs.filter((r) => r.at[c] === low);
  if (!lowRuns.length) return null;
  const highRuns = runs.filter((r) => r.at[c] === high && sameOthers(r, lowRuns[0]));
  const lowDb = db.find((r) => r.at[c] === low && sameOthers(r, lowRuns[0]));
  const highDb = db.find((r) => r.at[c] === high && sameOthers(r, lowRuns[0]));
  if (!highRuns.length || !lowDb || !highDb) return null;
  const lo = lowRuns.map((r) => r.time);
  const hi = highRuns.map((r) => r.time);
  const spread = Math.max(Math.max(...lo) - Math.min(...lo), Math.max(...hi) - Math.min(...hi));
  return { low, high, lowRuns, lo, hi, spread, lowDb, highDb, grew: median(hi) - median(lo) };
}

const parse = (bench) => ({
  runs: bench.time_results.map((r) => ({
    at: Object.fromEntries(r.components.map(([c, v]) => [c, v])),
    time: r.extrinsic_time,
  })),
  db: bench.db_results.map((r) => ({
    at: Object.fromEntries(r.components.map(([c, v]) => [c, v])),
    reads: r.reads,
    writes: r.writes,
  })),
});

// The state's growth per storage access, from the control.
const control = benches.find((b) => b.benchmark.endsWith('_holders'));
let perAccess = 0;
if (control) {
  const { runs, db } = parse(control);
  const components = Object.keys(runs[0]?.at ?? {});
  const e = ends(components[0], components, runs, db);
  if (e) perAccess = Math.max(0, e.grew) / Math.max(1, e.highDb.reads + e.highDb.writes);
}
console.log(`The state's growth per storage access (control ${control ? control.benchmark : 'missing'}): ${us(perAccess)} µs`);
if (!control) failed = true;

for (const bench of benches) {
  const isControl = bench === control;
  {
    const name = `${bench.pallet}::${bench.benchmark}`;
    const { runs, db } = parse(bench);
    const components = Object.keys(runs[0]?.at ?? {});
    for (const c of components) {
      const e = ends(c, components, runs, db);
      if (!e) {
        console.error(`${name}: no runs at both ends of ${c}`);
        failed = true;
        continue;
      }
      const others = components.filter((o) => o !== c).map((o) => `${o}=${e.lowRuns[0].at[o]}`).join(' ');
      const accesses = e.highDb.reads + e.highDb.writes;
      const allowed = perAccess * accesses + e.spread;
      const sameDb = e.lowDb.reads === e.highDb.reads && e.lowDb.writes === e.highDb.writes;
      // The control sets the allowance; only its storage accesses are checked.
      const ok = sameDb && (isControl || e.grew <= allowed);
      if (!ok) failed = true;
      rows.push([
        name, `${c}: ${e.low} → ${e.high}`, others || '-',
        `${e.lowDb.reads}/${e.lowDb.writes} → ${e.highDb.reads}/${e.highDb.writes}`,
        `${us(median(e.lo))} → ${us(median(e.hi))}`,
        `${e.grew >= 0 ? '+' : ''}${us(e.grew)} (${us(e.grew / accesses)} an access)`,
        isControl ? '(control)' : `${us(allowed)}`, ok ? 'same' : 'GROWS',
      ]);
    }
  }
}
console.log('| benchmark | component | others | reads/writes | time µs (median) | growth µs | allowed µs (state + noise) | verdict |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (failed) {
  console.error('scale check FAILED: a cost grows with the population');
  process.exit(1);
}
console.log('scale check passed: no cost grows with the population');
