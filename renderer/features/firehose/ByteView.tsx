// Bytes shown so they can be checked: text with the delimiters visible (↵), or a hex dump when they are not text
// (compressed objects); the decompressed view beside the raw one; what is not shown is said.
import type { CappedBytes } from '../../../shared/contract/firehose';
import { dumpHex, formatBytes, fromBase64, looksLikeText, visibleSegments } from './byteText';

export function BytesBlock({ bytes, label, testId }: { bytes: CappedBytes; label: string; testId?: string }) {
  const data = fromBase64(bytes.base64);
  const text = looksLikeText(data);
  return (
    <figure className="fh-bytes">
      <figcaption>
        {label} · {formatBytes(bytes.size)}
        {text ? '' : ' · hex'}
        {bytes.truncated ? ` · first ${formatBytes(data.length)} shown` : ''}
      </figcaption>
      <pre className={text ? 'fh-code' : 'fh-code fh-hex'} data-testid={testId} tabIndex={0}>
        {text
          ? visibleSegments(data).map((s, i) =>
              'text' in s ? (
                s.text
              ) : (
                <span key={i} className="fh-delim" title={s.title}>
                  {s.mark}
                  {s.newline ? '\n' : ''}
                </span>
              ),
            )
          : dumpHex(data)}
      </pre>
    </figure>
  );
}

/** Raw bytes, and beside them the decompressed bytes when the object is compressed. */
export function RawAndDecompressed({ raw, decompressed, testId }: { raw: CappedBytes; decompressed: CappedBytes | null; testId: string }) {
  return (
    <div className={decompressed ? 'fh-pair' : ''}>
      {decompressed ? <BytesBlock bytes={decompressed} label="Decompressed" testId={`${testId}-decompressed`} /> : null}
      <BytesBlock bytes={raw} label={decompressed ? 'Raw (as stored)' : 'Bytes (as stored)'} testId={`${testId}-raw`} />
    </div>
  );
}
