import type { PlsModel } from './plsRegression.js';
import { plsPredict, plsRotations } from './plsRegression.js';
import { rmse } from './rmse.js';

export interface LatentVariableScore {
  components: number;
  /** RMSE of the PLS regression of the training indicator matrix (all n x C entries). */
  rmsec: number;
  /** The same on the validation part. */
  rmsev: number;
}

/**
 * Highest number of latent variables worth trying: the study's 20, fewer for tiny data. LDA on A scores
 * pools its covariance over n - C degrees of freedom (C classes in the training part), so A stays at or
 * below n - C: beyond it the covariance is singular and the discriminant degenerates (Rock, 16 training
 * spectra of 4 classes: 15 latent variables, chosen by RMSEC + RMSEV, classified its own training part
 * at 0.50, as scikit-learn's LDA does on the same scores).
 */
export function maxLatentVariables(trainCount: number, variables: number, limit = 20, classes = 1): number {
  return Math.max(1, Math.min(limit, variables, trainCount - Math.max(1, classes)));
}

/**
 * Scores 2..max latent variables of a fitted model (its first `a` components are exactly an
 * `a`-component fit) and picks the lowest RMSEC + RMSEV, the smallest number on a tie.
 */
export function selectLatentVariables(
  model: PlsModel,
  train: { x: readonly ArrayLike<number>[]; y: readonly ArrayLike<number>[] },
  validation: { x: readonly ArrayLike<number>[]; y: readonly ArrayLike<number>[] },
  minimum = 2,
): { best: number; scores: LatentVariableScore[] } {
  const scores: LatentVariableScore[] = [];
  const low = Math.min(minimum, model.components);
  for (let a = low; a <= model.components; a++) {
    const rotations = plsRotations(model, a);
    const rmsec = rmse(plsPredict(model, train.x, a, rotations), train.y);
    const rmsev = validation.x.length === 0 ? 0 : rmse(plsPredict(model, validation.x, a, rotations), validation.y);
    scores.push({ components: a, rmsec, rmsev });
  }
  let best = scores[0]!;
  for (const s of scores) if (s.rmsec + s.rmsev < best.rmsec + best.rmsev) best = s;
  return { best: best.components, scores };
}
