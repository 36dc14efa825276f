import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildModel } from '../model/buildModel.js';
import { fitModel, type FitHooks, type FitResult } from './fitModel.js';
import { setWeightsFrom, type MemberJob } from './memberJob.js';

/**
 * A member whose training loss never fell below this fraction of the class prior's entropy (the
 * loss of predicting the class frequencies) learned nothing: its ReLUs died at the start (no gradient
 * reaches its convolutions, and waiting does not revive it) or it diverged. It starts again from
 * another initialisation, at most MAX_RESTARTS times. A dead member sits within a hair of the prior's
 * loss; one still learning slowly, a few per cent below it, keeps its start (a restart costs a fit).
 */
export const LEARNED_FRACTION = 0.98;
export const MAX_RESTARTS = 2;
/** Seed offset of each fresh start (prime, so it meets no other member's seed, which differ by 1000). */
const RESTART_SEED_STEP = 7919;

/** Entropy of the class frequencies among `rows` (nats). */
export function priorEntropy(labels: Int32Array, rows: readonly number[], classes: number): number {
  const counts = new Array<number>(classes).fill(0);
  for (const i of rows) counts[labels[i]!]!++;
  return -counts.reduce((sum, n) => (n > 0 ? sum + (n / rows.length) * Math.log(n / rows.length) : sum), 0);
}

/** Builds and fits one member as its job says, starting afresh while it learns nothing (see LEARNED_FRACTION). */
export async function fitMember(job: MemberJob, hooks: FitHooks): Promise<{ model: LayersModel; fit: FitResult; restarts: number }> {
  const spectra = Array.from({ length: job.labels.length }, (_, i) => job.spectra.subarray(i * job.p, (i + 1) * job.p));
  const data = { spectra, labels: job.labels, classes: job.classes, train: job.train, validation: job.validation };
  const learnedBelow = LEARNED_FRACTION * priorEntropy(job.labels, job.train, job.classes);
  // The first start goes on from a resumed member's checkpoint; a fresh start begins with no history.
  const { start: _resumed, ...fresh } = job.fit;
  for (let restart = 0; ; restart++) {
    const shift = RESTART_SEED_STEP * restart;
    const model = buildModel({ ...job.network, seed: job.network.seed + shift });
    if (restart === 0 && job.initialWeights) setWeightsFrom(model, job.initialWeights);
    const fit = await fitModel(model, data, restart === 0 ? job.fit : { ...fresh, seed: fresh.seed + shift }, hooks);
    const learned = fit.history.some((r) => r.loss < learnedBelow);
    if (learned || fit.interrupted || restart === MAX_RESTARTS) return { model, fit, restarts: restart };
    model.dispose();
  }
}
