// What was delivered, beside the preview: the newest objects under the destination prefix (the engine's files
// locally, S3 read-only on AWS), opened raw and decompressed, compared byte for byte with the previewed objects,
// and downloadable whole (in chunks, since one answer carries at most 512 KiB).
import { useEffect, useState } from 'react';
import type { DeliveryStreamDetail, ObjectsResult, ObjectView, PreviewObject } from '../../../shared/contract/firehose';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { useStore } from '../../state/store';
import { formatBytes, fromBase64, sameBytes } from './byteText';
import { RawAndDecompressed } from './ByteView';
import { firehoseUi } from './firehoseUi';
import { time } from './labels';

function matchOf(view: ObjectView, previewed: readonly PreviewObject[]): { text: string; ok: boolean } | null {
  if (previewed.length === 0) return null;
  if (view.raw.truncated) return { text: 'Too large to compare here: download it.', ok: false };
  const raw = fromBase64(view.raw.base64);
  const same = previewed.find((p) => !p.raw.truncated && sameBytes(fromBase64(p.raw.base64), raw));
  return same ? { text: `Matches the preview byte for byte (${raw.length} bytes, previewed as ${same.key})`, ok: true } : { text: 'Differs from every previewed object (other records, or another moment).', ok: false };
}

export function DeliveredPanel({ client, detail, version }: { client: AppClient; detail: DeliveryStreamDetail; version: number }) {
  const preview = useStore(firehoseUi).previews[detail.name];
  const [list, setList] = useState<ObjectsResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<ObjectView | null>(null);
  const opening = useAction();
  const download = useAction();
  useEffect(() => {
    if (!detail.bucket) return;
    let live = true;
    client
      .call('firehose.objects', { name: detail.name, limit: 20 })
      .then((r) => live && (setList(r), setError(null)))
      .catch((e: unknown) => live && setError(toUiError(e)));
    return () => {
      live = false;
    };
  }, [client, detail.name, detail.bucket, version, reload]);

  const save = (key: string) =>
    void download.run(
      async () => {
        const parts: Uint8Array[] = [];
        for (let offset = 0; ; ) {
          const chunk = await client.call('firehose.objectChunk', { name: detail.name, key, offset });
          const bytes = fromBase64(chunk.base64);
          parts.push(bytes);
          offset += bytes.length;
          if (chunk.done || bytes.length === 0) return parts;
        }
      },
      (parts) => {
        const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'application/octet-stream' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = key.split('/').pop() ?? 'object';
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    );

  if (!detail.bucket) return <section className="fh-panel"><p className="empty-note">This destination writes no S3 objects.</p></section>;
  const match = open ? matchOf(open, preview?.objects ?? []) : null;
  return (
    <section className="fh-panel" aria-labelledby="fh-delivered-title" data-testid="fh-delivered">
      <div className="fh-panel-head">
        <h2 id="fh-delivered-title">Delivered</h2>
        <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
      </div>
      <p className="small muted">
        {list ? (list.source === 'files' ? <>Files in <code className="copyable">{list.location}</code> <CopyButton value={list.location} label="Copy the folder’s path" /> (plain files any tool can read)</> : <>Newest under <code>{list.location}</code>, read-only with this connection’s credentials</>) : 'Looking for delivered objects…'}
      </p>
      {error ? <ErrorNote error={error} title="Could not list the delivered objects" /> : null}
      {list?.notes.map((n) => (
        <p key={n} className="notice small">
          {n}
        </p>
      ))}
      {list && list.objects.length === 0 ? <p className="empty-note">Nothing delivered yet under this prefix. Buffers flush at their size or interval{detail.sourceStream ? '' : '; put test data'} or use Flush now locally.</p> : null}
      {list && list.objects.length > 0 ? (
        <ul className="fh-objects" data-testid="fh-delivered-list">
          {list.objects.map((o) => (
            <li key={o.key}>
              <button type="button" className="link-button mono fh-key" aria-pressed={open?.key === o.key} onClick={() => void opening.run(() => client.call('firehose.object', { name: detail.name, key: o.key }), setOpen)}>
                {o.key}
              </button>
              <span className="small muted">
                {formatBytes(o.size)} · {time(o.lastModifiedMs)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {opening.busy ? <Spinner label="Reading the object…" /> : null}
      {opening.error ? <ErrorNote error={opening.error} title="Could not read the object" /> : null}
      {open ? (
        <article className="fh-item" data-testid="fh-delivered-object">
          <div className="fh-panel-head">
            <h3 className="mono fh-key">{open.key}</h3>
            <button type="button" className="button" disabled={download.busy} onClick={() => save(open.key)}>
              {download.busy ? 'Downloading…' : `Download (${formatBytes(open.raw.size)})`}
            </button>
          </div>
          {match ? (
            <p className={`fh-match ${match.ok ? 'fh-match-ok' : 'fh-match-bad'}`} data-testid="fh-match" role="status">
              {match.text}
            </p>
          ) : null}
          {download.error ? <ErrorNote error={download.error} title="The download did not finish" /> : null}
          <RawAndDecompressed raw={open.raw} decompressed={open.decompressed} testId="fh-delivered-object" />
        </article>
      ) : null}
    </section>
  );
}
