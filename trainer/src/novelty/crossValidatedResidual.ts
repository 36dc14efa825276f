import { crossValidationFolds, type Dataset } from '@spectracam/data';
import { fitInputResidual, inputResidualScores, type InputResidual } from './inputResidual.js';

/**
 * The training part's Q residuals out of fold: each spectrum's from a subspace fitted without its fold
 * (its group's, when the data have groups), in the subspace's units (binned as it is). In-sample Q
 * of the training part is small by construction; out of fold, it is what a new batch of the same
 * classes scores, and it adds the training part's many groups to the few of the validation part.
 */
export interface HeldOutResidual {
  /** In the training part's order. */
  scores: Float64Array;
  folds: number;
  unit: 'group' | 'spectrum';
}

/**
 * A preprocessing fitted on the training part (min-max per variable) refitted without each fold: the
 * raw training spectra, and the fit that gives the transform of spectra. Without it the folds read the
 * preprocessed spectra as they are, and a fold's spectra lie inside ranges they helped set.
 */
export interface ResidualRefit {
  raw: readonly ArrayLike<number>[];
  preprocess: (fitOn: readonly ArrayLike<number>[]) => (spectra: readonly ArrayLike<number>[]) => readonly ArrayLike<number>[];
}

/**
 * `folds`: positions in `spectra` (the preprocessed training part), each exactly once. Undefined
 * where a fold leaves fewer than 2 spectra to fit on (no subspace to hold out against).
 */
export function crossValidatedResidual(
  spectra: readonly ArrayLike<number>[],
  model: InputResidual,
  folds: readonly (readonly number[])[],
  unit: HeldOutResidual['unit'],
  refit?: ResidualRefit,
): HeldOutResidual | undefined {
  const fold = new Int32Array(spectra.length).fill(-1);
  folds.forEach((rows, f) => rows.forEach((i) => (fold[i] = f)));
  const dealt = folds.reduce((n, rows) => n + rows.length, 0);
  if (folds.length < 2 || fold.some((f) => f < 0) || dealt !== spectra.length) throw new RangeError(`crossValidatedResidual: ${folds.length} folds must hold each of the ${spectra.length} training spectra once (${dealt} dealt)`);
  if (folds.some((rows) => spectra.length - rows.length < 2)) return undefined;
  const scores = new Float64Array(spectra.length);
  const binned = model.binning !== undefined;
  if (refit && refit.raw.length !== spectra.length) throw new RangeError(`crossValidatedResidual: ${refit.raw.length} raw spectra for ${spectra.length} preprocessed ones`);
  for (let f = 0; f < folds.length; f++) {
    const held = folds[f]!;
    const rest = spectra.map((_, i) => i).filter((i) => fold[i] !== f);
    const transform = refit?.preprocess(rest.map((i) => refit.raw[i]!));
    const input = (rows: readonly number[]) => (transform ? transform(rows.map((i) => refit!.raw[i]!)) : rows.map((i) => spectra[i]!));
    const fitted = fitInputResidual(input(rest), binned ? { binning: model.binning, binned } : { binned });
    inputResidualScores(fitted, input(held)).forEach((q, k) => (scores[held[k]!] = q));
  }
  return { scores, folds: folds.length, unit };
}

/** Folds of the training part for its Q out of fold, as the linear path's cross-validation deals them. */
export const RESIDUAL_FOLDS = 10;

/**
 * Up to RESIDUAL_FOLDS folds of `rows` (the training part's row indices) by group where the data set
 * has groups, as positions in `rows`. Undefined with fewer than 2 groups (or spectra) to deal, or
 * where leaving a fold out leaves a class out: its spectra would then score as a class never seen,
 * which is what the score is for, not what a new batch of known classes scores.
 */
export function residualFolds(dataset: Dataset, rows: readonly number[], seed: number): { folds: number[][]; unit: HeldOutResidual['unit'] } | undefined {
  const units = dataset.groups ? new Set(rows.map((i) => dataset.groups![i]!)).size : rows.length;
  if (units < 2) return undefined;
  const { folds, unit } = crossValidationFolds(dataset, rows, RESIDUAL_FOLDS, seed);
  const classes = new Set(rows.map((i) => dataset.labels[i]!)).size;
  const kept = (fold: readonly number[]) => {
    const out = new Set(fold);
    return new Set(rows.filter((i) => !out.has(i)).map((i) => dataset.labels[i]!)).size;
  };
  if (folds.some((fold) => kept(fold) < classes)) return undefined;
  const position = new Map(rows.map((row, k) => [row, k]));
  return { folds: folds.map((fold) => fold.map((row) => position.get(row)!)), unit };
}
