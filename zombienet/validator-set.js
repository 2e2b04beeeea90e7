// The steps of validator-set.zndsl that zombienet's DSL cannot express, run with
// `js-script`. zombienet `require`s this file (CommonJS), calls
// `run(nodeName, networkInfo, args)` with `args` split at commas, and compares the
// returned value with the line's `return is N`. During the call the global `zombie` holds
// zombienet's own @polkadot/api (`ApiPromise`, `WsProvider`, `Keyring`) and util-crypto
// (`util`); `networkInfo.nodesByName[name].wsUri` is each node's RPC endpoint, and
// `networkInfo.tmpDir` the network's directory (node logs are `<tmpDir>/<name>.log`).
//
//   add,<name>          <name>'s node generates session keys (author_rotateKeysWithOwner with
//                       //<Name>'s account id as owner), //<Name> registers them with
//                       session.setKeys(keys, proof), the chain DAO adds //<Name>; waits
//                       until its keys are Aura and GRANDPA authorities, every authority
//                       (the newcomer included) authored a block, and all nodes finalized
//                       past the change. Returns the number of Aura authorities.
//   remove,<name>       the chain DAO removes //<Name>; waits until its keys have left both
//                       sets, every remaining authority authored a block and all nodes
//                       finalized 3 blocks past the change. Returns the number of Aura
//                       authorities.
//   no-reverts,<nodes>  the finalized hashes recorded by the steps before (in
//                       <tmpDir>/validator-set-state.json) are the same on each node.
//   finality,<nodes>    each node finalizes 3 more blocks; then as no-reverts.
//
// The chain DAO's critical track gets the shortest rules runtime/src/governance.rs
// `DaoRulesBounds` admits (10 blocks of voting, 1 of delay), set with
// `sudo(dao.setRules(...))` before the first proposal: zombienet's TOML cannot hold the
// genesis `dao.chainRules` (see validator-set.toml). Alice stakes 500,000 MDL and votes
// alone: over the 1 % quorum of the total issuance.
//
// A block's author is worked out from its Aura pre-runtime digest: the slot, modulo the
// number of Aura authorities at the parent block, indexes those authorities.

const fs = require('fs');
const path = require('path');

const UNIT = 1_000_000_000_000n;
const PERCENT = 10_000_000; // a Perbill's parts in 1 %
const STAKE = 500_000n * UNIT;
const SHORT_CRITICAL_RULES = {
  quorum: PERCENT,
  approval: 50 * PERCENT,
  votingPeriod: 10,
  enactmentDelay: 1,
  lockPeriod: 1,
  lateQuorumExtension: 0,
  deposit: UNIT,
  proposalThreshold: 0,
};
// Blocks are 6 s; two 10-block sessions, a proposal's life and the finality lag fit.
const SET_CHANGE_TIMEOUT_MS = 420_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const capitalised = (name) => name[0].toUpperCase() + name.slice(1);
const hex = (u8a) => `0x${Buffer.from(u8a).toString('hex')}`;

function log(message) {
  console.log(`        [validator-set] ${message}`);
}

/** Raw JSON-RPC over a WebSocket to one node. */
async function rpcClient(uri) {
  const provider = new zombie.WsProvider(uri);
  await provider.isReady;
  return { send: (method, params = []) => provider.send(method, params), close: () => provider.disconnect() };
}

function statePath(networkInfo) {
  return path.join(networkInfo.tmpDir, 'validator-set-state.json');
}

function readState(networkInfo) {
  try {
    return JSON.parse(fs.readFileSync(statePath(networkInfo), 'utf8'));
  } catch {
    return { finalized: {}, auraNames: {} };
  }
}

function writeState(networkInfo, state) {
  fs.writeFileSync(statePath(networkInfo), JSON.stringify(state, null, 2));
}

function logTail(networkInfo, name, chars = 2000) {
  try {
    return `--- ${name} log tail ---\n${fs.readFileSync(path.join(networkInfo.tmpDir, `${name}.log`), 'utf8').slice(-chars)}`;
  } catch {
    return `--- ${name}: no log ---`;
  }
}

