// The validator set grows and shrinks through the chain DAO (run: `npm run resilience`).
//
// alice, bob and charlie are the genesis validators; dave runs a validator node outside the
// set, with no keys. Sessions last 10 blocks, the floor is 3, and the chain DAO's tracks get
// the shortest rules `RulesBounds` admits (10 blocks of voting, 1 of delay), so a
// critical-track proposal passes in about 15 blocks.
//
// 1. dave's node generates keys (`author_rotateKeysWithOwner`, with dave's account as the
//    owner, so the proof binds the keys to it) and //Dave registers them with
//    `session.setKeys(keys, proof)`.
// 2. Alice stakes, proposes `validatorSet.addValidator(dave)` to the chain DAO (critical
//    track, enacted as Root), votes, closes; it is enacted. The next session plans the
//    new set (NewSetPlanned), and the one after makes it the authorities: dave's keys are
//    in Aura's and GRANDPA's sets, and blocks come from all four authors, dave included.
// 3. A second proposal removes charlie. Once Aura's and GRANDPA's sets have lost charlie's
//    keys, the three left (alice, bob, dave) keep authoring and finalizing. GRANDPA with
//    three voters needs all three, so finality after the removal also proves that dave's
//    node votes with its rotated GRANDPA key.
// 4. No node ever reverts a finalized block: the finalized hashes recorded along the way
//    are the same on every node at the end. charlie, no longer a validator, then stops,
//    and finality goes on without it.
//
// A block's author is worked out from its Aura pre-runtime digest: the slot, modulo the
// number of Aura authorities at the parent block, indexes those authorities. (The
// `api.derive.chain.getHeader` author does the same with `session.validators`; reading
// Aura's own list checks the keys themselves.)

import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNetwork } from '../lib/network.js';
import { sendAndWaitInBlock, sleep } from '../lib/node.js';

const SCENARIO_TIMEOUT_MS = 1_800_000;
const UNIT = 1_000_000_000_000n;
const PERCENT = 10_000_000; // a Perbill's parts in 1 %
const SESSION_PERIOD = 10;
// Blocks are 6 s. Enough for two session periods, the proposal's life and finality lag.
const SET_CHANGE_TIMEOUT_MS = 420_000;

/**
 * The shortest rules runtime/src/governance.rs `DaoRulesBounds` admits: voting 10 blocks,
 * enactment delay 1, lock 1, no late-quorum extension, quorum 1 %, approval 50 %, deposit
 * 1 MDL; any stake may propose (threshold 0, at most 10 % allowed).
 */
const SHORT_RULES = {
  quorum: PERCENT,
  approval: 50 * PERCENT,
  votingPeriod: 10,
  enactmentDelay: 1,
  lockPeriod: 1,
  lateQuorumExtension: 0,
  deposit: UNIT,
  proposalThreshold: 0,
};

// Alice's stake votes alone. The electorate is the total issuance (about 13 million MDL on
// `--chain local`), so 500,000 MDL is well over the 1 % quorum.
const STAKE = 500_000n * UNIT;

const hex = (u8a) => `0x${Buffer.from(u8a).toString('hex')}`;

/** Asserts that `name` still has the same hashes at every height in `finalizedHashes`. */
async function assertNoReverts(net, name, finalizedHashes) {
  for (const [height, hash] of finalizedHashes) {
    assert.equal(await net.hashAt(name, height), hash, `${name} reverted finalized block #${height}`);
  }
}

/** Adds the hashes of `name`'s finalized blocks 1..=finalized to `into`. */
async function recordFinalized(net, name, into) {
  const { finalized } = await net.status(name);
  for (let h = 1; h <= finalized; h += 1) if (!into.has(h)) into.set(h, await net.hashAt(name, h));
  return finalized;
}

