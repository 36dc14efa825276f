import { createQuadraticInterpolator } from './quadraticInterpolator.js';

/** One-shot SciPy interp1d(x=knots, y=values, kind='quadratic')(query), clamped outside the knots. */
export function quadraticInterpolate(
  knots: ArrayLike<number>,
  values: ArrayLike<number>,
  query: ArrayLike<number>,
): Float64Array {
  return createQuadraticInterpolator(knots, query).interpolate(values);
}
