import { plsFit, plsPredict, plsRotations, plsTransform } from './plsRegression.js';
import { ldaFit, ldaPredict } from './ldaSvd.js';
import { indicatorMatrix } from './indicatorMatrix.js';
import { maxLatentVariables } from './selectLatentVariables.js';
import { classLabel } from './linearReadout.js';

/** Cross-validated PLS-LDA of one candidate input with a number of latent variables. */
export interface PathScore {
  candidate: number;
  components: number;
  /** Share of the rows classified correctly when their fold was held out. */
  accuracy: number;
  /** Root mean squared error of the held-out class indicator predictions (the tie-break). */
  rmsecv: number;
}

export interface PathSelection {
  candidate: number;
  components: number;
  accuracy: number;
  /** Every candidate's best number of latent variables, with its scores (candidate order). */
  best: PathScore[];
}

/**
 * Chooses the linear path's input and latent variables by cross-validation on the training data:
 * for each candidate (the same rows under each preprocessing the network may read), PLS-LDA with
 * 2..A latent variables is fitted on all folds but one and scored on the held-out one. Highest
 * held-out accuracy wins; ties go to the lower RMSECV, then to the earlier candidate and fewer
 * latent variables. A is the study's 20 at most, and at most n - C of the smallest fold's training
 * rows, so that every number tried is scored on every fold.
 * On a handful of validation spectra (Rock: 4) RMSEC + RMSEV chose by noise (docs/measurements.md).
 */
export function selectPathByCrossValidation(
  candidates: readonly (readonly ArrayLike<number>[])[],
  labels: Int32Array,
  classes: number,
  folds: readonly (readonly number[])[],
  limit = 20,
): PathSelection {
  if (candidates.length === 0) throw new RangeError('selectPathByCrossValidation: no candidate inputs');
  if (folds.length < 2) throw new RangeError(`selectPathByCrossValidation: ${folds.length} fold; cross-validation needs at least 2`);
  const rows = folds.flat();
  const names = Array.from({ length: classes }, (_, c) => classLabel(c));
  const label = (i: number) => names[labels[i]!]!;
  const p = candidates[0]![rows[0]!]!.length;
  const fitRows = folds.map((held) => {
    const out = new Set(held);
    return rows.filter((i) => !out.has(i));
  });
  const cap = Math.min(...fitRows.map((r) => maxLatentVariables(r.length, p, limit, new Set(r.map(label)).size)));
  const low = Math.min(2, cap);
  const best: PathScore[] = candidates.map((design, candidate) => {
    const correct = new Float64Array(cap + 1);
    const press = new Float64Array(cap + 1);
    let fitted = cap;
    folds.forEach((held, f) => {
      const x = fitRows[f]!.map((i) => design[i]!);
      const y = fitRows[f]!.map(label);
      const pls = plsFit(x, indicatorMatrix(y, names), cap);
      fitted = Math.min(fitted, pls.components);
      const heldX = held.map((i) => design[i]!);
      const truth = indicatorMatrix(held.map(label), names);
      for (let a = low; a <= pls.components; a++) {
        const rotations = plsRotations(pls, a);
        const lda = ldaFit(plsTransform(pls, x, a, rotations), y);
        ldaPredict(lda, plsTransform(pls, heldX, a, rotations)).forEach((predicted, k) => (correct[a]! += predicted === label(held[k]!) ? 1 : 0));
        plsPredict(pls, heldX, a, rotations).forEach((row, k) => row.forEach((v, c) => (press[a]! += (v - truth[k]![c]!) ** 2)));
      }
    });
    let top = low;
    for (let a = low + 1; a <= fitted; a++) if (correct[a]! > correct[top]! || (correct[a] === correct[top] && press[a]! < press[top]!)) top = a;
    return { candidate, components: top, accuracy: correct[top]! / rows.length, rmsecv: Math.sqrt(press[top]! / (rows.length * classes)) };
  });
  let winner = best[0]!;
  for (const s of best) if (s.accuracy > winner.accuracy || (s.accuracy === winner.accuracy && s.rmsecv < winner.rmsecv)) winner = s;
  return { candidate: winner.candidate, components: winner.components, accuracy: winner.accuracy, best };
}
