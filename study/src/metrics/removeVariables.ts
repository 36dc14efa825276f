import { createPrng } from '@spectracam/data';

/**
 * The spectrum with the variables in `removed` taken out in a way that suits spectra (the idea of
 * ROAD, Rong et al. 2022): each run of removed variables is bridged by a straight line between
 * the kept values at its edges, plus noise of the spectrum's local roughness, so no band that
 * was never there appears (zeros would make one).
 */
export function removeVariables(spectrum: ArrayLike<number>, removed: Uint8Array, seed: number): Float32Array {
  const p = spectrum.length;
  const out = Float32Array.from(spectrum);
  // Local roughness: the spread of second differences, a noise level that ignores the bands' slope.
  let rough = 0;
  for (let j = 1; j < p - 1; j++) rough += Math.abs(spectrum[j - 1]! - 2 * spectrum[j]! + spectrum[j + 1]!);
  const sigma = p > 2 ? rough / (p - 2) / Math.sqrt(6) : 0;
  const prng = createPrng(seed);
  let j = 0;
  while (j < p) {
    if (!removed[j]) {
      j++;
      continue;
    }
    const start = j;
    while (j < p && removed[j]) j++;
    const left = start > 0 ? spectrum[start - 1]! : j < p ? spectrum[j]! : 0;
    const right = j < p ? spectrum[j]! : left;
    const span = j - start + 1;
    for (let k = start; k < j; k++) out[k] = left + ((right - left) * (k - start + 1)) / span + sigma * prng.normal();
  }
  return out;
}
