// A small seeded PRNG (mulberry32), so generated inputs and kill moments reproduce from the printed seed.
export interface Random {
  seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Buffer;
  chance(probability: number): boolean;
}

/** The seed: HARNESS_SEED when set (to replay a failure), else the given default. */
export function seedFromEnv(fallback: number): number {
  const fromEnv = process.env.HARNESS_SEED;
  return fromEnv ? Number(fromEnv) >>> 0 : fallback >>> 0;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    seed,
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    bytes: (length: number) => {
      const buffer = Buffer.allocUnsafe(length);
      for (let i = 0; i < length; i++) buffer[i] = int(0, 255);
      return buffer;
    },
    chance: (probability: number) => next() < probability,
  };
}
