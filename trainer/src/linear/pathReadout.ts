import type { Preprocessing } from '@spectracam/format';
import { fitLinearReadout, type LinearReadout } from './linearReadout.js';
import { savitzkyGolayDerivative } from './derivativeOperator.js';
import { rawUnitScale } from '../preprocess/rawUnitScale.js';

/**
 * What the linear path reads: the network input as it is (after the preprocessing), or the
 * Savitzky-Golay first derivative of the spectrum (in the data's units), the study's input to
 * PLS-LDA on Raman spectra.
 */
export type ReadoutInput = 'input' | 'derivative';

export interface PathReadout extends LinearReadout {
  input: ReadoutInput;
  /**
   * On the derivative: the fitted coefficients on D raw, [p, C] row-major, before folding. The logit is
   * also sum_j derivativeCoef[j][c] (D (scale (z - centre)))_j, which explanations read per variable.
   */
  derivativeCoef?: Float32Array;
}

export interface PathReadoutOptions {
  input: ReadoutInput;
  preprocessing: Preprocessing;
  axis: ArrayLike<number>;
  /** Variables the network's last layer can see; the others get no weight. */
  reachable?: ArrayLike<number>;
}

/**
 * PLS-LDA as the network's linear path on the chosen input. The derivative is linear in the
 * network input z (raw_j = scale_j z_j up to a constant, D linear), so a model fitted on D raw is
 * folded back into one map of z, coef_z = scale * D^T coef, and the exported graph is unchanged.
 */
export function fitPathReadout(
  z: readonly ArrayLike<number>[],
  labels: Int32Array,
  classes: number,
  train: readonly number[],
  validation: readonly number[],
  options: PathReadoutOptions,
): PathReadout {
  const derivative = options.input === 'derivative' ? savitzkyGolayDerivative(options.axis) : undefined;
  // Shorter than the derivative's window: the network input it is.
  if (!derivative) return { ...fitLinearReadout(z, labels, classes, train, validation, options.reachable), input: 'input' };
  const p = options.axis.length;
  const given = rawUnitScale(options.preprocessing);
  const scale = typeof given === 'number' ? new Float64Array(p).fill(given) : given;
  const reach = (j: number) => !options.reachable || options.reachable[j]! > 0;
  const raw = z.map((row) => Float64Array.from(row, (v, j) => (reach(j) ? scale[j]! * v : 0)));
  // The carriers take each derivative variable where it sits (pathCarrier): one no last-layer position reads gets no weight.
  const derived = raw.map((r) => derivative.apply(r).map((v, j) => (reach(j) ? v : 0)));
  const fitted = fitLinearReadout(derived, labels, classes, train, validation);
  const coef = new Float32Array(p * classes);
  for (let c = 0; c < classes; c++) {
    const onRaw = derivative.transposeApply(Float64Array.from({ length: p }, (_, j) => fitted.coef[j * classes + c]!));
    for (let j = 0; j < p; j++) coef[j * classes + c] = reach(j) ? scale[j]! * onRaw[j]! : 0;
  }
  // Centred on the training mean of z: the fitted model is centred on that of D raw, which D maps it to.
  const sum = new Float64Array(p);
  for (const i of train) for (let j = 0; j < p; j++) sum[j]! += reach(j) ? z[i]![j]! : 0;
  const centre = Float32Array.from(sum, (v) => v / train.length);
  return { coef, centre, intercept: fitted.intercept, components: fitted.components, input: 'derivative', derivativeCoef: fitted.coef };
}
