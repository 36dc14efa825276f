import { Matrix, solve } from 'ml-matrix';

/**
 * Savitzky-Golay convolution coefficients for the centre of a window of `window` points
 * (odd), polynomial `order`, derivative `derivative` (unit spacing), in correlation order
 * (coefficient k multiplies x[i + k - half]) as a Conv1D kernel applies them.
 */
export function savitzkyGolayKernel(window: number, order: number, derivative = 0): Float64Array {
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0) throw new RangeError(`Savitzky-Golay window must be odd and positive, got ${window}`);
  if (!Number.isInteger(order) || order < 0 || order >= window) throw new RangeError(`Savitzky-Golay order must be in 0..${window - 1}, got ${order}`);
  if (!Number.isInteger(derivative) || derivative < 0 || derivative > order) throw new RangeError(`Savitzky-Golay derivative must be in 0..${order}, got ${derivative}`);
  const half = (window - 1) / 2;
  // Least squares: coefficients = row `derivative` of (A'A)^-1 A', times derivative!, A_kj = (k - half)^j.
  const a = new Matrix(Array.from({ length: window }, (_, k) => Array.from({ length: order + 1 }, (_, j) => (k - half) ** j)));
  const pinv = solve(a.transpose().mmul(a), a.transpose());
  let factorial = 1;
  for (let i = 2; i <= derivative; i++) factorial *= i;
  return Float64Array.from(pinv.getRow(derivative), (v) => v * factorial);
}
