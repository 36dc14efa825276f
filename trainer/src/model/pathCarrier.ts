import type { ModelGeometry, Preprocessing } from '@spectracam/format';
import { savitzkyGolayDerivative } from '../linear/derivativeOperator.js';
import { readableRawScale } from '../preprocess/rawUnitScale.js';
import type { RunRecord } from '../run/runRecord.js';

/**
 * What a derivative-reading linear path's carrier channels carry: per derivative variable j, class
 * c's share coef[j][c] (D (scale (z - centre)))_j, rather than the same logit folded back onto the
 * input. Folded, the derivative's coefficients multiply the baseline it removed, and the CAM of
 * the carriers peaks there instead of on the bands.
 */
export interface DerivativeCarrier {
  /** [p, C] row-major: the path's coefficients on D raw. */
  coef: Float32Array;
  /** D (scale (z - centre)) of a preprocessed spectrum z, scale 0 where no last-layer position reads (as the graph computes it). */
  derived(z: ArrayLike<number>, centre: ArrayLike<number>): Float64Array;
}

/** The carrier of a path fitted on the derivative with these coefficients, on this run's axis and preprocessing. */
export function derivativeCarrier(setting: { axis: ArrayLike<number>; preprocessing: Preprocessing; geometry: ModelGeometry }, coef: ArrayLike<number>): DerivativeCarrier {
  const p = setting.axis.length;
  const d = savitzkyGolayDerivative(setting.axis);
  if (!d) throw new RangeError(`a derivative path on an axis of ${p} variables, shorter than the derivative's window`);
  const scale = readableRawScale(setting.preprocessing, setting.geometry);
  return {
    coef: Float32Array.from(coef),
    derived: (z, centre) => d.apply(Float64Array.from({ length: p }, (_, j) => scale[j]! * (z[j]! - centre[j]!))),
  };
}

/** The carrier a run's path channels use: per derivative variable where run.json says so (newer runs), else undefined (folded onto the input). */
export function runPathCarrier(record: RunRecord): DerivativeCarrier | undefined {
  const path = record.model.linearReadout;
  if (!path || path.input !== 'derivative' || path.carriers !== 'derivative' || !path.derivativeCoef) return undefined;
  return derivativeCarrier({ axis: record.data.axis, preprocessing: record.preprocessing, geometry: record.model.geometry }, path.derivativeCoef);
}
