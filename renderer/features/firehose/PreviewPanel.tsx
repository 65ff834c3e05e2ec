// The destination preview: sample records (typed, from a file, or the newest of the source stream) run through
// the delivery stream's real configuration on a virtual clock. Shows exactly what the destination receives, and
// when and why each buffer flushes. Nothing is sent.
import { useState } from 'react';
import type { DeliveryStreamDetail, PreviewResult, SampleSource } from '../../../shared/contract/firehose';
import { MAX_SAMPLE_RECORDS } from '../../../shared/contract/firehose';
import type { AppClient } from '../../api/connect';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { useStore } from '../../state/store';
import { BytesBlock, RawAndDecompressed } from './ByteView';
import { firehoseUi, keepPreview } from './firehoseUi';
import { plural, time } from './labels';
import { bytesAsRecords, linesAsRecords } from './sampleRecords';

type SampleKind = 'typed' | 'file' | 'tail';

export function PreviewPanel({ client, detail }: { client: AppClient; detail: DeliveryStreamDetail }) {
  const preview = useStore(firehoseUi).previews[detail.name] ?? null;
  const [kind, setKind] = useState<SampleKind>(detail.sourceStream ? 'tail' : 'typed');
  const [text, setText] = useState('{"id":1,"msg":"first"}\n{"id":2,"msg":"second"}');
  const [perLine, setPerLine] = useState(true);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [count, setCount] = useState('25');
  const [spacing, setSpacing] = useState('0');
  const action = useAction();

  const samples = (): SampleSource | string => {
    if (kind === 'tail') {
      const n = Number(count);
      return Number.isInteger(n) && n >= 1 && n <= MAX_SAMPLE_RECORDS ? { kind: 'tail', count: n } : `Take 1 to ${MAX_SAMPLE_RECORDS} records.`;
    }
    const records = kind === 'typed' ? linesAsRecords(text, perLine) : file ? bytesAsRecords(file.bytes, perLine) : [];
    if (records.length === 0) return kind === 'file' ? 'Pick a file.' : 'Type at least one record.';
    if (records.length > MAX_SAMPLE_RECORDS) return `At most ${MAX_SAMPLE_RECORDS} records (this is ${records.length}).`;
    return { kind: 'records', records };
  };
  const chosen = samples();
  const spacingMs = Number(spacing);
  const spacingProblem = Number.isInteger(spacingMs) && spacingMs >= 0 && spacingMs <= 3_600_000 ? null : 'Milliseconds, 0 to 3,600,000.';
  const run = () => {
    if (typeof chosen === 'string' || spacingProblem) return;
    void action.run(() => client.call('firehose.preview', { name: detail.name, samples: chosen, spacingMs }), (r) => keepPreview(detail.name, r));
  };

  return (
    <section className="fh-panel" aria-labelledby="fh-preview-title" data-testid="fh-preview">
      <h2 id="fh-preview-title">Preview: what the destination receives</h2>
      <p className="small muted">The delivery stream’s configuration (version {detail.version}) runs on a virtual clock here; nothing is sent anywhere.</p>
      <Segmented<SampleKind>
        label="Sample records"
        value={kind}
        onChange={setKind}
        options={[{ id: 'typed', label: 'Typed' }, { id: 'file', label: 'From a file' }, ...(detail.sourceStream ? [{ id: 'tail' as const, label: `Newest of ${detail.sourceStream}` }] : [])]}
      />
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        {kind === 'typed' ? (
          <Field label="Records" hint="Ctrl+Enter runs the preview.">
            {(props) => (
              <textarea
                {...props}
                className="textarea mono"
                rows={5}
                value={text}
                onChange={(e) => setText(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
                  e.preventDefault();
                  run();
                }}
              />
            )}
          </Field>
        ) : null}
        {kind === 'file' ? (
          <Field label="File" hint={file ? `${file.name}, ${file.bytes.length} bytes` : 'Read here; only its records are sent to main.'}>
            {(props) => <input {...props} type="file" className="input" onChange={(e) => void e.target.files?.[0]?.arrayBuffer().then((b) => setFile({ name: e.target.files?.[0]?.name ?? 'file', bytes: new Uint8Array(b) }))} />}
          </Field>
        ) : null}
        {kind !== 'tail' ? (
          <label className="checkbox">
            <input type="checkbox" checked={perLine} onChange={(e) => setPerLine(e.target.checked)} /> One record per line (otherwise the whole text is one record)
          </label>
        ) : (
          <Field label="Records to take" hint="Read from the source stream, newest last, at their own arrival times.">
            {(props) => <input {...props} className="input input-narrow" value={count} onChange={(e) => setCount(e.target.value)} inputMode="numeric" />}
          </Field>
        )}
        {kind !== 'tail' ? (
          <Field label="Time between records (ms)" problem={spacingProblem} hint="0 puts them all at once; a larger gap lets the interval flush in between.">
            {(props) => <input {...props} className="input input-narrow" value={spacing} onChange={(e) => setSpacing(e.target.value)} inputMode="numeric" />}
          </Field>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={action.busy || typeof chosen === 'string' || !!spacingProblem} data-testid="fh-run-preview">
            Run preview
          </button>
          {action.busy ? <Spinner label="Running the delivery on a virtual clock…" /> : typeof chosen === 'string' ? <span className="field-problem">{chosen}</span> : null}
        </div>
      </form>
      {action.error ? <ErrorNote error={action.error} title="The preview did not run" /> : null}
      {preview ? <PreviewView preview={preview} /> : <p className="empty-note">Run a preview to see the S3 keys and bytes, requests and flushes these records make.</p>}
    </section>
  );
}

function PreviewView({ preview }: { preview: PreviewResult }) {
  const nothing = preview.objects.length === 0 && preview.requests.length === 0;
  return (
    <div className="stack" data-testid="fh-preview-result">
      <p className="small">
        {plural(preview.sampleCount, 'record')} from {time(preview.startMs)} through version {preview.version}: {plural(preview.objects.length, 'object')}, {plural(preview.requests.length, 'request')}.
      </p>
      {preview.notes.map((n) => (
        <p key={n} className="notice small">
          {n}
        </p>
      ))}
      {nothing ? <p className="empty-note">These records produced nothing to deliver (dropped, or all failed: see the timeline).</p> : null}
      {preview.objects.map((o, i) => (
        <article key={o.key} className="fh-item" data-testid="fh-preview-object">
          <h3 className="mono fh-key">
            <span className="fh-role">{o.role}</span> s3://{o.bucket}/{o.key}
          </h3>
          <p className="small muted">
            {o.records} records{o.contentEncoding ? ` · Content-Encoding ${o.contentEncoding}` : ''}
          </p>
          <RawAndDecompressed raw={o.raw} decompressed={o.decompressed} testId={`fh-preview-object-${i}`} />
        </article>
      ))}
      {preview.requests.map((r, i) => (
        <article key={`${r.url}-${i}`} className="fh-item" data-testid="fh-preview-request">
          <h3 className="mono fh-key">
            {r.method} {r.url} <span className="fh-role">{r.destination} {r.purpose}, attempt {r.attempt}</span>
          </h3>
          <pre className="fh-code">{Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
          <RawAndDecompressed raw={r.body} decompressed={r.decodedBody} testId={`fh-preview-request-${i}`} />
          {r.response ? <BytesBlock bytes={r.response.body} label={`Expected answer: HTTP ${r.response.status}`} /> : <p className="small">{r.error}</p>}
        </article>
      ))}
      {preview.lambda.map((l) => (
        <article key={l.invocationId} className="fh-item">
          <h3>Lambda invocation event</h3>
          <pre className="fh-code">{l.event}</pre>
          {l.error ? <p className="field-problem">{l.error}</p> : null}
        </article>
      ))}
      {preview.copies.map((c) => (
        <article key={c.manifestKey} className="fh-item">
          <h3>Redshift COPY (a reconstruction: AWS does not publish the exact statement)</h3>
          <pre className="fh-code">{c.statement}</pre>
          {c.warnings.map((w) => (
            <p key={w} className="notice small">
              {w}
            </p>
          ))}
        </article>
      ))}
      <details className="fh-timeline" open>
        <summary>When and why each buffer flushed ({preview.timeline.length} events)</summary>
        <ol className="fh-events">
          {preview.timeline.map((e, i) => (
            <li key={i} className={e.failure ? 'fh-failure' : ''}>
              <span className="mono small">+{((e.atMs - preview.startMs) / 1000).toFixed(1)} s</span> {e.text}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
