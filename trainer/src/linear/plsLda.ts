import type { PlsModel } from './plsRegression.js';
import { plsFit, plsRotations, plsTransform } from './plsRegression.js';
import type { LdaModel } from './ldaSvd.js';
import { ldaFit, ldaPredict } from './ldaSvd.js';
import { indicatorMatrix } from './indicatorMatrix.js';
import { plsVip } from './plsVip.js';
import type { LatentVariableScore } from './selectLatentVariables.js';
import { maxLatentVariables, selectLatentVariables } from './selectLatentVariables.js';

export interface PlsLdaOptions {
  /** Latent variables tried: `minComponents`..`maxComponents` (study: 2..20). */
  minComponents?: number;
  /** @default 20 */
  maxComponents?: number;
}

export interface LabelledSpectra {
  spectra: readonly ArrayLike<number>[];
  labels: readonly string[];
}

/** PLS on the class indicator, LDA on the PLS scores, with the chosen number of latent variables. */
export interface PlsLdaModel {
  classes: string[];
  components: number;
  pls: PlsModel;
  lda: LdaModel;
  /** RMSEC and RMSEV of every number of latent variables tried. */
  scores: LatentVariableScore[];
  /** VIP per variable with the chosen components. */
  vip: Float64Array;
}

/**
 * Fits PLS-LDA the study's way: PLS2 (X centred, not scaled) on the training part, latent
 * variables chosen by the lowest RMSEC + RMSEV, then LDA on the training scores.
 */
export function fitPlsLda(train: LabelledSpectra, validation: LabelledSpectra, classes: readonly string[], options: PlsLdaOptions = {}): PlsLdaModel {
  const { minComponents = 2, maxComponents = 20 } = options;
  if (train.spectra.length === 0) throw new RangeError('PLS-LDA: the training part is empty');
  if (validation.spectra.length === 0) throw new RangeError('PLS-LDA: the validation part is empty; latent variables are chosen by RMSEC + RMSEV');
  const p = train.spectra[0]!.length;
  const yTrain = indicatorMatrix(train.labels, classes);
  const yValidation = indicatorMatrix(validation.labels, classes);
  const pls = plsFit(train.spectra, yTrain, maxLatentVariables(train.spectra.length, p, maxComponents, new Set(train.labels).size));
  const { best, scores } = selectLatentVariables(pls, { x: train.spectra, y: yTrain }, { x: validation.spectra, y: yValidation }, minComponents);
  const lda = ldaFit(plsTransform(pls, train.spectra, best), train.labels);
  return { classes: [...classes], components: best, pls, lda, scores, vip: plsVip(pls, best) };
}

/** Predicted class of each spectrum. */
export function predictPlsLda(model: PlsLdaModel, spectra: readonly ArrayLike<number>[]): string[] {
  if (spectra.length === 0) return [];
  return ldaPredict(model.lda, plsTransform(model.pls, spectra, model.components, plsRotations(model.pls, model.components)));
}
