import { assertFiniteArray, assertLength } from '../util/checks.js';
import { quadraticKnotVector } from './quadraticKnotVector.js';
import { findQuadraticInterval, quadraticBSplineValues } from './quadraticBSplineValues.js';
import { factorTridiagonal, solveTridiagonal, type TridiagonalFactors } from './tridiagonal.js';
import { SKETCH_BINS, sketchMap, type RankSketch } from '../top/rankSketch.js';

/**
 * SciPy interp1d(kind='quadratic') for fixed knots and query points, clamped (constant) outside
 * the first/last knot. The collocation system is factored once; each call then costs O(n + p):
 * a tridiagonal solve for the spline coefficients and three multiply-adds per query point. This
 * is the fast path for explaining many spectra (the dense basis costs n*p per map).
 */
export interface QuadraticInterpolator {
  /** Number of knots. */
  readonly n: number;
  /** Number of query points. */
  readonly p: number;
  /** Interpolant of `values` (one per knot, in the caller's knot order) at the query points. */
  interpolate(values: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * `interpolate` of values[offset .. offset + n) into `out` (length p), without argument checks:
   * the per-spectrum path for callers that hold many maps in one block and checked its shape.
   */
  interpolateFrom(values: ArrayLike<number>, offset: number, out: Float64Array): Float64Array;
  /**
   * `interpolateFrom` that also fills `sketch` (range, first maximum, histogram) for top
   * selection, in the same pass where it can. `sketch.ok` is false for a map with a non-finite
   * value or no range; callers then take their checked path.
   */
  interpolateRanked(values: ArrayLike<number>, offset: number, out: Float64Array, sketch: RankSketch): Float64Array;
  /** Dense basis, row-major [n, p]: row i = interpolant of the i-th unit vector. */
  basis(): Float64Array;
}

export function createQuadraticInterpolator(
  knots: ArrayLike<number>,
  query: ArrayLike<number>,
): QuadraticInterpolator {
  assertFiniteArray(knots, 'knots');
  assertFiniteArray(query, 'query');
  const n = knots.length;
  if (n < 3) {
    // interp1d(kind='quadratic') needs order + 1 = 3 points.
    throw new RangeError(`'knots' must hold at least 3 values for a quadratic spline, got ${n}`);
  }
  const p = query.length;

  // interp1d sorts its x; keep the caller's order for values and basis rows.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => knots[a]! - knots[b]!);
  const sites = Float64Array.from(order, (i) => knots[i]!);
  for (let i = 1; i < n; i++) {
    if (!(sites[i]! > sites[i - 1]!)) {
      throw new RangeError(`'knots' must not repeat a value, got ${sites[i]} twice`);
    }
  }
  const t = quadraticKnotVector(sites);

  // Collocation matrix rows: site i touches B-splines i-1, i, i+1 (tridiagonal).
  const sub = new Float64Array(n);
  const diag = new Float64Array(n);
  const sup = new Float64Array(n);
  const w = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    const l = findQuadraticInterval(t, n, sites[i]!);
    quadraticBSplineValues(t, l, sites[i]!, w);
    for (let m = 0; m < 3; m++) {
      const col = l - 2 + m;
      const v = w[m]!;
      if (col === i - 1) sub[i] = v;
      else if (col === i) diag[i] = v;
      else if (col === i + 1) sup[i] = v;
      else if (Math.abs(v) > 1e-14) {
        throw new RangeError(`'knots' are too close together to build the spline (site ${i} = ${sites[i]})`);
      }
    }
  }
  const factors = factorTridiagonal(sub, diag, sup);

  // Per query point: first coefficient index and three weights. Clamping x into the knot range
  // gives the end values outside it, because the spline interpolates there.
  const first = new Int32Array(p);
  const weights = new Float64Array(3 * p);
  const lo = sites[0]!;
  const hi = sites[n - 1]!;
  for (let q = 0; q < p; q++) {
    const x = Math.min(Math.max(query[q]!, lo), hi);
    const l = findQuadraticInterval(t, n, x);
    quadraticBSplineValues(t, l, x, w);
    first[q] = l - 2;
    weights[3 * q] = w[0]!;
    weights[3 * q + 1] = w[1]!;
    weights[3 * q + 2] = w[2]!;
  }

  // Ascending queries read the coefficients in order: segment j (coefficients j..j+2) covers the
  // queries segments[j] .. segments[j+1]-1, which lets the ranked pass load each triple once.
  let ascending = true;
  for (let q = 1; q < p; q++) if (first[q]! < first[q - 1]!) ascending = false;
  let segments: Int32Array | undefined;
  if (ascending) {
    segments = new Int32Array(n - 1);
    for (let j = 0, q = 0; j < n - 1; j++) {
      while (q < p && first[q]! < j) q++;
      segments[j] = q;
    }
    segments[n - 2] = p;
  }
  return new QuadraticInterpolatorImpl(n, p, order, factors, first, weights, segments);
}

