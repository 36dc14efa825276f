import { createCamInterpolator } from './camInterpolator.js';
import type { CamAlignment } from './camKnots.js';

/**
 * The fixed spline basis B [N3, p] of a model: quadraticSplineBasis(camKnots(...), 0..p-1).
 * Full map = coarse map . B; the exporter bakes it into the graph's optional `cam` output.
 */
export function camBasis(
  centres: ArrayLike<number>,
  inputLength: number,
  alignment: CamAlignment = 'receptive-field',
): Float64Array {
  return createCamInterpolator(centres, inputLength, alignment).basis();
}
