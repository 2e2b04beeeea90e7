// Two small drawings: the health-factor gauge and the lineage graph.

import { esc } from './format';

/**
 * A half-circle gauge of a health factor (1.0 = liquidation). The needle's scale runs from
 * 0 to 3; red below 1, amber to 1.5, green above. `hf` is null without debt (full scale).
 */
export function healthGauge(hf: number | null): string {
  const max = 3;
  const value = hf === null ? max : Math.min(Math.max(hf, 0), max);
  const angle = Math.PI * (1 - value / max);
  const cx = 100;
  const cy = 100;
  const r = 80;
  const point = (a: number, rr = r) => `${cx + rr * Math.cos(a)},${cy - rr * Math.sin(a)}`;
  const arc = (from: number, to: number, color: string) => {
    const a0 = Math.PI * (1 - from / max);
    const a1 = Math.PI * (1 - to / max);
    return `<path d="M ${point(a0)} A ${r} ${r} 0 0 1 ${point(a1)}" stroke="${color}" stroke-width="16" fill="none"/>`;
  };
  const label = hf === null ? 'no debt' : hf.toFixed(3);
  const color = hf === null || hf >= 1.5 ? '#1a7f37' : hf >= 1 ? '#bf8700' : '#cf222e';
  return `<svg class="gauge" viewBox="0 0 200 120" role="img" aria-label="health factor ${esc(label)}">
  ${arc(0, 1, '#cf222e')}${arc(1, 1.5, '#bf8700')}${arc(1.5, 3, '#1a7f37')}
  <line x1="${cx}" y1="${cy}" x2="${point(angle, r - 14).split(',')[0]}" y2="${point(angle, r - 14).split(',')[1]}"
    stroke="#24292f" stroke-width="4" stroke-linecap="round"/>
  <circle cx="${cx}" cy="${cy}" r="6" fill="#24292f"/>
  <text x="${cx}" y="${cy + 18}" text-anchor="middle" font-size="16" fill="${color}" data-testid="gauge-value">${esc(label)}</text>
</svg>`;
}

export interface Edge {
  child: string;
  parent: string;
  relation: string;
  distance: number;
  parentFlagged: boolean;
}

/**
 * The lineage above `root`, drawn in rows by distance (the model at the bottom, its
 * parents above, theirs above those). `names` labels the nodes; flagged ones are red.
 */
export function lineageGraph(root: string, edges: Edge[], names: Map<string, string>, flagged: Set<string>): string {
  const rows = new Map<number, string[]>([[0, [root]]]);
  const depth = new Map<string, number>([[root, 0]]);
  for (const e of [...edges].sort((a, b) => a.distance - b.distance)) {
    if (depth.has(e.parent)) continue;
    depth.set(e.parent, e.distance);
    rows.set(e.distance, [...(rows.get(e.distance) ?? []), e.parent]);
  }
  const levels = Math.max(...rows.keys()) + 1;
  const width = 560;
  const rowH = 56;
  const height = levels * rowH;
  const pos = new Map<string, [number, number]>();
  for (const [d, ids] of rows) {
    ids.forEach((id, i) => {
      pos.set(id, [((i + 1) * width) / (ids.length + 1), height - d * rowH - rowH / 2]);
    });
  }
  const lines = edges.map((e) => {
    const a = pos.get(e.child);
    const b = pos.get(e.parent);
    if (!a || !b) return '';
    return `<line x1="${a[0]}" y1="${a[1] - 12}" x2="${b[0]}" y2="${b[1] + 12}" stroke="#8c959f" stroke-width="1.5"/>
      <text x="${(a[0] + b[0]) / 2 + 4}" y="${(a[1] + b[1]) / 2}" font-size="10" fill="#57606a">${esc(e.relation)}</text>`;
  }).join('');
  const nodes = [...pos].map(([id, [x, y]]) => {
    const bad = flagged.has(id);
    const name = names.get(id) ?? `#${id.slice(0, 6)}`;
    return `<g class="lineage-node" data-model="${esc(id)}">
      <rect x="${x - 70}" y="${y - 12}" width="140" height="24" rx="6" fill="${bad ? '#ffebe9' : id === root ? '#ddf4ff' : '#f6f8fa'}" stroke="${bad ? '#cf222e' : '#8c959f'}"/>
      <text x="${x}" y="${y + 4}" text-anchor="middle" font-size="12">${esc(name.length > 20 ? `${name.slice(0, 19)}…` : name)}</text>
    </g>`;
  }).join('');
  return `<svg class="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="lineage">${lines}${nodes}</svg>`;
}
