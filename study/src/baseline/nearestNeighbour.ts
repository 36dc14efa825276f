import type { Dataset } from '@spectracam/data';
import type { Estimator, Fitted } from '../model_selection/index.js';

/** Standard normal variate: each spectrum centred and scaled by its own mean and standard deviation. */
export function snvRow(row: ArrayLike<number>): Float64Array {
  const p = row.length;
  let mean = 0;
  for (let j = 0; j < p; j++) mean += row[j]!;
  mean /= p;
  let ss = 0;
  for (let j = 0; j < p; j++) ss += (row[j]! - mean) ** 2;
  const sd = Math.sqrt(ss / p) || 1;
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) out[j] = (row[j]! - mean) / sd;
  return out;
}

/**
 * 1-nearest-neighbour classification by Euclidean distance (on raw or SNV spectra): the peer
 * every time-series and spectral benchmark reports. The training and validation parts are the
 * reference set.
 */
export function nearestNeighbourEstimator(options: { snv?: boolean } = {}): Estimator {
  const prepared = new WeakMap<Dataset, ArrayLike<number>[]>();
  const spectraOf = (dataset: Dataset) => {
    let spectra = prepared.get(dataset);
    if (!spectra) prepared.set(dataset, (spectra = options.snv ? dataset.spectra.map(snvRow) : dataset.spectra));
    return spectra;
  };
  return {
    name: options.snv ? '1-NN (SNV)' : '1-NN',
    repeats: 1,
    async fit({ dataset, partition }): Promise<Fitted> {
      const x = spectraOf(dataset);
      const reference = [...partition.train, ...partition.validation];
      return {
        predict: (rows) =>
          rows.map((i) => {
            let best = -1;
            let bestDistance = Infinity;
            for (const r of reference) {
              let d = 0;
              const a = x[i]!;
              const b = x[r]!;
              for (let j = 0; j < a.length && d < bestDistance; j++) d += (a[j]! - b[j]!) ** 2;
              if (d < bestDistance) {
                bestDistance = d;
                best = r;
              }
            }
            return dataset.labels[best]!;
          }),
      };
    },
  };
}
