/**
 * Knot vector SciPy's make_interp_spline(x, y, k=2) uses when interp1d(kind='quadratic') calls
 * it: the data sites' midpoints without the first and last one (a not-a-knot analogue for even
 * degree), with the end sites repeated three times. Length n + 3 for n sorted sites, giving n
 * B-spline coefficients.
 */
export function quadraticKnotVector(sites: ArrayLike<number>): Float64Array {
  const n = sites.length;
  const t = new Float64Array(n + 3);
  t[0] = t[1] = t[2] = sites[0]!;
  for (let i = 0; i < n - 3; i++) t[3 + i] = (sites[i + 1]! + sites[i + 2]!) / 2;
  t[n] = t[n + 1] = t[n + 2] = sites[n - 1]!;
  return t;
}
