// Hardware-wallet-ready signing (RFC-0078, `CheckMetadataHash`). A Ledger-style signer
// commits to the runtime's merkleized metadata hash (mode 1); the runtime compiles its own
// hash in (substrate-wasm-builder's `metadata-hash`) and adds it to what the signature must
// cover. Through the real node:
// - the metadata lists the extension;
// - a transfer signed in mode 1 with the hash computed here from the chain's own metadata
//   (V15) and advertised token properties is accepted, and moves exactly its amount;
// - the same transfer signed with a wrong hash (one bit flipped) is refused at the pool as a
//   bad signature, and moves nothing;
// - mode 1 with no hash at all is refused too (the signer signed no hash; the runtime adds
//   its own), and a mode-0 transfer still goes through.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { manualNode } from '../lib/suite.js';

const MDL = 1_000_000_000_000n;

describe('CheckMetadataHash (mode 1)', { timeout: 120_000 }, () => {
  const t = manualNode();

  const metadataHash = async () => {
    const { api } = t;
    const v15 = await api.call.metadata.metadataAtVersion(15);
    assert.ok(v15.isSome, 'the runtime serves metadata V15');
    const props = await api.rpc.system.properties();
    const tokenSymbol = props.tokenSymbol.unwrap()[0].toString();
    const decimals = props.tokenDecimals.unwrap()[0].toNumber();
    assert.deepEqual([tokenSymbol, decimals], ['MDL', 12]);
    return merkleizeMetadata(v15.unwrap().toU8a(true), { tokenSymbol, decimals }).digest();
  };
  const free = async (who) => (await t.api.query.system.account(who.address)).data.free.toBigInt();
  const submit = async (tx, signer, options) => {
    const nonce = (await t.api.rpc.system.accountNextIndex(signer.address)).toBigInt();
    await tx.signAsync(signer, { nonce, ...options });
    return t.api.rpc.author.submitExtrinsic(tx);
  };

  it('the runtime lists the extension', () => {
    const names = t.api.registry.signedExtensions;
    assert.ok(names.includes('CheckMetadataHash'), names.join(', '));
  });

  it('accepts a mode-1 signature over the right hash, and refuses a wrong one', async () => {
    const { api, alice, bob, charlie } = t;
    const hash = await metadataHash();
    assert.equal(hash.length, 32);

    // Mode 1, the right hash: accepted, exactly 7 MDL arrive.
    const before = await free(bob);
    const r = await t.send(api.tx.balances.transferKeepAlive(bob.address, 7n * MDL), alice,
      { mode: 1, metadataHash: u8aToHex(hash) });
    assert.equal(r.error, null);
    assert.equal(await free(bob), before + 7n * MDL);

    // Mode 1, one bit of the hash flipped: the runtime's implicit hash differs from the
    // signed one, so the signature does not verify. Refused at submission; nothing moves.
    const wrong = Uint8Array.from(hash);
    wrong[0] ^= 1;
    const charlieBefore = await free(charlie);
    const aliceNonce = (await api.rpc.system.accountNextIndex(alice.address)).toBigInt();
    await assert.rejects(
      submit(api.tx.balances.transferKeepAlive(charlie.address, 5n * MDL), alice,
        { mode: 1, metadataHash: u8aToHex(wrong) }),
      /bad signature/i,
    );
    // Mode 1 without a hash: the signer signed `None`, the runtime adds its hash. Refused.
    await assert.rejects(
      submit(api.tx.balances.transferKeepAlive(charlie.address, 5n * MDL), alice, { mode: 1 }),
      /bad signature/i,
    );
    await t.send(api.tx.system.remark('0x00'), bob); // seal a block: nothing was pooled
    assert.equal(await free(charlie), charlieBefore);
    assert.equal((await api.rpc.system.accountNextIndex(alice.address)).toBigInt(), aliceNonce);

    // Mode 0 (what @polkadot/api signs by default) is unaffected.
    const m0 = await t.send(api.tx.balances.transferKeepAlive(charlie.address, 3n * MDL), alice);
    assert.equal(m0.error, null);
    assert.equal(await free(charlie), charlieBefore + 3n * MDL);
  });
});
