import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5 } from '../../shared/domain/md5';
import { evenHashRanges, MAX_HASH_KEY, partitionKeyHash, rangeShare } from '../../shared/domain/hashKey';

describe('md5', () => {
  it('agrees with node:crypto on keys of many lengths', () => {
    // Every length across the one- and two-block tails and several whole blocks.
    for (let length = 0; length < 300; length++) {
      const input = randomBytes(length);
      expect(Buffer.from(md5(input)).toString('hex'), `${length} bytes`).toBe(createHash('md5').update(input).digest('hex'));
    }
    const text = Buffer.from('k'.repeat(60) + 'é✓😀');
    expect(Buffer.from(md5(text)).toString('hex')).toBe(createHash('md5').update(text).digest('hex'));
  });
});

describe('hash keys', () => {
  it('routes a partition key by its MD5 read big-endian', () => {
    const hex = createHash('md5').update('user-42').digest('hex');
    expect(partitionKeyHash('user-42')).toBe(BigInt('0x' + hex));
  });

  it('splits the key space the way CreateStream does', () => {
    const ranges = evenHashRanges(3);
    expect(ranges[1]?.StartingHashKey).toBe('113427455640312821154458202477256070485');
    expect(ranges[2]?.EndingHashKey).toBe(MAX_HASH_KEY.toString());
    expect(ranges.map(rangeShare).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 3);
  });
});
