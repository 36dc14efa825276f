import { assertFiniteArray, assertPositiveInteger } from '../util/checks.js';

/**
 * Where the Conv3 positions sit on the input, as fractional input indices.
 * - `receptive-field` (default): the receptive-field centres recorded in the model metadata.
 * - `stretch`: N3 knots spread evenly over 0..p-1, the study's figure recipe (kept to reproduce it).
 */
export type CamAlignment = 'receptive-field' | 'stretch';

export function camKnots(
  centres: ArrayLike<number>,
  inputLength: number,
  alignment: CamAlignment = 'receptive-field',
): Float64Array {
  assertFiniteArray(centres, 'centres');
  assertPositiveInteger(inputLength, 'inputLength');
  const n3 = centres.length;
  if (n3 < 1) throw new RangeError(`'centres' must hold at least one Conv3 position, got none`);
  if (alignment === 'receptive-field') {
    for (let i = 1; i < n3; i++) {
      if (!(centres[i]! > centres[i - 1]!)) {
        throw new RangeError(`'centres' must increase, got ${centres[i - 1]} then ${centres[i]} at index ${i}`);
      }
    }
    return Float64Array.from(centres);
  }
  if (alignment === 'stretch') {
    if (n3 === 1) return Float64Array.of((inputLength - 1) / 2);
    return Float64Array.from({ length: n3 }, (_, i) => (i * (inputLength - 1)) / (n3 - 1));
  }
  throw new RangeError(`'alignment' must be 'receptive-field' or 'stretch', got ${JSON.stringify(alignment)}`);
}
