import { createQuadraticInterpolator } from './quadraticInterpolator.js';

/**
 * The quadratic interpolation as a matrix, row-major [knots.length, query.length]: row i is the
 * interpolant of the i-th unit vector, the same curve as SciPy interp1d(kind='quadratic'),
 * clamped (constant) outside the first/last knot. A map sampled at the knots becomes
 * `values . B`. The rows are dense (the spline solve spreads every value) but decay fast.
 */
export function quadraticSplineBasis(knots: ArrayLike<number>, query: ArrayLike<number>): Float64Array {
  return createQuadraticInterpolator(knots, query).basis();
}
