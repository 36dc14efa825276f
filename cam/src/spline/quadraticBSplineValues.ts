/**
 * The three quadratic B-splines that are non-zero at `x` (de Boor's BSPLVB recurrence).
 * `interval` is l with t[l] <= x < t[l+1] (or x at the right end of the last interval); the
 * values belong to B-splines l-2, l-1, l and are written to out[0..2].
 */
export function quadraticBSplineValues(t: Float64Array, interval: number, x: number, out: Float64Array): void {
  const l = interval;
  const left1 = x - t[l]!;
  const left2 = x - t[l - 1]!;
  const right1 = t[l + 1]! - x;
  const right2 = t[l + 2]! - x;
  // Degree 1: N = [right1, left1] / (t[l+1] - t[l]).
  const d1 = right1 + left1;
  const a0 = right1 / d1;
  const a1 = left1 / d1;
  // Degree 2.
  const temp0 = a0 / (right1 + left2);
  const b0 = right1 * temp0;
  let saved = left2 * temp0;
  const temp1 = a1 / (right2 + left1);
  out[0] = b0;
  out[1] = saved + right2 * temp1;
  saved = left1 * temp1;
  out[2] = saved;
}

/** Index l of the knot interval [t[l], t[l+1]) holding x, for x within [t[2], t[n]]. */
export function findQuadraticInterval(t: Float64Array, n: number, x: number): number {
  // Intervals run from l = 2 to l = n - 1; x equal to the last site uses the last interval.
  let lo = 2;
  let hi = n - 1;
  if (x >= t[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x >= t[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}
