// The two functions of snappyjs (raw Snappy blocks, no framing) that delivery uses; the package ships no types.
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array;
}
