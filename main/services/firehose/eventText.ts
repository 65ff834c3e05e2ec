// One line per delivery event for the user: what happened and why (a flush's reason, a request's answer, a
// failure's error code). Works on the pipeline's events and on the engine's byte-free summaries of them alike.
import type { DeliveryEventView } from '../../../shared/contract/firehose';

type Loose = Record<string, unknown> & { type?: unknown; atMs?: unknown };

const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

const FLUSH_WHY: Record<string, string> = {
  size: 'the buffer reached its size hint',
  interval: 'the buffering interval passed',
  'zero-buffering': 'zero buffering delivers each put at once',
  manual: 'flushed by hand (local only)',
  close: 'the configuration changed or delivery stopped',
};

function text(e: Loose): { text: string; failure: boolean } | undefined {
  switch (e.type) {
    case 'flush':
      return { text: `${s(e.lane)} buffer${e.key ? ` ${s(e.key)}` : ''} flushed: ${n(e.records)} records, ${n(e.bytes)} bytes (${FLUSH_WHY[s(e.reason)] ?? s(e.reason)})`, failure: false };
    case 'object':
      return { text: `${s(e.role)} object s3://${s(e.bucket)}/${s(e.key)}: ${n(e.records)} records, ${n(e.storedBytes)} bytes stored`, failure: e.role === 'error' };
    case 'request': {
      const status = typeof e.status === 'number' ? e.status : (e.response as { status?: number } | undefined)?.status;
      const url = s(e.url) || s((e.request as { url?: string } | undefined)?.url);
      return { text: `${s(e.destination)} ${s(e.purpose)} attempt ${n(e.attempt)} → ${url}: ${status ?? (s(e.error) || 'no answer')}`, failure: e.error !== undefined || (status !== undefined && status !== 200) };
    }
    case 'lambda':
      return { text: `Lambda invocation ${s(e.invocationId)} attempt ${n(e.attempt)}${e.errorCode ? ` failed: ${s(e.errorCode)} ${s(e.errorMessage)}` : ''}`, failure: e.errorCode !== undefined };
    case 'copy':
      return { text: `Redshift COPY from manifest ${s(e.manifestKey)} (a reconstruction)`, failure: false };
    case 'delivered':
      return { text: `delivered ${n(e.records)} records to ${s(e.destination)} after ${n(e.attempts)} attempt(s)`, failure: false };
    case 'failed':
      return { text: `failed ${n(e.records)} records to ${s(e.destination)}: ${s(e.errorCode)} ${s(e.errorMessage)}${e.errorOutputType ? ` → ${s(e.errorOutputType)}` : ''}`, failure: true };
    case 'dropped':
      return { text: `the Lambda dropped ${n(e.records)} records`, failure: false };
    case 'error':
      return { text: s(e.message), failure: true };
    default:
      return undefined;
  }
}

export function eventView(event: object): DeliveryEventView | undefined {
  const e = event as Loose;
  const t = text(e);
  return t ? { type: s(e.type), atMs: n(e.atMs), ...t } : undefined;
}
