// The results table (markdown) and bench/results/latest.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PS_PER_MS = 1e9;

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

function weightCell(w) {
  const used = Number(w.refTime) / PS_PER_MS;
  const max = Number(w.maxRefTime) / PS_PER_MS;
  const cell = `${fmt(used, 1)} of ${fmt(max, 0)} ms (${fmt(w.refTimePct, 1)} %)`;
  return w.class === 'normal' ? cell : `${w.class}: ${cell}`;
}

function proofCell(w) {
  return `${fmt(Number(w.proofSize) / 1024, 0)} KiB`;
}

function lengthCell(l) {
  return `${fmt(l.extrinsicsBytes / 1024, 1)} KiB (${fmt(l.pct, 1)} %)`;
}

/** One table row per result; a failed product shows its error. */
export function table(results) {
  const head = ['product', 'submitted', 'included', 'failed', 'per block', 'per second',
    'normal weight used (ms of ms max, %)', 'proof size used', 'length (KiB, % of max)', 'seal ms', 'ratio to transfers', 'bound by'];
  const rows = [head, head.map(() => '---')];
  for (const r of results) {
    if (r.error) {
      rows.push([r.product, '–', '–', '–', '–', '–', '–', '–', '–', '–', '–', `FAILED: ${r.error.split('\n')[0].slice(0, 160)}`]);
      continue;
    }
    const m = r.measured;
    const groups = {};
    for (const [kind, n] of Object.entries(m.includedByKind ?? {})) {
      const g = kind.split(' ')[0];
      groups[g] = (groups[g] ?? 0) + n;
    }
    const mix = Object.keys(groups).length > 1 ? ` (${Object.entries(groups).map(([g, n]) => `${g} ${fmt(n)}`).join(', ')})` : '';
    const perBlock = r.unit === 'extrinsics' ? `${fmt(r.perBlock)}${mix}` : `${fmt(r.perBlock)} ${r.unit} (${fmt(r.successful)} ext.)`;
    const perSecond = r.unit === 'extrinsics' ? fmt(r.perSecond, 1) : `${fmt(r.perSecond, 1)} ${r.unit} (${fmt(r.successful / r.slotSeconds, 1)} ext.)`;
    rows.push([
      r.product,
      fmt(r.submitted.count) + (r.submitted.rejected ? ` (${fmt(r.submitted.rejected)} refused)` : ''),
      fmt(m.included),
      fmt(m.failed),
      perBlock,
      perSecond,
      weightCell(m.weight),
      proofCell(m.weight),
      lengthCell(m.length),
      fmt(m.sealMs, 0),
      r.ratioToTransfers === null ? '–' : `${r.ratioToTransfers.toFixed(2)}×`,
      m.boundBy,
    ]);
  }
  return rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export const TABLE_NOTES = [
  'per block: successful extrinsics of the product in its one measured block; for oracle, values (extrinsics × MaxFeedValues), extrinsics in brackets.',
  'per second: per block / the 6 s Aura slot.',
  'weight: the block\'s normal-class ref_time against the normal class\'s max_total (75 % of 2 s); oracle feeds are operational, so its row shows that class (max_total 2 s).',
  'proof size: the class\'s proof_size (no limit: the runtime sets u64::MAX).',
  'length: every extrinsic in the block (the sum CheckWeight limits) against the class\'s max length (normal: 75 % of 5 MiB).',
  'seal ms: the engine_createBlock call (build + import); it depends on the machine and its load, and for a full block includes the proposer trying the rest of the pool until its soft deadline.',
  'ratio to transfers: per block over the transfers row\'s (for the oracle, values per block).',
];

/** Writes `data` to bench/results/latest.json; returns the path. */
export function writeJson(benchDir, data) {
  const dir = path.join(benchDir, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  return file;
}
