// The AWS event-stream binary framing (application/vnd.amazon.eventstream), written here rather than taken
// from the SDK: a 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), the headers (name
// length u8, name, value type u8 — 7 is a string —, value length u16, value), the payload, and a CRC32 of
// everything before it. All integers are big-endian. Only string headers are needed for responses.
import { crc32 } from 'node:zlib';

const PRELUDE_BYTES = 12;
const CRC_BYTES = 4;
const STRING_HEADER = 7;

export type EventHeaders = readonly (readonly [name: string, value: string])[];

export function encodeEventMessage(headers: EventHeaders, payload: Uint8Array): Buffer {
  const encoded = headers.map(([name, value]) => [Buffer.from(name, 'utf8'), Buffer.from(value, 'utf8')] as const);
  const headersLength = encoded.reduce((sum, [name, value]) => sum + 1 + name.length + 1 + 2 + value.length, 0);
  const total = PRELUDE_BYTES + headersLength + payload.length + CRC_BYTES;
  const message = Buffer.allocUnsafe(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headersLength, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  let offset = PRELUDE_BYTES;
  for (const [name, value] of encoded) {
    message.writeUInt8(name.length, offset);
    name.copy(message, offset + 1);
    offset += 1 + name.length;
    message.writeUInt8(STRING_HEADER, offset);
    message.writeUInt16BE(value.length, offset + 1);
    value.copy(message, offset + 3);
    offset += 3 + value.length;
  }
  message.set(payload, offset);
  offset += payload.length;
  message.writeUInt32BE(crc32(message.subarray(0, offset)), offset);
  return message;
}
