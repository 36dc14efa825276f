import type { NoveltyMeta } from '@spectracam/format';
import type { FeatureBlock, InputResidual, ResidualFeatures, RunFeatures } from '@spectracam/trainer';
import { ledoitWolf } from './ledoitWolf.js';
import { nearestClassMean, nearestSquaredDistance, whitening } from './whitening.js';
import { FEATURE_SKILL_P, featureSkill } from './featureSkill.js';
import { empiricalQuantile, gammaByMoments, gammaQuantile } from './scoreQuantile.js';

/** The default share of in-distribution held-out spectra below the threshold. */
export const DEFAULT_NOVELTY_QUANTILE = 0.99;

/** The fitted unknown-sample score: what the graph needs, and what the metadata says. */
export interface NoveltyFit {
  channels: number;
  /** Class means of the training part's features (a path's carriers as 0), [C x K] row-major. */
  means: Float64Array;
  /**
   * W, [K x K] row-major upper triangular: W W^T is the precision matrix of the features; with a linear
   * path, its carriers' rows are 0 (see withoutPath), so the graph's features . W are the fitted ones whitened.
   */
  whitening: Float64Array;
  /** means . W, [C x K]. */
  whitenedMeans: Float64Array;
  /**
   * The Q residual half, when the run has its input subspace: mean [p'], basis [A x p'] (p' = p, or
   * floor(p / width) bins with `binning`), and what each half is divided by. Without `scale.mahalanobis`
   * the score is the residual alone (the features did not separate the classes held out).
   */
  residual?: InputResidual & { scale: { mahalanobis?: number; residual: number } };
  meta: NoveltyMeta;
  /** The score of every spectrum of each part (float64, as the threshold was set on). */
  scores: { train: Float64Array; validation: Float64Array; test: Float64Array };
}

/**
 * The `quantile` of held-out in-distribution scores: empirical (numpy's linear) from
 * 1 / (1 - quantile) scores on, else the quantile of a gamma fitted to them by moments (the
 * empirical one of fewer is little more than their maximum). Scores must be positive for the fit.
 */
export function noveltyThreshold(held: ArrayLike<number>, quantile: number): { threshold: number; gamma?: { shape: number; scale: number } } {
  if (held.length >= Math.ceil(1 / (1 - quantile) - 1e-9)) return { threshold: empiricalQuantile(held, quantile) };
  const gamma = gammaByMoments(held);
  return { threshold: gammaQuantile(quantile, gamma.shape, gamma.scale), gamma };
}

/**
 * Fits the Mahalanobis score of Lee et al. (2018) on a run's GAP features: class means and the
 * pooled within-class covariance of the training part, shrunk toward mu I by Ledoit-Wolf (K
 * features from a few dozen spectra have no stable inverse otherwise), and the threshold: the
 * `quantile` of the scores of the validation part (held out from the fit and from the weights'
 * gradient steps; with a residual score, and the training part's out-of-fold residuals, which the
 * subspace did not see either). With fewer than 1 / (1 - quantile) such spectra the empirical quantile is
 * little more than their maximum; the quantile of a gamma fitted to their scores by moments is
 * taken instead (the metadata says which). `classes` names the model's classes (the labels index it).
 */
