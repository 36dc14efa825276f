import { assertFiniteArray } from '../util/checks.js';

/**
 * Per-spectrum min-max scaling to 0..1 (study 2.2), so maps of different spectra compare.
 * A constant map carries no ranking and becomes all zeros rather than NaN.
 */
export function minMaxScale(map: ArrayLike<number>, out: Float64Array = new Float64Array(map.length)): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  let finite = true;
  if (map instanceof Float64Array || map instanceof Float32Array) {
    // One pass finds the range and notices NaN/Infinity (v - v is NaN for them); the full check
    // below only runs to name the bad value. This runs once per explained spectrum and class.
    for (let i = 0; i < map.length; i++) {
      const v = map[i]!;
      if (v - v !== 0) finite = false;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  } else {
    finite = false;
  }
  if (!finite) {
    assertFiniteArray(map, 'map');
    for (let i = 0; i < map.length; i++) {
      const v = map[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const range = max - min;
  if (!(range > 0)) return out.fill(0);
  for (let i = 0; i < map.length; i++) out[i] = Math.min(1, (map[i]! - min) / range);
  return out;
}
