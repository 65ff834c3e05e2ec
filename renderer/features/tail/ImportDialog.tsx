// Import an NDJSON file into a stream (any connection).
import { useEffect, useRef, useState } from 'react';
import type { WriteReport } from '../../../shared/contract/tail';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { size } from './tailFormat';
import { TailProgress } from './TailProgress';
import { WriteReportView, type Counts } from './WriteReportView';
import { useWriteTarget } from './useWriteTarget';

/** Slices of a File that end on line breaks and stay under the command's 700,000 characters. */
async function* fileSlices(file: File): AsyncGenerator<{ text: string; firstLine: number; bytes: number }> {
  const SLICE = 256 * 1024;
  let carry = '';
  let line = 1;
  const decoder = new TextDecoder();
  for (let offset = 0; offset < file.size; offset += SLICE) {
    const part = decoder.decode(await file.slice(offset, offset + SLICE).arrayBuffer(), { stream: offset + SLICE < file.size });
    const text = carry + part;
    const cut = offset + SLICE >= file.size ? text.length : text.lastIndexOf('\n') + 1;
    carry = text.slice(cut);
    const body = text.slice(0, cut);
    if (body) {
      yield { text: body, firstLine: line, bytes: Math.min(file.size, offset + SLICE) };
      line += body.split('\n').length - (body.endsWith('\n') ? 1 : 0);
    }
  }
  if (carry) yield { text: carry, firstLine: line, bytes: file.size };
}

export function ImportDialog({ onClose }: { onClose(): void }) {
  const client = useClient();
  const { fields, target, problem, shownProblem } = useWriteTarget();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ bytes: number; counts: Counts } | null>(null);
  const [report, setReport] = useState<(Counts & { failures: WriteReport['failures']; failedListTruncated: boolean; state: WriteReport['state']; error: WriteReport['error']; elapsedMs: number }) | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const cancelled = useRef(false);
  useEffect(() => () => void (cancelled.current = true), []);

  const run = async () => {
    if (!client || !file || problem || progress) return;
    cancelled.current = false;
    setError(null);
    setReport(null);
    const started = Date.now();
    const total = { read: 0, sent: 0, acknowledged: 0, failed: 0, failures: [] as WriteReport['failures'], truncated: false };
    setProgress({ bytes: 0, counts: total });
    let state: WriteReport['state'] = 'completed';
    let failure: WriteReport['error'] = null;
    try {
      for await (const slice of fileSlices(file)) {
        if (cancelled.current) {
          state = 'cancelled';
          break;
        }
        const r = await client.call('tail.importChunk', { target, ndjson: slice.text, firstLine: slice.firstLine });
        total.read += r.read;
        total.sent += r.sent;
        total.acknowledged += r.acknowledged;
        total.failed += r.failed;
        total.failures.push(...r.failures.slice(0, Math.max(0, 1000 - total.failures.length)));
        total.truncated ||= r.failedListTruncated || total.failures.length < total.failed;
        setProgress({ bytes: slice.bytes, counts: { ...total } });
      }
    } catch (e) {
      const ui = toUiError(e);
      if (total.read === 0) setError(ui);
      state = 'failed';
      failure = { code: ui.code, message: ui.message };
    }
    setProgress(null);
    setReport({ ...total, failedListTruncated: total.truncated, state, error: failure, elapsedMs: Date.now() - started });
  };

  const busy = progress !== null;
  return (
    <Dialog
      title="Import NDJSON into a stream"
      testId="import-dialog"
      wide
      busy={busy}
      onClose={onClose}
      onSubmit={() => void run()}
      actions={
        <>
          <button type="button" className="button" onClick={() => (busy ? (cancelled.current = true) : onClose())}>
            {busy ? 'Cancel import' : report ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !file || problem !== null}>
            Import
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="small muted">
          One JSON object per line with <code>partitionKey</code> and <code>data</code> (base64), <code>text</code> or <code>json</code>; an export from here imports as it is.
        </p>
        <Field label="NDJSON file" hint={file ? `${file.name}, ${size(file.size)}` : undefined}>
          {(props) => <input {...props} type="file" accept=".ndjson,.jsonl,.json,.txt,application/x-ndjson" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-autofocus data-testid="import-file" />}
        </Field>
        {fields}
        {shownProblem && file ? <p className="field-problem">{shownProblem}</p> : null}
        {progress && file ? (
          <TailProgress label={`${size(progress.bytes)} of ${size(file.size)} read · ${progress.counts.acknowledged.toLocaleString()} written · ${progress.counts.failed.toLocaleString()} failed`} value={progress.bytes} max={file.size} />
        ) : null}
        {report ? <WriteReportView report={report} what="lines" /> : null}
        {error ? <ErrorNote error={error} title="The import could not start" /> : null}
      </div>
    </Dialog>
  );
}
