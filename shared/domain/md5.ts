// MD5 (RFC 1321) in plain TypeScript, for two callers: the renderer, which has no node:crypto, and the engine's
// write path, where hashing a short partition key here costs a fraction of a node:crypto call (no native call,
// no Buffer per hash, nothing allocated). A unit test checks it against node:crypto.

const SHIFTS = Int32Array.from([
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
]);
const CONSTANTS = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

// Scratch space, reused: the 16 words of the block being compressed, and the padded tail of the message.
const words = new Int32Array(16);
const tail = new Uint8Array(128);

function loadWords(bytes: Uint8Array, offset: number): void {
  for (let j = 0; j < 16; j++) {
    const o = offset + j * 4;
    words[j] = (bytes[o] as number) | ((bytes[o + 1] as number) << 8) | ((bytes[o + 2] as number) << 16) | ((bytes[o + 3] as number) << 24);
  }
}

/** One 64-byte block into the state: the four rounds of 16 steps, in 32-bit integer arithmetic. */
function compress(state: Int32Array): void {
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const sum = (a + f + (CONSTANTS[i] as number) + (words[g] as number)) | 0;
    const shift = SHIFTS[i] as number;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
}

/** The MD5 of bytes[0, length) as its four little-endian state words, written to `state`. */
export function md5Into(bytes: Uint8Array, length: number, state: Int32Array): void {
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  const whole = length - (length % 64);
  for (let offset = 0; offset < whole; offset += 64) {
    loadWords(bytes, offset);
    compress(state);
  }
  // The rest, a 1 bit, zeros, then the length in bits (64-bit little-endian): one block or two.
  const rest = length - whole;
  tail.fill(0);
  for (let i = 0; i < rest; i++) tail[i] = bytes[whole + i] as number;
  tail[rest] = 0x80;
  const blocks = rest < 56 ? 1 : 2;
  const end = blocks * 64;
  const bits = length * 8;
  for (let i = 0; i < 4; i++) tail[end - 8 + i] = (bits >>> (8 * i)) & 0xff;
  const high = Math.floor(length / 2 ** 29);
  for (let i = 0; i < 4; i++) tail[end - 4 + i] = (high >>> (8 * i)) & 0xff;
  for (let block = 0; block < blocks; block++) {
    loadWords(tail, block * 64);
    compress(state);
  }
}

/** MD5 digest of the given bytes, as 16 bytes. */
export function md5(input: Uint8Array): Uint8Array {
  const state = new Int32Array(4);
  md5Into(input, input.length, state);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = ((state[i >> 2] as number) >>> (8 * (i & 3))) & 0xff;
  return out;
}
