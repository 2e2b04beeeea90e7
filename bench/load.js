#!/usr/bin/env node
// Modelchain load generator. Starts one dev node with manual sealing, then for each
// product (transfers, lending, oracle, licences-root, licences, licences-worst, dao) prepares accounts and state, pre-signs
// --count extrinsics, submits them as raw hex over --connections WebSockets, seals ONE
// block and measures what it holds and which limit bound it. Prints a table and writes
// bench/results/latest.json. See bench/README.md.

import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE } from './lib/args.js';
import { startNode } from './lib/node.js';
import { Chain } from './lib/chain.js';
import { runProduct } from './lib/run.js';
import { table, TABLE_NOTES, writeJson } from './lib/report.js';
import transfers from './lib/products/transfers.js';
import lending from './lib/products/lending.js';
import oracle from './lib/products/oracle.js';
import { licences, licencesRoot, licencesWorst } from './lib/products/licences.js';
import dao from './lib/products/dao.js';

const PRODUCTS = {
  transfers, lending, oracle, 'licences-root': licencesRoot, licences, 'licences-worst': licencesWorst, dao,
};
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const log = (...a) => console.log(...a);

let node = null;
let keep = false;

function emergencyStop() {
  if (node && !keep) node.killNow();
}

process.on('exit', emergencyStop);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the node`);
    emergencyStop();
    process.exit(130);
  });
}
process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection:', reason);
  emergencyStop();
  process.exit(1);
});

/** Prints the table and writes bench/results/latest.json. */
function report(chain, results, { opts, started, failed }) {
  const base = results.find((r) => r.product === 'transfers' && !r.error);
  for (const r of results) {
    // Units per block (values for the oracle, extrinsics otherwise) over transfers per block.
    if (!r.error && base && base.perBlock > 0) r.ratioToTransfers = r.perBlock / base.perBlock;
  }
  const tableText = results.length > 0 ? table(results) : '(no results)';
  log('\n## Results\n');
  log(tableText);
  log('');
  for (const n of TABLE_NOTES) log(`- ${n}`);
  log(`\nmeasured blocks: ${results.filter((r) => !r.error).map((r) => `${r.product} #${r.measured.blockNumber} ${r.measured.blockHash}`).join(', ') || 'none'}`);
  log(`base path: ${node.basePath}`);

  const { api } = chain;
  const file = writeJson(benchDir, {
    started,
    finished: new Date().toISOString(),
    options: opts,
    node: { command: node.args, basePath: node.basePath, logPath: node.logPath, wsUrl: node.wsUrl },
    runtime: api && api.isConnected ? {
      specName: api.runtimeVersion.specName.toString(),
      specVersion: api.runtimeVersion.specVersion.toNumber(),
      genesisHash: api.genesisHash.toHex(),
      blockWeights: api.consts.system.blockWeights.toJSON(),
      blockLength: api.consts.system.blockLength.toJSON(),
      slotDurationMs: api.consts.aura.slotDuration.toNumber(),
    } : null,
    results,
    table: tableText,
    notes: TABLE_NOTES,
    ok: !failed,
  });
  log(`results: ${file}`);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  if (opts.help) { console.log(USAGE); return 0; }
  keep = opts.keep;

  log(`load generator: products ${opts.only.join(', ')}; ${opts.count} extrinsics each; ${opts.connections} connections`);
  node = await startNode({ keep: opts.keep, connections: opts.connections, log });
  const chain = new Chain({ node, log, connections: opts.connections });
  const results = [];
  let failed = false;
  const started = new Date().toISOString();
  try {
    await chain.connect();
    const v = chain.api.runtimeVersion;
    log(`runtime ${v.specName.toString()} spec ${v.specVersion.toNumber()}, genesis ${chain.genesisHash.toHex()}`);
    for (const name of opts.only) {
      try {
        results.push(await runProduct(chain, PRODUCTS[name], opts, log));
      } catch (e) {
        failed = true;
        console.error(`\n!! ${name} failed: ${e.stack || e.message}`);
        results.push({ product: name, error: e.message });
        if (!node.isRunning()) break;
        try {
          await chain.drain();
        } catch (drainError) {
          console.error(`!! cannot drain the pool after ${name} (${drainError.message}); skipping the remaining products`);
          break;
        }
      }
    }
  } catch (e) {
    failed = true;
    console.error(`\n!! ${e.stack || e.message}`);
  }
  if (!node.isRunning()) {
    failed = true;
    console.error(`\n!! the node exited (${JSON.stringify(await node.exited)}); the end of its log (${node.logPath}):\n${node.logTail(3000)}`);
  }

  try {
    report(chain, results, { opts, started, failed });
  } catch (e) {
    failed = true;
    console.error(`!! writing the report failed: ${e.stack || e.message}`);
  }

  await chain.disconnect();
  if (opts.keep && node.isRunning()) {
    log(`\nnode left running (pid ${node.pid}): ${node.wsUrl}\nstop it with: kill ${node.pid}`);
  } else {
    await node.stop();
    if (opts.clean) {
      rmSync(node.basePath, { recursive: true, force: true });
      log(`removed ${node.basePath}`);
    } else {
      log(`kept ${node.basePath} (the measured blocks can be re-executed from it; --clean removes it)`);
    }
  }
  return failed ? 1 : 0;
}

// Exit once done even if a library left a handle open (an unref'd timer fires only then).
const exitSoon = (code) => { process.exitCode = code; setTimeout(() => process.exit(code), 2_000).unref(); };
main().then(exitSoon, (e) => {
  console.error(e.stack || e.message);
  emergencyStop();
  exitSoon(1);
});
