// How the tail rows' values read: arrival times (local, UTC or relative), sizes, and a sequence number's tail.
import { formatBytes } from '../../../shared/domain/hexDump';
import type { TimeFormat } from './tailForm';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatArrival(ms: number, format: TimeFormat, now: number): string {
  const d = new Date(ms);
  if (format === 'utc') return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  if (format === 'local') return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return relative(now - ms);
}

export function relative(ago: number): string {
  const s = Math.max(0, ago) / 1000;
  if (s < 1) return 'just now';
  if (s < 60) return `${Math.floor(s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.floor(s % 60)} s ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h ago`;
}

/** A duration ahead, in words: "3 d 4 h", "12 min 5 s". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s % 60} s`;
  return `${s} s`;
}

export function fullTime(ms: number): { local: string; utc: string } {
  const d = new Date(ms);
  return {
    local: `${d.toLocaleDateString()} ${d.toLocaleTimeString()}.${pad(d.getMilliseconds(), 3)}`,
    utc: d.toISOString(),
  };
}

export const size = (n: number) => formatBytes(n);

export function age(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return duration(ms);
}

/** A shard id without its constant prefix, for narrow cells ("shardId-000000000003" → "…003"). */
export function shortShard(id: string): string {
  const m = /^shardId-0*(\d+)$/.exec(id);
  return m ? `shard ${m[1]}` : id;
}
