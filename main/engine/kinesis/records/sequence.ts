// Sequence numbers. Internally a shard's records are keyed by an integer seq = max(last + 1, arrivalMs * 1024),
// so seq >> 10 is (about) the arrival time and AT_TIMESTAMP is a seek on seq >= ms * 1024. It stays a safe
// integer until the year 2248.
//
// Publicly a sequence number is AWS's version-2 layout: a 186-bit integer written as 56 decimal digits. Counting
// bit 0 as the least significant:
//   184-187 version 2 · 148-183 shard creation, epoch seconds · 144-147 low nibble of the shard index ·
//   80-143 counter · 72-79 a byte AWS leaves 00 · 36-71 arrival, epoch seconds · 4-35 shard index · 0-3 version 2
// (KCL's SequenceNumberValidator reads the version and the shard index; kinesalite parses the rest). The counter
// is the stream's tag (10 bits) above the seq (53 bits), the byte the tag's low 8 bits: with the shard creation
// second they tell a number of another stream, or of an earlier copy of this one, apart. Within a shard
// everything above the counter is constant and the counter grows with seq, so numbers compare as integers
// in seq order.

export const SEQ_PER_MS = 1024;
export const SEQUENCE_LENGTH = 56;
const VERSION = 2n;

// The value is built in base-10^7 limbs with plain numbers (8 limbs = 56 digits, most significant first), so
// encoding a record costs a few multiplications and string work, not BigInts.
const LIMB = 10_000_000;
const LIMBS = 8;

function limbsOf(value: bigint): number[] {
  const out = new Array<number>(LIMBS);
  for (let i = LIMBS - 1; i >= 0; i--) {
    out[i] = Number(value % BigInt(LIMB));
    value /= BigInt(LIMB);
  }
  return out;
}

const SEQ_LOW_BITS = 27;
const SEQ_LOW = 2 ** SEQ_LOW_BITS;
const SECS_LOW_BITS = 18;
const SECS_LOW = 2 ** SECS_LOW_BITS;
const COUNTER_SHIFT = 80n;
const TIME_SHIFT = 36n;
// seq * 2^80 as (seq mod 2^27) * 2^80 + (seq div 2^27) * 2^107; arrival seconds * 2^36 likewise split at 2^18:
// every partial product stays below 2^51, so a limb's sum is exact.
const P_SEQ_LOW = limbsOf(1n << COUNTER_SHIFT);
const P_SEQ_HIGH = limbsOf(1n << (COUNTER_SHIFT + BigInt(SEQ_LOW_BITS)));
const P_SECS_LOW = limbsOf(1n << TIME_SHIFT);
const P_SECS_HIGH = limbsOf(1n << (TIME_SHIFT + BigInt(SECS_LOW_BITS)));

/** Per-stream bits kept in every number: 8 in the unknown byte, 10 above the seq in the counter. */
export const TAG_BITS = 18;

/** The stream's tag, from its random identity digits. */
export function streamTag(identity: string): number {
  return Number(identity.slice(-9) || '0') % 2 ** TAG_BITS;
}

/** What a shard's numbers share: everything but the counter's seq and the arrival time. */
export interface SequenceShape {
  shardIndex: number;
  /** Epoch ms; the number keeps its second. */
  shardCreatedMs: number;
  tag: number;
}

function constantOf(shape: SequenceShape): bigint {
  const shard = BigInt(shape.shardIndex >>> 0);
  const tag = BigInt(shape.tag);
  return (
    (VERSION << 184n) |
    (BigInt(Math.floor(shape.shardCreatedMs / 1000)) << 148n) |
    ((shard & 0xfn) << 144n) |
    ((tag >> 8n) << (COUNTER_SHIFT + 53n)) |
    ((tag & 0xffn) << 72n) |
    (shard << 4n) |
    VERSION
  );
}

/** Renders a shard's sequence numbers: built once per shard, then only number work per record. */
export class SequenceEncoder {
  private readonly base: number[];
  private readonly digits = new Array<number>(LIMBS);
  private headDigits: number[] = [];
  private head = '';

  constructor(readonly shape: SequenceShape) {
    this.base = limbsOf(constantOf(shape));
  }

  encode(seq: number): string {
    const seqHigh = Math.floor(seq / SEQ_LOW);
    const seqLow = seq - seqHigh * SEQ_LOW;
    const secs = Math.floor(seq / (SEQ_PER_MS * 1000));
    const secsHigh = Math.floor(secs / SECS_LOW);
    const secsLow = secs - secsHigh * SECS_LOW;
    const base = this.base;
    const digits = this.digits;
    let carry = 0;
    for (let i = LIMBS - 1; i >= 0; i--) {
      const sum =
        (base[i] as number) +
        seqLow * (P_SEQ_LOW[i] as number) +
        seqHigh * (P_SEQ_HIGH[i] as number) +
        secsLow * (P_SECS_LOW[i] as number) +
        secsHigh * (P_SECS_HIGH[i] as number) +
        carry;
      carry = Math.floor(sum / LIMB);
      digits[i] = sum - carry * LIMB;
    }
    // The top limbs change rarely between a shard's consecutive numbers: their text is reused.
    if (digits[0] !== this.headDigits[0] || digits[1] !== this.headDigits[1] || digits[2] !== this.headDigits[2] || digits[3] !== this.headDigits[3]) {
      this.headDigits = digits.slice(0, 4);
      this.head = String(digits[0]) + String((digits[1] as number) + LIMB).slice(1) + String((digits[2] as number) + LIMB).slice(1) + String((digits[3] as number) + LIMB).slice(1);
    }
    return (
      this.head +
      String((digits[4] as number) + LIMB).slice(1) +
      String((digits[5] as number) + LIMB).slice(1) +
      String((digits[6] as number) + LIMB).slice(1) +
      String((digits[7] as number) + LIMB).slice(1)
    );
  }

