// DAO votes: distinct voters each vote once (`dao.vote(id, Aye, amount)`) on one open
// chain-DAO proposal.
//
// Chain-DAO voting power is native stake at the proposal's snapshot (the block before the
// proposal), so in setup every voter stakes 10 MDL, then a proposer (who staked enough to
// pass the 1 % proposal threshold) proposes a `system.remarkWithEvent` (standard track: 100
// blocks of voting on the dev chain, a 10 MDL deposit). Each voter then votes with all of
// its stake. One vote per voter and proposal, far below `MaxActiveVotes` (16).

import { MDL } from '../chain.js';

const VOTER_FUNDS = 20n * MDL;
const VOTER_STAKE = 10n * MDL;
const PROPOSER_STAKE = 100_000n * MDL;

export default {
  name: 'dao',
  call: 'dao.vote',
  dispatchClass: 'normal',

  async setup({ chain, count }) {
    const { api } = chain;
    const proposer = chain.account('dao', 'proposer');
    const voters = chain.accounts('dao', count);
    await chain.fund('dao: fund proposer and voters', [
      [proposer.address, PROPOSER_STAKE + 1_000n * MDL],
      ...voters.map((p) => [p.address, VOTER_FUNDS]),
    ]);
    await chain.phase('dao: proposer and voters stake', [
      { pair: proposer, tx: api.tx.dao.stake(PROPOSER_STAKE) },
      ...voters.map((pair) => ({ pair, tx: api.tx.dao.stake(VOTER_STAKE) })),
    ]);
    const id = (await api.query.dao.nextProposalId()).toNumber();
    const call = api.tx.system.remarkWithEvent('0x6d6f64656c636861696e2d62656e6368');
    await chain.phase('dao: propose a chain-DAO remark', [
      { pair: proposer, tx: api.tx.dao.propose('Chain', call, `0x${'be'.repeat(32)}`) },
    ]);
    const proposal = await api.query.dao.proposals(id);
    if (proposal.isNone) throw new Error(`proposal ${id} was not created`);
    const p = proposal.unwrap();
    chain.log(`  dao: proposal ${id} on the ${p.track.toString()} track, snapshot #${p.snapshot.toNumber()}, voting ends #${p.votingEnds.toNumber()}`);
    return { voters, id, votingEnds: p.votingEnds.toNumber() };
  },

  build({ chain }, { voters, id }) {
    return voters.map((pair) => ({ pair, tx: chain.api.tx.dao.vote(id, 'Aye', VOTER_STAKE) }));
  },
};
