import { coarseMaps, createMapExplainer } from '@spectracam/cam';
import { classifierWeights, featureMaps, linearPathCam, runPathCarrier, type LayersModel, type RunRecord } from '@spectracam/trainer';

export interface RunMaps {
  /** Predicted class index per spectrum. */
  predicted: number[];
  /** Scaled CAM (0..1) of the predicted class per spectrum, length p. */
  scaled: Float64Array[];
}

/**
 * Predictions and min-max scaled class activation maps of `spectra` (preprocessed) from the
 * trained TensorFlow.js model: the coarse map W_c . conv3 of the predicted class through cam's
 * explain pipeline (receptive-field spline, min-max scaling), as the runtime does from the file. A
 * linear path's carriers are part of the file's conv3 and CAM, so their share is added here too, carried
 * as the run's record says (runPathCarrier).
 */
export function runMaps(model: LayersModel, record: RunRecord, spectra: readonly Float32Array[]): RunMaps {
  const geometry = record.model.geometry;
  if (spectra.length === 0) return { predicted: [], scaled: [] };
  const conv3 = geometry.layers[geometry.layers.length - 1]!;
  const n3 = conv3.outputLength;
  const explainer = createMapExplainer(conv3.centres, Float64Array.from({ length: geometry.inputLength }, (_, i) => i));
  const { weight } = classifierWeights(model);
  const predicted: number[] = [];
  const scaled: Float64Array[] = [];
  const path = linearPathCam(model, spectra, runPathCarrier(record));
  for (const [i, maps] of featureMaps(model, spectra).entries()) {
    let best = 0;
    maps.probabilities.forEach((v, c) => v > maps.probabilities[best]! && (best = c));
    const flat = new Float32Array(maps.conv3.length * n3);
    maps.conv3.forEach((row, f) => flat.set(row, f * n3));
    predicted.push(best);
    const coarse = coarseMaps(flat, weight, n3);
    const C = maps.probabilities.length;
    if (path) for (let q = 0; q < C * n3; q++) coarse[q]! += path[i * C * n3 + q]!;
    scaled.push(explainer.explain(coarse, best * n3, { full: true }).map!);
  }
  return { predicted, scaled };
}
