// Numbers on charts with units a person reads at a glance: byte rates in B/s, KiB/s or MiB/s (binary, as Kinesis
// quotas are stated), counts per second, durations in ms, s or min, ratios as percent. One scale per chart, picked
// from its largest value, so the ticks of one axis never mix units.
export type ChartUnit = 'bytes/s' | 'records/s' | 'count/s' | 'ms' | 'ratio';

export interface UnitScale {
  /** Divide a raw value by this to get the number shown. */
  divisor: number;
  suffix: string;
}

const KIB = 1024;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** The scale for an axis whose values go up to `max`. */
export function scaleFor(unit: ChartUnit, max: number): UnitScale {
  const m = Math.abs(max);
  switch (unit) {
    case 'bytes/s':
      if (m >= GIB) return { divisor: GIB, suffix: 'GiB/s' };
      if (m >= MIB) return { divisor: MIB, suffix: 'MiB/s' };
      if (m >= KIB) return { divisor: KIB, suffix: 'KiB/s' };
      return { divisor: 1, suffix: 'B/s' };
    case 'records/s':
      return { divisor: 1, suffix: 'records/s' };
    case 'count/s':
      return { divisor: 1, suffix: '/s' };
    case 'ms':
      if (m >= 120_000) return { divisor: 60_000, suffix: 'min' };
      if (m >= 2_000) return { divisor: 1000, suffix: 's' };
      return { divisor: 1, suffix: 'ms' };
    case 'ratio':
      return { divisor: 0.01, suffix: '%' };
  }
}

/** A number with at most three significant decimals, grouped by the user's locale. */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** An axis tick: the number only (the axis label carries the unit). */
export function tickText(value: number, scale: UnitScale): string {
  return plainNumber(value / scale.divisor);
}

/** A value with its own best unit, for tooltips and tables. */
export function formatValue(value: number | null | undefined, unit: ChartUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  const scale = scaleFor(unit, value);
  const text = plainNumber(value / scale.divisor);
  return scale.suffix === '%' || scale.suffix === '/s' ? `${text}${scale.suffix}` : `${text} ${scale.suffix}`;
}

/** The exact value, for tooltips: the scaled figure and, when scaled, the raw one in its base unit. */
export function exactValue(value: number | null | undefined, unit: ChartUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'no data';
  const shown = formatValue(value, unit);
  if (unit === 'bytes/s' && Math.abs(value) >= KIB) return `${shown} (${Math.round(value).toLocaleString()} B/s)`;
  if (unit === 'ms' && Math.abs(value) >= 2000) return `${shown} (${Math.round(value).toLocaleString()} ms)`;
  return shown;
}

/** A fraction (0..1+) as a percentage. */
export function percent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  const p = fraction * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

/** Round axis ticks from 0: about `count` steps of 1, 2, 2.5 or 5 × 10^n in the shown unit; the last tick tops the axis. */
export function niceTicks(unit: ChartUnit, max: number, count = 4): { scale: UnitScale; ticks: number[]; top: number } {
  const scale = scaleFor(unit, max);
  const shownMax = Math.max(max / scale.divisor, unit === 'ratio' ? 1 : 1e-9);
  const rough = shownMax / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  const steps = Math.max(1, Math.ceil(shownMax / step - 1e-9));
  const ticks = Array.from({ length: steps + 1 }, (_, i) => i * step * scale.divisor);
  return { scale, ticks, top: steps * step * scale.divisor };
}
