/** How well the score's class model of the features classifies spectra it was not fitted on. */
export interface FeatureSkill {
  spectra: number;
  /** Share of the held-out spectra whose nearest class mean (Mahalanobis) is their own class. */
  accuracy: number;
  /** The largest class's share of them: what always naming that class scores. */
  noInformationRate: number;
  /** One-sided binomial probability of `accuracy` or more at the no-information rate (caret's AccuracyPValue). */
  pValue: number;
}

/** Below this p-value the features separate the classes held out, and their class-mean distance can tell known from unknown. */
export const FEATURE_SKILL_P = 0.05;

/** The nearest-class-mean classifier's held-out accuracy (`nearest`: each spectrum's nearest class) against `labels`. */
export function featureSkill(nearest: Int32Array, labels: ArrayLike<number>): FeatureSkill {
  const n = nearest.length;
  if (labels.length !== n) throw new RangeError(`featureSkill: ${n} predictions for ${labels.length} labels`);
  if (n === 0) throw new RangeError('featureSkill: no held-out spectra');
  let correct = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (nearest[i] === labels[i]) correct++;
    counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  }
  const noInformationRate = Math.max(...counts.values()) / n;
  return { spectra: n, accuracy: correct / n, noInformationRate, pValue: binomialUpperTail(correct, n, noInformationRate) };
}

/** P(X >= k) for X ~ Binomial(n, p), summed in log space (exact for the few hundred held-out spectra of a run). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lnP = Math.log(p);
  const lnQ = Math.log1p(-p);
  // ln C(n, i) by lgamma-free recurrence from i = k: ln C(n, k) = sum of ln((n - j) / (j + 1)) for j < k.
  let lnChoose = 0;
  for (let j = 0; j < k; j++) lnChoose += Math.log((n - j) / (j + 1));
  let total = 0;
  let term = lnChoose + k * lnP + (n - k) * lnQ;
  for (let i = k; i <= n; i++) {
    total += Math.exp(term);
    term += Math.log((n - i) / (i + 1)) + lnP - lnQ;
  }
  return Math.min(1, total);
}
