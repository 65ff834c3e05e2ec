// The tail's row buffer: absolute positions survive drops, and it always holds exactly the newest `capacity` items.
// Checked against a plain array of everything pushed, through pushes, resizes and clears.
import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../renderer/state/ringBuffer';

function expectMatches(buffer: RingBuffer<number>, all: number[], capacity: number): void {
  const held = all.slice(Math.max(0, all.length - capacity));
  expect(buffer.length).toBe(held.length);
  expect(buffer.pushed).toBe(all.length);
  expect(buffer.first).toBe(all.length - held.length);
  expect(buffer.dropped).toBe(all.length - held.length);
  expect(buffer.toArray()).toEqual(held);
  expect(buffer.at(buffer.first - 1)).toBeUndefined();
  expect(buffer.at(all.length)).toBeUndefined();
  if (held.length > 0) expect(buffer.at(buffer.first)).toBe(held[0]);
}

describe('RingBuffer', () => {
  it('keeps the newest items with stable absolute positions while pushing past its capacity', () => {
    const buffer = new RingBuffer<number>(5);
    const all: number[] = [];
    for (let i = 0; i < 23; i++) {
      buffer.push(i * 10);
      all.push(i * 10);
      expectMatches(buffer, all, 5);
      expect(buffer.at(i)).toBe(i * 10);
    }
    expect(buffer.slice(15, 21)).toEqual([180, 190, 200]);
    expect(buffer.slice(0, 3)).toEqual([]);
  });

  it('resizes down and up keeping the newest items, and clears', () => {
    const buffer = new RingBuffer<number>(8);
    const all = Array.from({ length: 13 }, (_, i) => i);
    for (const item of all) buffer.push(item);
    buffer.resize(3);
    expect(buffer.capacity).toBe(3);
    expectMatches(buffer, all, 3);
    buffer.resize(6);
    for (const item of [13, 14, 15, 16]) {
      buffer.push(item);
      all.push(item);
    }
    expect(buffer.toArray()).toEqual([11, 12, 13, 14, 15, 16]);
    expect(buffer.at(11)).toBe(11);
    expect(buffer.at(10)).toBeUndefined();
    buffer.clear();
    expectMatches(buffer, [], 6);
  });
});
