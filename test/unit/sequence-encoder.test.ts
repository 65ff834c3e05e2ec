// The per-shard encoder's limb arithmetic against the layout computed with BigInt, and decoding back.
import { describe, expect, it } from 'vitest';
import { decodeSequence, SEQ_PER_MS, SequenceEncoder, TAG_BITS } from '../../main/engine/kinesis/records/sequence';

function reference(shardIndex: number, createdMs: number, tag: number, seq: number): bigint {
  const shard = BigInt(shardIndex);
  const counter = (BigInt(tag >> 8) << 53n) | BigInt(seq);
  return (
    (2n << 184n) |
    (BigInt(Math.floor(createdMs / 1000)) << 148n) |
    ((shard & 0xfn) << 144n) |
    (counter << 80n) |
    (BigInt(tag & 0xff) << 72n) |
    (BigInt(Math.floor(seq / SEQ_PER_MS / 1000)) << 36n) |
    (shard << 4n) |
    2n
  );
}

describe('SequenceEncoder', () => {
  it('renders the layout exactly, 56 digits, increasing with seq, and decodes back', () => {
    let state = 12345;
    const random = (below: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((state / 2 ** 31) * below);
    };
    for (let round = 0; round < 200; round++) {
      const shape = { shardIndex: random(2 ** 31), shardCreatedMs: 1_000_000_000_000 + random(2 ** 31) * 1000, tag: random(2 ** TAG_BITS) };
      const encoder = new SequenceEncoder(shape);
      let seq = shape.shardCreatedMs * SEQ_PER_MS + random(1e9);
      let previous = 0n;
      for (let i = 0; i < 50; i++) {
        seq += 1 + (i % 7 === 0 ? random(2 ** 30) : 0);
        const text = encoder.encode(seq);
        expect(text).toHaveLength(56);
        expect(BigInt(text)).toBe(reference(shape.shardIndex, shape.shardCreatedMs, shape.tag, seq));
        expect(BigInt(text)).toBeGreaterThan(previous);
        previous = BigInt(text);
        const decoded = decodeSequence(text);
        expect(decoded).toEqual({ version: 2, shardIndex: shape.shardIndex, seq, shardCreatedSecs: Math.floor(shape.shardCreatedMs / 1000), tag: shape.tag });
        expect(decoded && encoder.owns(decoded)).toBe(true);
      }
    }
    // The largest seq the engine makes (below 2^53) still fits.
    const last = new SequenceEncoder({ shardIndex: 3, shardCreatedMs: 1_764_000_000_000, tag: 2 ** TAG_BITS - 1 });
    expect(BigInt(last.encode(Number.MAX_SAFE_INTEGER))).toBe(reference(3, 1_764_000_000_000, 2 ** TAG_BITS - 1, Number.MAX_SAFE_INTEGER));
  });
});
