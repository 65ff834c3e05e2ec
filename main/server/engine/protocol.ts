// The two wire encodings of the Kinesis API: AWS JSON 1.1 and CBOR 1.1 (the Java SDK's default).
// CBOR timestamps travel as tag 1 holding epoch milliseconds, as the AWS Java SDK writes and reads them.
import { addExtension, Decoder, Encoder } from 'cbor-x';
import { CborTimestamp, cborWire, jsonWire, RenderedJson, type WireEncoder } from '../../engine/core/wire';

export const AMZ_JSON = 'application/x-amz-json-1.1';
export const AMZ_CBOR = 'application/x-amz-cbor-1.1';
export const PLAIN_JSON = 'application/json';

// cbor-x's extension registry is global and typed per class; registering tag 1 replaces its Date decoder, so
// the same decoder is given back (epoch seconds → Date; the rules DSL corrects millisecond values).
const timestampExtension = {
  Class: CborTimestamp,
  tag: 1,
  encode: (instance: CborTimestamp, encode: (value: unknown) => Uint8Array) => encode(instance.ms),
  decode: (value: unknown) => new Date(Number(value) * 1000),
};
addExtension(timestampExtension as unknown as Parameters<typeof addExtension>[0]);

const cborEncoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });
const cborDecoder = new Decoder({ useRecords: false, mapsAsObjects: true });

export interface Protocol {
  contentType: string;
  wire: WireEncoder;
  /** The decoded body, or undefined when it does not parse to an object. */
  parse(body: Buffer): unknown;
  serialize(value: unknown): Buffer | string;
}

export const jsonProtocol: Protocol = {
  contentType: AMZ_JSON,
  wire: jsonWire,
  parse(body) {
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  },
  // One UTF-8 encode here, rather than one to measure Content-Length and another to write the string.
  serialize: (value) => (value instanceof RenderedJson ? value.bytes : Buffer.from(JSON.stringify(value))),
};

export const cborProtocol: Protocol = {
  contentType: AMZ_CBOR,
  wire: cborWire,
  parse(body) {
    try {
      return cborDecoder.decode(body) as unknown;
    } catch {
      return undefined;
    }
  },
  serialize: (value) => cborEncoder.encode(value),
};
