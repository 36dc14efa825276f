import { savitzkyGolayKernel } from './savitzkyGolayKernel.js';

export interface SavitzkyGolayMatch {
  window: number;
  order: number;
  derivative: number;
  /** The SG kernel zero-padded (centred) to the kernel's length. */
  coefficients: number[];
  /** |cosine similarity|: a learned filter may have either sign. */
  cosine: number;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/**
 * The Savitzky-Golay kernel (smoothing or derivative; any odd window up to the kernel length,
 * any order below the window) most similar to `kernel` by absolute cosine similarity. Shorter
 * windows sit centred in the kernel (an odd kernel length centres exactly).
 */
export function closestSavitzkyGolay(kernel: ArrayLike<number>, maxDerivative = 2): SavitzkyGolayMatch {
  const length = kernel.length;
  let best: SavitzkyGolayMatch | null = null;
  for (let window = 3; window <= length; window += 2) {
    const offset = Math.floor((length - window) / 2);
    for (let order = 0; order < window; order++) {
      for (let derivative = 0; derivative <= Math.min(order, maxDerivative); derivative++) {
        const sg = savitzkyGolayKernel(window, order, derivative);
        const padded = new Array<number>(length).fill(0);
        sg.forEach((v, i) => (padded[offset + i] = v));
        const c = Math.abs(cosine(kernel, padded));
        if (!best || c > best.cosine + 1e-12) best = { window, order, derivative, coefficients: padded, cosine: c };
      }
    }
  }
  if (!best) throw new RangeError(`closestSavitzkyGolay: a kernel of ${length} taps is shorter than the smallest window (3)`);
  return best;
}
