// shared/ compiles without DOM or Node types, yet both of its hosts (browsers and Node) provide these
// WHATWG encoding classes. Declaring only what shared code uses keeps every other host API out of reach.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
