// Delivered objects next to the preview, behind one interface with two implementations (as the design says):
// the local engine's files under <engine data>/s3/<bucket>/<key>, and S3 through the connection's credentials
// (ListObjectsV2 and GetObject only: read-only). Only the delivery stream's own bucket is ever read.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { CHUNK_BYTES, VIEW_BYTES, type DeliveredObject, type ObjectsResult, type ObjectView } from '../../../shared/contract/firehose';
import { RpcError } from '../../../shared/contract/errors';
import { objectPath } from '../../engine/firehose/delivery';
import { capped, decompressedView, MAX_DECOMPRESS_INPUT } from './byteViews';

/** Keys looked at at most when finding the newest: a bucket folder can hold millions of objects. */
const MAX_SCANNED = 20_000;

export interface ObjectSource {
  list(bucket: string, prefixes: readonly string[], limit: number): Promise<ObjectsResult>;
  /** The object's first `length` bytes from `offset`, and its total size. */
  read(bucket: string, key: string, offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }>;
}

/** The part of a prefix before its first expression: every evaluated key starts with it. */
export function staticPrefix(prefix: string): string {
  const at = prefix.indexOf('!{');
  return at < 0 ? prefix : prefix.slice(0, at);
}

/** Where a stream's objects are: under its prefix and its error prefix (one of them when it holds the other). */
export function listPrefixes(prefix: string | null, errorPrefix: string | null): string[] {
  const all = [staticPrefix(prefix ?? ''), ...(errorPrefix ? [staticPrefix(errorPrefix)] : [])];
  return [...new Set(all)].filter((p, _i, list) => !list.some((q) => q !== p && p.startsWith(q)));
}

function newest(objects: DeliveredObject[], limit: number): DeliveredObject[] {
  return objects.sort((a, b) => b.lastModifiedMs - a.lastModifiedMs || (a.key < b.key ? 1 : -1)).slice(0, limit);
}

export function fileObjectSource(engineDataDir: string): ObjectSource {
  return {
    async list(bucket, prefixes, limit) {
      const bucketDir = resolve(engineDataDir, 's3', bucket);
      const found = new Map<string, DeliveredObject>();
      const notes: string[] = [];
      let scanned = 0;
      const walk = async (dir: string, prefix: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          if (scanned >= MAX_SCANNED) return;
          if (entry.name.startsWith('.')) continue; // objects being written (renamed into place when complete)
          const path = join(dir, entry.name);
          const key = relative(bucketDir, path).split(sep).join('/');
          if (entry.isDirectory()) {
            if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(path, prefix);
          } else if (key.startsWith(prefix)) {
            scanned++;
            const info = await stat(path);
            found.set(key, { bucket, key, size: info.size, lastModifiedMs: Math.round(info.mtimeMs) });
          }
        }
      };
      for (const prefix of prefixes) {
        // Start at the deepest folder the prefix names, not at the bucket.
        const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
        await walk(folder ? objectPath(engineDataDir, bucket, folder) : bucketDir, prefix);
      }
      if (scanned >= MAX_SCANNED) notes.push(`Only the first ${MAX_SCANNED} files were looked at.`);
      return { source: 'files', location: bucketDir, objects: newest([...found.values()], limit), notes };
    },
    async read(bucket, key, offset, length) {
      const path = objectPath(engineDataDir, bucket, key);
      let handle;
      try {
        handle = await open(path, 'r');
      } catch {
        throw new RpcError('ResourceNotFoundException', `No delivered object ${key} in ${bucket}.`);
      }
      try {
        const size = (await handle.stat()).size;
        const want = Math.max(0, Math.min(length, size - offset));
        const bytes = new Uint8Array(want);
        if (want > 0) await handle.read(bytes, 0, want, offset);
        return { bytes, size };
      } finally {
        await handle.close();
      }
    },
  };
}

const LIST_PAGES = 5;

export function s3ObjectSource(s3: S3Client): ObjectSource {
  return {
    async list(bucket, prefixes, limit) {
      const found = new Map<string, DeliveredObject>();
      const notes: string[] = [];
      for (const prefix of prefixes) {
        let token: string | undefined;
        for (let page = 0; page < LIST_PAGES; page++) {
          const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
          for (const o of out.Contents ?? []) if (o.Key) found.set(o.Key, { bucket, key: o.Key, size: o.Size ?? 0, lastModifiedMs: o.LastModified?.getTime() ?? 0 });
          token = out.NextContinuationToken;
          if (!token) break;
          if (page === LIST_PAGES - 1) notes.push(`Only the first ${LIST_PAGES * 1000} keys under ${prefix || '(the bucket)'} were listed (S3 lists in key order, not by date).`);
        }
      }
      return { source: 's3', location: `s3://${bucket}/${prefixes[0] ?? ''}`, objects: newest([...found.values()], limit), notes };
    },
    async read(bucket, key, offset, length) {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${offset}-${offset + Math.max(length, 1) - 1}` }));
      const bytes = out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      const total = out.ContentRange?.split('/')[1];
      return { bytes: bytes.subarray(0, length), size: total && total !== '*' ? Number(total) : (out.ContentLength ?? bytes.byteLength) };
    },
  };
}

/** An object's first bytes, and the decompressed view when its name says it is compressed and it is not too big. */
export async function viewObject(source: ObjectSource, bucket: string, key: string): Promise<ObjectView> {
  const first = await source.read(bucket, key, 0, MAX_DECOMPRESS_INPUT);
  const whole = first.bytes.byteLength === first.size;
  return {
    key,
    raw: { ...capped(first.bytes, VIEW_BYTES), size: first.size, truncated: first.size > VIEW_BYTES },
    decompressed: whole ? decompressedView(key, first.bytes) : null,
    contentEncoding: null,
  };
}

export async function objectChunk(source: ObjectSource, bucket: string, key: string, offset: number): Promise<{ base64: string; offset: number; size: number; done: boolean }> {
  const { bytes, size } = await source.read(bucket, key, offset, CHUNK_BYTES);
  return { base64: Buffer.from(bytes).toString('base64'), offset, size, done: offset + bytes.byteLength >= size };
}
