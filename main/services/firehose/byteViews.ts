// Bytes as the Firehose screens show them: capped (a frame is at most 1 MiB), and decompressed by the object's
// extension with the delivery core's own codecs, so the view undoes exactly what delivery did.
import { gunzipSync } from 'node:zlib';
import type { CappedBytes } from '../../../shared/contract/firehose';
import { VIEW_BYTES } from '../../../shared/contract/firehose';
import type { CompressionFormat } from '../../../shared/contract/firehoseConfig';
import { decompressObject } from '../../engine/firehose/delivery';

/** Objects larger than this are not decompressed for viewing (download them instead). */
export const MAX_DECOMPRESS_INPUT = 32 * 1024 * 1024;

export function capped(bytes: Uint8Array, limit = VIEW_BYTES): CappedBytes {
  const shown = bytes.subarray(0, limit);
  return { base64: Buffer.from(shown.buffer, shown.byteOffset, shown.byteLength).toString('base64'), size: bytes.byteLength, truncated: bytes.byteLength > limit };
}

/**
 * Bytes shown across one answer: a frame is at most 1 MiB, and base64 grows bytes by a third, so an answer
 * shows at most PREVIEW_BUDGET bytes in all; each view takes what is left (its size is always told).
 */
export const PREVIEW_BUDGET = 512 * 1024;

export class ViewBudget {
  constructor(private left = PREVIEW_BUDGET) {}

  take(bytes: Uint8Array): CappedBytes {
    const view = capped(bytes, Math.min(VIEW_BYTES, this.left));
    this.left -= Math.min(bytes.byteLength, Math.min(VIEW_BYTES, this.left));
    return view;
  }

  get exhausted(): boolean {
    return this.left <= 0;
  }
}

const BY_EXTENSION: readonly [string, CompressionFormat][] = [
  ['.gz', 'GZIP'],
  ['.zip', 'ZIP'],
  ['.hsnappy', 'HADOOP_SNAPPY'],
  ['.snappy', 'Snappy'],
];

export function formatOfKey(key: string): CompressionFormat | undefined {
  return BY_EXTENSION.find(([ext]) => key.endsWith(ext))?.[1];
}

/** The decompressed view of an object whose name says it is compressed; null when it is not or cannot be. */
export function decompressedView(key: string, bytes: Uint8Array, show: (bytes: Uint8Array) => CappedBytes = capped): CappedBytes | null {
  const format = formatOfKey(key);
  if (!format || bytes.byteLength > MAX_DECOMPRESS_INPUT) return null;
  try {
    return show(decompressObject(format, bytes));
  } catch {
    return null;
  }
}

/** An HTTP body sent with Content-Encoding: gzip, as the receiver reads it. */
export function gunzipView(headers: Record<string, string>, body: Uint8Array, show: (bytes: Uint8Array) => CappedBytes = capped): CappedBytes | null {
  const encoding = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
  if (encoding !== 'gzip') return null;
  try {
    return show(gunzipSync(body));
  } catch {
    return null;
  }
}
