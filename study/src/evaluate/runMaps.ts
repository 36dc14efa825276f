import { camBasis, coarseMaps, fullMap, minMaxScale } from '@spectracam/cam';
import type { ModelGeometry } from '@spectracam/format';
import { classifierWeights, featureMaps, type LayersModel } from '@spectracam/trainer';

export interface RunMaps {
  /** Predicted class index per spectrum. */
  predicted: number[];
  /** Scaled CAM (0..1) of the predicted class per spectrum, length p. */
  scaled: Float64Array[];
}

/**
 * Predictions and min-max scaled class activation maps of `spectra` (preprocessed): the coarse
 * map W_c . conv3 of the predicted class, interpolated to the input axis by the receptive-field
 * quadratic spline basis, then scaled per spectrum (study section 2.2).
 */
export function runMaps(model: LayersModel, geometry: ModelGeometry, spectra: readonly Float32Array[]): RunMaps {
  if (spectra.length === 0) return { predicted: [], scaled: [] };
  const p = geometry.inputLength;
  const conv3 = geometry.layers[2];
  const n3 = conv3.outputLength;
  const basis = camBasis(conv3.centres, p, 'receptive-field');
  const { weight } = classifierWeights(model);
  const predicted: number[] = [];
  const scaled: Float64Array[] = [];
  for (const maps of featureMaps(model, spectra)) {
    let best = 0;
    maps.probabilities.forEach((v, c) => v > maps.probabilities[best]! && (best = c));
    const flat = new Float32Array(maps.conv3.length * n3);
    maps.conv3.forEach((row, f) => flat.set(row, f * n3));
    const coarse = coarseMaps(flat, weight, n3);
    predicted.push(best);
    scaled.push(minMaxScale(fullMap(coarse.subarray(best * n3, (best + 1) * n3), basis, n3, p)));
  }
  return { predicted, scaled };
}