export function fitNovelty(
  features: RunFeatures,
  classes: readonly string[],
  quantile = DEFAULT_NOVELTY_QUANTILE,
  carriers?: ArrayLike<number>,
  /** false where the networks trained on the validation part too (run.json training.fittedOn): its features are then in-sample. */
  validationHeldOut = true,
): NoveltyFit {
  if (!(quantile > 0 && quantile < 1)) throw new RangeError(`the unknown-sample quantile is ${quantile}; expected a share in (0, 1), e.g. 0.99`);
  if (carriers && carriers.length !== features.channels) throw new RangeError(`fitNovelty: ${carriers.length} carrier flags for ${features.channels} feature channels`);
  const path = carrierChannels(carriers);
  if (path.length > 0) features = { ...features, parts: { train: withoutPath(features.parts.train, features.channels, path), validation: withoutPath(features.parts.validation, features.channels, path), test: withoutPath(features.parts.test, features.channels, path) } };
  const k = features.channels;
  const { train, validation, test } = features.parts;
  const rows = (block: FeatureBlock) => block.labels.length;
  for (const [part, block] of Object.entries(features.parts)) {
    if (block.values.length !== rows(block) * k) throw new RangeError(`features of the ${part} part: ${block.values.length} values for ${rows(block)} rows of ${k}`);
  }
  const n = rows(train);
  const c = classes.length;
  const means = new Float64Array(c * k);
  const counts = new Array<number>(c).fill(0);
  for (let r = 0; r < n; r++) {
    const label = train.labels[r]!;
    if (!(label >= 0 && label < c)) throw new RangeError(`features of the train part: label ${label} at row ${r} is not a class index below ${c}`);
    counts[label]!++;
    for (let j = 0; j < k; j++) means[label * k + j]! += train.values[r * k + j]!;
  }
  const absent = counts.findIndex((count) => count === 0);
  if (absent >= 0) throw new RangeError(`class '${classes[absent]}' has no training spectra: the unknown-sample score needs every class's mean`);
  for (let label = 0; label < c; label++) for (let j = 0; j < k; j++) means[label * k + j]! /= counts[label]!;
  const centred = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const label = train.labels[r]!;
    for (let j = 0; j < k; j++) centred[r * k + j] = train.values[r * k + j]! - means[label * k + j]!;
  }
  const { covariance, shrinkage, mu } = ledoitWolf(centred, n, k);
  if (!(mu > 0)) throw new RangeError('the GAP features do not vary within the classes of the training part (every channel constant): no covariance to fit the unknown-sample score on');
  // The channels withoutPath emptied vary nowhere: a unit of the shrinkage target keeps them invertible (they stay 0).
  for (const a of path) covariance[a * k + a] = Math.max(covariance[a * k + a]!, mu);
  const w = whitening(covariance, k);
  const whitenedMeans = new Float64Array(c * k);
  for (let label = 0; label < c; label++) {
    for (let i = 0; i < k; i++) {
      const m = means[label * k + i]!;
      for (let j = i; j < k; j++) whitenedMeans[label * k + j]! += m * w[i * k + j]!;
    }
  }
  const score = (block: FeatureBlock) => nearestSquaredDistance(block.values, rows(block), w, whitenedMeans, k);
  const nearest = nearestClassMean(validation.values, rows(validation), w, whitenedMeans, k);
  const distances = { train: score(train), validation: nearest.distance, test: score(test) };
  if (distances.validation.length < 2) throw new RangeError(`the validation part has ${distances.validation.length} spectra; the unknown-sample threshold needs at least 2`);
  // Class means of features that do not separate the classes held out measure nothing about the classes: a
  // model at chance (isolates it cannot tell apart) scored unknown spectra no higher than its own (docs/measurements.md).
  // Features of spectra the networks trained on would pass any skill test and set a threshold that new spectra exceed.
  const skill = validationHeldOut ? featureSkill(nearest.index, validation.labels) : undefined;
  const residual = features.residual ? combineResidual(distances, features.residual, quantile, skill !== undefined && skill.pValue < FEATURE_SKILL_P) : undefined;
  if (!validationHeldOut && residual === undefined) {
    throw new Error(
      "the networks trained on the validation part too (run.json training.fittedOn), so no held-out GAP features set the unknown-sample threshold, and the run's input residual is missing or gives no usable scale: export with --no-novelty",
    );
  }
  const scores = residual?.scores ?? distances;
  // A residual score's out-of-fold training spectra are held out like the validation part's; a Mahalanobis
  // half has no such scores (the network trained on every training spectrum), so its score uses validation alone.
  const heldOut = residual ? features.residual?.heldOut : undefined;
  const crossValidated = residual && heldOut && residual.scale.mahalanobis === undefined ? Float64Array.from(heldOut.scores, (r) => r / residual.scale.residual) : undefined;
  const held = crossValidated ? Float64Array.from([...scores.validation, ...crossValidated]) : scores.validation;
  const { threshold, gamma } = noveltyThreshold(held, quantile);
  const share = (s: Float64Array) => (s.length === 0 ? null : s.reduce((count, v) => count + (v > threshold ? 1 : 0), 0) / s.length);
  const meta: NoveltyMeta = {
    score: residual ? (residual.scale.mahalanobis === undefined ? 'residual' : 'mahalanobis+residual') : 'mahalanobis',
    ...(skill ? { featureSkill: skill } : {}),
    ...(residual ? { residual: { tensor: 'preprocessed', ...(residual.model.binning ? { binning: residual.model.binning } : {}), components: residual.model.components, explained: residual.model.explained, scale: residual.scale, ...(heldOut ? { heldOut: { part: 'train' as const, spectra: heldOut.scores.length, folds: heldOut.folds, unit: heldOut.unit } } : {}) } } : {}),
    features: { tensor: 'gap', channels: k },
    fit: { part: 'train', spectra: n, covariance: 'ledoit-wolf', shrinkage },
    threshold,
    quantile,
    thresholdFrom: { part: 'validation', spectra: held.length, method: gamma ? 'gamma' : 'empirical', ...(gamma ? { gamma } : {}), ...(crossValidated ? { crossValidated: crossValidated.length } : {}) },
    flagged: { train: share(scores.train)!, validation: share(scores.validation)!, test: share(scores.test) },
  };
  return {
    channels: k, means, whitening: path.length > 0 ? zeroRows(w, k, path) : w, whitenedMeans, meta, scores,
    ...(residual ? { residual: { ...residual.model, scale: residual.scale } } : {}),
  };
}

