// The S3 CompressionFormat values: compress a whole object, undo it (for the preview's decompressed view and for
// tests), and the Content-Encoding the object is stored with (the values a probe of the service saw; unverified).
// GZIP is Node's zlib (native: about 7× faster than fflate on 5 MiB here, and its async form runs off the event
// loop); the ZIP container is fflate's; Snappy blocks are snappyjs's.
import { unzipSync, zipSync } from 'fflate';
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import type { CompressionFormat } from '../config/schemas';
import { hadoopSnappyFrame, hadoopSnappyUnframe, snappyJavaFrame, snappyJavaUnframe } from './snappyFraming';

export const CONTENT_ENCODING: Record<CompressionFormat, string | undefined> = {
  UNCOMPRESSED: undefined,
  GZIP: 'gzip',
  ZIP: 'zip',
  Snappy: 'snappy-java',
  HADOOP_SNAPPY: 'hadoop-snappy',
};

export interface CompressOptions {
  /** A ZIP archive holds one entry; this names it (we use the object's name without the extension; AWS does not document it). */
  entryName?: string;
  /** The modification time written in the ZIP entry: the delivery's clock, so the bytes are reproducible (zlib's GZIP header has none). */
  mtimeMs?: number;
}

export function compressObject(format: CompressionFormat, data: Uint8Array, options: CompressOptions = {}): Uint8Array {
  const mtime = options.mtimeMs ?? 0;
  switch (format) {
    case 'UNCOMPRESSED':
      return data;
    case 'GZIP':
      return new Uint8Array(gzipSync(data));
    case 'ZIP':
      return zipSync({ [options.entryName ?? 'data']: [data, { mtime: Math.max(mtime, Date.UTC(1980, 0, 1)) }] });
    case 'Snappy':
      return snappyJavaFrame(data);
    case 'HADOOP_SNAPPY':
      return hadoopSnappyFrame(data);
  }
}

export function decompressObject(format: CompressionFormat, data: Uint8Array): Uint8Array {
  switch (format) {
    case 'UNCOMPRESSED':
      return data;
    case 'GZIP':
      return new Uint8Array(gunzipSync(data));
    case 'ZIP': {
      const entries = Object.values(unzipSync(data));
      if (entries.length !== 1) throw new Error(`expected one entry in the ZIP archive, found ${entries.length}`);
      return entries[0] ?? new Uint8Array();
    }
    case 'Snappy':
      return snappyJavaUnframe(data);
    case 'HADOOP_SNAPPY':
      return hadoopSnappyUnframe(data);
  }
}

const gzipAsync = promisify(gzip);

/** As compressObject, with GZIP done on libuv's thread pool so a large object does not stall the pipeline's thread. */
export async function compressObjectAsync(format: CompressionFormat, data: Uint8Array, options: CompressOptions = {}): Promise<Uint8Array> {
  return format === 'GZIP' ? new Uint8Array(await gzipAsync(data)) : compressObject(format, data, options);
}
