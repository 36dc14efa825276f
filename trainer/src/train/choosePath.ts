import { crossValidationFolds, type Dataset } from '@spectracam/data';
import type { Preprocessing, PreprocessingKind } from '@spectracam/format';
import { applyPreprocessing, fitPreprocessing } from '../preprocess/index.js';
import { fitPathReadout, pathDesign, type PathReadout, type ReadoutInput } from '../linear/pathReadout.js';
import { selectPathByCrossValidation } from '../linear/pathSelection.js';
import type { PathSelectionRecord } from '../run/runRecord.js';

/** Folds of the inner cross-validation (fewer when the training data hold fewer units). */
export const PATH_FOLDS = 10;

export interface PathChoice {
  preprocessing: Preprocessing;
  readout: PathReadout;
  selection: PathSelectionRecord;
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
  const k = chosen.candidate;
  const readout = fitPathReadout(inputs[k]!, labels, classes, rows, chosen.components, pathOptions(fitted[k]!), designs[k]);
  return {
    preprocessing: fitted[k]!,
    readout,
    selection: {
      method: 'cross-validation',
      folds: folds.length,
      unit,
      fittedOn: ['train', 'validation'],
      candidates: chosen.best.map((s) => ({ preprocessing: kinds[s.candidate]!, components: s.components, accuracy: s.accuracy, rmsecv: s.rmsecv })),
    },
  };
}