describe('the validator set grows and shrinks through the chain DAO', { timeout: SCENARIO_TIMEOUT_MS }, () => {
  let net;
  after(async () => { if (net) await net.stop(); });

  it('adds dave (keys from author_rotateKeysWithOwner), removes charlie, and finality never stops or reverts', async () => {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((u) => keyring.addFromUri(u));

    net = await startNetwork(3, {
      extraNodes: ['dave'],
      patch: {
        validatorSet: { sessionPeriod: SESSION_PERIOD, minValidators: 3 },
        dao: { chainRules: ['standard', 'critical', 'emergency'].map((track) => [track, SHORT_RULES]) },
      },
    });
    const all = ['alice', 'bob', 'charlie', 'dave'];
    for (const name of net.genesisNames) await net.waitFor(name, (s) => s.finalized >= 3 && s.peers >= 3, 'finalized #3 with 3 peers', 180_000);
    await net.waitFor('dave', (s) => s.finalized >= 3 && s.peers >= 3, 'synced to finalized #3 with 3 peers', 180_000);
    const finalizedHashes = new Map();
    await recordFinalized(net, 'alice', finalizedHashes);

    const api = await net.connect('alice');
    for (const [section, item] of [['validatorSet', 'validators'], ['session', 'nextKeys'], ['aura', 'authorities']]) {
      assert.ok(api.query[section]?.[item], `the runtime has no ${section}.${item} storage`);
    }
    const logs = () => all.map((n) => net.logTail(n, 2000)).join('\n');
    const bestNumber = async () => (await net.status('alice')).best;

    /** Polls `check()` until it returns a truthy value; throws with `explain()` and the logs. */
    async function until(what, check, timeoutMs, explain = async () => '') {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms. ${await explain()}\n${logs()}`);
        await sleep(2000);
      }
    }

    /** A dispatch error as `section.Name`. */
    const errorName = (err) => {
      if (!err.isModule) return err.toString();
      const { section, name } = api.registry.findMetaError(err.asModule);
      return `${section}.${name}`;
    };

    // Governance and session events seen in the finalized blocks scanned so far, for the
    // failure messages.
    const seen = [];
    /**
     * Scans alice's finalized chain from block `from` for the first event `match` accepts
     * (`match` may throw to fail at once); returns { event, number, hash }.
     */
    async function finalizedEvent(from, match, what, timeoutMs = SET_CHANGE_TIMEOUT_MS) {
      let next = from;
      let found = null;
      await until(what, async () => {
        const { finalized } = await net.status('alice');
        for (; next <= finalized && !found; next += 1) {
          const hash = await net.hashAt('alice', next);
          for (const { event } of await api.query.system.events.at(hash)) {
            if (['validatorSet', 'dao', 'session', 'grandpa'].includes(event.section)) {
              seen.push(`#${next} ${event.section}.${event.method} ${JSON.stringify(event.data.toHuman())}`);
            }
            if (!found && match(event)) found = { event, number: next, hash };
          }
        }
        return found;
      }, timeoutMs, async () => `Scanned up to #${next - 1}; events seen:\n${seen.slice(-30).join('\n')}`);
      return found;
    }

    /** Sends `tx` signed by `signer`; resolves with its events and block number once in a block. */
    async function send(tx, signer) {
      const what = `${tx.method.section}.${tx.method.method}`;
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: not in a block within 120 s\n${logs()}`)), 120_000);
      });
      const { events, blockHash } = await Promise.race([sendAndWaitInBlock(api, tx, signer), timeout])
        .finally(() => clearTimeout(timer));
      const number = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
      return { events: events.map(({ event }) => event), number };
    }

    /**
     * Proposes `call` to the chain DAO as Alice, votes aye with her stake, closes the vote
     * and waits for the enactment; returns the enactment block's number and hash.
     */
    async function passChainProposal(call, description) {
      const proposedAt = await send(api.tx.dao.propose('Chain', call, blake2AsHex(description)), alice);
      const proposed = proposedAt.events.find((e) => api.events.dao.Proposed.is(e));
      assert.ok(proposed, `${description}: no dao.Proposed event`);
      const { id, track } = proposed.data;
      const votingEnds = proposed.data.votingEnds.toNumber();
      assert.equal(track.toString(), 'Critical', `${description}: validatorSet calls must be on the critical track`);
      await send(api.tx.dao.vote(id, 'Aye', STAKE), alice);
      // `close` needs a block after `voting_ends`: submitted at that block, it lands later.
      await until(`${description}: voting ends at #${votingEnds}`, async () => (await bestNumber()) >= votingEnds, 180_000);
      const closed = await send(api.tx.dao.close(id), alice);
      const approved = closed.events.find((e) => api.events.dao.Approved.is(e));
      if (!approved) {
        const proposal = (await api.query.dao.proposals(id)).toHuman();
        assert.fail(`${description}: not approved: ${JSON.stringify(closed.events.map((e) => e.toHuman()))}; proposal ${JSON.stringify(proposal)}`);
      }
      const enactAt = approved.data.enactAt.toNumber();
      const enacted = await finalizedEvent(closed.number, (e) => {
        if (api.events.dao.NotEnacted.is(e) && e.data.id.eq(id)) assert.fail(`${description}: not enacted: ${e.data.reason}`);
        return api.events.dao.Enacted.is(e) && e.data.id.eq(id);
      }, `${description}: enacted (due at #${enactAt})`);
      const { result } = enacted.event.data;
      assert.ok(result.isOk, `${description}: enacted with an error: ${result.isErr ? errorName(result.asErr) : result}`);
      return enacted;
    }

    /** The Aura key (hex) that authored block `hash`. */
    async function auraAuthor(hash) {
      const header = await api.rpc.chain.getHeader(hash);
      const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].isAura);
      assert.ok(preRuntime, `block ${hash} has no Aura pre-runtime digest`);
      const slot = api.createType('u64', preRuntime.asPreRuntime[1].toU8a(true)).toBigInt();
      const authorities = await api.query.aura.authorities.at(header.parentHash);
      return authorities[Number(slot % BigInt(authorities.length))].toHex();
    }

    const auraKeys = async () => (await api.query.aura.authorities()).map((k) => k.toHex());
    const grandpaKeys = async () => (await api.call.grandpaApi.grandpaAuthorities()).map(([k]) => k.toHex());

    /** Waits until every one of `names` has authored a block on alice's chain from block `from` on. */
    async function authorsFrom(from, names, keyOf) {
      const nameOf = new Map(Object.entries(keyOf).map(([n, k]) => [k, n]));
      const authors = new Map();
      let next = from;
      await until(`blocks authored by each of ${names.join(', ')} from #${from}`, async () => {
        const best = await bestNumber();
        for (; next <= best; next += 1) {
          const name = nameOf.get(await auraAuthor(await net.hashAt('alice', next))) ?? 'unknown';
          authors.set(name, (authors.get(name) ?? 0) + 1);
        }
        return names.every((n) => authors.has(n));
      }, 180_000, async () => `Authors of #${from}..#${next - 1}: ${JSON.stringify(Object.fromEntries(authors))}`);
      return authors;
    }

    const auraOf = (pair) => hex(pair.publicKey);
    const keyOf = { alice: auraOf(alice), bob: auraOf(bob), charlie: auraOf(charlie) };
    const grandpaOf = (uri) => hex(new Keyring({ type: 'ed25519' }).addFromUri(uri).publicKey);
    const accountHex = (who) => hex(who.publicKey);
    const validatorsHex = async () => (await api.query.validatorSet.validators()).map((a) => a.toHex());

    // Genesis: the three are the governed set and the authorities.
    assert.deepEqual((await validatorsHex()).sort(), [alice, bob, charlie].map(accountHex).sort());
    assert.deepEqual((await auraKeys()).sort(), Object.values(keyOf).sort());
    assert.equal((await api.query.validatorSet.sessionPeriod()).toNumber(), SESSION_PERIOD);

    // Alice's stake counts from the block after it (the snapshot is the block before a
    // proposal); staking now leaves several blocks before the first proposal.
    await send(api.tx.dao.stake(STAKE), alice);

    // 1. dave's node makes its keys; the proof signs dave's SCALE-encoded account id (its
    //    32 bytes).
    const rotated = await net.rpc('dave', 'author_rotateKeysWithOwner', [accountHex(dave)]);
    assert.ok(rotated && rotated.keys && rotated.proof, `author_rotateKeysWithOwner gave ${JSON.stringify(rotated)}`);
    assert.equal(await net.rpc('dave', 'author_hasSessionKeys', [rotated.keys]), true);
    const setKeys = api.tx.session.setKeys(rotated.keys, rotated.proof);
    // Keys are `{ aura, grandpa }` (sr25519 then ed25519).
    const daveKeys = { aura: setKeys.args[0].aura.toHex(), grandpa: setKeys.args[0].grandpa.toHex() };
    assert.notEqual(daveKeys.aura, auraOf(dave), 'the rotated Aura key is //Dave\'s dev key');
    keyOf.dave = daveKeys.aura;
    await send(setKeys, dave);
    const nextKeys = await api.query.session.nextKeys(dave.address);
    assert.ok(nextKeys.isSome, 'session.nextKeys(dave) is empty after setKeys');
    assert.equal(nextKeys.unwrap().toHex(), rotated.keys);

    // 2. The chain DAO adds dave.
    const added = await passChainProposal(api.tx.validatorSet.addValidator(dave.address), 'add dave to the validator set');
    const addEvents = await api.query.system.events.at(added.hash);
    assert.ok(addEvents.some(({ event }) => api.events.validatorSet.ValidatorAdded.is(event) && event.data.who.toHex() === accountHex(dave)),
      'no validatorSet.ValidatorAdded { who: dave } in the enactment block');
    assert.ok((await validatorsHex()).includes(accountHex(dave)));

    const planned = await finalizedEvent(added.number, (e) => api.events.validatorSet.NewSetPlanned.is(e)
      && e.data.added.some((v) => v.toHex() === accountHex(dave)), 'a NewSetPlanned adding dave');
    assert.ok(planned.event.data.added.some((v) => v.toHex() === accountHex(dave)), 'dave is not in NewSetPlanned.added');
    await until('dave\'s keys in the Aura and GRANDPA authorities', async () => (await auraKeys()).includes(daveKeys.aura)
      && (await grandpaKeys()).includes(daveKeys.grandpa), SET_CHANGE_TIMEOUT_MS,
    async () => `aura ${JSON.stringify(await auraKeys())}, grandpa ${JSON.stringify(await grandpaKeys())}; events:\n${seen.slice(-20).join('\n')}`);
    assert.equal((await auraKeys()).length, 4);
    assert.ok((await api.query.session.validators()).some((v) => v.toHex() === accountHex(dave)), 'dave is not in session.validators');
    const grownAt = await bestNumber();
    const authorsOfFour = await authorsFrom(grownAt + 1, all, keyOf);
    assert.ok(!authorsOfFour.has('unknown'), `blocks by unknown authors: ${JSON.stringify(Object.fromEntries(authorsOfFour))}`);
    for (const name of all) await net.waitFor(name, (s) => s.finalized > grownAt, `finalized past #${grownAt} (4 validators)`, 180_000);
    await recordFinalized(net, 'alice', finalizedHashes);

    // 3. The chain DAO removes charlie.
    const removed = await passChainProposal(api.tx.validatorSet.removeValidator(charlie.address), 'remove charlie from the validator set');
    const removeEvents = await api.query.system.events.at(removed.hash);
    assert.ok(removeEvents.some(({ event }) => api.events.validatorSet.ValidatorRemoved.is(event) && event.data.who.toHex() === accountHex(charlie)),
      'no validatorSet.ValidatorRemoved { who: charlie } in the enactment block');
    await finalizedEvent(removed.number, (e) => api.events.validatorSet.NewSetPlanned.is(e)
      && e.data.removed.some((v) => v.toHex() === accountHex(charlie)), 'a NewSetPlanned without charlie');
    await until('charlie\'s keys gone from the Aura and GRANDPA authorities', async () => !(await auraKeys()).includes(keyOf.charlie)
      && !(await grandpaKeys()).includes(grandpaOf('//Charlie')), SET_CHANGE_TIMEOUT_MS,
    async () => `aura ${JSON.stringify(await auraKeys())}, grandpa ${JSON.stringify(await grandpaKeys())}; events:\n${seen.slice(-20).join('\n')}`);
    assert.deepEqual((await auraKeys()).sort(), [keyOf.alice, keyOf.bob, keyOf.dave].sort());
    assert.deepEqual((await grandpaKeys()).sort(), [grandpaOf('//Alice'), grandpaOf('//Bob'), daveKeys.grandpa].sort());
    const shrunkAt = await bestNumber();
    const authorsOfThree = await authorsFrom(shrunkAt + 1, ['alice', 'bob', 'dave'], keyOf);
    assert.ok(!authorsOfThree.has('charlie') && !authorsOfThree.has('unknown'),
      `blocks after the removal by ${JSON.stringify(Object.fromEntries(authorsOfThree))}`);
    // Three GRANDPA voters need all three: dave's vote is in every block finalized now.
    for (const name of all) {
      await net.waitFor(name, (s) => s.finalized >= shrunkAt + 3, `finalized past #${shrunkAt + 3} (alice, bob, dave)`, 180_000);
    }

    // 4. No reverts, anywhere.
    await recordFinalized(net, 'alice', finalizedHashes);
    for (const name of all) await assertNoReverts(net, name, finalizedHashes);

    // charlie's node is only a full node now: stopping it takes nothing from finality.
    await net.kill('charlie');
    const without = await net.status('alice');
    for (const name of ['alice', 'bob', 'dave']) {
      await net.waitFor(name, (s) => s.finalized >= without.finalized + 3, '3 more finalized blocks without charlie', 120_000);
    }
    await recordFinalized(net, 'alice', finalizedHashes);
    for (const name of ['alice', 'bob', 'dave']) await assertNoReverts(net, name, finalizedHashes);
  });
});
