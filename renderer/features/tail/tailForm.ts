// The Tail screen's settings as the user edits them (kept while they visit other screens), their checks, and
// the `tail.records` params built from them. Times are typed in local time or UTC; sequence numbers are pasted.
import type { ConnectionKind } from '../../../shared/contract/connections';
import type { TailFilter, TailStartPosition } from '../../../shared/contract/tail';
import { createStore } from '../../state/store';
import { nameProblem } from '../../state/streamNameText';
import { DEFAULT_BUFFER, type TailParamsIn } from './tailController';

export type StartKind = TailStartPosition['type'];
export type Zone = 'local' | 'utc';
export type TimeFormat = 'local' | 'utc' | 'relative';

export interface TailForm {
  stream: string;
  /** null: every shard (following resharding). */
  shards: string[] | null;
  start: StartKind;
  startTime: string;
  startSequence: string;
  zone: Zone;
  end: 'none' | 'time' | 'sequence';
  endTime: string;
  endSequence: string;
  mode: 'polling' | 'fanout';
  /** Polling with the whole per-shard budget (5 calls/s every 200 ms) for the lowest latency; null: the
   *  connection's default (fastByDefault). */
  fast: boolean | null;
  order: 'oldest-first' | 'newest-first';
  columns: string[];
  bufferSize: number;
  filterText: string;
  regex: string;
  regexFlags: string;
  jsonata: string;
  timeFormat: TimeFormat;
}

export const initialForm: TailForm = {
  stream: '',
  shards: null,
  start: 'LATEST',
  startTime: '',
  startSequence: '',
  zone: 'local',
  end: 'none',
  endTime: '',
  endSequence: '',
  mode: 'polling',
  fast: null,
  order: 'oldest-first',
  columns: [],
  bufferSize: DEFAULT_BUFFER,
  filterText: '',
  regex: '',
  regexFlags: 'i',
  jsonata: '',
  timeFormat: 'local',
};

export const timeFormats: { id: TimeFormat; label: string }[] = [
  { id: 'local', label: 'Local' },
  { id: 'utc', label: 'UTC' },
  { id: 'relative', label: 'Relative' },
];

/** The format after `current`, in the order of `timeFormats` (the T key cycles through them). */
export function nextTimeFormat(current: TimeFormat): TimeFormat {
  return timeFormats[(timeFormats.findIndex((t) => t.id === current) + 1) % timeFormats.length]?.id ?? 'local';
}

export const tailForm = createStore<TailForm>(initialForm);
export const patchForm = (change: Partial<TailForm>) => tailForm.set((f) => ({ ...f, ...change }));

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Epoch ms as the value of an <input type="datetime-local" step="1">, in local time or UTC. */
export function toInputTime(ms: number, zone: Zone): string {
  const d = new Date(ms);
  return zone === 'utc'
    ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The input's text as epoch ms, or null when it is not a full date and time. */
export function fromInputTime(text: string, zone: Zone): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text)) return null;
  const ms = zone === 'utc' ? Date.parse(`${text}Z`) : new Date(text).getTime();
  return Number.isFinite(ms) ? ms : null;
}

export const timePresets = [
  { label: '5 min ago', ms: 5 * 60_000 },
  { label: '15 minutes ago', ms: 15 * 60_000 },
  { label: '1 hour ago', ms: 3_600_000 },
  { label: '24 hours ago', ms: 24 * 3_600_000 },
] as const;

export const isSequence = (text: string) => /^\d{1,128}$/.test(text.trim());

export interface FormProblems {
  stream?: string;
  startTime?: string;
  startSequence?: string;
  shards?: string;
  endTime?: string;
  endSequence?: string;
  order?: string;
}

