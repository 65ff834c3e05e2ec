// The composer: one record with PutRecord, or a batch with PutRecords and each record's own result (shard and
// sequence number, or the error). The target shard is shown while typing, from the stream's own shard map.
import { useState } from 'react';
import type { PutBatchEntry, PutRecordResult } from '../../../shared/contract/producers';
import type { KeyInput, ShardRow } from '../../../shared/contract/streams';
import { routeKey } from '../../../shared/domain/keyRouting';
import { useClient } from '../../api/ClientContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { keyInput, keyKinds, keyProblem, type KeyKind } from '../../state/keyText';
import { dataBytes, dataProblem, formatBytes, MAX_FILE_BYTES, readFileAsBase64, toDataInput, type DataFormat } from './recordData';

interface Draft {
  id: number;
  key: KeyInput;
  format: DataFormat;
  value: string;
  label: string;
}

const formats: { id: DataFormat; label: string }[] = [
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'base64', label: 'Base64' },
  { id: 'file', label: 'File' },
];

let nextDraft = 1;

export function Composer({ stream, shards }: { stream: string; shards: readonly ShardRow[] }) {
  const client = useClient();
  const [keyKind, setKeyKind] = useState<KeyKind>('partition');
  const [keyText, setKeyText] = useState('');
  const [format, setFormat] = useState<DataFormat>('text');
  const [value, setValue] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [batch, setBatch] = useState<Draft[]>([]);
  const [results, setResults] = useState<Map<number, PutBatchEntry> | null>(null);
  const [single, setSingle] = useState<PutRecordResult | null>(null);
  const single$ = useAction();
  const batch$ = useAction();

  const keyIssue = keyProblem(keyKind, keyText, keyKind === 'partition' ? 'Give a partition key.' : 'Give a hash key.');
  const key = keyInput(keyKind, keyText);
  const valueProblem = fileProblem ?? dataProblem(format, value);
  const ready = key !== null && valueProblem === null;
  const route = key ? routeKey(shards, key) : null;

  const chooseFile = async (file: File | undefined) => {
    setFileProblem(null);
    setValue('');
    setFileName(file?.name ?? null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem(`${file.name} is ${formatBytes(file.size)}; the composer sends files up to ${formatBytes(MAX_FILE_BYTES)} (Kinesis itself takes records up to 1 MiB).`);
      return;
    }
    try {
      setValue(await readFileAsBase64(file));
    } catch (error) {
      setFileProblem(`${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const send = () => {
    setTouched(true);
    if (!client || !key || !ready) return;
    setSingle(null);
    void single$.run(() => client.call('producers.put', { stream, ...key, data: toDataInput(format, value) }), setSingle);
  };

  const add = () => {
    setTouched(true);
    if (!key || !ready || batch.length >= 500) return;
    const label = format === 'file' ? (fileName ?? 'file') : value.length > 60 ? `${value.slice(0, 59)}…` : value;
    setBatch((b) => [...b, { id: nextDraft++, key, format, value, label }]);
    setResults(null);
    setTouched(false);
    // Keep the data, clear the key: the next record usually differs by key.
    if (keyKind === 'partition') setKeyText('');
  };

  const sendBatch = () => {
    if (!client || batch.length === 0) return;
    const sent = batch;
    void batch$.run(
      () => client.call('producers.putBatch', { stream, records: sent.map((d) => ({ ...d.key, data: toDataInput(d.format, d.value) })) }),
      (r) => setResults(new Map(r.results.map((entry) => [sent[entry.index]?.id ?? -1, entry]))),
    );
  };

  const failed = results ? [...results.values()].filter((r) => !r.ok).length : 0;

  return (
    <section className="panel" aria-labelledby="composer-title" data-testid="composer">
      <h2 id="composer-title" className="panel-title">
        Composer
      </h2>
      <form
        className="composer-form"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <div className="composer-key">
          <Segmented label="Record key" options={keyKinds} value={keyKind} onChange={setKeyKind} />
          <input
            className="input"
            aria-label={keyKind === 'partition' ? 'Partition key' : 'Explicit hash key'}
            aria-invalid={touched && keyIssue !== null}
            placeholder={keyKind === 'partition' ? 'e.g. user-42' : 'decimal, 0 to 2¹²⁸ − 1'}
            value={keyText}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setKeyText(e.target.value)}
            data-testid="composer-key"
          />
          <span className="composer-route" aria-live="polite">
            {route?.shardId ? (
              <>
                → <code>{route.shardId}</code>
              </>
            ) : touched && keyIssue ? (
              <span className="field-problem">{keyIssue}</span>
            ) : null}
          </span>
        </div>
        <Segmented
          label="Data format"
          options={formats}
          value={format}
          onChange={(id) => {
            setFormat(id);
            setFileProblem(null);
            if (id === 'file' || format === 'file') {
              setValue('');
              setFileName(null);
            }
          }}
        />
        {format === 'file' ? (
          <Field label="File" hint={fileName && !fileProblem ? `${fileName}: ${formatBytes(dataBytes('file', value))}, sent as it is` : `Read here in the window; up to ${formatBytes(MAX_FILE_BYTES)}.`} problem={fileProblem}>
            {(props) => <input {...props} className="input" type="file" onChange={(e) => void chooseFile(e.target.files?.[0])} />}
          </Field>
        ) : (
          <Field
            label="Data"
            hint={`${formatBytes(dataBytes(format, value))}${format === 'json' && value ? ' · valid JSON' : ''}`}
            problem={(touched || (format !== 'text' && value !== '')) && valueProblem ? valueProblem : null}
          >
            {(props) => (
              <textarea
                {...props}
                className="input textarea mono"
                rows={4}
                value={value}
                spellCheck={false}
                placeholder={format === 'json' ? '{"event": "click", "user": 42}' : format === 'base64' ? 'aGVsbG8gd29ybGQ=' : 'Any text; sent as UTF-8'}
                onChange={(e) => setValue(e.target.value)}
                data-testid="composer-data"
              />
            )}
          </Field>
        )}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={single$.busy}>
            Send record
          </button>
          <button type="button" className="button" onClick={add} disabled={batch.length >= 500}>
            Add to batch
          </button>
          {single$.busy ? <Spinner label="Sending…" /> : null}
          {single ? (
            <span className="result-inline" role="status" data-testid="single-result">
              Sent to <code>{single.shardId}</code> · sequence <code className="long-number">{single.sequenceNumber}</code>
            </span>
          ) : null}
        </div>
        {single$.error ? <ErrorNote error={single$.error} title="The record was not sent" /> : null}
      </form>

      <div className="batch" data-testid="batch">
        <div className="panel-head">
          <h3 className="panel-subtitle">
            Batch <span className="count">{batch.length}</span>
          </h3>
          <div className="button-row">
            {batch$.busy ? <Spinner label="Sending the batch…" /> : null}
            <button type="button" className="button" onClick={() => (setBatch([]), setResults(null))} disabled={batch.length === 0 || batch$.busy}>
              Clear
            </button>
            <button type="button" className="button button-primary" onClick={sendBatch} disabled={batch.length === 0 || batch$.busy}>
              Send batch ({batch.length})
            </button>
          </div>
        </div>
        {batch.length === 0 ? (
          <p className="muted">Add records with “Add to batch” to send them together with PutRecords (up to 500); each record’s result shows here.</p>
        ) : (
          <>
            {results ? (
              <p className={failed ? 'problem' : 'muted'} role="status" data-testid="batch-summary">
                {failed === 0 ? `All ${results.size} records were written.` : `${failed} of ${results.size} records failed; the others were written.`}
              </p>
            ) : null}
            <div className="table-scroll">
              <table className="table table-compact" data-testid="batch-table">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Key</th>
                    <th scope="col">Data</th>
                    <th scope="col">Shard</th>
                    <th scope="col">Sequence number / error</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {batch.map((d, i) => {
                    const r = results?.get(d.id);
                    return (
                      <tr key={d.id} className={r && !r.ok ? 'row-failed' : ''}>
                        <td className="num">{i + 1}</td>
                        <td>
                          <code>{d.key.partitionKey ?? `#${d.key.explicitHashKey ?? ''}`}</code>
                        </td>
                        <td className="ellipsis" title={d.label}>
                          <span className="format-tag">{d.format}</span> {d.label}
                        </td>
                        <td>{r?.ok ? <code>{r.shardId}</code> : r ? <span className="problem">failed</span> : <span className="muted">not sent</span>}</td>
                        <td>{r?.ok ? <code className="long-number">{r.sequenceNumber}</code> : r ? <span className="problem"><code>{r.errorCode}</code> {r.errorMessage}</span> : null}</td>
                        <td>
                          <button type="button" className="icon-button" aria-label={`Remove record ${i + 1}`} onClick={() => (setBatch((b) => b.filter((x) => x.id !== d.id)), setResults(null))} disabled={batch$.busy}>
                            ×
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
        {batch$.error ? <ErrorNote error={batch$.error} title="The batch was not sent" /> : null}
      </div>
    </section>
  );
}
