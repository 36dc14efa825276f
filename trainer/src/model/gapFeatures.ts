import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { findMemberLayer, memberCount, memberLayer } from './ensembleModel.js';
import { linearPathFeatures } from './linearPathFeatures.js';
import type { DerivativeCarrier } from './pathCarrier.js';

/**
 * The vector the classifier reads, for preprocessed spectra: the output of the model's `gap`
 * layer (for an ensemble, every member's `gap` side by side in member order, member m's channels
 * at [m K_m, (m + 1) K_m)), exactly the channel order of the exported graph's `gap` tensor (the
 * input of its `classifier` Gemm, whose weight is [C, K]). K is read from the layers: 64 per
 * member for the study's network, more where the last layer has more channels.
 *
 * Returns the features row-major, `rows x channels`. `carrier`: what a derivative path's channels
 * carry, as the run says (runPathCarrier).
 */
export function gapFeatures(model: tfl.LayersModel, spectra: readonly Float32Array[], carrier?: DerivativeCarrier, chunk = 128): { channels: number; values: Float32Array } {
  const members = memberCount(model);
  const outputs = Array.from({ length: members }, (_, m) => memberLayer(model, 'gap', m).output as tfl.SymbolicTensor);
  // A linear path adds two channels per class after each member's own (the exported graph's order).
  const readouts = Array.from({ length: members }, (_, m) => findMemberLayer(model, 'readout', m));
  const extra = readouts.map((r) => (r ? 2 * r.getWeights()[0]!.shape[1]! : 0));
  const own = outputs.map((o) => o.shape[o.shape.length - 1] as number);
  const channels = own.reduce((a, b) => a + b, 0) + extra.reduce((a, b) => a + b, 0);
  const values = new Float32Array(spectra.length * channels);
  if (spectra.length === 0) return { channels, values };
  const feature = tfl.model({ inputs: model.inputs, outputs });
  const p = spectra[0]!.length;
  for (let start = 0; start < spectra.length; start += chunk) {
    const part = spectra.slice(start, start + chunk);
    const flat = new Float32Array(part.length * p);
    part.forEach((s, i) => {
      if (s.length !== p) throw new RangeError(`gapFeatures: spectrum ${start + i} has ${s.length} values, expected ${p}`);
      flat.set(s, i * p);
    });
    const results = tf.tidy(() => ([] as tf.Tensor[]).concat(feature.predict(tf.tensor3d(flat, [part.length, p, 1])) as tf.Tensor | tf.Tensor[]));
    let offset = 0;
    results.forEach((t, m) => {
      const k = t.shape[1]!;
      const data = t.dataSync() as Float32Array;
      for (let i = 0; i < part.length; i++) values.set(data.subarray(i * k, (i + 1) * k), (start + i) * channels + offset);
      offset += k;
      const readout = readouts[m];
      if (readout) {
        const convs = ['conv1', 'conv2', 'conv3'].map((n) => memberLayer(model, n, m));
        const path = linearPathFeatures(readout, convs, part, carrier);
        const e = extra[m]!;
        for (let i = 0; i < part.length; i++) for (let q = 0; q < e; q++) values[(start + i) * channels + offset + q] = path[i * e + q]!;
        offset += e;
      }
    });
    tf.dispose(results);
  }
  return { channels, values };
}