export function formProblems(form: TailForm): FormProblems {
  const problems: FormProblems = {};
  if (!form.stream) problems.stream = 'Choose a stream.';
  else if (nameProblem(form.stream)) problems.stream = nameProblem(form.stream) ?? undefined;
  if (form.start === 'AT_TIMESTAMP' && fromInputTime(form.startTime, form.zone) === null) problems.startTime = 'Enter a date and time, or pick a preset.';
  if (form.start === 'AT_SEQUENCE_NUMBER' || form.start === 'AFTER_SEQUENCE_NUMBER') {
    if (!isSequence(form.startSequence)) problems.startSequence = 'A sequence number is digits only (paste it from a record).';
    if (!form.shards || form.shards.length !== 1) problems.shards = 'A sequence number belongs to one shard: choose exactly that shard.';
  }
  if (form.end === 'time') {
    const end = fromInputTime(form.endTime, form.zone);
    const start = form.start === 'AT_TIMESTAMP' ? fromInputTime(form.startTime, form.zone) : null;
    if (end === null) problems.endTime = 'Enter the date and time to stop at.';
    else if (start !== null && end < start) problems.endTime = 'The end is before the start.';
  }
  if (form.end === 'sequence' && !isSequence(form.endSequence)) problems.endSequence = 'A sequence number is digits only.';
  if (form.order === 'newest-first' && form.start !== 'AT_TIMESTAMP') problems.order = 'Newest first reads a time range backwards: start AT_TIMESTAMP.';
  if (form.order === 'newest-first' && form.end === 'sequence') problems.order = 'Newest first ends at a time (or now), not a sequence number.';
  return problems;
}

export function formFilter(form: TailForm): TailFilter | undefined {
  const filter: TailFilter = {
    ...(form.filterText.trim() ? { text: form.filterText.trim() } : {}),
    ...(form.regex ? { regex: { pattern: form.regex, flags: form.regexFlags } } : {}),
    ...(form.jsonata.trim() ? { jsonata: form.jsonata } : {}),
  };
  return Object.keys(filter).length > 0 ? filter : undefined;
}

function startPosition(form: TailForm): TailStartPosition {
  switch (form.start) {
    case 'AT_TIMESTAMP':
      return { type: 'AT_TIMESTAMP', timestamp: fromInputTime(form.startTime, form.zone) ?? Date.now() };
    case 'AT_SEQUENCE_NUMBER':
    case 'AFTER_SEQUENCE_NUMBER':
      return { type: form.start, sequenceNumber: form.startSequence.trim() };
    default:
      return { type: form.start };
  }
}

/** The whole read budget is free to take on the local engine; on AWS (or any shared endpoint) it throttles the
 *  stream's other consumers, so lowest latency is something to ask for there. */
export function fastByDefault(kind: ConnectionKind | null): boolean {
  return kind === 'local';
}

export function isFast(form: TailForm, kind: ConnectionKind | null): boolean {
  return form.fast ?? fastByDefault(kind);
}

/** The session params; call only when formProblems() is empty. */
export function formParams(form: TailForm, kind: ConnectionKind | null): TailParamsIn {
  const filter = formFilter(form);
  const endTime = fromInputTime(form.endTime, form.zone);
  return {
    stream: form.stream,
    ...(form.shards ? { shards: form.shards } : {}),
    start: startPosition(form),
    ...(form.end === 'time' && endTime !== null ? { end: { type: 'AT_TIMESTAMP' as const, timestamp: endTime } } : {}),
    ...(form.end === 'sequence' ? { end: { type: 'AT_SEQUENCE_NUMBER' as const, sequenceNumber: form.endSequence.trim() } } : {}),
    mode: form.mode === 'fanout' ? { type: 'fanout' } : isFast(form, kind) ? { type: 'polling', maxCallsPerSecond: 5, pollIntervalMs: 200 } : { type: 'polling' },
    ...(filter ? { filter } : {}),
    order: form.order,
    columns: form.columns,
    bufferSize: form.bufferSize,
  };
}

/** Words for where a session starts, for the header. */
export function startWords(params: TailParamsIn): string {
  const s = params.start;
  switch (s.type) {
    case 'LATEST':
      return 'from now on (LATEST)';
    case 'TRIM_HORIZON':
      return 'from the oldest record (TRIM_HORIZON)';
    case 'AT_TIMESTAMP':
      return `from ${new Date(s.timestamp).toLocaleString()}`;
    default:
      return `${s.type === 'AT_SEQUENCE_NUMBER' ? 'at' : 'after'} sequence number ${s.sequenceNumber.length > 16 ? `…${s.sequenceNumber.slice(-12)}` : s.sequenceNumber}`;
  }
}
