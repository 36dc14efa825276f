import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { memberCount, memberLayer } from './ensembleModel.js';

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
  // An ensemble's maps are its members' side by side (channels m1..., m2...), as in its ONNX file.
  const members = memberCount(model);
  const layerOutput = (n: string) => {
    const outs = Array.from({ length: members }, (_, m) => memberLayer(model, n, m).output as tfl.SymbolicTensor);
    return outs.length === 1 ? outs[0]! : (tfl.layers.concatenate({ axis: -1 }).apply(outs) as tfl.SymbolicTensor);
  };
  const outputs = [...names.map(layerOutput), model.outputs[0]!];
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

/**
 * Classifier weights as [C][K] (tfjs stores the dense kernel as [K, C]) and bias [C]. For an
 * ensemble of N members: their weights side by side, each divided by N, and the mean bias, so
 * that W . features gives the members' mean logits.
 */
export function classifierWeights(model: tfl.LayersModel): { weight: Float32Array; rows: number[][]; bias: number[] } {
  const members = memberCount(model);
  const parts = Array.from({ length: members }, (_, m) => memberLayer(model, 'classifier', m).getWeights());
  const [m0] = parts[0]!;
  const [k0, c] = m0!.shape as [number, number];
  const rows = Array.from({ length: c }, () => [] as number[]);
  const bias = new Array<number>(c).fill(0);
  for (const [kernel, b] of parts) {
    const k = kernel!.dataSync();
    const bd = b!.dataSync();
    for (let ci = 0; ci < c; ci++) {
      for (let i = 0; i < k0; i++) rows[ci]!.push(k[i * c + ci]! / members);
      bias[ci]! += bd[ci]! / members;
    }
  }
  return { weight: Float32Array.from(rows.flat()), rows, bias };
}
