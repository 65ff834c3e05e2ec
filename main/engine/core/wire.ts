// How response values whose form depends on the protocol are written. Handlers build plain objects and call
// ctx.wire.blob()/ctx.wire.time() for blobs and timestamps, so JSON responses stay a plain JSON.stringify.
import type { WireProtocol } from './rules';

/**
 * What a handler returns for an operation whose output is `Unit` in the model (CreateStream, AddTagsToStream, …):
 * AWS answers those with an empty body (`Content-Length: 0`) in JSON and CBOR alike, never `{}`.
 */
export const NO_OUTPUT: unique symbol = Symbol('no output');

/** A timestamp for CBOR: the server's encoder writes it as tag 1 holding epoch milliseconds, as AWS does. */
export class CborTimestamp {
  constructor(readonly ms: number) {}
}

/**
 * A JSON response a handler rendered itself (the hot paths of GetRecords and PutRecords): ASCII bytes the JSON
 * protocol sends as they are, skipping JSON.stringify's object walk and the UTF-8 passes over a large string.
 */
export class RenderedJson {
  constructor(readonly bytes: Buffer) {}
}

/** `{"<list>":[<items>],…rest}`: items are ASCII JSON texts, already comma-separated; rest is a plain object. */
export function renderedJsonList(list: string, items: string, rest: Record<string, unknown>): RenderedJson {
  // latin1 copies the one-byte string byte for byte; the rest's values are ASCII (numbers, ids, iterators).
  return new RenderedJson(Buffer.from(`{"${list}":[${items}],${JSON.stringify(rest).slice(1)}`, 'latin1'));
}

/** A string as a JSON string literal in ASCII only (non-ASCII as \u escapes, still valid JSON), so bytes can be latin1. */
export function asciiJsonString(text: string): string {
  const json = JSON.stringify(text);
  return NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
// JSON.stringify already escapes control characters, so anything outside printable ASCII is what is left.
const NON_ASCII = /[^ -~]/;
const NON_ASCII_ALL = /[^ -~]/g;

export interface WireEncoder {
  readonly protocol: WireProtocol;
  /** Record data, held as base64 text (base64Blob.ts). */
  blob(base64: string): string | Buffer;
  time(ms: number): number | CborTimestamp;
}

export const jsonWire: WireEncoder = {
  protocol: 'json',
  blob: (base64) => base64,
  time: (ms) => ms / 1000,
};

export const cborWire: WireEncoder = {
  protocol: 'cbor',
  blob: (base64) => Buffer.from(base64, 'base64'),
  time: (ms) => new CborTimestamp(ms),
};
