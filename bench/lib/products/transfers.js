// Transfers, polkadot-stps style: sender i (a distinct, pre-funded account) sends one
// `balances.transferKeepAlive` (nonce 0) to receiver i, a distinct account that exists
// before the block and that nothing else in the block touches.

import { MDL } from '../chain.js';

const SENDER_FUNDS = 10n * MDL;
const RECEIVER_FUNDS = 1n * MDL;
const AMOUNT = MDL;

export default {
  name: 'transfers',
  call: 'balances.transferKeepAlive',
  dispatchClass: 'normal',

  async setup({ chain, count }) {
    // Senders are //bench//transfers//0..count-1, receivers count..2*count-1.
    const senders = chain.accounts('transfers', count);
    const receivers = chain.accounts('transfers', count, count);
    await chain.fund('transfers: fund senders and receivers', [
      ...senders.map((p) => [p.address, SENDER_FUNDS]),
      ...receivers.map((p) => [p.address, RECEIVER_FUNDS]),
    ]);
    return { senders, receivers };
  },

  build({ chain }, { senders, receivers }) {
    return senders.map((pair, i) => ({ pair, tx: chain.api.tx.balances.transferKeepAlive(receivers[i].address, AMOUNT) }));
  },
};
