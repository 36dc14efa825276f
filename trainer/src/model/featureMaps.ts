import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Conv outputs of one spectrum, channels-first: [filters][length] per layer. */
export interface SpectrumFeatureMaps {
  conv1: Float32Array[];
  conv2: Float32Array[];
  conv3: Float32Array[];
  /** Class probabilities. */
  probabilities: Float32Array;
}

function channelsFirst(data: Float32Array, length: number, filters: number, offset: number): Float32Array[] {
  return Array.from({ length: filters }, (_, f) => Float32Array.from({ length }, (_, x) => data[offset + x * filters + f]!));
}

/**
 * Runs `spectra` (already preprocessed) through the model and returns every conv layer's maps
 * and the probabilities, by a feature model sharing the trained layers (no copy of weights).
 */
export function featureMaps(model: tfl.LayersModel, spectra: readonly Float32Array[], chunk = 64): SpectrumFeatureMaps[] {
  const names = ['conv1', 'conv2', 'conv3'] as const;
  const outputs = [...names.map((n) => model.getLayer(n).output as tfl.SymbolicTensor), model.outputs[0]!];
  const feature = tfl.model({ inputs: model.inputs, outputs });
  const out: SpectrumFeatureMaps[] = [];
  for (let start = 0; start < spectra.length; start += chunk) {
    const part = spectra.slice(start, start + chunk);
    const p = part[0]!.length;
    const flat = new Float32Array(part.length * p);
    part.forEach((s, i) => flat.set(s, i * p));
    const results = tf.tidy(() => feature.predict(tf.tensor3d(flat, [part.length, p, 1])) as tf.Tensor[]);
    const data = results.map((t) => t.dataSync() as Float32Array);
    const shapes = results.map((t) => t.shape);
    results.forEach((t) => t.dispose());
    part.forEach((_, i) => {
      const maps = names.map((_, l) => {
        const [, length, filters] = shapes[l] as [number, number, number];
        return channelsFirst(data[l]!, length, filters, i * length * filters);
      });
      const c = shapes[3]![1]!;
      out.push({ conv1: maps[0]!, conv2: maps[1]!, conv3: maps[2]!, probabilities: data[3]!.slice(i * c, (i + 1) * c) });
    });
  }
  return out;
}

/** Classifier weights as [C][64] (tfjs stores the dense kernel as [64, C]) and bias [C]. */
export function classifierWeights(model: tfl.LayersModel): { weight: Float32Array; rows: number[][]; bias: number[] } {
  const [kernel, bias] = model.getLayer('classifier').getWeights();
  const [m, c] = kernel!.shape as [number, number];
  const k = kernel!.dataSync();
  const rows = Array.from({ length: c }, (_, ci) => Array.from({ length: m }, (_, i) => k[i * c + ci]!));
  const weight = Float32Array.from(rows.flat());
  return { weight, rows, bias: Array.from(bias!.dataSync()) };
}
