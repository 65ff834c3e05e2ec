// Writes S3 objects for one S3 configuration: delivered objects under the evaluated Prefix, failed records as
// JSON lines under the error prefix, both named and compressed by the same rules. A write that fails is retried with
// backoff for a while, then reported.
import type { S3DestinationConfiguration } from '../config/schemas';
import { CONTENT_ENCODING, compressObjectAsync } from '../compression/codecs';
import type { DeliveryContext } from '../context';
import type { ObjectRole } from '../events';
import { concatBytes } from '../bytes';
import { failureLine, type FailedRecord } from '../records';
import { retryWithin } from '../retry';
import { bucketName } from './clientObjectStore';
import { objectExtension, objectKey } from './objectKey';
import { errorPrefixParts, parsePrefix, type ErrorOutputType, type PrefixPart } from './prefixExpressions';

/** How long a failing S3 write is retried locally before it is reported (AWS keeps trying for up to 24 hours). */
export const S3_WRITE_RETRY_MS = 10_000;

export interface S3WriterOptions {
  config: S3DestinationConfiguration;
  fileExtension?: string | undefined;
  timeZone?: string | undefined;
}

export class S3Writer {
  readonly bucket: string;
  private readonly prefix: PrefixPart[];
  private readonly errorPrefix: PrefixPart[];
  private readonly extension: string;
  private readonly timeZone: string;

  constructor(private readonly options: S3WriterOptions, private readonly ctx: DeliveryContext) {
    this.bucket = bucketName(options.config.BucketARN);
    this.prefix = parsePrefix(options.config.Prefix ?? '');
    this.errorPrefix = errorPrefixParts(options.config.Prefix, options.config.ErrorOutputPrefix);
    this.extension = objectExtension(options.config.CompressionFormat, options.fileExtension);
    this.timeZone = options.timeZone || 'UTC';
  }

  get compression() {
    return this.options.config.CompressionFormat ?? 'UNCOMPRESSED';
  }

  /** The key an object of records that arrived first at `arrivalMs` gets (fresh uuid and random strings each call). */
  key(arrivalMs: number, keys: { queryKeys?: Record<string, string> | undefined; lambdaKeys?: Record<string, string> | undefined } = {}, errorOutputType?: ErrorOutputType): string {
    return objectKey({
      prefix: errorOutputType ? this.errorPrefix : this.prefix,
      streamName: this.ctx.identity.DeliveryStreamName,
      version: this.ctx.identity.version,
      arrivalMs,
      timeZone: this.timeZone,
      random: this.ctx.random,
      extension: this.extension,
      ...(errorOutputType ? { errorOutputType } : {}),
      ...(keys.queryKeys ? { queryKeys: keys.queryKeys } : {}),
      ...(keys.lambdaKeys ? { lambdaKeys: keys.lambdaKeys } : {}),
    });
  }

  /** Compresses and stores `data` at `key`; resolves true when stored. */
  async put(role: ObjectRole, key: string, data: Uint8Array, records: number, extra: { errorOutputType?: string; raw?: boolean } = {}): Promise<boolean> {
    const compression = extra.raw ? 'UNCOMPRESSED' : this.compression;
    const body = await compressObjectAsync(compression, data, { entryName: key.slice(key.lastIndexOf('/') + 1).replace(/\.zip$/, ''), mtimeMs: this.ctx.timeline.now() });
    const contentEncoding = CONTENT_ENCODING[compression];
    const outcome = await retryWithin(S3_WRITE_RETRY_MS, this.ctx, async () => {
      try {
        await this.ctx.sink.putObject({ bucket: this.bucket, key, body, contentType: 'application/octet-stream', ...(contentEncoding ? { contentEncoding } : {}) });
        return { ok: true as const, value: undefined };
      } catch (error) {
        return { ok: false as const, errorCode: 'S3.PutObjectFailed', errorMessage: (error as Error).message };
      }
    });
    const atMs = this.ctx.timeline.now();
    if (!outcome.result.ok) {
      const message = `s3://${this.bucket}/${key}: ${outcome.result.errorMessage}`;
      // Records of an error object were already counted as failed; losing the object is reported, not recounted.
      if (role === 'error') this.ctx.emit({ type: 'error', message: `The error object could not be written: ${message}`, atMs });
      else this.ctx.emit({ type: 'failed', destination: 'S3', records, errorCode: outcome.result.errorCode, errorMessage: message, atMs });
      return false;
    }
    this.ctx.emit({
      type: 'object', role, bucket: this.bucket, key, records, bytes: data.length, storedBytes: body.length, atMs,
      ...(contentEncoding ? { contentEncoding } : {}), ...(extra.errorOutputType ? { errorOutputType: extra.errorOutputType } : {}),
    });
    return true;
  }

  /** Failed records as one object of JSON lines under the error prefix, timed by the oldest of them. */
  async writeFailures(failures: readonly FailedRecord[], errorOutputType: ErrorOutputType): Promise<void> {
    if (!failures.length) return;
    const oldest = Math.min(...failures.map((f) => f.record.arrivalMs));
    const body = new TextEncoder().encode(failures.map((f) => failureLine(f) + '\n').join(''));
    this.ctx.emit({ type: 'failed', destination: errorOutputType, records: failures.length, errorCode: failures[0]?.errorCode ?? '', errorMessage: failures[0]?.errorMessage ?? '', errorOutputType, atMs: this.ctx.timeline.now() });
    await this.put('error', this.key(oldest, {}, errorOutputType), body, failures.length, { errorOutputType });
  }

  /** Stores records' bytes concatenated, as an object under the Prefix. */
  async writeRecords(role: ObjectRole, chunks: readonly Uint8Array[], oldestArrivalMs: number, keys: { queryKeys?: Record<string, string> | undefined; lambdaKeys?: Record<string, string> | undefined } = {}): Promise<string | undefined> {
    const key = this.key(oldestArrivalMs, keys);
    return (await this.put(role, key, concatBytes(chunks), chunks.length)) ? key : undefined;
  }
}
