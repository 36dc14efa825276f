import { coarseMaps, createMapExplainer } from '@spectracam/cam';
import type { ModelGeometry } from '@spectracam/format';
import { classifierWeights, featureMaps, type LayersModel } from '@spectracam/trainer';

export interface RunMaps {
  /** Predicted class index per spectrum. */
  predicted: number[];
  /** Scaled CAM (0..1) of the predicted class per spectrum, length p. */
  scaled: Float64Array[];
}

/**
 * Predictions and min-max scaled class activation maps of `spectra` (preprocessed) from the
 * trained TensorFlow.js model: the coarse map W_c . conv3 of the predicted class through cam's
 * explain pipeline (receptive-field spline, min-max scaling), as the runtime does from the file.
 */
export function runMaps(model: LayersModel, geometry: ModelGeometry, spectra: readonly Float32Array[]): RunMaps {
  if (spectra.length === 0) return { predicted: [], scaled: [] };
  const conv3 = geometry.layers[geometry.layers.length - 1]!;
  const n3 = conv3.outputLength;
  const explainer = createMapExplainer(conv3.centres, Float64Array.from({ length: geometry.inputLength }, (_, i) => i));
  const { weight } = classifierWeights(model);
  const predicted: number[] = [];
  const scaled: Float64Array[] = [];
  for (const maps of featureMaps(model, spectra)) {
    let best = 0;
    maps.probabilities.forEach((v, c) => v > maps.probabilities[best]! && (best = c));
    const flat = new Float32Array(maps.conv3.length * n3);
    maps.conv3.forEach((row, f) => flat.set(row, f * n3));
    predicted.push(best);
    scaled.push(explainer.explain(coarseMaps(flat, weight, n3), best * n3, { full: true }).map!);
  }
  return { predicted, scaled };
}
