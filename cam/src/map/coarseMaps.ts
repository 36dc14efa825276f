import { assertFiniteArray, assertNumericArray, assertPositiveInteger } from '../util/checks.js';

/**
 * Coarse class maps m_c(x) = sum_i W[c, i] * conv3[i, x] for one spectrum: each Conv3
 * position's share of every class score (the GAP makes the score the mean of this over x).
 * conv3 is [M, N3] channels-first (the ONNX `conv3` output of one spectrum), weight [C, M]
 * (`classifier.weight`); returns [C, N3] row-major.
 */
export function coarseMaps(
  conv3: Float32Array | Float64Array,
  weight: Float32Array | Float64Array,
  n3: number,
): Float64Array {
  assertNumericArray(conv3, 'conv3');
  assertFiniteArray(weight, 'weight');
  assertPositiveInteger(n3, 'n3');
  if (conv3.length % n3 !== 0 || conv3.length === 0) {
    throw new RangeError(`'conv3' must hold channels x n3 = M x ${n3} values, got ${conv3.length}`);
  }
  const m = conv3.length / n3;
  if (weight.length % m !== 0 || weight.length === 0) {
    throw new RangeError(`'weight' must hold classes x ${m} values (one row per class), got ${weight.length}`);
  }
  const classes = weight.length / m;
  const out = new Float64Array(classes * n3);
  for (let c = 0; c < classes; c++) {
    const row = c * n3;
    for (let i = 0; i < m; i++) {
      const w = weight[c * m + i]!;
      if (w === 0) continue;
      const f = i * n3;
      for (let x = 0; x < n3; x++) out[row + x]! += w * conv3[f + x]!;
    }
  }
  return out;
}
