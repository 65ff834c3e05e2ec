// Sequence numbers. Internally a shard's records are keyed by an integer seq = max(last + 1, arrivalMs * 1024),
// so seq >> 10 is (about) the arrival time and AT_TIMESTAMP is a seek on seq >= ms * 1024. It stays a safe
// integer until the year 2248.
// Publicly a sequence number is 56 decimal digits: "49" + shard index (10 digits) + seq (16 digits) + the
// stream's 28-digit identity. Fixed width keeps it strictly increasing per shard and time ordered, and lets a
// call detect a number from another shard or stream.

export const SEQ_PER_MS = 1024;
const SHARD_DIGITS = 10;
const SEQ_DIGITS = 16;
export const IDENTITY_DIGITS = 28;
const PREFIX = '49';
export const SEQUENCE_LENGTH = PREFIX.length + SHARD_DIGITS + SEQ_DIGITS + IDENTITY_DIGITS;

export function encodeSequence(shardIndex: number, seq: number, identity: string): string {
  return PREFIX + String(shardIndex).padStart(SHARD_DIGITS, '0') + String(seq).padStart(SEQ_DIGITS, '0') + identity;
}

export interface DecodedSequence {
  shardIndex: number;
  seq: number;
  identity: string;
}

/** Undefined when the text is not one of ours (wrong length or prefix). */
export function decodeSequence(text: string): DecodedSequence | undefined {
  if (text.length !== SEQUENCE_LENGTH || !text.startsWith(PREFIX)) return undefined;
  const shardIndex = Number(text.slice(2, 2 + SHARD_DIGITS));
  const seq = Number(text.slice(2 + SHARD_DIGITS, 2 + SHARD_DIGITS + SEQ_DIGITS));
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(shardIndex)) return undefined;
  return { shardIndex, seq, identity: text.slice(2 + SHARD_DIGITS + SEQ_DIGITS) };
}

/** The seq of a record arriving at nowMs on a shard whose last seq is lastSeq. */
export function nextSeq(lastSeq: number, nowMs: number): number {
  const timeSeq = nowMs * SEQ_PER_MS;
  return timeSeq > lastSeq ? timeSeq : lastSeq + 1;
}

export function seqToMs(seq: number): number {
  return Math.floor(seq / SEQ_PER_MS);
}

export function shardIdOf(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** The index in "shardId-000000000007"; AWS also accepts a shard id without the prefix or zero padding. */
export function shardIndexOf(shardId: string): number | undefined {
  const match = /^(?:shardId-)?(\d{1,20})$/.exec(shardId);
  if (!match?.[1]) return undefined;
  const index = Number(match[1]);
  return Number.isSafeInteger(index) ? index : undefined;
}
