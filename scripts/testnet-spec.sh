#!/usr/bin/env bash
# Builds the raw chain spec of a Modelchain testnet from a small input file.
#
#   bash scripts/testnet-spec.sh testnet-input.json testnet-raw.json
#
# The `testnet` preset has no validators, no sudo key and no dev accounts, and on its own it
# refuses to become a raw spec (pallet-session needs a genesis validator). This script does
# what docs/running-a-node.md ("Launching a testnet") describes, with the node's standard
# commands only:
#
#   modelchain-node build-spec --chain testnet --disable-default-bootnode > plain.json
#   (fill genesis.runtimeGenesis.patch and bootNodes in plain.json from the input file)
#   modelchain-node build-spec --chain plain.json --raw --disable-default-bootnode > raw.json
#
# The input file (amounts in plancks, 1 MDL = 10^12, as strings):
#
#   {
#     "validators": [
#       { "account": "<ss58, sr25519>", "aura": "<ss58, sr25519>", "grandpa": "<ss58, ed25519>" }
#     ],
#     "endowments": [["<ss58>", "1000000000000000000"]],
#     "bootnodes": ["/dns/boot-1.example.org/tcp/30333/p2p/12D3KooW..."],
#     "minValidators": 2,       (optional; default: the number of validators, at most 3)
#     "sessionPeriod": 600      (optional, blocks; default: the preset's)
#   }
#
# It fills `session.keys` and `validatorSet` from `validators`, adds `endowments` to the
# preset's `balances.balances` (the treasury's stays; an account the preset already endows
# is an error), and sets the spec's `bootNodes`. The edit is done by Node.js, not jq: the
# spec's balances are u128 numbers beyond 2^53, which jq 1.6 rounds.
#
# MODELCHAIN_NODE overrides the binary (default: $CARGO_TARGET_DIR/release/modelchain-node).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if [ "$#" -ne 2 ]; then
	echo "usage: bash scripts/testnet-spec.sh <input.json> <out-raw.json>" >&2
	exit 2
fi
input="$1"
out="$2"
if [ ! -f "$input" ]; then
	echo "input file $input not found" >&2
	exit 2
fi
node_bin="${MODELCHAIN_NODE:-$(NODE_BIN)}"
if [ ! -x "$node_bin" ]; then
	echo "modelchain-node not found at $node_bin; build it with: cargo build --release -p modelchain-node" >&2
	exit 1
fi
command -v node >/dev/null || ensure_node_js

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cat >"$work/fill.cjs" <<'JS'
// Fills the plain testnet spec from the input file. Usage: node fill.cjs <input> <plain>
// (rewrites <plain> in place).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createHash } = require('node:crypto');

// Lossless JSON: a number keeps its source text (genesis balances are u128s), the rest is
// plain JavaScript.
class Num { constructor(text) { this.text = text; } }

function parse(text, file) {
  let i = 0;
  const fail = (what) => { throw new Error(`${file}: invalid JSON (${what} at offset ${i})`); };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i += 1; };
  const string = () => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i += 1;
    return JSON.parse(text.slice(start, i));
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      const obj = {};
      ws();
      if (text[i] === '}') { i += 1; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i += 1;
        Object.defineProperty(obj, key, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        const d = text[i];
        i += 1;
        if (d === '}') return obj;
        if (d !== ',') fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i += 1;
      const arr = [];
      ws();
      if (text[i] === ']') { i += 1; return arr; }
      for (;;) {
        arr.push(value());
        ws();
        const d = text[i];
        i += 1;
        if (d === ']') return arr;
        if (d !== ',') fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 1000));
    if (m) { i += m[0].length; return new Num(m[0]); }
    for (const [literal, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(literal, i)) { i += literal.length; return v; }
    }
    return fail('unexpected character');
  };
  const v = value();
  ws();
  if (i !== text.length) fail('trailing data');
  return v;
}

function stringify(v, indent = '') {
  if (v instanceof Num) return v.text;
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + stringify(x, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${stringify(v[k], inner)}`).join(',\n')}\n${indent}}`;
}

const errors = [];
const problem = (msg) => { errors.push(msg); };

// SS58: base58 of prefix (1 or 2 bytes) ++ 32-byte key ++ 2 bytes of
// blake2b-512("SS58PRE" ++ prefix ++ key). Returns the key's hex, or null.
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function ss58Key(address) {
  if (typeof address !== 'string' || address.length === 0) return null;
  let n = 0n;
  for (const ch of address) {
    const d = B58.indexOf(ch);
    if (d < 0) return null;
    n = n * 58n + BigInt(d);
  }
  const bytes = [];
  while (n > 0n) { bytes.unshift(Number(n & 0xffn)); n >>= 8n; }
  for (const ch of address) { if (ch !== '1') break; bytes.unshift(0); }
  const buf = Buffer.from(bytes);
  const prefixLen = buf[0] < 64 ? 1 : buf[0] < 128 ? 2 : 0;
  if (!prefixLen || buf.length !== prefixLen + 34) return null;
  const body = buf.subarray(0, buf.length - 2);
  const sum = createHash('blake2b512').update(Buffer.concat([Buffer.from('SS58PRE'), body])).digest();
  if (sum[0] !== buf[buf.length - 2] || sum[1] !== buf[buf.length - 1]) return null;
  return body.subarray(prefixLen).toString('hex');
}
function address(v, what) {
  const key = ss58Key(v);
  if (key === null) problem(`${what}: ${JSON.stringify(v)} is not an SS58 address of a 32-byte key`);
  return key;
}

/** A small non-negative integer from the input (a JSON number or a string of digits). */
function smallInt(v, what, min) {
  const text = v instanceof Num ? v.text : typeof v === 'string' ? v : null;
  const n = text !== null && /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > 0xffffffff) {
    problem(`${what} must be an integer from ${min} to 4294967295, not ${text ?? JSON.stringify(v)}`);
    return null;
  }
  return n;
}

