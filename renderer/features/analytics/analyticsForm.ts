// What the Analytics screen is set to (source, schema, dialect, queries, reference table, output), kept outside
// React so it survives visits to other screens, and the contract parameters built from it.
import type { AnalyticsOutput, AnalyticsSourceIn, ColumnSpec, InputSchema, ReferenceTableInput, SqlDialect } from '../../../shared/contract/analytics';
import { createStore } from '../../state/store';
import { nameProblem } from '../../state/streamNameText';
import { exampleQuery } from './sqlDialects';

export type StartChoice = 'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP';

export interface AnalyticsForm {
  sourceKind: 'stream' | 'deliveryStream';
  stream: string;
  deliveryStream: string;
  start: StartChoice;
  /** `datetime-local` text for AT_TIMESTAMP. */
  startTime: string;
  mode: 'polling' | 'fanout';
  deliveryStart: 'LATEST' | 'KEPT';
  format: 'json' | 'csv';
  delimiter: string;
  csvHeader: boolean;
  /** The schema as discovered, then edited by the user. */
  columns: ColumnSpec[];
  dialect: SqlDialect;
  /** One text per dialect, so switching back and forth loses nothing; null until the user writes (the example). */
  sql: Record<SqlDialect, string | null>;
  reference: (ReferenceTableInput & { fileName: string }) | null;
  output: { kind: 'none' | 'stream' | 'deliveryStream'; name: string };
}

export const analyticsForm = createStore<AnalyticsForm>({
  sourceKind: 'stream',
  stream: '',
  deliveryStream: '',
  start: 'LATEST',
  startTime: '',
  mode: 'polling',
  deliveryStart: 'LATEST',
  format: 'json',
  delimiter: ',',
  csvHeader: false,
  columns: [],
  dialect: 'flink',
  sql: { flink: null, kda: null },
  reference: null,
  output: { kind: 'none', name: '' },
});

export const patchAnalyticsForm = (change: Partial<AnalyticsForm>) => analyticsForm.set((f) => ({ ...f, ...change }));

export function schemaOf(form: AnalyticsForm): InputSchema {
  return { format: form.format === 'csv' ? { kind: 'csv', delimiter: form.delimiter || ',' } : { kind: 'json' }, columns: form.columns };
}

/** The source's name as the editor and main's checker know it. */
export function sourceNameOf(form: AnalyticsForm): string {
  return (form.sourceKind === 'stream' ? form.stream : form.deliveryStream) || 'my_stream';
}

export function sourceOf(form: AnalyticsForm, confirmAccountId?: string): AnalyticsSourceIn {
  if (form.sourceKind === 'deliveryStream') return { kind: 'deliveryStream', name: form.deliveryStream, start: form.deliveryStart };
  const start = form.start === 'AT_TIMESTAMP' ? { type: 'AT_TIMESTAMP' as const, timestamp: new Date(form.startTime).getTime() } : { type: form.start };
  return { kind: 'stream', streamName: form.stream, start, mode: form.mode, ...(confirmAccountId ? { confirmAccountId } : {}) };
}

export function outputOf(form: AnalyticsForm, confirmAccountId?: string): AnalyticsOutput | undefined {
  const { kind, name } = form.output;
  if (kind === 'none' || !name) return undefined;
  const confirm = confirmAccountId ? { confirmAccountId } : {};
  return kind === 'stream' ? { kind, streamName: name, ...confirm } : { kind, name, ...confirm };
}

/** The query text for the current dialect, or that dialect's example until the user edits it. */
export function queryText(form: AnalyticsForm): string {
  return form.sql[form.dialect] ?? exampleQuery(form.dialect, sourceNameOf(form));
}

/** What blocks reading the source, per field (empty when it can be read). */
export function sourceProblems(form: AnalyticsForm): { source?: string; startTime?: string; delimiter?: string } {
  const problems: { source?: string; startTime?: string; delimiter?: string } = {};
  if (form.sourceKind === 'stream') {
    const named = form.stream ? nameProblem(form.stream) : 'Pick the stream to read.';
    if (named) problems.source = named;
  } else if (!/^[a-zA-Z0-9_.-]{1,64}$/.test(form.deliveryStream)) problems.source = 'Name the delivery stream to read (1 to 64 letters, digits, _ . -).';
  if (form.sourceKind === 'stream' && form.start === 'AT_TIMESTAMP' && !Number.isFinite(new Date(form.startTime).getTime())) problems.startTime = 'Give the time to start reading at.';
  if (form.format === 'csv' && !form.delimiter) problems.delimiter = 'Give the delimiter between CSV fields.';
  return problems;
}
