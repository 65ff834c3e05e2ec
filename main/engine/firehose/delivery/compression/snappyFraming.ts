// Snappy has no file format of its own; Firehose writes two framings around raw Snappy blocks (snappyjs makes the
// blocks). AWS does not document the bytes: what is here follows a probe of the service by another emulator and
// the two libraries' published formats, so it is marked unverified in the docs.
//  - `Snappy`: snappy-java's stream format (SnappyOutputStream): the 8-byte magic 0x82 "SNAPPY" 0x00, version 1
//    and compatible version 1 as big-endian int32, then per block a big-endian int32 length and the block.
//  - `HADOOP_SNAPPY`: Hadoop's BlockCompressorStream: per block the big-endian int32 uncompressed length, then the
//    big-endian int32 compressed length and the compressed bytes.
import { compress, uncompress } from 'snappyjs';
import { concatBytes } from '../bytes';

export const SNAPPY_JAVA_MAGIC = Uint8Array.of(0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00);
/** snappy-java's default block size. */
const SNAPPY_JAVA_BLOCK = 32 * 1024;
/** Hadoop's io.compression.codec.snappy.buffersize default. */
const HADOOP_BLOCK = 256 * 1024;

function int32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value);
  return out;
}

function readInt32(data: Uint8Array, at: number): number {
  if (at + 4 > data.length) throw new Error(`truncated Snappy frame at byte ${at}`);
  return new DataView(data.buffer, data.byteOffset + at, 4).getInt32(0);
}

export function snappyJavaFrame(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [SNAPPY_JAVA_MAGIC, int32(1), int32(1)];
  for (let at = 0; at < data.length; at += SNAPPY_JAVA_BLOCK) {
    const block = compress(data.subarray(at, at + SNAPPY_JAVA_BLOCK));
    chunks.push(int32(block.length), block);
  }
  return concatBytes(chunks);
}

export function snappyJavaUnframe(data: Uint8Array): Uint8Array {
  if (!SNAPPY_JAVA_MAGIC.every((b, i) => data[i] === b)) throw new Error('not a snappy-java stream: the magic header is missing');
  const chunks: Uint8Array[] = [];
  for (let at = SNAPPY_JAVA_MAGIC.length + 8; at < data.length; ) {
    const length = readInt32(data, at);
    chunks.push(uncompress(data.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return concatBytes(chunks);
}

export function hadoopSnappyFrame(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += HADOOP_BLOCK) {
    const raw = data.subarray(at, at + HADOOP_BLOCK);
    const block = compress(raw);
    chunks.push(int32(raw.length), int32(block.length), block);
  }
  return concatBytes(chunks);
}

export function hadoopSnappyUnframe(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; ) {
    const rawLength = readInt32(data, at);
    at += 4;
    let produced = 0;
    while (produced < rawLength) {
      const length = readInt32(data, at);
      const block = uncompress(data.subarray(at + 4, at + 4 + length));
      chunks.push(block);
      produced += block.length;
      at += 4 + length;
    }
  }
  return concatBytes(chunks);
}
