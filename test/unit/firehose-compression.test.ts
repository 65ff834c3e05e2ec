// Compression round trips for every CompressionFormat, and the framing bytes of the two Snappy variants.
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONTENT_ENCODING, compressObject, decompressObject } from '../../main/engine/firehose/delivery/compression/codecs';
import { SNAPPY_JAVA_MAGIC } from '../../main/engine/firehose/delivery/compression/snappyFraming';
import { CompressionFormat } from '../../main/engine/firehose/delivery/config/schemas';

// snappyjs itself, to read the raw blocks independently of our framing code (the package ships no types).
const { uncompress } = createRequire(import.meta.url)('snappyjs') as { uncompress(data: Uint8Array): Uint8Array };

const text = new TextEncoder().encode('{"n":1}\n'.repeat(20_000) + 'tail');
const random = new Uint8Array(300_000).map((_, i) => (i * 2654435761) >>> 24);

describe('compression', () => {
  for (const format of CompressionFormat.options) {
    it(`${format} round-trips text and incompressible bytes`, () => {
      for (const data of [text, random, new Uint8Array()]) {
        const packed = compressObject(format, data, { entryName: 'entry', mtimeMs: Date.UTC(2026, 0, 1) });
        expect(Buffer.from(decompressObject(format, packed)).equals(Buffer.from(data))).toBe(true);
      }
    });
  }

  it('GZIP is readable by zlib', () => {
    expect(gunzipSync(compressObject('GZIP', text)).equals(Buffer.from(text))).toBe(true);
  });

  it('Snappy is snappy-java’s stream: magic, version 1, compatible 1, then length-prefixed blocks of 32 KiB', () => {
    const out = compressObject('Snappy', text);
    expect(Array.from(out.subarray(0, 8))).toEqual(Array.from(SNAPPY_JAVA_MAGIC));
    const view = new DataView(out.buffer, out.byteOffset);
    expect([view.getInt32(8), view.getInt32(12)]).toEqual([1, 1]);
    const firstLength = view.getInt32(16);
    expect(uncompress(out.subarray(20, 20 + firstLength)).length).toBe(32 * 1024);
  });

  it('HADOOP_SNAPPY is Hadoop’s block stream: raw length, compressed length, block', () => {
    const out = compressObject('HADOOP_SNAPPY', text);
    const view = new DataView(out.buffer, out.byteOffset);
    expect(view.getInt32(0)).toBe(Math.min(text.length, 256 * 1024));
    const length = view.getInt32(4);
    expect(uncompress(out.subarray(8, 8 + length)).length).toBe(Math.min(text.length, 256 * 1024));
  });

  it('names the Content-Encoding of each format', () => {
    expect(CONTENT_ENCODING).toEqual({ UNCOMPRESSED: undefined, GZIP: 'gzip', ZIP: 'zip', Snappy: 'snappy-java', HADOOP_SNAPPY: 'hadoop-snappy' });
  });
});
