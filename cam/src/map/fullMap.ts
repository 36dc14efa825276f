import { assertLength, assertNumericArray, assertPositiveInteger } from '../util/checks.js';

/**
 * Full-resolution map M(x) = sum_j coarse[j] * B[j, x]: interpolation is linear, so bringing
 * the coarse map to the input once equals weighting the interpolated feature maps (study 2.2).
 * For many spectra, createCamInterpolator(...).interpolate(coarse) gives the same in O(N3 + p).
 */
export function fullMap(coarse: ArrayLike<number>, basis: Float64Array, n3: number, p: number): Float64Array {
  assertNumericArray(coarse, 'coarse');
  assertNumericArray(basis, 'basis');
  assertPositiveInteger(n3, 'n3');
  assertPositiveInteger(p, 'p');
  assertLength(coarse, n3, 'coarse', 'one per Conv3 position');
  assertLength(basis, n3 * p, 'basis', `n3 x p = ${n3} x ${p}`);
  const out = new Float64Array(p);
  for (let j = 0; j < n3; j++) {
    const v = coarse[j]!;
    if (v === 0) continue;
    const row = j * p;
    for (let x = 0; x < p; x++) out[x]! += v * basis[row + x]!;
  }
  return out;
}