async function run(nodeName, networkInfo, args) {
  const [action, ...names] = args;
  const { cryptoWaitReady, blake2AsHex } = zombie.util;
  await cryptoWaitReady();
  const sr = new zombie.Keyring({ type: 'sr25519', ss58Format: 42 });
  const account = (name) => sr.addFromUri(`//${capitalised(name)}`);
  const alice = account('alice');
  const allNodes = Object.keys(networkInfo.nodesByName);
  const logs = (nodes = allNodes) => nodes.map((n) => logTail(networkInfo, n)).join('\n');

  const clients = {};
  const rpc = async (name, method, params) => {
    clients[name] ??= await rpcClient(networkInfo.nodesByName[name].wsUri);
    return clients[name].send(method, params);
  };
  const status = async (name) => {
    const finalizedHash = await rpc(name, 'chain_getFinalizedHead');
    const finalized = parseInt((await rpc(name, 'chain_getHeader', [finalizedHash])).number, 16);
    const best = parseInt((await rpc(name, 'chain_getHeader')).number, 16);
    return { best, finalized };
  };
  const hashAt = (name, n) => rpc(name, 'chain_getBlockHash', [n]);

  /** Polls `check()` until it returns a truthy value; throws with `explain()` and the logs. */
  async function until(what, check, timeoutMs, explain = async () => '', nodes = allNodes) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms. ${await explain()}\n${logs(nodes)}`);
      await sleep(2000);
    }
  }

  const state = readState(networkInfo);
  /** Adds nodeName's finalized hashes (1..=finalized) to the state file. */
  async function recordFinalized() {
    const { finalized } = await status(nodeName);
    for (let h = 1; h <= finalized; h += 1) state.finalized[h] ??= await hashAt(nodeName, h);
    writeState(networkInfo, state);
  }
  async function assertNoReverts(nodes) {
    const heights = Object.keys(state.finalized);
    for (const name of nodes) {
      for (const h of heights) {
        const hash = await hashAt(name, Number(h));
        if (hash !== state.finalized[h]) throw new Error(`${name} reverted finalized block #${h}: ${hash}, was ${state.finalized[h]}`);
      }
    }
    log(`no reverts of ${heights.length} finalized blocks on ${nodes.join(', ')}`);
  }
  async function waitFinalized(nodes, height, what) {
    for (const name of nodes) {
      await until(`${name}: ${what}`, async () => (await status(name)).finalized >= height, 180_000,
        async () => `${name} at ${JSON.stringify(await status(name))}`, [name]);
    }
  }

  const api = await zombie.ApiPromise.create({ provider: new zombie.WsProvider(networkInfo.nodesByName[nodeName].wsUri), noInitWarn: true });
  try {
    if (action === 'no-reverts') {
      await recordFinalized();
      await assertNoReverts(names);
      return 1;
    }
    if (action === 'finality') {
      const from = (await status(names[0])).finalized;
      await waitFinalized(names, from + 3, `3 more finalized blocks after #${from}`);
      await recordFinalized();
      await assertNoReverts(names);
      return 1;
    }
    if (action !== 'add' && action !== 'remove') throw new Error(`unknown step ${action}`);
    for (const [kind, section] of [['tx', 'validatorSet'], ['events', 'validatorSet'], ['tx', 'dao'], ['query', 'aura']]) {
      if (!api[kind][section]) throw new Error(`the runtime has no ${section} pallet (api.${kind}.${section})`);
    }

    const errorName = (err) => {
      if (!err.isModule) return err.toString();
      const { section, name } = api.registry.findMetaError(err.asModule);
      return `${section}.${name}`;
    };

    /**
     * Signs and sends `tx`; resolves with its events, block number and hash once in a block,
     * rejects on a dispatch error or after 120 s.
     */
    function send(tx, signer) {
      const what = `${tx.method.section}.${tx.method.method}`;
      return new Promise((resolveOnce, rejectOnce) => {
        let unsub;
        let timer;
        let settled = false;
        const done = (fn) => (value) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (unsub) unsub();
          fn(value);
        };
        const resolve = done(resolveOnce);
        const reject = done(rejectOnce);
        timer = setTimeout(() => reject(new Error(`${what}: not in a block within 120 s\n${logs()}`)), 120_000);
        tx.signAndSend(signer, ({ status: txStatus, events, dispatchError }) => {
          if (dispatchError) {
            reject(new Error(`${what} failed: ${errorName(dispatchError)}`));
          } else if (txStatus.isInBlock || txStatus.isFinalized) {
            const blockHash = txStatus.isInBlock ? txStatus.asInBlock : txStatus.asFinalized;
            api.rpc.chain.getHeader(blockHash).then((header) => resolve({
              events: events.map(({ event }) => event), number: header.number.toNumber(), hash: blockHash,
            }), reject);
          }
        }).then((u) => { unsub = u; }, reject);
      });
    }

    // Governance and session events seen in scanned blocks, for the failure messages.
    const seen = [];
    /** Scans nodeName's finalized chain from `from` for the first event `match` accepts. */
    async function finalizedEvent(from, match, what) {
      let next = from;
      let found = null;
      await until(what, async () => {
        const { finalized } = await status(nodeName);
        for (; next <= finalized && !found; next += 1) {
          const hash = await hashAt(nodeName, next);
          for (const { event } of await api.query.system.events.at(hash)) {
            if (['validatorSet', 'dao', 'session', 'grandpa', 'sudo'].includes(event.section)) {
              seen.push(`#${next} ${event.section}.${event.method} ${JSON.stringify(event.data.toHuman())}`);
            }
            if (!found && match(event)) found = { event, number: next, hash };
          }
        }
        return found;
      }, SET_CHANGE_TIMEOUT_MS, async () => `Scanned to #${next - 1}; events:\n${seen.slice(-30).join('\n')}`);
      return found;
    }

    const auraKeys = async () => (await api.query.aura.authorities()).map((k) => k.toHex());
    const grandpaKeys = async () => (api.call.grandpaApi
      ? await api.call.grandpaApi.grandpaAuthorities()
      : await api.query.grandpa.authorities()).map(([k]) => k.toHex());
    const bestNumber = async () => (await status(nodeName)).best;

    /** The Aura key that authored block `hash`. */
    async function auraAuthor(hash) {
      const header = await api.rpc.chain.getHeader(hash);
      const preRuntime = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].isAura);
      if (!preRuntime) throw new Error(`block ${hash} has no Aura pre-runtime digest`);
      const slot = api.createType('u64', preRuntime.asPreRuntime[1].toU8a(true)).toBigInt();
      const authorities = await api.query.aura.authorities.at(header.parentHash);
      return authorities[Number(slot % BigInt(authorities.length))].toHex();
    }

    /** Waits until every current Aura authority has authored a block from `from` on. */
    async function everyAuthorityAuthors(from) {
      const expected = await auraKeys();
      const nameOf = (key) => state.auraNames[key] ?? key;
      const authors = new Map();
      let next = from;
      await until(`a block by each of ${expected.map(nameOf).join(', ')} from #${from}`, async () => {
        const best = await bestNumber();
        for (; next <= best; next += 1) {
          const key = await auraAuthor(await hashAt(nodeName, next));
          if (!expected.includes(key)) throw new Error(`#${next} was authored by ${nameOf(key)}, not one of ${expected.map(nameOf).join(', ')}`);
          authors.set(key, (authors.get(key) ?? 0) + 1);
        }
        return expected.every((k) => authors.has(k));
      }, 180_000, async () => `Authors of #${from}..#${next - 1}: ${JSON.stringify([...authors].map(([k, n]) => [nameOf(k), n]))}`);
      log(`blocks from #${from} on by ${[...authors].map(([k, n]) => `${nameOf(k)} (${n})`).join(', ')}`);
    }

    // Names for the genesis validators' dev keys (zombienet's keystores hold //Name).
    for (const name of ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie']) {
      state.auraNames[hex(account(name).publicKey)] ??= name;
    }

    // The chain DAO: Alice's stake, and the critical track's short rules.
    const staked = (await api.query.dao.stakes(alice.address)).amount.toBigInt();
    if (staked < STAKE) {
      await send(api.tx.dao.stake(STAKE - staked), alice);
      log(`alice staked ${STAKE / UNIT} MDL`);
    }
    const rules = await api.query.dao.scopeTrackRules('Chain', 'Critical');
    if (rules.isNone || rules.unwrap().votingPeriod.toNumber() !== SHORT_CRITICAL_RULES.votingPeriod) {
      const { events } = await send(api.tx.sudo.sudo(api.tx.dao.setRules('Chain', 'Critical', SHORT_CRITICAL_RULES)), alice);
      const sudid = events.find((e) => api.events.sudo.Sudid.is(e));
      if (!sudid || sudid.data.sudoResult.isErr) {
        throw new Error(`sudo(dao.setRules) failed: ${sudid ? errorName(sudid.data.sudoResult.asErr) : 'no Sudid event'}`);
      }
      log('chain DAO critical track: 10 blocks of voting, 1 of delay');
    }

    /** Alice proposes `call` to the chain DAO, votes aye, closes; returns the enactment block. */
    async function passChainProposal(call, description) {
      const proposedAt = await send(api.tx.dao.propose('Chain', call, blake2AsHex(description)), alice);
      const proposed = proposedAt.events.find((e) => api.events.dao.Proposed.is(e));
      if (!proposed) throw new Error(`${description}: no dao.Proposed event`);
      const { id, track } = proposed.data;
      const votingEnds = proposed.data.votingEnds.toNumber();
      if (track.toString() !== 'Critical') throw new Error(`${description}: on the ${track} track, not Critical`);
      await send(api.tx.dao.vote(id, 'Aye', STAKE), alice);
      log(`proposal ${id} (${description}) voting until #${votingEnds}`);
      // `close` needs a block after `voting_ends`: submitted at that block, it lands later.
      await until(`${description}: voting ends at #${votingEnds}`, async () => (await bestNumber()) >= votingEnds, 180_000);
      const closed = await send(api.tx.dao.close(id), alice);
      const approved = closed.events.find((e) => api.events.dao.Approved.is(e));
      if (!approved) {
        throw new Error(`${description}: not approved: ${JSON.stringify(closed.events.map((e) => e.toHuman()))}; `
          + `proposal ${JSON.stringify((await api.query.dao.proposals(id)).toHuman())}`);
      }
      const enacted = await finalizedEvent(closed.number, (e) => {
        if (api.events.dao.NotEnacted.is(e) && e.data.id.eq(id)) throw new Error(`${description}: not enacted: ${e.data.reason}`);
        return api.events.dao.Enacted.is(e) && e.data.id.eq(id);
      }, `${description}: enacted (due at #${approved.data.enactAt})`);
      const { result } = enacted.event.data;
      if (result.isErr) throw new Error(`${description}: enacted with an error: ${errorName(result.asErr)}`);
      log(`proposal ${id} enacted at #${enacted.number}`);
      return enacted;
    }

    const [name] = names;
    const who = account(name);
    const whoHex = hex(who.publicKey);
    const explainSets = async () => `aura ${JSON.stringify((await auraKeys()).map((k) => state.auraNames[k] ?? k))}, `
      + `grandpa ${JSON.stringify(await grandpaKeys())}; events:\n${seen.slice(-20).join('\n')}`;

    if (action === 'add') {
      // The node makes keys and proves them over the account's SCALE-encoded id (its 32
      // bytes); the account registers them.
      const rotated = await rpc(name, 'author_rotateKeysWithOwner', [whoHex]);
      if (!rotated || !rotated.keys || !rotated.proof) throw new Error(`author_rotateKeysWithOwner on ${name} gave ${JSON.stringify(rotated)}`);
      const setKeys = api.tx.session.setKeys(rotated.keys, rotated.proof);
      const keys = { aura: setKeys.args[0].aura.toHex(), grandpa: setKeys.args[0].grandpa.toHex() };
      if (keys.aura === whoHex) throw new Error(`${name}'s rotated Aura key is its dev key`);
      state.auraNames[keys.aura] = `${name} (rotated key)`;
      writeState(networkInfo, state);
      await send(setKeys, who);
      log(`${name} set keys aura ${keys.aura}, grandpa ${keys.grandpa}`);

      const added = await passChainProposal(api.tx.validatorSet.addValidator(who.address), `add ${name} to the validator set`);
      await finalizedEvent(added.number, (e) => api.events.validatorSet.NewSetPlanned.is(e)
        && e.data.added.some((v) => v.toHex() === whoHex), `a NewSetPlanned adding ${name}`);
      await until(`${name}'s keys in the Aura and GRANDPA authorities`, async () => (await auraKeys()).includes(keys.aura)
        && (await grandpaKeys()).includes(keys.grandpa), SET_CHANGE_TIMEOUT_MS, explainSets);
      const changedAt = await bestNumber();
      log(`${name} is an authority from #${changedAt}`);
      await everyAuthorityAuthors(changedAt + 1);
      await waitFinalized(allNodes, changedAt + 1, `finalized past #${changedAt}`);
    } else {
      // The keys to see leave: those the session pallet holds for the account.
      const current = await api.query.session.nextKeys(who.address);
      if (current.isNone) throw new Error(`${name} has no session keys`);
      const keys = { aura: current.unwrap().aura.toHex(), grandpa: current.unwrap().grandpa.toHex() };
      const removed = await passChainProposal(api.tx.validatorSet.removeValidator(who.address), `remove ${name} from the validator set`);
      await finalizedEvent(removed.number, (e) => api.events.validatorSet.NewSetPlanned.is(e)
        && e.data.removed.some((v) => v.toHex() === whoHex), `a NewSetPlanned without ${name}`);
      await until(`${name}'s keys gone from the Aura and GRANDPA authorities`, async () => !(await auraKeys()).includes(keys.aura)
        && !(await grandpaKeys()).includes(keys.grandpa), SET_CHANGE_TIMEOUT_MS, explainSets);
      const changedAt = await bestNumber();
      log(`${name} left the authorities by #${changedAt}`);
      await everyAuthorityAuthors(changedAt + 1);
      // With three GRANDPA voters every finalized block needs all three.
      await waitFinalized(allNodes, changedAt + 3, `finalized past #${changedAt + 3}`);
    }
    await recordFinalized();
    const count = (await auraKeys()).length;
    log(`${count} Aura authorities: ${(await auraKeys()).map((k) => state.auraNames[k] ?? k).join(', ')}`);
    return count;
  } finally {
    await api.disconnect();
    for (const client of Object.values(clients)) await client.close();
  }
}

module.exports = { run };
