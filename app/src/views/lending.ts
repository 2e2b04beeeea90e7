// Lending: every market with utilisation, APYs, cash, borrows, reserves and price, and the
// account's positions with its health factor as a gauge (the figures of `lending_accountHealth`,
// which are what a liquidation would use).

import type { Account, Chain } from '../chain';
import { esc, fixed, percent, units } from '../format';
import { healthGauge } from '../svg';
import { FIXED } from '../format';

export interface AssetInfo { symbol: string; decimals: number }

/** Symbol and decimals of a lending asset as the node's JSON writes it. */
export async function assetInfo(chain: Chain, asset: any): Promise<AssetInfo> {
  const { api } = chain;
  if (asset === 'native' || (asset && 'native' in asset)) {
    return { symbol: api.registry.chainTokens[0], decimals: api.registry.chainDecimals[0] };
  }
  if (asset && asset.asset !== undefined) {
    const meta: any = await api.query.assets.metadata(Number(asset.asset));
    return { symbol: meta.symbol.toUtf8() || `asset ${asset.asset}`, decimals: meta.decimals.toNumber() };
  }
  if (asset && asset.modelShares !== undefined) {
    return { symbol: `shares #${asset.modelShares}`, decimals: 0 };
  }
  return { symbol: JSON.stringify(asset), decimals: 0 };
}

const assetKey = (asset: any) => JSON.stringify(asset, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

export async function renderLending(chain: Chain, account: Account | undefined, el: HTMLElement): Promise<void> {
  const { api, rpc } = chain;
  const keys = await api.query.lending.markets.keys();
  const assets = keys.map((k) => k.args[0].toJSON());
  const markets = (await Promise.all(assets.map((a) => rpc.market(a)))).filter(Boolean) as any[];
  const infos = new Map<string, AssetInfo>();
  for (const m of markets) infos.set(assetKey(m.asset), await assetInfo(chain, m.asset));
  const marketRows = markets.map((m) => {
    const info = infos.get(assetKey(m.asset)) as AssetInfo;
    return `<tr data-testid="market">
      <td>${esc(info.symbol)}${m.paused ? ' <span class="flag bad">paused</span>' : ''}</td>
      <td>${percent(m.utilisation)}</td>
      <td>${percent(m.supplyApy)}</td>
      <td>${percent(m.borrowApy)}</td>
      <td>${units(m.cash, info.decimals, 2)}</td>
      <td>${units(m.totalBorrows, info.decimals, 2)}</td>
      <td>${units(m.totalReserves, info.decimals, 4)}</td>
      <td>${m.price === null ? '<span class="flag warn">no price</span>' : `$${fixed(m.price, 4)}`}</td>
    </tr>`;
  }).join('');
  let healthHtml = '<p class="empty">No account.</p>';
  if (account) {
    const h: any = await rpc.accountHealth(account.address);
    const hf = h.healthFactor === null ? null : Number(h.healthFactor) / Number(FIXED);
    const positions = await Promise.all((h.positions as any[]).map(async (p) => {
      const info = infos.get(assetKey(p.asset)) ?? await assetInfo(chain, p.asset);
      return `<tr data-testid="position"><td>${esc(info.symbol)}</td><td>${units(p.supplied, info.decimals)}</td>
        <td>${p.collateral ? 'yes' : 'no'}</td><td>${units(p.debt, info.decimals)}</td></tr>`;
    }));
    healthHtml = `
      <div class="health">
        ${healthGauge(hf)}
        <dl>
          <dt>Health factor</dt><dd data-testid="health-factor" data-raw="${h.healthFactor === null ? '' : esc(h.healthFactor)}">${h.healthFactor === null ? 'no debt' : fixed(h.healthFactor, 6)}</dd>
          <dt>Collateral value</dt><dd>$${fixed(h.collateralValue, 2)}</dd>
          <dt>Borrow limit</dt><dd>$${fixed(h.borrowLimit, 2)}</dd>
          <dt>Liquidation limit</dt><dd>$${fixed(h.liquidationLimit, 2)}</dd>
          <dt>Debt value</dt><dd data-testid="debt-value">$${fixed(h.debtValue, 2)}</dd>
          <dt>Prices</dt><dd>${h.pricesFresh ? 'fresh' : '<span class="flag warn">stale: borrowing is refused</span>'}</dd>
          <dt>Liquidatable</dt><dd>${h.liquidatable ? '<span class="flag bad">yes</span>' : 'no'}</dd>
        </dl>
      </div>
      ${positions.length ? `<table><thead><tr><th>Market</th><th>Supplied</th><th>Collateral</th><th>Debt</th></tr></thead>
        <tbody>${positions.join('')}</tbody></table>` : '<p class="empty">No positions.</p>'}`;
  }
  el.innerHTML = `
    ${markets.length ? `<table><thead><tr><th>Market</th><th>Utilisation</th><th>Supply APY</th><th>Borrow APY</th>
      <th>Cash</th><th>Borrows</th><th>Reserves</th><th>Price</th></tr></thead><tbody>${marketRows}</tbody></table>`
      : '<p class="empty">No markets.</p>'}
    <h3>Your positions</h3>${healthHtml}`;
}
