import type { Dataset } from '@spectracam/data';
import type { Preprocessing, PreprocessingKind } from '@spectracam/format';
import { applyPreprocessing, fitPreprocessing } from '../preprocess/index.js';
import type { BuildModelOptions } from '../model/buildModel.js';
import type { FitOptions } from './fitModel.js';
import type { MemberJob } from './memberJob.js';
import { trainMembers, type TrainedMember } from './trainMembers.js';
import type { TrainHooks } from './trainOptions.js';

/** The preprocessings `preprocess: 'auto'` chooses between: min-max per variable (study Eq. 9) keeps band ratios per variable; SNV removes each spectrum's offset and scale. */
export const AUTO_PREPROCESSING: readonly PreprocessingKind[] = ['minmax-variable', 'snv'];

/** A candidate preprocessing fitted on the training part and the data set under it. */
export interface PreprocessedCandidate {
  preprocessing: Preprocessing;
  spectra: Float32Array[];
}

export interface PreprocessingChoice {
  preprocessing: Preprocessing;
  /** The first member, trained on the chosen preprocessing (the ensemble keeps it). */
  member: TrainedMember;
  /** The chosen candidate's index in AUTO_PREPROCESSING. */
  index: number;
  /** Lowest validation loss of a network trained on each candidate. */
  scores: Partial<Record<PreprocessingKind, number>>;
}

/**
 * Chooses the preprocessing on the training data alone: one network (the first member's seed)
 * per candidate, fitted on the training part, scored by its lowest validation loss. The test
 * part is never looked at. A network with a linear path chooses by the path's cross-validation
 * instead (choosePath).
 */
export async function selectPreprocessing(
  dataset: Dataset,
  split: { train: number[]; validation: number[] },
  job: Omit<MemberJob, 'spectra' | 'member'> & { network: BuildModelOptions; fit: FitOptions },
  hooks: TrainHooks,
  threads?: number,
): Promise<PreprocessingChoice> {
  const candidates = AUTO_PREPROCESSING.map((kind) => {
    const preprocessing = fitPreprocessing(kind, split.train.map((i) => dataset.spectra[i]!));
    return { preprocessing, spectra: applyPreprocessing(preprocessing, dataset.spectra) };
  });
  const jobs: MemberJob[] = candidates.map(({ spectra }, k) => {
    const flat = new Float32Array(spectra.length * job.p);
    spectra.forEach((s, i) => flat.set(s, i * job.p));
    return { ...job, member: k, spectra: flat };
  });
  const trained = await trainMembers(jobs, hooks, threads);
  const score = (t: TrainedMember) => Math.min(...t.fit.history.map((e) => e.valLoss));
  const scores: Partial<Record<PreprocessingKind, number>> = {};
  trained.forEach((t, k) => (scores[AUTO_PREPROCESSING[k]!] = score(t)));
  let best = 0;
  trained.forEach((t, k) => score(t) < score(trained[best]!) && (best = k));
  trained.forEach((t, k) => k !== best && t.model.dispose());
  return { preprocessing: candidates[best]!.preprocessing, member: { ...trained[best]!, seed: job.network.seed }, scores, index: best };
}
