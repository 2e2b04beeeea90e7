// Oracle: every configured key with its status, value, feeds, dispersion and age. A value
// is served until `expiresAt`; after that the status turns `stale` and borrowing against it
// stops.

import type { Chain } from '../chain';
import { duration, esc } from '../format';

function keyName(key: any): string {
  if (key?.assetPrice !== undefined) return `price of asset ${key.assetPrice}`;
  if (key?.modelMetric) {
    const m = key.modelMetric;
    return `model #${m.model} v${m.version} ${typeof m.metric === 'string' ? m.metric : JSON.stringify(m.metric)}`;
  }
  return JSON.stringify(key, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export async function renderOracle(chain: Chain, el: HTMLElement): Promise<void> {
  const { api, rpc } = chain;
  const now = ((await api.query.timestamp.now()) as any).toNumber() as number;
  const values = (await rpc.oracleValues()) as any[];
  if (values.length === 0) {
    el.innerHTML = '<p class="empty">No oracle keys configured.</p>';
    return;
  }
  const rows = values.map((v) => {
    const age = v.updatedAt === null ? null : (now - Number(v.updatedAt)) / 1000;
    const left = v.expiresAt === null ? null : (Number(v.expiresAt) - now) / 1000;
    const cls = v.status === 'current' ? 'ok' : 'bad';
    return `<tr data-testid="oracle-value">
      <td>${esc(keyName(v.key))}</td>
      <td><span class="flag ${cls}">${esc(v.status)}</span></td>
      <td>${v.value === null ? '—' : esc(v.value)}</td>
      <td>${v.feeds === null ? '—' : esc(v.feeds)}</td>
      <td>${v.dispersion === null ? '—' : esc(v.dispersion)}</td>
      <td>${age === null ? '—' : `${duration(age)} ago`}</td>
      <td>${left === null ? '—' : left > 0 ? `stale in ${duration(left)}` : 'stale'}</td>
    </tr>`;
  }).join('');
  el.innerHTML = `<table><thead><tr><th>Key</th><th>Status</th><th>Value</th><th>Feeds</th><th>Dispersion</th>
    <th>Age</th><th>Freshness</th></tr></thead><tbody>${rows}</tbody></table>`;
}
