import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { memberCount, memberLayer } from '@spectracam/trainer';

export interface Outputs {
  logits: Float32Array;
  probabilities: Float32Array;
  conv1: Float32Array;
  conv2: Float32Array;
  conv3: Float32Array;
}

/** [n, L, ch] channels-last (tfjs) -> [n, ch, L] channels-first (ONNX). */
function channelsFirst(t: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.transpose(t, [0, 2, 1]).dataSync() as Float32Array);
}

/**
 * The TensorFlow.js model's outputs on already preprocessed spectra, laid out as the ONNX outputs:
 * for an ensemble, its members' maps side by side and the mean of their logits.
 */
export function tfjsOutputs(model: tfl.LayersModel, preprocessed: Float32Array[]): Outputs {
  const p = preprocessed[0]!.length;
  const flat = new Float32Array(preprocessed.length * p);
  preprocessed.forEach((s, i) => flat.set(s, i * p));
  const members = memberCount(model);
  const names = ['conv1', 'conv2', 'conv3', 'gap'];
  const layerOutputs = Array.from({ length: members }, (_, m) => names.map((n) => memberLayer(model, n, m).output as tfl.SymbolicTensor));
  const probe = tfl.model({ inputs: model.inputs, outputs: layerOutputs.flat() });
  const input = tf.tensor3d(flat, [preprocessed.length, p, 1]);
  const all = probe.predict(input) as tf.Tensor[];
  const of = (l: number) => all.filter((_, k) => k % 4 === l);
  const logits = tf.tidy(() =>
    tf.div(
      tf.addN(of(3).map((gap, m) => {
        const [kernel, bias] = memberLayer(model, 'classifier', m).getWeights();
        const scores = tf.add(tf.matMul(gap as tf.Tensor2D, kernel as tf.Tensor2D), bias!);
        // A linear path adds x . coef + intercept to the classifier's logits.
        const readout = model.layers.find((l) => l.name === (members > 1 ? `m${m + 1}_readout` : 'readout'));
        if (!readout) return scores;
        const [coef, centre, intercept] = readout.getWeights();
        return tf.add(tf.add(scores, tf.matMul(tf.sub(tf.reshape(input, [preprocessed.length, p]), centre!) as tf.Tensor2D, coef as tf.Tensor2D)), intercept!);
      })),
      members,
    ),
  );
  const probabilities = model.predict(input) as tf.Tensor;
  const joined = (l: number) => tf.tidy(() => (members === 1 ? of(l)[0]!.clone() : tf.concat(of(l), -1)));
  const [c1, c2, c3] = [joined(0), joined(1), joined(2)];
  const result: Outputs = {
    logits: logits.dataSync() as Float32Array,
    probabilities: probabilities.dataSync() as Float32Array,
    conv1: channelsFirst(c1),
    conv2: channelsFirst(c2),
    conv3: channelsFirst(c3),
  };
  tf.dispose([input, ...all, c1, c2, c3, logits, probabilities]);
  return result;
}
