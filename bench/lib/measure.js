// Measures one sealed block: which of the submitted extrinsics it holds and how many
// failed (and why), its weight per dispatch class against the runtime's limits, its length
// against the normal-class length limit, the proposer's own account of why it stopped (the
// node logs it), and from all that which limit bound the block.

import { extrinsicHash, hexLen, isSigned } from './chain.js';

/** sc-basic-authorship's default block size limit (4 MiB + 512 bytes). */
const PROPOSER_SIZE_LIMIT = 4 * 1024 * 1024 + 512;

/** The node's "🎁 Prepared block for proposing" line for `hash`: { ms, end, count }. */
export function proposerSummary(logText, hash) {
  const re = /Prepared block for proposing at (\d+) \((\d+) ms\) hash: (0x[0-9a-f]+); parent_hash: \S+; end: (\w+); extrinsics_count: (\d+)/g;
  let found = null;
  for (const m of logText.matchAll(re)) {
    if (m[3] === hash) found = { number: Number(m[1]), ms: Number(m[2]), end: m[4], count: Number(m[5]) };
  }
  return found;
}

/**
 * `submitted`: { kinds: Map of our extrinsic hashes to their kind, accepted }; `sample`: { weight:
 * { refTime, proofSize } declared for one of them, len }. Returns every number the report
 * needs.
 */
export async function measureBlock(chain, { hash, sealMs, submitted, sample, dispatchClass, logText }) {
  const { api } = chain;
  const block = await chain.rawBlock(hash);
  const number = Number(block.header.number);
  const ours = [];
  let inherents = 0;
  let foreign = 0;
  let extrinsicsBytes = 0;
  let ourBytes = 0;
  const kindOf = new Map();
  block.extrinsics.forEach((hex, index) => {
    const len = hexLen(hex);
    extrinsicsBytes += len;
    const kind = submitted.kinds.get(extrinsicHash(hex));
    if (kind !== undefined) { ours.push(index); ourBytes += len; kindOf.set(index, kind); }
    else if (isSigned(hex)) foreign += 1;
    else inherents += 1;
  });

  const events = await chain.eventsByExtrinsic(hash);
  const failures = {};
  const includedByKind = {};
  let failed = 0;
  for (const index of ours) {
    const kind = kindOf.get(index);
    includedByKind[kind] = (includedByKind[kind] ?? 0) + 1;
    const err = chain.outcomeOf(events.get(index));
    if (err) {
      failed += 1;
      failures[`${kind}: ${err}`] = (failures[`${kind}: ${err}`] ?? 0) + 1;
    }
  }

  const limits = api.consts.system.blockWeights;
  const perClass = limits.perClass[dispatchClass];
  const blockWeight = await api.query.system.blockWeight.at(hash);
  const used = blockWeight[dispatchClass];
  const maxRef = perClass.maxTotal.unwrap().refTime.toBigInt();
  const maxProof = perClass.maxTotal.unwrap().proofSize.toBigInt();
  const usedRef = used.refTime.toBigInt();
  const usedProof = used.proofSize.toBigInt();
  const baseExtrinsic = perClass.baseExtrinsic.refTime.toBigInt();
  const lengthMax = api.consts.system.blockLength.max[dispatchClass].toNumber();
  const normalLengthMax = api.consts.system.blockLength.max.normal.toNumber();
  // Header plus the compact length of the extrinsic list: a few bytes; the header from JSON.
  const header = api.createType('Header', block.header);
  const blockBytes = header.encodedLength + api.createType('Compact<u32>', block.extrinsics.length).encodedLength + extrinsicsBytes;

  const timestamp = (await api.query.timestamp.now.at(hash)).toNumber();
  const proposer = proposerSummary(logText, hash);

  // Would one more extrinsic like ours have fitted?
  const nextRef = sample.weight.refTime + baseExtrinsic;
  const weightFull = Number(usedRef) >= 0.99 * Number(maxRef) || usedRef + nextRef > maxRef;
  const lengthFull = extrinsicsBytes >= 0.99 * lengthMax || extrinsicsBytes + sample.len > lengthMax;
  const sizeFull = blockBytes + sample.len > PROPOSER_SIZE_LIMIT;

  const included = ours.length;
  let boundBy;
  if (included >= submitted.accepted && submitted.accepted > 0) boundBy = `pool (all ${submitted.accepted} accepted were included)`;
  else if (weightFull) boundBy = `weight (${dispatchClass} ref_time)`;
  else if (lengthFull) boundBy = `length (${dispatchClass} class)`;
  else if (sizeFull) boundBy = 'block size (proposer 4 MiB limit)';
  else if (proposer && proposer.end === 'HitDeadline') boundBy = 'proposer deadline (9 s of manual seal\'s 10 s)';
  else boundBy = `other (see seal time${proposer ? `; proposer end: ${proposer.end}` : ''})`;

  return {
    blockHash: hash,
    blockNumber: number,
    timestamp,
    sealMs,
    extrinsics: block.extrinsics.length,
    inherents,
    foreignSigned: foreign,
    included,
    includedByKind,
    failed,
    failures,
    weight: {
      class: dispatchClass,
      refTime: usedRef.toString(),
      proofSize: usedProof.toString(),
      maxRefTime: maxRef.toString(),
      maxProofSize: maxProof.toString(),
      refTimePct: (Number(usedRef) / Number(maxRef)) * 100,
      sampleDeclared: { refTime: sample.weight.refTime.toString(), proofSize: sample.weight.proofSize.toString() },
      baseExtrinsic: baseExtrinsic.toString(),
      allClasses: blockWeight.toJSON(),
    },
    length: {
      extrinsicsBytes,
      ourBytes,
      blockBytes,
      max: lengthMax,
      normalMax: normalLengthMax,
      pct: (extrinsicsBytes / lengthMax) * 100,
      sampleLen: sample.len,
    },
    proposer,
    full: { weight: weightFull, length: lengthFull, proposerSize: sizeFull },
    boundBy,
  };
}
