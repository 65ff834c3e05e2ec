// The selected row in full: the decode chain, the decoded view (JSON folds; big views show their first 64 KiB
// with main's plain wording about what is hidden and one button for the rest), the raw bytes as hex, the
// metadata with a retention countdown, and copy buttons.
import { useEffect, useState } from 'react';
import { hexDump } from '../../../shared/domain/hexDump';
import type { TailRecordResult, TailRow } from '../../../shared/contract/tail';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { Tabs } from '../../components/Tabs';
import { JsonTree, parseJson } from './JsonTree';
import { permalinkUrl } from './permalink';
import { duration, fullTime, size } from './tailFormat';
import { TextCopy } from './TextCopy';

type View = 'decoded' | 'hex' | 'meta';

function bytesOf(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function dataText(record: TailRecordResult): string {
  if (record.viewKind === 'binary') return record.dataBase64;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(record.dataBase64));
  } catch {
    return record.dataBase64;
  }
}

interface Full {
  text: string;
  loaded: number;
  total: number;
  done: boolean;
}

export interface TailDetailProps {
  row: TailRow;
  sessionId: string | null;
  stream: string;
  connectionId: string;
  /** undefined while the stream's retention is being read; null when it could not be. */
  retentionHours: number | null | undefined;
  onClose(): void;
}

