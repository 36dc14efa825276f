import type { Dataset } from '@spectracam/data';
import { fitPlsLda, predictPlsLda, type PlsLdaModel } from '@spectracam/trainer';
import { plsPreprocess, type PlsPreprocessOptions } from '../baseline/plsPreprocess.js';
import type { Estimator, Fitted } from '../model_selection/index.js';

export interface PlsLdaFit extends Fitted {
  model: PlsLdaModel;
}

/**
 * PLS-LDA as an estimator: the spectra preprocessed once per data set (the study's baseline
 * correction and derivative for Raman, or none), latent variables chosen on the validation part.
 */
export function plsLdaEstimator(preprocess: PlsPreprocessOptions = {}): Estimator<PlsLdaFit> {
  const prepared = new WeakMap<Dataset, Float64Array[]>();
  const spectraOf = (dataset: Dataset) => {
    let spectra = prepared.get(dataset);
    if (!spectra) prepared.set(dataset, (spectra = plsPreprocess(dataset.spectra, dataset.axis, preprocess)));
    return spectra;
  };
  return {
    name: `PLS-LDA${preprocess.baseline ? ' + airPLS' : ''}${preprocess.derivative ? ' + SG derivative' : ''}`,
    repeats: 1,
    async fit({ dataset, partition }) {
      const spectra = spectraOf(dataset);
      const part = (rows: number[]) => ({ spectra: rows.map((i) => spectra[i]!), labels: rows.map((i) => dataset.labels[i]!) });
      const model = fitPlsLda(part(partition.train), part(partition.validation), dataset.classes);
      return { model, predict: (rows) => predictPlsLda(model, rows.map((i) => spectra[i]!)) };
    },
  };
}
