// How response values whose form depends on the protocol are written. Handlers build plain objects and call
// ctx.wire.blob()/ctx.wire.time() for blobs and timestamps, so JSON responses stay a plain JSON.stringify.
import type { WireProtocol } from './rules';

/** A timestamp for CBOR: the server's encoder writes it as tag 1 holding epoch milliseconds, as AWS does. */
export class CborTimestamp {
  constructor(readonly ms: number) {}
}

export interface WireEncoder {
  readonly protocol: WireProtocol;
  blob(data: Buffer): string | Buffer;
  time(ms: number): number | CborTimestamp;
}

export const jsonWire: WireEncoder = {
  protocol: 'json',
  blob: (data) => data.toString('base64'),
  time: (ms) => ms / 1000,
};

export const cborWire: WireEncoder = {
  protocol: 'cbor',
  blob: (data) => data,
  time: (ms) => new CborTimestamp(ms),
};
