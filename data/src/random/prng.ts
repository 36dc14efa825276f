import { seededRandom } from './seededRandom.js';

/**
 * A small seeded generator (mulberry32): the same seed gives the same data on every platform,
 * which Math.random cannot promise. Not for cryptography.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

export function createPrng(seed: number): Prng {
  const next = seededRandom(seed);
  // Box-Muller gives two normals per pair of uniforms: keep the second for the next call.
  let spare: number | undefined;
  return {
    next,
    uniform: (low, high) => low + (high - low) * next(),
    normal: () => {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    int: (n) => Math.floor(next() * n),
  };
}

/** Fisher-Yates shuffle in place with the given generator. */
export function shuffle<T>(items: T[], prng: Prng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = prng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
