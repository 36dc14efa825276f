import type { Dataset } from '@spectracam/data';
import { applyPreprocessing } from '@spectracam/trainer';
import type { FitScore, Partition } from '../model_selection/index.js';
import type { CnnFit } from './cnnEstimator.js';
import type { InsideTheNetwork, MisclassifiedSpectrum } from './evaluationResults.js';
import { insideTheNetwork } from './insideTheNetwork.js';
import { runMaps } from './runMaps.js';

/** Test-part maps of every CNN of a partition, pooled, for the class patterns (Figs 2-5). */
export interface PooledMaps {
  maps: Float64Array[];
  truth: string[];
  predicted: string[];
}

/**
 * What the evaluation keeps of each trained CNN while it is alive: the scaled CAM of every test
 * spectrum (pooled per partition), the first misclassified spectra (Fig A3), and, for the first
 * run, the look inside the network (Figs 7, 8, A4).
 */
export function createCnnAnalysis(dataset: Dataset, maxMisclassified: number) {
  const pooled = new Map<number, PooledMaps>();
  const misclassified: MisclassifiedSpectrum[] = [];
  let inside: InsideTheNetwork | undefined;
  return {
    pooled,
    misclassified,
    inside: () => inside,
    add(fit: CnnFit, partition: Partition, score: FitScore): void {
      const { record, model } = fit;
      const x = applyPreprocessing(record.preprocessing, partition.test.map((i) => dataset.spectra[i]!));
      const maps = runMaps(model, record, x);
      let pool = pooled.get(partition.index);
      if (!pool) pooled.set(partition.index, (pool = { maps: [], truth: [], predicted: [] }));
      partition.test.forEach((row, k) => {
        const truth = dataset.labels[row]!;
        const predicted = record.model.classes[maps.predicted[k]!]!;
        pool.maps.push(maps.scaled[k]!);
        pool.truth.push(truth);
        pool.predicted.push(predicted);
        if (truth !== predicted && misclassified.length < maxMisclassified) {
          misclassified.push({ partition: partition.index, repeat: score.repeat, id: dataset.ids[row]!, trueLabel: truth, predicted, map: Array.from(maps.scaled[k]!), spectrum: Array.from(dataset.spectra[row]!) });
        }
      });
      if (inside === undefined && partition.index === 0 && score.repeat === 0) {
        const trainX = applyPreprocessing(record.preprocessing, partition.train.map((i) => dataset.spectra[i]!));
        const byClass = new Map<string, Float32Array[]>(dataset.classes.map((c) => [c, []]));
        partition.train.forEach((row, k) => byClass.get(dataset.labels[row]!)!.push(trainX[k]!));
        const first = partition.test[0] ?? partition.train[0]!;
        const firstX = applyPreprocessing(record.preprocessing, [dataset.spectra[first]!])[0]!;
        inside = insideTheNetwork(model, { partition: 0, repeat: 0 }, dataset.classes, byClass, { id: dataset.ids[first]!, trueLabel: dataset.labels[first]!, spectrum: firstX });
      }
    },
  };
}
