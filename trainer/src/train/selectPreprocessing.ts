import type { Dataset } from '@spectracam/data';
import type { Preprocessing, PreprocessingKind } from '@spectracam/format';
import { applyPreprocessing, fitPreprocessing } from '../preprocess/index.js';
import type { BuildModelOptions } from '../model/buildModel.js';
import type { FitOptions } from './fitModel.js';
import type { MemberJob } from './memberJob.js';
import { trainMembers, type TrainedMember } from './trainMembers.js';
import type { TrainHooks } from './trainOptions.js';
import type { PathReadout } from '../linear/pathReadout.js';

/** The preprocessings `preprocess: 'auto'` chooses between: min-max per variable (study Eq. 9) keeps band ratios per variable; SNV removes each spectrum's offset and scale. */
export const AUTO_PREPROCESSING: readonly PreprocessingKind[] = ['minmax-variable', 'snv'];

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
 * instead (choosePath), and here only where that cross-validation found nothing above chance.
 */
export async function selectPreprocessing(
  dataset: Dataset,
  split: { train: number[]; validation: number[] },
  job: Omit<MemberJob, 'spectra' | 'member'> & { network: BuildModelOptions; fit: FitOptions },
  hooks: TrainHooks,
  threads?: number,
  /** With a linear path: each candidate's (AUTO_PREPROCESSING order), built into its network. */
  readouts?: readonly PathReadout[],
): Promise<PreprocessingChoice> {
  const fitted = AUTO_PREPROCESSING.map((kind) => fitPreprocessing(kind, split.train.map((i) => dataset.spectra[i]!)));
  const jobs: MemberJob[] = fitted.map((preprocessing, k) => {
    const spectra = applyPreprocessing(preprocessing, dataset.spectra);
    const flat = new Float32Array(spectra.length * job.p);
    spectra.forEach((s, i) => flat.set(s, i * job.p));
    const readout = readouts?.[k];
    return { ...job, member: k, spectra: flat, ...(readout ? { network: { ...job.network, readout: { coef: readout.coef, centre: readout.centre, intercept: readout.intercept } } } : {}) };
  });
  const trained = await trainMembers(jobs, hooks, threads);
  const score = (t: TrainedMember) => Math.min(...t.fit.history.map((e) => e.valLoss));
  const scores: Partial<Record<PreprocessingKind, number>> = {};
  trained.forEach((t, k) => (scores[AUTO_PREPROCESSING[k]!] = score(t)));
  let best = 0;
  trained.forEach((t, k) => score(t) < score(trained[best]!) && (best = k));
  trained.forEach((t, k) => k !== best && t.model.dispose());
  return { preprocessing: fitted[best]!, member: { ...trained[best]!, seed: job.network.seed }, scores, index: best };
}
