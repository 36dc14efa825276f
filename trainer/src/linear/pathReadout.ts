import type { Preprocessing } from '@spectracam/format';
import { fitLinearReadout, type LinearReadout } from './linearReadout.js';
import { savitzkyGolayDerivative } from './derivativeOperator.js';
import { reachableRawScale } from '../preprocess/rawUnitScale.js';

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

/** What the path is fitted on: one row per spectrum (the masked input, or the masked derivative of its raw units). */
export interface PathDesign {
  input: ReadoutInput;
  rows: readonly ArrayLike<number>[];
}

/**
 * The linear path's input for every spectrum. The derivative is linear in the network input z
 * (raw_j = scale_j z_j up to a constant, D linear), so a model fitted on D raw folds back into one
 * map of z (fitPathReadout). Shorter than the derivative's window: the network input it is.
 */
export function pathDesign(z: readonly ArrayLike<number>[], options: PathReadoutOptions): PathDesign {
  const derivative = options.input === 'derivative' ? savitzkyGolayDerivative(options.axis) : undefined;
  const reach = (j: number) => !options.reachable || options.reachable[j]! > 0;
  if (!derivative) return { input: 'input', rows: options.reachable ? z.map((row) => Float64Array.from(row, (v, j) => (reach(j) ? v : 0))) : z };
  const scale = pathScale(options);
  // The carriers take each derivative variable where it sits (pathCarrier): one no last-layer position reads gets no weight.
  return { input: 'derivative', rows: z.map((row) => derivative.apply(Float64Array.from(row, (v, j) => scale[j]! * v)).map((v, j) => (reach(j) ? v : 0))) };
}

/** The raw-unit scale of the spectrum the derivative reads, 0 where the last layer reads nothing. */
function pathScale(options: PathReadoutOptions): Float64Array {
  return reachableRawScale(options.preprocessing, options.reachable ?? new Float64Array(options.axis.length).fill(1));
}

/**
 * PLS-LDA with `components` latent variables as the network's linear path, fitted on `rows` of its
 * design (pathDesign). On the derivative, the model fitted on D raw is folded back into one map of
 * z, coef_z = scale * D^T coef, and the exported graph is unchanged.
 */
export function fitPathReadout(
  z: readonly ArrayLike<number>[],
  labels: Int32Array,
  classes: number,
  rows: readonly number[],
  components: number,
  options: PathReadoutOptions,
  design: PathDesign = pathDesign(z, options),
): PathReadout {
  const fitted = fitLinearReadout(design.rows, labels, classes, rows, components);
  if (design.input === 'input') return { ...fitted, input: 'input' };
  const derivative = savitzkyGolayDerivative(options.axis)!;
  const p = options.axis.length;
  const scale = pathScale(options);
  const reach = (j: number) => !options.reachable || options.reachable[j]! > 0;
  const coef = new Float32Array(p * classes);
  for (let c = 0; c < classes; c++) {
    const onRaw = derivative.transposeApply(Float64Array.from({ length: p }, (_, j) => fitted.coef[j * classes + c]!));
    for (let j = 0; j < p; j++) coef[j * classes + c] = scale[j]! * onRaw[j]!;
  }
  // Centred on the fitting rows' mean of z: the fitted model is centred on that of D raw, which D maps it to.
  const sum = new Float64Array(p);
  for (const i of rows) for (let j = 0; j < p; j++) sum[j]! += reach(j) ? z[i]![j]! : 0;
  const centre = Float32Array.from(sum, (v) => v / rows.length);
  return { coef, centre, intercept: fitted.intercept, components: fitted.components, input: 'derivative', derivativeCoef: fitted.coef };
}
