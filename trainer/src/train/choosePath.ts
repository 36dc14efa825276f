import { crossValidationFolds, type Dataset } from '@spectracam/data';
import type { Preprocessing, PreprocessingKind } from '@spectracam/format';
import { applyPreprocessing, fitPreprocessing } from '../preprocess/index.js';
import { fitPathReadout, pathDesign, type PathReadout, type ReadoutInput } from '../linear/pathReadout.js';
import { selectPathByCrossValidation } from '../linear/pathSelection.js';
import type { PathSelectionRecord } from '../run/runRecord.js';
import type { PreprocessedCandidate } from './selectPreprocessing.js';

/** Folds of the inner cross-validation (fewer when the training data hold fewer units). */
export const PATH_FOLDS = 10;

export interface PathChoice {
  /** The cross-validation's choice among `candidates`. */
  chosen: number;
  selection: PathSelectionRecord;
  /** Every candidate: its preprocessing, the data set under it, and its path refitted on train + validation with its own best latent variables (kinds' order). */
  candidates: (PreprocessedCandidate & { readout: PathReadout })[];
  /**
   * Some candidate beat the no-information rate (the largest class's share of the rows) held out.
   * When none does, cross-validation cannot tell the candidates apart and the caller chooses otherwise.
   */
  informative: boolean;
}

/**
 * The linear path and the network's preprocessing, chosen together on the training data alone:
 * each candidate preprocessing is fitted on the training part, the path's PLS-LDA is
 * cross-validated over the training and validation parts (group-aware when the data set has groups),
 * and the winner is refitted on both with its latent variables. Cross-validation scores every
 * training spectrum once held out; a validation part of a few spectra chose by noise, and refitting
 * on both parts gives the path every spectrum the test never sees.
 */
export function choosePath(
  dataset: Dataset,
  split: { train: readonly number[]; validation: readonly number[] },
  labels: Int32Array,
  classes: number,
  kinds: readonly PreprocessingKind[],
  options: { input: ReadoutInput; reachable?: ArrayLike<number>; seed: number },
): PathChoice {
  const rows = [...split.train, ...split.validation];
  const { folds, unit } = crossValidationFolds(dataset, rows, PATH_FOLDS, options.seed);
  const fitted = kinds.map((kind) => fitPreprocessing(kind, split.train.map((i) => dataset.spectra[i]!)));
  const inputs = fitted.map((preprocessing) => applyPreprocessing(preprocessing, dataset.spectra));
  const pathOptions = (preprocessing: Preprocessing) => ({ input: options.input, preprocessing, axis: dataset.axis, reachable: options.reachable });
  const designs = fitted.map((preprocessing, k) => pathDesign(inputs[k]!, pathOptions(preprocessing)));
  const chosen = selectPathByCrossValidation(designs.map((d) => d.rows), labels, classes, folds);
  const candidates = fitted.map((preprocessing, c) => ({ preprocessing, spectra: inputs[c]!, readout: fitPathReadout(inputs[c]!, labels, classes, rows, chosen.best[c]!.components, pathOptions(preprocessing), designs[c]) }));
  const counts = new Map<number, number>();
  for (const i of rows) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  const noInformation = Math.max(...counts.values()) / rows.length;
  return {
    chosen: chosen.candidate,
    candidates,
    informative: chosen.accuracy > noInformation,
    selection: {
      method: 'cross-validation',
      folds: folds.length,
      unit,
      fittedOn: ['train', 'validation'],
      candidates: chosen.best.map((s) => ({ preprocessing: kinds[s.candidate]!, components: s.components, accuracy: s.accuracy, rmsecv: s.rmsecv })),
      noInformationRate: noInformation,
    },
  };
}
