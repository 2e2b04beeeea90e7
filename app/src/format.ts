// Formatting shared by every view. Amounts arrive as BigInt in the asset's smallest unit;
// prices, rates and health factors as fixed-point BigInt (× 10^18).

export const FIXED = 10n ** 18n;

/** HTML-escapes text from the chain (model names, URIs) before it reaches innerHTML. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** `amount` (smallest unit) with `decimals`, shown with up to `shown` fraction digits. */
export function units(amount: bigint, decimals: number, shown = 4): string {
  const base = 10n ** BigInt(decimals);
  const whole = amount / base;
  const frac = (amount % base).toString().padStart(decimals, '0').slice(0, shown).replace(/0+$/, '');
  return frac ? `${whole.toLocaleString('en-US')}.${frac}` : whole.toLocaleString('en-US');
}

/** A fixed-point value (× 10^18) with `shown` fraction digits. */
export function fixed(value: bigint | null | undefined, shown = 4): string {
  if (value === null || value === undefined) return '—';
  return units(value, 18, shown);
}

/** A fixed-point ratio as a percentage. */
export function percent(value: bigint | null | undefined, shown = 2): string {
  if (value === null || value === undefined) return '—';
  return `${units(value * 100n, 18, shown)} %`;
}

/** Parses "1,234.5" with `decimals` into the smallest unit; null if it is not a number. */
export function parseUnits(text: string, decimals: number): bigint | null {
  const clean = text.replace(/[,\s]/g, '');
  const m = /^([0-9]+)(?:\.([0-9]*))?$/.exec(clean);
  if (!m) return null;
  const frac = (m[2] ?? '');
  if (frac.length > decimals) return null;
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
}

export function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 6)}…${address.slice(-6)}` : address;
}

/** Seconds as "1 h 3 min", "45 s". */
export function duration(seconds: number): string {
  if (seconds < 0) return 'ended';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const min = Math.round(seconds / 60);
  if (min < 90) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
