// The seeded PRNG of shared/domain (mulberry32) with what the harnesses also need: bytes, odds, and a seed that
// can be replayed from the environment, so generated inputs and kill moments reproduce.
import { createRandom, type Random as BaseRandom } from '../../shared/domain/random';

export interface Random extends Omit<BaseRandom, 'uuid'> {
  seed: number;
  bytes(length: number): Buffer;
  chance(probability: number): boolean;
}

/** The seed: HARNESS_SEED when set (to replay a failure), else the given default. */
export function seedFromEnv(fallback: number): number {
  const fromEnv = process.env.HARNESS_SEED;
  return fromEnv ? Number(fromEnv) >>> 0 : fallback >>> 0;
}

export function seededRandom(seed: number): Random {
  const base = createRandom(seed);
  return {
    seed,
    next: base.next,
    int: base.int,
    pick: base.pick,
    bytes: (length: number) => {
      const buffer = Buffer.allocUnsafe(length);
      for (let i = 0; i < length; i++) buffer[i] = base.int(0, 255);
      return buffer;
    },
    chance: (probability: number) => base.next() < probability,
  };
}
