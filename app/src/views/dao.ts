// DAO: proposals in voting or waiting for enactment, with the decoded call, track, tally, quorum, time left and vote
// buttons. A vote locks the account's whole lockable balance for this scope (what
// `dao_votingPower` reports); the power counted is read at the proposal's snapshot, so
// tokens borrowed or bought after it add nothing.

import type { Account, Chain } from '../chain';
import { duration, esc, short, units } from '../format';

const BLOCK_SECONDS = 6;

function decodedCall(chain: Chain, hex: string): string {
  try {
    const call = chain.api.registry.createType('Call', hex);
    const args = call.method === undefined ? '' : JSON.stringify(call.toHuman()?.['args' as never] ?? {});
    return `${call.section}.${call.method}(${args.length > 300 ? `${args.slice(0, 300)}…` : args})`;
  } catch (e) {
    return `undecodable call ${hex.slice(0, 18)}…`;
  }
}

export async function renderDao(chain: Chain, account: Account | undefined, el: HTMLElement): Promise<void> {
  const { api, rpc } = chain;
  const decimals = api.registry.chainDecimals[0];
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const keys = await api.query.dao.proposals.keys();
  const ids = keys.map((k) => k.args[0].toString()).sort((a, b) => Number(b) - Number(a));
  const proposals = (await Promise.all(ids.map((id) => rpc.proposal(Number(id))))).filter(Boolean) as any[];
  const open = proposals.filter((p) => p.status === 'voting' || p.status?.approved !== undefined);
  if (open.length === 0) {
    el.innerHTML = '<p class="empty">No open proposals.</p>';
    return;
  }
  const cards = await Promise.all(open.map(async (p) => {
    const scope = p.scope === 'chain' || p.scope?.chain !== undefined ? 'chain' : `model #${p.scope.model}`;
    let lockable = 0n;
    if (account) {
      const power: any = await rpc.votingPower(p.scope, account.address);
      lockable = BigInt(power.lockable);
    }
    const left = (Number(p.votingEnds) - best) * BLOCK_SECONDS;
    return `<article class="card proposal" data-testid="proposal" data-proposal="${esc(p.id)}">
      <h3>#${esc(p.id)} · ${esc(scope)} · track ${esc(typeof p.track === 'string' ? p.track : JSON.stringify(p.track))}</h3>
      <p><code data-testid="proposal-call">${esc(decodedCall(chain, p.call))}</code></p>
      <p class="meta">by ${esc(short(String(p.proposer)))} · ends at block ${esc(p.votingEnds)} (${duration(left)} left) ·
        ${esc(p.voters)} voter(s) · ${p.passing ? '<span class="flag ok">passing</span>' : '<span class="flag warn">not passing</span>'}</p>
      <p data-testid="tally">aye <b>${units(BigInt(p.tally.aye), decimals)}</b> · nay <b>${units(BigInt(p.tally.nay), decimals)}</b> ·
        abstain ${units(BigInt(p.tally.abstain), decimals)} · quorum still needed ${units(BigInt(p.quorumNeeded), decimals)}</p>
      ${p.status?.approved ? `<p class="flag ok">approved: enacted at block ${esc(p.status.approved.enactAt)}</p>` : ''}
      ${account && p.status === 'voting' ? `<p>
        <button data-action="vote" data-choice="Aye" data-proposal="${esc(p.id)}" data-amount="${lockable}" ${lockable === 0n ? 'disabled' : ''}>Aye</button>
        <button data-action="vote" data-choice="Nay" data-proposal="${esc(p.id)}" data-amount="${lockable}" ${lockable === 0n ? 'disabled' : ''}>Nay</button>
        <button data-action="vote" data-choice="Abstain" data-proposal="${esc(p.id)}" data-amount="${lockable}" ${lockable === 0n ? 'disabled' : ''}>Abstain</button>
        <small>locks ${units(lockable, decimals)}</small></p>` : ''}
    </article>`;
  }));
  el.innerHTML = cards.join('');
}
