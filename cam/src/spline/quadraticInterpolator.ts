import { assertFiniteArray, assertLength } from '../util/checks.js';
import { quadraticKnotVector } from './quadraticKnotVector.js';
import { findQuadraticInterval, quadraticBSplineValues } from './quadraticBSplineValues.js';
import { factorTridiagonal, solveTridiagonal, type TridiagonalFactors } from './tridiagonal.js';

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
   * With `range` (length >= 3) it also writes the output's minimum, maximum and 1 if any output
   * value is NaN or infinite (else 0), found in the same pass.
   */
  interpolateFrom(values: ArrayLike<number>, offset: number, out: Float64Array, range?: Float64Array): Float64Array;
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

  return new QuadraticInterpolatorImpl(n, p, order, factors, first, weights);
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
  ) {
    this.coefficients = new Float64Array(n);
  }

  interpolate(values: ArrayLike<number>, out: Float64Array = new Float64Array(this.p)): Float64Array {
    assertLength(values, this.n, 'values', 'one per knot');
    assertLength(out, this.p, 'out', 'one per query point');
    return this.interpolateFrom(values, 0, out);
  }

  interpolateFrom(values: ArrayLike<number>, offset: number, out: Float64Array, range?: Float64Array): Float64Array {
    const c = this.coefficients;
    const order = this.order;
    const n = this.n;
    for (let i = 0; i < n; i++) c[i] = values[offset + order[i]!]!;
    solveTridiagonal(this.factors, c);
    const first = this.first;
    const weights = this.weights;
    const p = this.p;
    if (!range) {
      for (let q = 0, w = 0; q < p; q++, w += 3) {
        const k = first[q]!;
        out[q] = weights[w]! * c[k]! + weights[w + 1]! * c[k + 1]! + weights[w + 2]! * c[k + 2]!;
      }
      return out;
    }
    let min = Infinity;
    let max = -Infinity;
    let bad = 0;
    for (let q = 0, w = 0; q < p; q++, w += 3) {
      const k = first[q]!;
      const v = weights[w]! * c[k]! + weights[w + 1]! * c[k + 1]! + weights[w + 2]! * c[k + 2]!;
      out[q] = v;
      if (v - v !== 0) bad = 1;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    range[0] = min;
    range[1] = max;
    range[2] = bad;
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
