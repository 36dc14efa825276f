import { assertFiniteArray, assertLength } from '../util/checks.js';
import { quadraticKnotVector } from './quadraticKnotVector.js';
import { findQuadraticInterval, quadraticBSplineValues } from './quadraticBSplineValues.js';
import { createSolveRange, factorTridiagonal, solveTridiagonal, solveTridiagonalInto, type SolveRange, type TridiagonalFactors } from './tridiagonal.js';
import { bracketFromSamples, bracketHolds, scanMap, widenScan, type TopScan } from '../top/topScan.js';

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
   * `interpolateFrom` that also fills `scan` (range, first maximum, the bracket of the top k) for
   * top selection, in the same pass where it can. `scan.ok` is false for a map with a non-finite
   * value or no range; callers then take their checked path. With `complete` false only the values
   * the scan lists are computed (the rest of `out` is unspecified): enough for the top k, the
   * peak and the range, in a fraction of the time.
   */
  interpolateScanned(values: ArrayLike<number>, offset: number, out: Float64Array, k: number, scan: TopScan, complete?: boolean): Float64Array;
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
  const sorted = order.every((v, i) => v === i);
  return new QuadraticInterpolatorImpl(n, p, sorted ? undefined : order, factors, first, weights, segments);
}

class QuadraticInterpolatorImpl implements QuadraticInterpolator {
  private readonly coefficients: Float64Array;
  private readonly stats = createSolveRange();
  /** The values in knot order, when the caller's knots are not ascending. */
  private sorted: Float64Array | undefined;

  constructor(
    readonly n: number,
    readonly p: number,
    /** Knot order when the caller's knots are not ascending; undefined when they are. */
    private readonly order: number[] | undefined,
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
  private solveFrom(values: ArrayLike<number>, offset: number, range?: SolveRange): Float64Array {
    const order = this.order;
    if (order) {
      // Knots given out of order: the values in knot order first, so that the solve (and the
      // samples it records) see them as the spline does.
      const sorted = (this.sorted ??= new Float64Array(this.n));
      for (let i = 0; i < this.n; i++) sorted[i] = values[offset + order[i]!]!;
      solveTridiagonalInto(this.factors, sorted, 0, this.coefficients, 0, range);
    } else {
      solveTridiagonalInto(this.factors, values, offset, this.coefficients, 0, range);
    }
    return this.coefficients;
  }

  interpolateScanned(values: ArrayLike<number>, offset: number, out: Float64Array, k: number, scan: TopScan, complete = true): Float64Array {
    const { n, stats, segments } = this;
    // The solve also records the knot values' range (every second one, in knot order) and the
    // coefficients' magnitude, which is not finite when a coefficient is not.
    const c = this.solveFrom(values, offset, stats);
    if (!segments || !(stats.magnitude < Infinity)) {
      this.evaluate(c, 0, out, 0);
      scanMap(out, scan);
      return out;
    }
    // The spline passes through the knot values, so they sample the map's distribution; every
    // second one is enough to place the bracket.
    const samples = this.order ? this.sorted! : values;
    bracketFromSamples(samples, this.order ? 0 : offset, n, 2, stats.sampleLo, stats.sampleHi, k, scan);
    // Rounding in a three-term combination moves it by at most a few ulps of the largest
    // coefficient, so the coefficient bounds are widened by that much.
    const slack = complete ? Infinity : 8 * Number.EPSILON * stats.magnitude;
    this.scanSegments(c, segments, out, scan, slack, stats.leastSample);
    // The spline can leave the samples' bracket between knots; then every value is a candidate,
    // and a pruned pass must fill in the values it skipped.
    if (!bracketHolds(scan, k)) {
      if (!complete) this.scanSegments(c, segments, out, scan, Infinity, stats.leastSample);
      widenScan(scan);
    }
    return out;
  }

  /**
   * The scan's pass over the values that can matter: each value of segment j is a convex
   * combination of c[j..j+2] (quadratic B-splines are non-negative and sum to one), so a segment
   * whose largest coefficient is at or below the floor holds no candidate, and one whose smallest
   * coefficient is at or above the least value found so far cannot hold the minimum. On trained
   * maps this evaluates about a fifth of the values; `out` is left unspecified elsewhere. The
   * coefficient bounds are widened by `slack`; an infinite slack evaluates (and fills) every value.
   */
  private scanSegments(c: Float64Array, segments: Int32Array, out: Float64Array, scan: TopScan, slack: number, start: number): void {
    const { floor, ceiling, indices } = scan;
    const reach = floor - slack;
    const weights = this.weights;
    const last = this.n - 2;
    // Start the minimum's search in a segment next to the least sampled knot value (one with
    // values), so that few others have a lower bound under it. Any start gives the same minimum.
    let lowest = Math.min(Math.max(start - 1, 0), last - 1);
    while (lowest > 0 && segments[lowest + 1]! === segments[lowest]!) lowest--;
    while (lowest < last - 1 && segments[lowest + 1]! === segments[lowest]!) lowest++;
    let min = Infinity;
    for (let q = segments[lowest]!, end = segments[lowest + 1]!; q < end; q++) {
      const w = 3 * q;
      const v = weights[w]! * c[lowest]! + weights[w + 1]! * c[lowest + 1]! + weights[w + 2]! * c[lowest + 2]!;
      if (v < min) min = v;
    }
    let max = -Infinity;
    let peakIndex = 0;
    let count = 0;
    let above = 0;
    // The coefficients and segment bounds roll along: one load of each per segment.
    let c0 = c[0]!;
    let c1 = c[1]!;
    let begin = segments[0]!;
    for (let j = 0; j < last; j++) {
      const c2 = c[j + 2]!;
      const end = segments[j + 1]!;
      if (c0 > reach || c1 > reach || c2 > reach) {
        for (let q = begin; q < end; q++) {
          const w = 3 * q;
          const v = weights[w]! * c0 + weights[w + 1]! * c1 + weights[w + 2]! * c2;
          out[q] = v;
          if (v < min) min = v;
          if (v > max) {
            max = v;
            peakIndex = q;
          }
          if (v > floor) {
            indices[count++] = q;
            if (v > ceiling) above++;
          }
        }
      } else if (c0 < min + slack || c1 < min + slack || c2 < min + slack) {
        for (let q = begin; q < end; q++) {
          const w = 3 * q;
          const v = weights[w]! * c0 + weights[w + 1]! * c1 + weights[w + 2]! * c2;
          if (v < min) min = v;
        }
      }
      c0 = c1;
      c1 = c2;
      begin = end;
    }
    this.finishScan(scan, min, max, peakIndex, count, above);
  }

  private finishScan(scan: TopScan, min: number, max: number, peakIndex: number, count: number, above: number): void {
    scan.min = min;
    scan.max = max;
    scan.peakIndex = peakIndex;
    scan.count = count;
    scan.above = above;
    scan.ok = max > min && Number.isFinite(max - min);
  }

  basis(): Float64Array {
    const { n, p } = this;
    // Coefficients of every unit vector, one row per knot (caller's order): C[j] = A^-1 e_j.
    const coeff = new Float64Array(n * n);
    for (let s = 0; s < n; s++) {
      const row = this.order ? this.order[s]! : s;
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

