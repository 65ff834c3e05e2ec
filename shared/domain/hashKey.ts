// Kinesis routes a record by the MD5 of its partition key, read as an unsigned 128-bit big-endian integer.
// Hash keys travel as decimal strings; the maths here is BigInt.
import { md5 } from './md5';

export const MAX_HASH_KEY = (1n << 128n) - 1n;
export const HASH_KEY_SPACE = 1n << 128n;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Through one hex string: a BigInt shift per byte costs several times more. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '0x';
  for (const byte of bytes) hex += HEX[byte];
  return BigInt(hex);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The hash key a partition key routes to. */
export function partitionKeyHash(partitionKey: string): bigint {
  return bytesToBigInt(md5(utf8(partitionKey)));
}

export interface HashKeyRange {
  StartingHashKey: string;
  EndingHashKey: string;
}

/** The hash ranges CreateStream gives N shards: AWS splits the space in N equal parts, the last one taking the rest. */
export function evenHashRanges(shardCount: number): HashKeyRange[] {
  const width = HASH_KEY_SPACE / BigInt(shardCount);
  return Array.from({ length: shardCount }, (_, i) => {
    const start = width * BigInt(i);
    const end = i === shardCount - 1 ? MAX_HASH_KEY : width * BigInt(i + 1) - 1n;
    return { StartingHashKey: start.toString(), EndingHashKey: end.toString() };
  });
}

/** The range's share of the whole key space, in percent. */
export function rangeShare(range: HashKeyRange): number {
  const width = BigInt(range.EndingHashKey) - BigInt(range.StartingHashKey) + 1n;
  return Number((width * 1_000_000n) / HASH_KEY_SPACE) / 10_000;
}

export function rangeContains(range: HashKeyRange, hashKey: bigint): boolean {
  return BigInt(range.StartingHashKey) <= hashKey && hashKey <= BigInt(range.EndingHashKey);
}

/** A hash key as a decimal string is valid when it is digits only and within 0 .. 2^128-1. */
export function isValidHashKey(text: string): boolean {
  if (!/^(0|[1-9]\d{0,38})$/.test(text)) return false;
  return BigInt(text) <= MAX_HASH_KEY;
}