  /** Whether a decoded number was made by this shard's encoder (same shard, creation second and stream). */
  owns(decoded: DecodedSequence): boolean {
    return (
      decoded.version === 2 &&
      decoded.shardIndex === this.shape.shardIndex &&
      decoded.shardCreatedSecs === Math.floor(this.shape.shardCreatedMs / 1000) &&
      decoded.tag === this.shape.tag
    );
  }
}

export interface DecodedSequence {
  /** 2 for the layout above; 0 and 1 are AWS's older layouts, read only as far as their shard index. */
  version: 0 | 1 | 2;
  /** Signed, as AWS prints it: a set top bit reads as a negative index. */
  shardIndex: number;
  /** The engine's seq (the counter without the stream tag); version 2 only. */
  seq: number;
  shardCreatedSecs: number;
  tag: number;
}

const POW_124 = 1n << 124n;
const POW_129 = 1n << 129n;
const POW_185 = 1n << 185n;
const POW_185_NEXT = 3n << 184n;
/** Creation seconds at or past this are refused (a date AWS does not take). */
const MAX_CREATED_SECS = 16_025_175_000n;
const SEQ_MASK = (1n << 53n) - 1n;

function signed32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/**
 * Reads a decimal sequence number the way AWS does (as kinesalite's suite, written against AWS, records it):
 * below 2^129 (after adding 2^124 to anything smaller) it is the old version 0 with a 16-bit shard index;
 * between 2^185 and 1.5 * 2^185 its last nibble is the version. Undefined when AWS would call it invalid.
 */
export function decodeSequence(text: string): DecodedSequence | undefined {
  if (!/^\d{1,129}$/.test(text)) return undefined;
  let value = BigInt(text);
  if (value < POW_124) value += POW_124;
  if (value < POW_129) {
    // Read by hex digit position, as the recordings do (digits 1-9 the creation second, 28-31 the shard).
    const hex = value.toString(16);
    if (BigInt(`0x${hex.slice(1, 10)}`) >= MAX_CREATED_SECS) return undefined;
    return { version: 0, shardIndex: parseInt(hex.slice(28, 32), 16), seq: 0, shardCreatedSecs: 0, tag: 0 };
  }
  if (value <= POW_185 || value >= POW_185_NEXT) return undefined;
  const version = Number(value & 0xfn);
  if (version === 1) return { version, shardIndex: signed32((value >> 4n) & 0xffffffffn), seq: 0, shardCreatedSecs: 0, tag: 0 };
  if (version !== 2) return undefined;
  const counter = (value >> COUNTER_SHIFT) & ((1n << 64n) - 1n);
  const shardCreatedSecs = (value >> 148n) & ((1n << 36n) - 1n);
  if (counter >> 63n !== 0n || shardCreatedSecs >= MAX_CREATED_SECS) return undefined;
  return {
    version,
    shardIndex: signed32((value >> 4n) & 0xffffffffn),
    seq: Number(counter & SEQ_MASK),
    shardCreatedSecs: Number(shardCreatedSecs),
    tag: Number(((counter >> 53n) << 8n) | ((value >> 72n) & 0xffn)),
  };
}

/** The seq of a record arriving at nowMs on a shard whose last seq is lastSeq. */
export function nextSeq(lastSeq: number, nowMs: number): number {
  const timeSeq = nowMs * SEQ_PER_MS;
  return timeSeq > lastSeq ? timeSeq : lastSeq + 1;
}

export function seqToMs(seq: number): number {
  return Math.floor(seq / SEQ_PER_MS);
}

/** "shardId-000000000007"; a negative index (only ever decoded from a crafted number) as AWS prints it. */
export function shardIdOf(index: number): string {
  return index < 0 ? `shardId--${String(-index).padStart(11, '0')}` : `shardId-${String(index).padStart(12, '0')}`;
}

/** The index in "shardId-000000000007"; AWS also accepts a shard id without the prefix or zero padding. */
export function shardIndexOf(shardId: string): number | undefined {
  const match = /^(?:shardId-)?(\d{1,20})$/.exec(shardId);
  if (!match?.[1]) return undefined;
  const index = Number(match[1]);
  return Number.isSafeInteger(index) ? index : undefined;
}
