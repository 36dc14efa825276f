import { fitPlsLda } from './plsLda.js';
import { plsRotations } from './plsRegression.js';

/**
 * A linear classifier on the preprocessed spectrum: logit_c(x) = sum_j (x_j - centre_j) coef[j][c] + intercept[c].
 * Centred on the training mean: PLS-LDA's coefficients alternate in sign, and the float32 sums over
 * raw values cancel far more than over deviations from the mean.
 */
export interface LinearReadout {
  /** [p, C] row-major: coef[j * C + c]. */
  coef: Float32Array;
  centre: Float32Array;
  intercept: Float32Array;
  /** PLS latent variables behind it. */
  components: number;
}

/**
 * PLS-LDA (latent variables by the lowest RMSEC + RMSEV, as the study chooses them) fitted on the
 * preprocessed training part and written as one linear map of the spectrum: the LDA decision
 * scores, i.e. log posteriors up to a constant.
 */
export function fitLinearReadout(
  spectra: readonly ArrayLike<number>[],
  labels: Int32Array,
  classes: number,
  train: readonly number[],
  validation: readonly number[],
  /** Variables the network's last layer can see (coverage > 0); the others are held constant, so they get no weight. */
  reachable?: ArrayLike<number>,
): LinearReadout {
  if (validation.length === 0) throw new RangeError('the linear readout chooses its latent variables on the validation part, which is empty');
  const names = Array.from({ length: classes }, (_, c) => `c${String(c).padStart(6, '0')}`);
  const masked = (row: ArrayLike<number>) => (reachable ? Float64Array.from(row, (v, j) => (reachable[j]! > 0 ? v : 0)) : row);
  const part = (rows: readonly number[]) => ({ spectra: rows.map((i) => masked(spectra[i]!)), labels: rows.map((i) => names[labels[i]!]!) });
  const model = fitPlsLda(part(train), part(validation), names);
  const a = model.components;
  const rotations = plsRotations(model.pls, a);
  const p = model.pls.xMean.length;
  const coef = new Float32Array(p * classes);
  const intercept = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    const k = model.lda.classes.indexOf(names[c]!);
    if (k < 0) throw new RangeError(`the linear readout saw no training spectrum of class ${c + 1}`);
    // LDA on the scores (x - xMean) R: decision_c = (R w_c) . (x - xMean) + b_c.
    const w = model.lda.coef[k]!;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let t = 0; t < a; t++) s += rotations.get(j, t) * w[t]!;
      coef[j * classes + c] = s;
    }
    intercept[c] = model.lda.intercept[k]!;
  }
  return { coef, centre: Float32Array.from(model.pls.xMean), intercept, components: a };
}
