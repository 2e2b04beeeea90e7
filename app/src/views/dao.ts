// DAO: the latest proposals still voting or waiting for enactment, with the decoded call,
// track, tally, quorum still needed and time left. While voting is open, an account may
// vote with an amount of its choice (prefilled with what it could lock now, as
// `dao_votingPower` reports it); the page names the proposal and the amount and asks for
// confirmation before signing. The pallet counts at most the power the account held at the
// proposal's snapshot (the block before it was made), so tokens staked or shares bought
// after it cannot be voted (`ExceedsVotingPower`): a flash loan buys no vote.

import type { Account, Chain } from '../chain';
import { duration, esc, short, units } from '../format';

const BLOCK_SECONDS = 6;
/** Proposals shown: the newest ids. */
const LATEST = 20;

function decodedCall(chain: Chain, hex: string): string {
  try {
    const call = chain.api.registry.createType('Call', hex);
    const args = JSON.stringify(call.toHuman()?.['args' as never] ?? {});
    return `${call.section}.${call.method}(${args.length > 300 ? `${args.slice(0, 300)}…` : args})`;
  } catch {
    return `undecodable call ${hex.slice(0, 18)}…`;
  }
}

export async function renderDao(chain: Chain, account: Account | undefined, el: HTMLElement): Promise<void> {
  const { api, rpc } = chain;
  const decimals = api.registry.chainDecimals[0];
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const next = ((await api.query.dao.nextProposalId()) as any).toNumber() as number;
  const ids = Array.from({ length: Math.min(next, LATEST) }, (_, i) => next - 1 - i);
  const proposals = (await Promise.all(ids.map((id) => rpc.proposal(id)))).filter(Boolean) as any[];
  const open = proposals.filter((p) => p.status === 'voting' || p.status?.approved !== undefined);
  if (open.length === 0) {
    el.innerHTML = '<p class="empty">No open proposals.</p>';
    return;
  }
  const cards = await Promise.all(open.map(async (p) => {
    const scope = p.scope === 'chain' || p.scope?.chain !== undefined ? 'chain' : `model #${p.scope.model}`;
    const voting = p.status === 'voting' && best < Number(p.votingEnds);
    let lockable = 0n;
    if (account && voting) {
      const power: any = await rpc.votingPower(p.scope, account.address);
      lockable = BigInt(power.lockable);
    }
    const left = (Number(p.votingEnds) - best) * BLOCK_SECONDS;
    const unit = scope === 'chain' ? api.registry.chainTokens[0] : 'shares';
    const unitDecimals = scope === 'chain' ? decimals : 0;
    return `<article class="card proposal" data-testid="proposal" data-proposal="${esc(p.id)}">
      <h3>#${esc(p.id)} · ${esc(scope)} · track ${esc(typeof p.track === 'string' ? p.track : JSON.stringify(p.track))}</h3>
      <p><code data-testid="proposal-call">${esc(decodedCall(chain, p.call))}</code></p>
      <p class="meta">by ${esc(short(String(p.proposer)))} · voting ends at block ${esc(p.votingEnds)}
        (${voting ? `${duration(left)} left` : 'ended'}) · ${esc(p.voters)} voter(s) ·
        ${p.passing ? '<span class="flag ok">passing</span>' : '<span class="flag warn">not passing</span>'}</p>
      <p data-testid="tally">aye <b>${units(BigInt(p.tally.aye), unitDecimals)}</b> · nay <b>${units(BigInt(p.tally.nay), unitDecimals)}</b> ·
        abstain ${units(BigInt(p.tally.abstain), unitDecimals)} · quorum still needed ${units(BigInt(p.quorumNeeded), unitDecimals)} ${esc(unit)}</p>
      ${p.status?.approved ? `<p><span class="flag ok">approved: enacts at block ${esc(p.status.approved.enactAt)}</span></p>` : ''}
      ${account && voting ? `<p class="vote">
        <label>amount <input data-testid="vote-amount" data-proposal="${esc(p.id)}" value="${esc(units(lockable, unitDecimals, unitDecimals))}" size="14"/> ${esc(unit)}</label>
        <button data-action="vote" data-choice="Aye" data-proposal="${esc(p.id)}" data-decimals="${unitDecimals}" data-unit="${esc(unit)}">Aye</button>
        <button data-action="vote" data-choice="Nay" data-proposal="${esc(p.id)}" data-decimals="${unitDecimals}" data-unit="${esc(unit)}">Nay</button>
        <button data-action="vote" data-choice="Abstain" data-proposal="${esc(p.id)}" data-decimals="${unitDecimals}" data-unit="${esc(unit)}">Abstain</button>
        <small>the amount stays locked until the proposal's lock period ends</small></p>` : ''}
    </article>`;
  }));
  // A block re-renders the section: keep what the user typed.
  const typed = new Map<string, string>();
  el.querySelectorAll<HTMLInputElement>('input[data-edited="1"]').forEach((i) => typed.set(i.dataset.proposal ?? '', i.value));
  el.innerHTML = cards.join('');
  el.querySelectorAll<HTMLInputElement>('input[data-testid="vote-amount"]').forEach((i) => {
    const value = typed.get(i.dataset.proposal ?? '');
    if (value !== undefined) {
      i.value = value;
      i.dataset.edited = '1';
    }
  });
}
