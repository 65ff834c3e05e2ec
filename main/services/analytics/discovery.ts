// Schema discovery for the editor, as KDA's DiscoverInputSchema: sample records from the source (or take pasted
// ones), infer the columns, and show each sample as the schema maps it or why it does not parse.
import type { DiscoverParams, DiscoverResult, DiscoverSample } from '../../../shared/contract/analytics';
import { discoverInputSchema } from '../../analytics/schemaDiscovery';
import { payloadText } from '../../analytics/inputSchema';
import type { SourceRecord } from '../../analytics/streamingQuery';
import type { RecordSource } from './streamSource';

const TEXT_CHARS = 4096;

/** Reads up to `limit` records from a source, for at most `waitMs`. */
export async function sampleSource(source: RecordSource, limit: number, waitMs: number): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  await source.open();
  const timer = setTimeout(() => source.stop(), waitMs);
  try {
    await source.run({
      records: async (batch) => {
        out.push(...batch.slice(0, limit - out.length));
        if (out.length >= limit) source.stop();
      },
      tick: async () => undefined,
    });
  } finally {
    clearTimeout(timer);
    await source.close();
  }
  return out;
}

export function describeSamples(records: (SourceRecord | string)[], params: DiscoverParams, waitedFor: string | null): DiscoverResult {
  const payloads = records.map((r) => (typeof r === 'string' ? r : r.data));
  const { schema, parsed } = discoverInputSchema(payloads, params.format, { csvHeader: params.csvHeader });
  const samples = records.map((r, i): DiscoverSample => {
    const text = payloadText(typeof r === 'string' ? r : r.data);
    const meta = typeof r === 'string' ? { partitionKey: null, shardId: null, sequenceNumber: null, arrivalMs: null } : { partitionKey: r.partitionKey, shardId: r.shardId, sequenceNumber: r.sequenceNumber, arrivalMs: r.arrivalMs };
    return { ...meta, text: text.length > TEXT_CHARS ? text.slice(0, TEXT_CHARS) : text, parsed: parsed[i] ?? { ok: false, reason: 'not sampled' } };
  });
  const unparseable = samples.filter((s) => !s.parsed.ok).length;
  let note: string | null = null;
  if (records.length === 0) note = `No records arrived ${waitedFor ?? ''}: put some records, or start from TRIM_HORIZON or an earlier time.`.replace('  ', ' ');
  else if (records.length < params.sampleSize && waitedFor) note = `Only ${records.length} record${records.length === 1 ? '' : 's'} arrived ${waitedFor}.`;
  return { schema, samples, unparseable, note };
}
