import type { Prng } from '@spectracam/data';

/** Gaussian noise of the values' own mean and spread (0.1 where they do not vary): the randomisation cascade's draw. */
export function gaussianLike(values: ArrayLike<number>, prng: Prng): Float32Array {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i]! / values.length;
  let sd = 0;
  for (let i = 0; i < values.length; i++) sd += (values[i]! - mean) ** 2 / values.length;
  sd = Math.sqrt(sd) || 0.1;
  return Float32Array.from({ length: values.length }, () => mean + sd * prng.normal());
}
