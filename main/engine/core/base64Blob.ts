// Record data as the engine holds it: base64 text. JSON clients (all but the Java SDK) send it so, the records
// table stores it so, and JSON reads send it back so; only CBOR clients need bytes, converted at their edge.
// Keeping the text saves a decode and a re-encode per record and the cost of a Buffer per row read.
import { serializationError } from './errors';

export class Base64Blob {
  constructor(
    /** Canonical base64 (what Buffer#toString('base64') gives for the bytes). */
    readonly base64: string,
    /** The number of bytes it encodes. */
    readonly length: number,
  ) {}

  static ofBytes(bytes: Uint8Array): Base64Blob {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new Base64Blob(buffer.toString('base64'), buffer.length);
  }

  bytes(): Buffer {
    return Buffer.from(this.base64, 'base64');
  }
}

/** How many bytes canonical base64 text encodes. */
export function base64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/**
 * Checks base64 from a JSON request as AWS's Java deserializer does, with its messages, without decoding it:
 * length a multiple of 4, only the alphabet and trailing padding, and no bits set past the last whole byte.
 */
export function parseBase64(text: string): Base64Blob {
  const length = text.length;
  if (length % 4 !== 0) {
    throw serializationError(`'${text}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: ${length}`);
  }
  const bad = /[^a-zA-Z0-9+/=]|=[^=]/.exec(text);
  if (bad) throw serializationError(`'${text}' can not be converted to a Blob: Invalid Base64 character: '${bad[0][0]}'`);
  let padding = 0;
  while (padding < length && text.charCodeAt(length - 1 - padding) === 0x3d) padding++;
  if (padding > 2 || (padding > 0 && lastBitsSet(text, length - 1 - padding, padding))) {
    throw serializationError(`'${text}' can not be converted to a Blob: Invalid last non-pad Base64 character dectected`);
  }
  return new Base64Blob(text, (length / 4) * 3 - padding);
}

/** One '=' leaves the last character's low 2 bits unused, two leave 4; canonical base64 has them zero. */
function lastBitsSet(text: string, at: number, padding: number): boolean {
  if (at < 0) return true;
  const value = VALUE[text.charCodeAt(at)] ?? -1;
  return (value & (padding === 1 ? 0x03 : 0x0f)) !== 0;
}
