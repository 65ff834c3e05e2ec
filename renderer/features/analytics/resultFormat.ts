// How result and sample values read on screen: timestamps in local time with milliseconds, numbers grouped.
import { isTimestamp, type ResultColumn, type ResultValue } from './resultTable';

const numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

export function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The time of day with milliseconds; the date only when it is not today (the full time is in the title). */
export function formatClock(ms: number): string {
  const full = formatTime(ms);
  return full.slice(0, 10) === formatTime(Date.now()).slice(0, 10) ? full.slice(11) : full;
}

export function formatValue(value: ResultValue, column: ResultColumn | undefined): string {
  if (value === null) return 'NULL';
  if (column && isTimestamp(column) && typeof value === 'number') return formatClock(value);
  if (typeof value === 'number') return numbers.format(value);
  return String(value);
}