class QuadraticInterpolatorImpl implements QuadraticInterpolator {
  private readonly coefficients: Float64Array;

  constructor(
    readonly n: number,
    readonly p: number,
    private readonly order: number[],
    private readonly factors: TridiagonalFactors,
    private readonly first: Int32Array,
    private readonly weights: Float64Array,
    private readonly segments: Int32Array | undefined,
  ) {
    this.coefficients = new Float64Array(n);
  }

  interpolate(values: ArrayLike<number>, out: Float64Array = new Float64Array(this.p)): Float64Array {
    assertLength(values, this.n, 'values', 'one per knot');
    assertLength(out, this.p, 'out', 'one per query point');
    return this.interpolateFrom(values, 0, out);
  }

  interpolateFrom(values: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
    const c = this.solveFrom(values, offset);
    const first = this.first;
    const weights = this.weights;
    const p = this.p;
    for (let q = 0, w = 0; q < p; q++, w += 3) {
      const k = first[q]!;
      out[q] = weights[w]! * c[k]! + weights[w + 1]! * c[k + 1]! + weights[w + 2]! * c[k + 2]!;
    }
    return out;
  }

  /** Spline coefficients of values[offset .. offset + n), in the reused coefficient buffer. */
  private solveFrom(values: ArrayLike<number>, offset: number): Float64Array {
    const c = this.coefficients;
    const order = this.order;
    for (let i = 0; i < this.n; i++) c[i] = values[offset + order[i]!]!;
    solveTridiagonal(this.factors, c);
    return c;
  }

  interpolateRanked(values: ArrayLike<number>, offset: number, out: Float64Array, sketch: RankSketch): Float64Array {
    const c = this.solveFrom(values, offset);
    const n = this.n;
    // Quadratic B-splines are non-negative and sum to one, so every value is a convex combination
    // of three coefficients: their range holds the map's, and bins over it can be counted before
    // the map's own range is known.
    let lo = Infinity;
    let hi = -Infinity;
    let finite = true;
    for (let i = 0; i < n; i++) {
      const v = c[i]!;
      if (v - v !== 0) finite = false;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const segments = this.segments;
    // Widened by a relative 1e-9 so that rounding in the combinations stays inside the bins.
    const pad = (hi - lo) * 1e-9;
    const scale = SKETCH_BINS / (hi - lo + 2 * pad);
    if (!segments || !finite || !(hi > lo) || !Number.isFinite(scale) || !Number.isFinite(hi - lo)) {
      this.interpolateFrom(values, offset, out);
      sketchMap(out, sketch);
      return out;
    }
    const base = lo - pad;
    const { counts, bins } = sketch;
    counts.fill(0);
    const weights = this.weights;
    let min = Infinity;
    let max = -Infinity;
    let peakIndex = 0;
    for (let j = 0; j < n - 2; j++) {
      const c0 = c[j]!;
      const c1 = c[j + 1]!;
      const c2 = c[j + 2]!;
      for (let q = segments[j]!, end = segments[j + 1]!; q < end; q++) {
        const w = 3 * q;
        const v = weights[w]! * c0 + weights[w + 1]! * c1 + weights[w + 2]! * c2;
        out[q] = v;
        if (v < min) min = v;
        if (v > max) {
          max = v;
          peakIndex = q;
        }
        // Truncation is monotone in the value, so a higher bin only holds larger values.
        const b = ((v - base) * scale) | 0;
        const bin = b < SKETCH_BINS ? (b > 0 ? b : 0) : SKETCH_BINS - 1;
        bins[q] = bin;
        counts[bin]!++;
      }
    }
    sketch.min = min;
    sketch.max = max;
    sketch.peakIndex = peakIndex;
    sketch.ok = max > min;
    return out;
  }

  basis(): Float64Array {
    const { n, p } = this;
    // Coefficients of every unit vector, one row per knot (caller's order): C[j] = A^-1 e_j.
    const coeff = new Float64Array(n * n);
    for (let s = 0; s < n; s++) {
      const row = this.order[s]!;
      coeff[row * n + s] = 1;
      solveTridiagonal(this.factors, coeff, row * n);
    }
    const out = new Float64Array(n * p);
    for (let j = 0; j < n; j++) this.evaluate(coeff, j * n, out, j * p);
    return out;
  }

  private evaluate(c: Float64Array, cOffset: number, out: Float64Array, outOffset: number): void {
    const { first, weights } = this;
    for (let q = 0; q < this.p; q++) {
      const k = cOffset + first[q]!;
      out[outOffset + q] = weights[3 * q]! * c[k]! + weights[3 * q + 1]! * c[k + 1]! + weights[3 * q + 2]! * c[k + 2]!;
    }
  }
}