export function TailDetail({ row, sessionId, stream, connectionId, retentionHours, onClose }: TailDetailProps) {
  const client = useClient();
  const [record, setRecord] = useState<TailRecordResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [view, setView] = useState<View>('decoded');
  const [full, setFull] = useState<Full | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!client) return;
    let live = true;
    client
      .call('tail.record', { ...(sessionId ? { sessionId } : {}), stream, shardId: row.shardId, sequenceNumber: row.sequenceNumber, subIndex: row.subIndex })
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => live && setError(toUiError(e)));
    return () => {
      live = false;
    };
  }, [client, sessionId, stream, row.shardId, row.sequenceNumber, row.subIndex]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const loadAll = async () => {
    if (!client || !record) return;
    let offset = 0;
    let text = '';
    setFull({ text: '', loaded: 0, total: record.viewLength, done: false });
    try {
      for (;;) {
        const part = await client.call('tail.record', { ...(sessionId ? { sessionId } : {}), stream, shardId: row.shardId, sequenceNumber: row.sequenceNumber, subIndex: row.subIndex, all: true, offset });
        text += part.view;
        setFull({ text, loaded: text.length, total: part.viewLength, done: part.nextOffset === null });
        if (part.nextOffset === null) break;
        offset = part.nextOffset;
      }
    } catch (e) {
      setError(toUiError(e));
      setFull(null);
    }
  };

  const link = { connectionId, stream, shardId: row.shardId, sequenceNumber: row.sequenceNumber, subIndex: row.subIndex };
  const times = fullTime(row.arrivalMs);
  const expires = retentionHours === null || retentionHours === undefined ? null : row.arrivalMs + retentionHours * 3_600_000 - now;
  const shownText = full?.done ? full.text : record?.view ?? '';
  const tree = record && record.viewKind === 'json' && (!record.truncated || full?.done) && shownText.length <= 2_000_000 ? parseJson(shownText) : null;

  return (
    <aside className="tail-detail" aria-label="Record detail" data-testid="tail-detail">
      <header className="td-header">
        <div className="td-title">
          <h2>Record</h2>
          <p className="td-chain" data-testid="decode-chain" title="How the data was decoded">
            {row.chain.length > 0 ? row.chain.join(' → ') : 'raw bytes'}
          </p>
        </div>
        <button type="button" className="button" onClick={onClose} aria-keyshortcuts="Escape" title="Close the detail (Esc)">
          Close
        </button>
      </header>
      {row.decodeError ? (
        <p className="td-problem" role="note">
          {row.decodeError} — shown as hex from there.
        </p>
      ) : null}
      <div className="td-copy">
        {record ? <TextCopy label="Copy data" value={dataText(record)} /> : null}
        {record ? (
          <TextCopy
            label="Copy JSON"
            value={JSON.stringify({
              arrival: new Date(record.arrivalMs).toISOString(),
              arrivalMs: record.arrivalMs,
              shardId: record.shardId,
              sequenceNumber: record.sequenceNumber,
              subIndex: record.subIndex,
              partitionKey: record.partitionKey,
              explicitHashKey: record.explicitHashKey,
              size: record.size,
              chain: record.chain,
              ...(record.viewKind === 'json' && !record.truncated ? { json: parseJson(record.view)?.value ?? null } : { text: record.viewKind === 'binary' ? null : dataText(record) }),
              data: record.dataBase64,
            })}
          />
        ) : null}
        <TextCopy label="Copy sequence number" value={row.sequenceNumber} />
        <TextCopy label="Copy permalink" value={permalinkUrl(link)} shortcut="L" testId="copy-permalink" />
      </div>
      <Tabs<View>
        label="Record views"
        current={view}
        onChange={setView}
        tabs={[
          { id: 'decoded', label: 'Decoded' },
          { id: 'hex', label: 'Raw hex' },
          { id: 'meta', label: 'Metadata' },
        ]}
      >
        {error ? <ErrorNote error={error} title="Could not read this record" /> : null}
        {!record && !error ? <Spinner label="Reading the record…" /> : null}
        {record && view === 'decoded' ? (
          <div className="td-view" data-testid="record-view">
            {record.truncated && !full?.done ? (
              <div className="td-hidden" role="note" data-testid="hidden-note">
                <p>{record.hiddenNote}</p>
                {full ? (
                  <div className="stack">
                    <progress max={full.total} value={full.loaded} aria-label="Loading the whole record" />
                    <span className="small muted">
                      {full.loaded.toLocaleString()} of {full.total.toLocaleString()} characters…
                    </span>
                  </div>
                ) : (
                  <button type="button" className="button" onClick={() => void loadAll()}>
                    Show all {record.viewLength.toLocaleString()} characters
                  </button>
                )}
              </div>
            ) : null}
            {tree ? <JsonTree value={tree.value} /> : <pre className="td-pre">{shownText}</pre>}
          </div>
        ) : null}
        {record && view === 'hex' ? (
          <div className="td-view">
            {record.dataTruncated ? <p className="td-hidden">The first 64 KiB of {size(record.size)} is shown; export the row for all of its bytes.</p> : null}
            <pre className="td-pre td-hex">{hexDump(bytesOf(record.dataBase64))}</pre>
          </div>
        ) : null}
        {view === 'meta' ? (
          <dl className="td-meta" data-testid="record-meta">
            <dt>Arrival (local)</dt>
            <dd>{times.local}</dd>
            <dt>Arrival (UTC)</dt>
            <dd className="mono">{times.utc}</dd>
            <dt>Shard</dt>
            <dd className="mono">{row.shardId}</dd>
            <dt>Sequence number</dt>
            <dd className="mono td-break">{row.sequenceNumber}</dd>
            {row.subCount > 1 ? (
              <>
                <dt>Sub-record</dt>
                <dd>
                  {row.subIndex + 1} of {row.subCount}
                </dd>
              </>
            ) : null}
            <dt>Partition key</dt>
            <dd className="mono td-break">{row.partitionKey}</dd>
            <dt>Explicit hash key</dt>
            <dd className="mono td-break">{row.explicitHashKey ?? <span className="muted">none</span>}</dd>
            <dt>Size</dt>
            <dd>
              {size(row.size)}
              {row.recordSize !== row.size ? ` (the Kinesis record: ${size(row.recordSize)})` : ''}
            </dd>
            {row.eventTimeMs !== null ? (
              <>
                <dt>Event time</dt>
                <dd>{fullTime(row.eventTimeMs).local}</dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </Tabs>
      <p className="td-retention" data-testid="retention">
        {retentionHours === null
          ? 'No retention countdown: the stream’s retention could not be read.'
          : expires === null
          ? 'Retention: reading the stream’s retention…'
          : expires > 0
            ? `Ages out of the stream in ${duration(expires)} (retention ${retentionHours} h).`
            : 'Past the stream’s retention: Kinesis may already have trimmed it.'}
      </p>
    </aside>
  );
}
