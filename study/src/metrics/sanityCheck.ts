import { spearman } from './spearman.js';

/** Maps (one per spectrum) of a trained model and of the same model with layers randomised. */
export interface SanityResult {
  /** Mean Spearman correlation over the spectra whose maps are not constant. */
  spearman: number;
  /** |spearman| < threshold: the maps changed with the weights (Adebayo et al. 2018). */
  passes: boolean;
}

/**
 * The model-randomisation sanity check of one step of the cascade: a method whose maps hardly
 * change when the weights are randomised does not read the model. A map that only flips sign
 * still follows the input, so the absolute correlation is compared with the threshold.
 */
export function sanityCheck(trained: readonly ArrayLike<number>[], randomised: readonly ArrayLike<number>[], threshold = 0.5): SanityResult {
  if (trained.length !== randomised.length) throw new RangeError(`sanityCheck: ${trained.length} trained maps and ${randomised.length} randomised ones`);
  const rhos = trained.map((m, i) => spearman(m, randomised[i]!)).filter((r) => Number.isFinite(r));
  const mean = rhos.length ? rhos.reduce((a, b) => a + b, 0) / rhos.length : 0;
  return { spearman: mean, passes: Math.abs(mean) < threshold };
}
