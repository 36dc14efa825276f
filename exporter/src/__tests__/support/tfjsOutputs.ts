import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

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

/** The TensorFlow.js model's outputs on already preprocessed spectra, laid out as the ONNX outputs. */
export function tfjsOutputs(model: tfl.LayersModel, preprocessed: Float32Array[]): Outputs {
  const p = preprocessed[0]!.length;
  const flat = new Float32Array(preprocessed.length * p);
  preprocessed.forEach((s, i) => flat.set(s, i * p));
  const names = ['conv1', 'conv2', 'conv3', 'gap'];
  const probe = tfl.model({ inputs: model.inputs, outputs: names.map((n) => model.getLayer(n).output as tfl.SymbolicTensor) });
  const input = tf.tensor3d(flat, [preprocessed.length, p, 1]);
  const [c1, c2, c3, gap] = probe.predict(input) as tf.Tensor[];
  const [kernel, bias] = model.getLayer('classifier').getWeights();
  const logits = tf.tidy(() => tf.add(tf.matMul(gap!, kernel!), bias!));
  const probabilities = model.predict(input) as tf.Tensor;
  const result: Outputs = {
    logits: logits.dataSync() as Float32Array,
    probabilities: probabilities.dataSync() as Float32Array,
    conv1: channelsFirst(c1!),
    conv2: channelsFirst(c2!),
    conv3: channelsFirst(c3!),
  };
  tf.dispose([input, c1!, c2!, c3!, gap!, logits, probabilities]);
  return result;
}
