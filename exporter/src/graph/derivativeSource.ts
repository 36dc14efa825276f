import { READOUT_DERIVATIVE, readableRawScale, savitzkyGolayDerivative, type RunRecord } from '@spectracam/trainer';
import type { LinearPathSource } from './networkWeights.js';

/**
 * What the graph needs to write a derivative-reading linear path per derivative variable: the
 * fitted coefficients, the raw-unit factor (masked as the trainer masked it: variables no last-layer
 * position reads are left out) and the Savitzky-Golay derivative of the run's axis as a band of
 * per-position weights, D[i][i + k - half] (edge windows sit off-centre, so the band is wider than the window).
 */
export function derivativeSource(record: RunRecord, coef: Float32Array, classes: number): NonNullable<LinearPathSource['derivative']> {
  const axis = record.data.axis;
  const p = axis.length;
  if (coef.length !== p * classes) throw new RangeError(`run.json: model.linearReadout.derivativeCoef has ${coef.length} values, expected ${p} x ${classes}`);
  const derivative = savitzkyGolayDerivative(axis);
  if (!derivative) throw new RangeError(`run.json: model.linearReadout reads a derivative, but the axis of ${p} variables is shorter than its window`);
  const scale = Float32Array.from(readableRawScale(record.preprocessing, record.model.geometry));
  // D is banded (a window's fit reaches at most window - 1 variables away), so impulses further apart
  // than twice that do not overlap: one pass per offset of a comb instead of one per variable.
  const reachOf = READOUT_DERIVATIVE.windowSize - 1;
  const spacing = 2 * reachOf + 1;
  const entries: { i: number; j: number; v: number }[] = [];
  const comb = new Float64Array(p);
  let half = 0;
  for (let start = 0; start < spacing; start++) {
    comb.fill(0);
    for (let j = start; j < p; j += spacing) comb[j] = 1;
    derivative.apply(comb).forEach((v, i) => {
      if (v === 0) return;
      const j = start + Math.round((i - start) / spacing) * spacing;
      if (j < 0 || j >= p || Math.abs(j - i) > reachOf) throw new RangeError(`derivative: variable ${i} is further than ${reachOf} from the impulse at ${j}`);
      entries.push({ i, j, v });
      half = Math.max(half, Math.abs(j - i));
    });
  }
  const rows = new Float32Array((2 * half + 1) * p);
  for (const { i, j, v } of entries) rows[(j - i + half) * p + i] = v;
  return { coef, scale, rows, half };
}
