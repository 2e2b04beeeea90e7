// One product, start to end: setup (never measured), offline pre-signing, submission of
// raw hex over many WebSocket connections, one sealed block, its measurement, and draining
// the pool before the next product.

import { submitAll } from './rpc.js';
import { measureBlock } from './measure.js';
import { equalPriorityTips } from './priority.js';

const secs = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

export async function runProduct(chain, product, opts, log) {
  const ctx = { chain, api: chain.api, count: opts.count, log, opts };
  const t0 = performance.now();
  log(`\n== ${product.name}: ${product.call}, ${opts.count} extrinsics requested`);

  const state = await product.setup(ctx);
  const drainedAfterSetup = await chain.drain();
  if (drainedAfterSetup > 0) log(`  drained ${drainedAfterSetup} block(s) after setup`);
  log(`  setup done in ${secs(t0)}`);

  // Pre-sign everything before submitting anything.
  const items = product.build(ctx, state);
  if (items.length === 0) throw new Error(`${product.name}: nothing to submit`);
  const info = await items[0].tx.paymentInfo(items[0].pair);
  const callInfo = await chain.api.call.transactionPaymentCallApi.queryCallInfo(items[0].tx.method, items[0].tx.method.encodedLength);
  const tips = await equalPriorityTips(chain, items, log);
  const tSign = performance.now();
  const signed = [];
  for (const { pair, tx, kind } of items) {
    signed.push({ ...(await chain.sign(tx, pair, { tip: tips.get(kind) ?? 0n })), kind: kind ?? product.name });
  }
  const signMs = performance.now() - tSign;
  const sample = {
    weight: { refTime: info.weight.refTime.toBigInt(), proofSize: info.weight.proofSize.toBigInt() },
    callWeight: { refTime: callInfo.weight.refTime.toBigInt(), proofSize: callInfo.weight.proofSize.toBigInt() },
    len: signed[0].len,
    kind: signed[0].kind,
  };
  const µs = (ps) => (Number(ps) / 1e6).toFixed(1);
  log(`  pre-signed ${signed.length} in ${(signMs / 1000).toFixed(1)} s; the first (${sample.kind}) is ${sample.len} bytes and declares ${µs(sample.weight.refTime)} µs ref_time (call ${µs(sample.callWeight.refTime)} µs, transaction extensions ${µs(sample.weight.refTime - sample.callWeight.refTime)} µs; plus the ${µs(chain.api.consts.system.blockWeights.perClass[product.dispatchClass].baseExtrinsic.refTime.toBigInt())} µs base), class ${info.class.toString()}`);

  const pre = product.beforeSubmit ? await product.beforeSubmit(ctx, state) : {};
  const pendingBefore = await chain.pendingCount();
  if (pendingBefore !== 0) throw new Error(`${product.name}: the pool holds ${pendingBefore} extrinsics before submission`);

  const sub = await submitAll(chain.conns, signed.map((s) => s.hex));
  const rejections = sub.results.filter((r) => !r.ok).map((r) => r.error);
  log(`  submitted ${signed.length} over ${chain.conns.length} connections in ${(sub.ms / 1000).toFixed(1)} s: ${sub.accepted} accepted, ${sub.rejected} refused`);
  for (const e of rejections.slice(0, 5)) log(`    refused: ${e}`);
  const pendingAtSeal = await chain.pendingCount();

  const logOffset = chain.node.logSize();
  const { hash, ms: sealMs } = await chain.seal();
  // The proposer's summary line may trail the RPC answer by a moment.
  await new Promise((r) => setTimeout(r, 300));
  const measured = await measureBlock(chain, {
    hash,
    sealMs,
    submitted: { kinds: new Map(signed.map((s) => [s.hash, s.kind])), accepted: sub.accepted },
    sample,
    dispatchClass: product.dispatchClass,
    logText: chain.node.logSince(logOffset),
  });
  if (product.bound) measured.boundBy = product.bound(measured, state);
  const extra = product.annotate ? await product.annotate(ctx, state, pre, measured) : {};
  log(`  sealed #${measured.blockNumber} ${hash} in ${sealMs.toFixed(0)} ms: ${measured.included} of ours included, ${measured.failed} failed, ${measured.foreignSigned} foreign signed, ${measured.inherents} inherents; proposer: ${measured.proposer ? `${measured.proposer.ms} ms, end ${measured.proposer.end}` : 'no summary line found'}`);
  if (Object.keys(measured.includedByKind).length > 1) {
    log(`    included by kind: ${Object.entries(measured.includedByKind).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  for (const [name, n] of Object.entries(measured.failures)) log(`    failed: ${n} × ${name}`);
  if (Object.keys(extra).length > 0) log(`    ${JSON.stringify(extra)}`);

  const drained = await chain.drain();
  log(`  drained the pool in ${drained} block(s); product done in ${secs(t0)}`);

  const slotSeconds = chain.api.consts.aura.slotDuration.toNumber() / 1000;
  const successful = measured.included - measured.failed;
  const unitsPer = product.unitsPerExtrinsic ? product.unitsPerExtrinsic(state) : 1;
  return {
    product: product.name,
    call: product.call,
    unit: product.unit ?? 'extrinsics',
    unitsPerExtrinsic: unitsPer,
    submitted: { count: signed.length, accepted: sub.accepted, rejected: sub.rejected, ms: sub.ms, firstRejections: rejections.slice(0, 10) },
    signMs,
    tips: Object.fromEntries([...tips].map(([k, t]) => [k, t.toString()])),
    sample: {
      kind: sample.kind,
      len: sample.len,
      declaredRefTime: sample.weight.refTime.toString(),
      declaredProofSize: sample.weight.proofSize.toString(),
      callRefTime: sample.callWeight.refTime.toString(),
      extensionsRefTime: (sample.weight.refTime - sample.callWeight.refTime).toString(),
    },
    pendingAtSeal,
    measured,
    successful,
    perBlock: successful * unitsPer,
    perSecond: (successful * unitsPer) / slotSeconds,
    slotSeconds,
    drainedBlocks: drained,
    extra,
    ratioToTransfers: null,
    seconds: (performance.now() - t0) / 1000,
  };
}