type PartScores = { train: Float64Array; validation: Float64Array; test: Float64Array };

/**
 * The larger of the Mahalanobis distance and the Q residual, each divided by its own `quantile` of
 * the validation scores, so that neither half's units decide: a spectrum far from every class in
 * the features or holding what no training spectrum had (a new band, a baseline, noise) scores high.
 * The residual's quantile also counts the training part's out-of-fold Q where the run has it: a few
 * validation groups alone foresee a new group's Q poorly (docs/measurements.md). Without
 * `withMahalanobis`, the Q residual alone over its scale. Undefined (the Mahalanobis score alone)
 * when the residual, or the Mahalanobis half it is combined with, has no usable scale.
 */
function combineResidual(distances: PartScores, residual: ResidualFeatures, quantile: number, withMahalanobis: boolean) {
  const q = residual.scores;
  for (const part of ['train', 'validation', 'test'] as const) {
    if (q[part].length !== distances[part].length) throw new RangeError(`the input residual (features/residual.json) of the ${part} part has ${q[part].length} rows, its GAP features ${distances[part].length}: they come from different runs; train the run again`);
  }
  // A scale must be positive and above rounding: Q of spectra the subspace holds entirely is noise of
  // order 1e-16 of their size, and dividing by it would flag at random. No usable scale: the half is left out.
  const { model } = residual;
  const p = model.mean.length;
  const size = model.mean.reduce((sum, v) => sum + v * v, 0) / Math.max(1, p);
  const scaleOf = (held: Float64Array, floor: number) => {
    if (held.every((v) => v === held[0])) return undefined;
    const t = noveltyThreshold(held, quantile).threshold;
    return t > floor ? t : undefined;
  };
  const { heldOut } = residual;
  if (heldOut && heldOut.scores.length !== q.train.length) throw new RangeError(`the input residual (features/residual.json) holds ${heldOut.scores.length} out-of-fold scores for ${q.train.length} training spectra; train the run again`);
  const resid = model.components > 0 ? scaleOf(heldOut ? Float64Array.from([...q.validation, ...heldOut.scores]) : q.validation, 1e-9 * size) : undefined;
  if (resid === undefined) return undefined;
  const mahalanobis = withMahalanobis ? scaleOf(distances.validation, 0) : undefined;
  if (withMahalanobis && mahalanobis === undefined) return undefined;
  const scale: { mahalanobis?: number; residual: number } = mahalanobis === undefined ? { residual: resid } : { mahalanobis, residual: resid };
  const combined = (part: keyof PartScores) => Float64Array.from(q[part], (r, i) => (mahalanobis === undefined ? r / resid : Math.max(distances[part][i]! / mahalanobis, r / resid)));
  return {
    scores: { train: combined('train'), validation: combined('validation'), test: combined('test') },
    model,
    scale,
  };
}

/** The channels of a linear path's carriers (NetworkWeights.linearCarriers: non-zero for a carrier). */
function carrierChannels(carriers: ArrayLike<number> | undefined): number[] {
  const channels: number[] = [];
  if (carriers) for (let a = 0; a < carriers.length; a++) if (carriers[a] !== 0) channels.push(a);
  return channels;
}

/**
 * The features without a linear path's carriers (set to 0): the Mahalanobis half reads what the
 * network learned. The path is a fixed linear map of the preprocessed spectrum, which the Q residual
 * half guards; as features, its carriers moved with what separates the classes and with noise. On
 * the derivative their sizes are mostly noise energy, which moved from isolate to isolate and
 * flagged a fifth of the S. aureus model's test part (docs/measurements.md). Left out, every setup
 * of bench:novelty scored as well or better.
 */
function withoutPath(block: FeatureBlock, k: number, path: readonly number[]): FeatureBlock {
  const values = Float32Array.from(block.values);
  for (let r = 0; r < block.labels.length; r++) for (const a of path) values[r * k + a] = 0;
  return { values, labels: block.labels };
}

/** W with the rows of the left-out channels 0, so the graph's raw features . W ignore them. */
function zeroRows(w: Float64Array, k: number, rows: readonly number[]): Float64Array {
  const out = Float64Array.from(w);
  for (const a of rows) out.fill(0, a * k, (a + 1) * k);
  return out;
}
