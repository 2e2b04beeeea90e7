// Models: terms, royalty floors, flags, evaluations and the lineage graph of the first
// PAGE models in storage order.

import type { Chain } from '../chain';
import { esc, fixed, percent, short, units } from '../format';
import { lineageGraph, type Edge } from '../svg';

const PAGE = 50;

/** Bytes the RPC writes as a JSON array of numbers (names, URIs), as text. */
export function bytesText(bytes: unknown): string {
  if (!Array.isArray(bytes)) return String(bytes ?? '');
  return new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes.map(Number)));
}

const ppm = (v: unknown) => percent(BigInt(Number(v ?? 0)) * 10n ** 12n);

function licence(kind: any, decimals: number, symbol: string): string {
  if (kind === 'free' || kind?.free !== undefined) return 'free';
  if (kind?.perUse) return `${units(BigInt(kind.perUse.price), decimals)} ${esc(symbol)} per use`;
  if (kind?.subscription) {
    return `${units(BigInt(kind.subscription.price), decimals)} ${esc(symbol)} per ${esc(kind.subscription.period)} blocks`;
  }
  return esc(JSON.stringify(kind));
}

export async function renderModels(chain: Chain, el: HTMLElement): Promise<void> {
  const { api, rpc } = chain;
  const decimals = api.registry.chainDecimals[0];
  const symbol = api.registry.chainTokens[0];
  const keys = await api.query.models.models.keysPaged({ args: [], pageSize: PAGE });
  const ids = keys.map((k) => k.args[0].toString());
  if (ids.length === 0) {
    el.innerHTML = '<p class="empty">No models registered yet.</p>';
    return;
  }
  const models = (await Promise.all(ids.map((id) => rpc.model(id)))).filter(Boolean) as any[];
  const names = new Map<string, string>();
  const flagged = new Set<string>();
  for (const m of models) {
    names.set(String(m.id), bytesText(m.name));
    if (m.flagged || m.ancestorFlagged) flagged.add(String(m.id));
  }
  const cards = await Promise.all(models.map(async (m) => {
    const id = String(m.id);
    const edges = ((await rpc.lineage(id)) as any[]).map((e): Edge => ({
      child: String(e.child), parent: String(e.parent), relation: e.relation,
      distance: Number(e.distance), parentFlagged: e.parentFlagged,
    }));
    for (const e of edges) {
      if (e.parentFlagged) flagged.add(e.parent);
      if (!names.has(e.parent)) {
        const p: any = await rpc.model(e.parent);
        names.set(e.parent, p ? bytesText(p.name) : `#${e.parent}`);
      }
    }
    const evals = await api.query.models.evaluations.entries(id);
    const evalRows = evals.map(([key, value]) => {
      const [, version, metric] = key.args;
      const ev: any = (value as any).unwrap();
      return `<li>v${esc(version.toString())} ${esc(metric.toString())}: <b>${fixed(ev.value.toBigInt(), 4)}</b></li>`;
    }).join('');
    const terms = m.terms;
    const flags = [
      m.flagged ? `<span class="flag bad">flagged${m.flaggedVersion ? ` (v${esc(m.flaggedVersion)})` : ''}</span>` : '',
      m.ancestorFlagged ? '<span class="flag bad">ancestor flagged</span>' : '',
      Number(m.openIncidents) > 0 ? `<span class="flag warn">${esc(m.openIncidents)} open incident(s)</span>` : '',
    ].join('');
    const parents = (m.parents as any[]).map((p) =>
      `<li>${esc(p.relation)} of <b>${esc(names.get(String(p.model)) ?? p.model)}</b>, royalty ${ppm(p.royalty)}</li>`).join('');
    return `<article class="card model" data-testid="model" data-model="${esc(id)}">
      <h3><span data-testid="model-name">${esc(bytesText(m.name))}</span> <small>#${esc(id)}</small> ${flags}</h3>
      <p class="meta">owner ${esc(short(String(m.owner)))} · ${esc(m.status)} · depth ${esc(m.depth)} ·
        ${esc((m.versions as any[]).length)} version(s) · ${units(BigInt(m.shareSupply), 0)} shares ·
        revenue received ${units(BigInt(m.revenueReceived), decimals)} ${esc(symbol)}</p>
      <dl class="terms">
        <dt>Licence</dt><dd data-testid="licence">${licence(terms.kind, decimals, symbol)}</dd>
        <dt>Commercial use</dt><dd>${terms.commercialUse ? 'yes' : 'no'}</dd>
        <dt>Derivatives</dt><dd>${terms.derivativesAllowed ? `allowed, royalty floor ${ppm(terms.derivativeRoyaltyFloor)}` : 'not allowed'}</dd>
        <dt>Contributors' share</dt><dd>${ppm(terms.contributorShare)}</dd>
      </dl>
      ${parents ? `<h4>Parents</h4><ul data-testid="parents">${parents}</ul>` : ''}
      ${evalRows ? `<h4>Evaluations</h4><ul>${evalRows}</ul>` : ''}
      ${edges.length ? `<h4>Lineage</h4><div data-testid="lineage">${lineageGraph(id, edges, names, flagged)}</div>` : ''}
    </article>`;
  }));
  el.innerHTML = cards.join('');
}
