/**
 * The spline basis B [n3, p] stored by column with only the rows that matter. A quadratic
 * interpolating spline's cardinal functions decay geometrically (about 0.17 per knot), so each
 * input variable depends on a few dozen Conv3 positions; dropping weights below `tolerance`
 * times the column's largest keeps maps exact to ~1e-12 and makes M = m . B cost O(p), not O(n3 p).
 */
export interface BandedBasis {
  p: number;
  n3: number;
  /** First row used by column j. */
  start: Uint32Array;
  /** Offset of column j's weights in `weights`; column j has offset[j+1]-offset[j] rows. */
  offset: Uint32Array;
  weights: Float64Array;
}

export function bandedBasis(basis: Float64Array, n3: number, p: number, tolerance = 1e-13): BandedBasis {
  if (basis.length !== n3 * p) throw new RangeError(`basis has ${basis.length} values; expected ${n3} x ${p}`);
  const start = new Uint32Array(p);
  const offset = new Uint32Array(p + 1);
  const chunks: number[] = [];
  for (let j = 0; j < p; j++) {
    let max = 0;
    for (let i = 0; i < n3; i++) max = Math.max(max, Math.abs(basis[i * p + j]!));
    let lo = 0;
    let hi = n3 - 1;
    while (lo < hi && Math.abs(basis[lo * p + j]!) <= tolerance * max) lo++;
    while (hi > lo && Math.abs(basis[hi * p + j]!) <= tolerance * max) hi--;
    start[j] = lo;
    offset[j] = chunks.length;
    for (let i = lo; i <= hi; i++) chunks.push(basis[i * p + j]!);
  }
  offset[p] = chunks.length;
  return { p, n3, start, offset, weights: Float64Array.from(chunks) };
}

/** Full-resolution map of one coarse map: out[j] = sum_i coarse[i] B[i, j]. */
export function bandedMap(coarse: ArrayLike<number>, basis: BandedBasis, out = new Float64Array(basis.p)): Float64Array {
  const { start, offset, weights, p } = basis;
  for (let j = 0; j < p; j++) {
    let sum = 0;
    const s = start[j]! - offset[j]!;
    for (let k = offset[j]!, end = offset[j + 1]!; k < end; k++) sum += coarse[s + k]! * weights[k]!;
    out[j] = sum;
  }
  return out;
}
