import type { ModelGeometry } from '@spectracam/trainer';
import { TENSORS } from '@spectracam/runtime';
import { floatTensor, int64Tensor, node } from '../onnx/index.js';
import type { GraphPart } from './graphParts.js';
import type { NetworkWeights } from './networkWeights.js';

/**
 * The CNN on preprocessed [batch, p]: Unsqueeze to channels-first [batch, 1, p], three
 * Conv + Relu with explicit pads (TensorFlow's `same` puts the odd zero after), GAP as
 * ReduceMean over length, then the classifier as Gemm with `classifier.weight` [C, 64]
 * (transB) and `classifier.bias`, and Softmax. Tensors conv1..conv3 hold post-ReLU maps.
 */
export function networkPart(input: string, weights: NetworkWeights, geometry: ModelGeometry): GraphPart {
  const nodes = [node('Unsqueeze', [input, 'channels.axis'], ['channels_first'], 'to_channels_first')];
  const initializers = [int64Tensor('channels.axis', [1])];
  let x = 'channels_first';
  weights.conv.forEach((w, l) => {
    const g = geometry.layers[l]!;
    initializers.push(
      floatTensor(`${w.name}.weight`, [w.filters, w.channelsIn, w.kernel], w.weight),
      floatTensor(`${w.name}.bias`, [w.filters], w.bias),
    );
    nodes.push(
      node('Conv', [x, `${w.name}.weight`, `${w.name}.bias`], [`${w.name}.preactivation`], `${w.name}_conv`, {
        kernel_shape: [w.kernel],
        strides: [w.stride],
        pads: [g.padBefore, g.padAfter],
        dilations: [1],
        group: 1,
      }),
      node('Relu', [`${w.name}.preactivation`], [TENSORS[w.name]], `${w.name}_relu`),
    );
    x = TENSORS[w.name];
  });
  const features = weights.conv[2].filters;
  initializers.push(
    floatTensor(TENSORS.classifierWeight, [weights.classes, features], weights.classifierWeight),
    floatTensor(TENSORS.classifierBias, [weights.classes], weights.classifierBias),
  );
  nodes.push(
    node('ReduceMean', [x], ['gap'], 'gap', { axes: [2], keepdims: 0 }),
    node('Gemm', ['gap', TENSORS.classifierWeight, TENSORS.classifierBias], [TENSORS.logits], 'classifier', {
      transB: 1,
    }),
    node('Softmax', [TENSORS.logits], [TENSORS.probabilities], 'softmax', { axis: 1 }),
  );
  return { nodes, initializers, output: TENSORS.probabilities };
}
