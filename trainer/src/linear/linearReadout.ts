import { plsFit, plsRotations, plsTransform } from './plsRegression.js';
import { ldaFit } from './ldaSvd.js';
import { indicatorMatrix } from './indicatorMatrix.js';
import { maxLatentVariables } from './selectLatentVariables.js';

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

/** Class index c as the label PLS-LDA's parts read (sorted as the indices are). */
export const classLabel = (c: number) => `c${String(c).padStart(6, '0')}`;

/**
 * PLS-LDA with `components` latent variables (fewer where the rows allow fewer) fitted on `rows` of
 * the spectra and written as one linear map of the spectrum: the LDA decision scores, i.e. log
 * posteriors up to a constant. Choosing the latent variables is the caller's (pathSelection).
 */
export function fitLinearReadout(
  spectra: readonly ArrayLike<number>[],
  labels: Int32Array,
  classes: number,
  rows: readonly number[],
  components: number,
  /** Variables the network's last layer can see (coverage > 0); the others are held constant, so they get no weight. */
  reachable?: ArrayLike<number>,
): LinearReadout {
  if (rows.length < 2) throw new RangeError(`the linear readout needs at least 2 training spectra, got ${rows.length}`);
  const names = Array.from({ length: classes }, (_, c) => classLabel(c));
  const masked = (row: ArrayLike<number>) => (reachable ? Float64Array.from(row, (v, j) => (reachable[j]! > 0 ? v : 0)) : row);
  const x = rows.map((i) => masked(spectra[i]!));
  const y = rows.map((i) => names[labels[i]!]!);
  const p = x[0]!.length;
  const pls = plsFit(x, indicatorMatrix(y, names), Math.min(components, maxLatentVariables(rows.length, p, components, new Set(y).size)));
  const a = pls.components;
  const rotations = plsRotations(pls, a);
  const lda = ldaFit(plsTransform(pls, x, a, rotations), y);
  const coef = new Float32Array(p * classes);
  const intercept = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    const k = lda.classes.indexOf(names[c]!);
    if (k < 0) throw new RangeError(`the linear readout saw no training spectrum of class ${c + 1}`);
    // LDA on the scores (x - xMean) R: decision_c = (R w_c) . (x - xMean) + b_c.
    const w = lda.coef[k]!;
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let t = 0; t < a; t++) s += rotations.get(j, t) * w[t]!;
      coef[j * classes + c] = s;
    }
    intercept[c] = lda.intercept[k]!;
  }
  return { coef, centre: Float32Array.from(pls.xMean), intercept, components: a };
}
