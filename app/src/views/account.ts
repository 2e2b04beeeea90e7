// An account: model shares (held and locked), claimable revenue with a Claim button, and
// licences with their status (the first 50 of each, from the node's indexes).

import type { Account, Chain } from '../chain';
import { esc, units } from '../format';
import { bytesText } from './models';

/** A licence's status as escaped HTML. */
function licenceStatus(status: any): string {
  if (typeof status === 'string') return esc(status);
  if (status?.valid) {
    const v = status.valid;
    const until = v.expiresAt === null || v.expiresAt === undefined ? 'no expiry' : `until block ${v.expiresAt}`;
    return esc(`valid, ${until}, ${v.usesLeft} use(s) left${v.commercialUse ? ', commercial' : ''}`);
  }
  return esc(JSON.stringify(status));
}

export async function renderAccount(chain: Chain, account: Account | undefined, el: HTMLElement): Promise<void> {
  if (!account) {
    el.innerHTML = '<p class="empty">No account: install a Polkadot extension and allow this page.</p>';
    return;
  }
  const { api, rpc } = chain;
  const decimals = api.registry.chainDecimals[0];
  const symbol = api.registry.chainTokens[0];
  const free = ((await api.query.system.account(account.address)) as any).data.free.toBigInt() as bigint;
  const held: any = await rpc.listModels({ holder: account.address }, { limit: 50 });
  const rows = await Promise.all((held.items as any[]).map(async (m) => {
    const id = String(m.id);
    const [shares, claimable]: any[] = await Promise.all([
      rpc.shares(id, account.address),
      rpc.claimableRevenue(id, account.address),
    ]);
    return `<tr data-testid="holding" data-model="${esc(id)}">
      <td>${esc(bytesText(m.name))}</td>
      <td data-testid="shares">${units(BigInt(shares.balance), 0)}</td>
      <td>${units(BigInt(shares.locked), 0)}</td>
      <td data-testid="claimable">${units(BigInt(claimable), decimals, 6)} ${esc(symbol)}</td>
      <td><button data-action="claim" data-model="${esc(id)}" ${BigInt(claimable) === 0n ? 'disabled' : ''}>Claim</button></td>
    </tr>`;
  }));
  const licences: any = await rpc.licenses(account.address, { limit: 50 });
  const licenceRows = (licences.items as any[]).map((l) =>
    `<li data-testid="licence-entry">model #${esc(l.model)}: ${licenceStatus(l.status)}</li>`).join('');
  el.innerHTML = `
    <p>${esc(account.name)} · <code>${esc(account.address)}</code> · balance <b data-testid="balance">${units(free, decimals)} ${esc(symbol)}</b></p>
    <h3>Model shares</h3>
    ${rows.length ? `<table><thead><tr><th>Model</th><th>Shares</th><th>Locked</th><th>Claimable revenue</th><th></th></tr></thead>
      <tbody>${rows.join('')}</tbody></table>` : '<p class="empty">No model shares.</p>'}
    <h3>Licences</h3>
    ${licenceRows ? `<ul>${licenceRows}</ul>` : '<p class="empty">No licences.</p>'}`;
}
