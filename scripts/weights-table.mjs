#!/usr/bin/env node
// Prints one table of every weight the runtime uses, read from the generated weight files:
// our pallets' `pallets/<name>/src/weights.rs` (their `SubstrateWeight` impl) and the
// polkadot-sdk pallets' `runtime/src/weights/<pallet>.rs`.
//
//   node scripts/weights-table.mjs            # markdown table on stdout
//   node scripts/weights-table.mjs --json     # the same rows as JSON
//
// Each call is evaluated at the top of every component's measured range (its worst case):
//   ref_time = execution + reads × DbWeight.read + writes × DbWeight.write
// with the database weights of `runtime/src/weights/paritydb_weights.rs` (polkadot-sdk's
// `ParityDbWeight` if that file does not exist yet). The last column divides ref_time by
// `pallet_balances::transfer_keep_alive`'s, measured by the same `bench-weights.sh` run.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const num = (s) => BigInt(s.replaceAll('_', ''));

/** Database weights in picoseconds: the generated constants, else polkadot-sdk's defaults. */
function dbWeight() {
  const file = path.join(root, 'runtime/src/weights/paritydb_weights.rs');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const read = text.match(/read:\s*([\d_]+)\s*\*\s*constants::WEIGHT_REF_TIME_PER_NANOS/);
    const write = text.match(/write:\s*([\d_]+)\s*\*\s*constants::WEIGHT_REF_TIME_PER_NANOS/);
    if (read && write) return { read: num(read[1]) * 1000n, write: num(write[1]) * 1000n, source: 'measured' };
  }
  return { read: 8_000_000n, write: 50_000_000n, source: "polkadot-sdk's ParityDbWeight" };
}

/**
 * The weight functions of the first `impl ... for SubstrateWeight<T>` / `for WeightInfo<T>`
 * block in `text`: { name, ranges, execution, proof, reads, writes } at the ranges' maxima.
 */
function parseWeights(text) {
  const implStart = text.search(/impl<T: frame_system::Config>[^{]*for (SubstrateWeight|WeightInfo)<T>\s*\{/);
  if (implStart < 0) return [];
  const body = text.slice(implStart);
  const calls = [];
  const fnRe = /((?:[ \t]*\/\/\/[^\n]*\n)*)[ \t]*fn (\w+)\(([^)]*)\)\s*->\s*Weight\s*\{([\s\S]*?)\n\t\}/g;
  // Only the first impl block: stop at the next top-level `impl`.
  const next = body.slice(1).search(/\nimpl/);
  const block = next < 0 ? body : body.slice(0, next + 1);
  for (const m of block.matchAll(fnRe)) {
    const [, docs, name, params, fnBody] = m;
    const ranges = {};
    for (const r of docs.matchAll(/[Cc]omponent `(\w+)` (?:was measured over|is) `\[(\d+), (\d+)\]`/g)) {
      ranges[r[1]] = { low: Number(r[2]), high: Number(r[3]) };
    }
    for (const p of params.split(',').map((s) => s.trim()).filter(Boolean)) {
      const c = p.split(':')[0].trim().replace(/^_/, '');
      if (!ranges[c]) ranges[c] = { low: 0, high: 0 };
    }
    const at = (c) => BigInt(ranges[c] ? ranges[c].high : 0);
    let execution = 0n; let proof = 0n; let reads = 0n; let writes = 0n;
    const termRe = /Weight::from_parts\(([\d_]+),\s*([\d_]+)\)(?:\.saturating_mul\((\w+)\.into\(\)\))?|\.(reads|writes)\(\(?(\d[\d_]*?)(?:_u64)?\)?(?:\.saturating_mul\((\w+)\.into\(\)\))?\)/g;
    for (const x of fnBody.matchAll(termRe)) {
      if (x[1] !== undefined) {
        const k = x[3] ? at(x[3]) : 1n;
        execution += num(x[1]) * k;
        proof += num(x[2]) * k;
      } else {
        const n = num(x[5]) * (x[6] ? at(x[6]) : 1n);
        if (x[4] === 'reads') reads += n; else writes += n;
      }
    }
    calls.push({ name, ranges, execution, proof, reads, writes });
  }
  return calls;
}

function load() {
  const files = [];
  for (const dir of readdirSync(path.join(root, 'pallets'))) {
    const file = path.join(root, 'pallets', dir, 'src/weights.rs');
    if (existsSync(file)) files.push({ pallet: `pallet_modelchain_${dir}`, file });
  }
  const runtimeWeights = path.join(root, 'runtime/src/weights');
  for (const f of readdirSync(runtimeWeights).sort()) {
    if (!f.endsWith('.rs') || f === 'mod.rs' || f.endsWith('_weights.rs')) continue;
    files.push({ pallet: f.replace(/\.rs$/, ''), file: path.join(runtimeWeights, f) });
  }
  return files.flatMap(({ pallet, file }) =>
    parseWeights(readFileSync(file, 'utf8')).map((c) => ({ pallet, ...c })));
}

const db = dbWeight();
const rows = load().map((r) => ({ ...r, refTime: r.execution + r.reads * db.read + r.writes * db.write }));
const transfer = rows.find((r) => r.pallet === 'pallet_balances' && r.name === 'transfer_keep_alive');
if (!transfer && !process.env.NO_TRANSFER_OK) {
  console.error('no pallet_balances::transfer_keep_alive weight: run `bash scripts/bench-weights.sh sdk` first');
  process.exit(1);
}
const us = (ps) => (Number(ps) / 1e6).toFixed(1);
const ratio = (r) => (transfer ? (Number(r.refTime) / Number(transfer.refTime)).toFixed(2) : '-');
const worst = (r) => Object.entries(r.ranges).filter(([, v]) => v.high !== v.low || v.high !== 0)
  .map(([k, v]) => `${k}=${v.high}`).join(' ');

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows.map((r) => ({
    pallet: r.pallet, call: r.name, components: worst(r), ref_time_ps: String(r.refTime),
    execution_ps: String(r.execution), proof_size: String(r.proof), reads: String(r.reads),
    writes: String(r.writes), ratio_to_transfer_keep_alive: Number(ratio(r)),
  })), null, 2));
} else {
  console.log(`Weights at each call's worst measured case; DbWeight (${db.source}): read ${us(db.read)} µs, write ${us(db.write)} µs.`);
  if (transfer) console.log(`transfer_keep_alive: ${us(transfer.refTime)} µs = 1.00×\n`);
  console.log('| pallet | call | worst case | ref_time µs | execution µs | proof_size B | reads | writes | × transfer_keep_alive |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(`| ${r.pallet} | ${r.name} | ${worst(r)} | ${us(r.refTime)} | ${us(r.execution)} | ${r.proof} | ${r.reads} | ${r.writes} | ${ratio(r)} |`);
  }
}
