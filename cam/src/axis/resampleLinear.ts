/**
 * Linear interpolation of `values` (given on `fromAxis`) at every point of `toAxis`.
 * Either axis may be ascending or descending. Points of `toAxis` outside `fromAxis` are refused
 * with a RangeError naming the uncovered range: extrapolating a spectrum invents data.
 * A tolerance of 1e-9 of the axis span absorbs rounding in axes written as text. `extendEnds`
 * (axis units, default 0) is what the caller accepts instead: points that far beyond either end
 * take that end's value.
 */
export function resampleLinear(
  fromAxis: ArrayLike<number>,
  values: ArrayLike<number>,
  toAxis: ArrayLike<number>,
  extendEnds = 0,
): Float64Array {
  const n = fromAxis.length;
  if (n === 0) throw new RangeError('fromAxis is empty: expected at least one value');
  if (values.length !== n) {
    throw new RangeError(`values has ${values.length} entries: expected ${n}, one per fromAxis value`);
  }
  const descending = n > 1 && fromAxis[n - 1] < fromAxis[0];
  // Work on an ascending view without copying: index i maps to i or n-1-i.
  const x = (i: number): number => fromAxis[descending ? n - 1 - i : i];
  const y = (i: number): number => values[descending ? n - 1 - i : i];
  const lo = x(0);
  const hi = x(n - 1);
  if (!(extendEnds >= 0 && Number.isFinite(extendEnds))) throw new RangeError(`extendEnds is ${extendEnds}: expected a finite number >= 0 (axis units)`);
  const tolerance = 1e-9 * Math.max(Math.abs(hi - lo), Math.abs(hi), Math.abs(lo), 1e-300) + extendEnds;
  let uncoveredLow = Infinity;
  let uncoveredHigh = -Infinity;
  for (let j = 0; j < toAxis.length; j++) {
    const q = toAxis[j];
    if (!(q >= lo - tolerance && q <= hi + tolerance)) {
      uncoveredLow = Math.min(uncoveredLow, q);
      uncoveredHigh = Math.max(uncoveredHigh, q);
    }
  }
  if (uncoveredLow <= uncoveredHigh || Number.isNaN(uncoveredLow)) {
    throw new RangeError(
      `toAxis reaches ${uncoveredLow}..${uncoveredHigh}, outside the data axis ${lo}..${hi}: ` +
        'expected a target axis inside the range the spectrum covers',
    );
  }
  const out = new Float64Array(toAxis.length);
  let k = 0;
  for (let j = 0; j < toAxis.length; j++) {
    const q = Math.min(Math.max(toAxis[j], lo), hi);
    if (n === 1) {
      out[j] = y(0);
      continue;
    }
    // Ascending queries walk forward (linear total work); a step back restarts by bisection.
    if (q < x(k)) k = lowerSegment(x, n, q);
    while (k < n - 2 && x(k + 1) <= q) k++;
    const t = (q - x(k)) / (x(k + 1) - x(k));
    out[j] = t === 0 ? y(k) : t === 1 ? y(k + 1) : y(k) + t * (y(k + 1) - y(k));
  }
  return out;
}

/** Index k of the segment [x(k), x(k+1)] that holds q (0 <= k <= n-2). */
function lowerSegment(x: (i: number) => number, n: number, q: number): number {
  let low = 0;
  let high = Math.max(n - 2, 0);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (x(mid) <= q) low = mid;
    else high = mid - 1;
  }
  return low;
}