const [inputFile, plainFile] = process.argv.slice(2);
const input = parse(readFileSync(inputFile, 'utf8'), inputFile);
const spec = parse(readFileSync(plainFile, 'utf8'), plainFile);
const patch = spec?.genesis?.runtimeGenesis?.patch;
if (!patch || typeof patch !== 'object') {
  throw new Error(`${plainFile} has no genesis.runtimeGenesis.patch: not a plain spec built from a preset`);
}
if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error(`${inputFile}: expected a JSON object`);
for (const key of Object.keys(input)) {
  if (!['validators', 'endowments', 'bootnodes', 'minValidators', 'sessionPeriod'].includes(key)) {
    problem(`unknown field "${key}" (expected validators, endowments, bootnodes, minValidators, sessionPeriod)`);
  }
}

// Validators.
const validators = Array.isArray(input.validators) ? input.validators : [];
if (validators.length === 0) problem('validators: at least one validator is needed');
// An account may double as its own Aura key, but no two validators share an account or a key.
const seen = { account: new Map(), aura: new Map(), grandpa: new Map() };
validators.forEach((v, i) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) { problem(`validators[${i}] must be an object`); return; }
  for (const field of ['account', 'aura', 'grandpa']) {
    const what = `validators[${i}].${field}`;
    const key = address(v[field], what);
    if (key === null) continue;
    if (seen[field].has(key)) problem(`${what} is the same as ${seen[field].get(key)}`);
    else seen[field].set(key, what);
  }
});

// Endowments, merged with the preset's balances.
const endowments = input.endowments === undefined ? [] : input.endowments;
if (!Array.isArray(endowments)) problem('endowments must be a list of [address, amount]');
patch.balances ??= {};
patch.balances.balances ??= [];
const endowed = new Map();
for (const [who] of patch.balances.balances) endowed.set(ss58Key(who), 'the preset');
const MAX_U128 = (1n << 128n) - 1n;
(Array.isArray(endowments) ? endowments : []).forEach((e, i) => {
  if (!Array.isArray(e) || e.length !== 2) { problem(`endowments[${i}] must be [address, amount]`); return; }
  const key = address(e[0], `endowments[${i}]`);
  const text = e[1] instanceof Num ? e[1].text : e[1];
  if (typeof text !== 'string' || !/^[0-9]+$/.test(text) || BigInt(text) === 0n || BigInt(text) > MAX_U128) {
    problem(`endowments[${i}]: the amount must be a positive whole number of plancks (a string), not ${JSON.stringify(text)}`);
    return;
  }
  if (key === null) return;
  if (endowed.has(key)) { problem(`endowments[${i}]: ${e[0]} is already endowed by ${endowed.get(key)}`); return; }
  endowed.set(key, `endowments[${i}]`);
  patch.balances.balances.push([e[0], new Num(BigInt(text).toString())]);
});

// Boot nodes.
const bootnodes = input.bootnodes === undefined ? [] : input.bootnodes;
if (!Array.isArray(bootnodes) || bootnodes.length === 0) {
  problem('bootnodes: at least one multiaddr (…/p2p/<peer id>) is needed, or no node can find the network');
} else {
  bootnodes.forEach((b, i) => {
    if (typeof b !== 'string' || !/^\/.+\/p2p\/[1-9A-HJ-NP-Za-km-z]+$/.test(b)) {
      problem(`bootnodes[${i}]: ${JSON.stringify(b)} is not a multiaddr ending in /p2p/<peer id>`);
    }
  });
}

// The floor and the session length.
const n = validators.length;
const minValidators = input.minValidators === undefined ? Math.min(n, 3) : smallInt(input.minValidators, 'minValidators', 1);
if (minValidators !== null && minValidators > n) problem(`minValidators (${minValidators}) is above the number of validators (${n})`);
const sessionPeriod = input.sessionPeriod === undefined ? undefined : smallInt(input.sessionPeriod, 'sessionPeriod', 1);

if (errors.length > 0) {
  console.error(`${inputFile}:\n  ${errors.join('\n  ')}`);
  process.exit(1);
}

patch.session ??= {};
patch.session.keys = validators.map((v) => [v.account, v.account, { aura: v.aura, grandpa: v.grandpa }]);
patch.validatorSet ??= {};
patch.validatorSet.validators = validators.map((v) => v.account);
patch.validatorSet.minValidators = new Num(String(minValidators));
if (sessionPeriod !== undefined) patch.validatorSet.sessionPeriod = new Num(String(sessionPeriod));
spec.bootNodes = bootnodes;

writeFileSync(plainFile, `${stringify(spec)}\n`);
console.error(`${n} validator(s) (at least ${minValidators}), ${endowments.length} endowment(s), ${bootnodes.length} boot node(s)`);
JS

echo "==> $node_bin build-spec --chain testnet --disable-default-bootnode" >&2
"$node_bin" build-spec --chain testnet --disable-default-bootnode >"$work/plain.json"
echo "==> filling the plain spec from $input" >&2
node "$work/fill.cjs" "$input" "$work/plain.json"
echo "==> $node_bin build-spec --chain plain.json --raw --disable-default-bootnode" >&2
"$node_bin" build-spec --chain "$work/plain.json" --raw --disable-default-bootnode >"$work/raw.json"
mv "$work/raw.json" "$out"
echo "==> wrote $out" >&2
