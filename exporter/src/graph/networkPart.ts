import { TENSORS } from '@spectracam/format';
import { floatTensor, int64Tensor, node } from '@spectracam/format/onnx';
import { reversalConstants, reverseNode } from './graphParts.js';
import type { GraphPart, NetworkGeometry } from './graphParts.js';
import type { NetworkWeights } from './networkWeights.js';
import { DERIVED, derivativePart } from './derivativePart.js';

/** The preprocessed spectra as a one-row image [batch, 1, 1, p], in the model's variable order unless the network reads them mirrored. */
export const NETWORK_IMAGE = 'image';

/** Feature maps the graph may hand out besides conv3. */
export type FeatureOutput = 'conv1' | 'conv2';

/**
 * The CNN on preprocessed [batch, p], written as a 2-D network over a one-row image
 * [batch, 1, 1, p]: three Conv (kernel [1, k], strides [1, s], explicit pads; TensorFlow's `same`
 * puts the odd zero after) + Relu, GAP as GlobalAveragePool, Flatten, the classifier as Gemm with
 * `classifier.weight` [C, 64] (transB) and `classifier.bias`, and Softmax.
 *
 * Why 2-D: ONNX Runtime's x86 layout optimizer (NCHWc, blocked channels) only takes 4-D Conv and
 * pooling, and ran the 2-D form about twice as fast (docs/measurements.md); other runtimes treat
 * H = 1 as a plain 1-D convolution.
 *
 * Outputs keep the 1-D contract: `conv3` (and `conv1`/`conv2` when listed in `features`) are
 * Squeezed to [batch, filters, length]. The Squeeze only runs for tensors that are graph outputs,
 * and GAP reads the 4-D maps, so a runtime that drops `conv3` from the outputs (as ours does for
 * `predict`) never converts it out of ONNX Runtime's blocked layout.
 */
export function networkPart(
  input: string,
  weights: NetworkWeights,
  geometry: NetworkGeometry,
  features: readonly FeatureOutput[] = [],
): GraphPart {
  const initializers = [int64Tensor('image.axes', [1, 2]), int64Tensor('row.axis', [2])];
  const nodes = [];
  if (geometry.mirrored) {
    // The network reads the variables last to first; its maps are reversed back below.
    initializers.push(...reversalConstants([1, 2]));
    nodes.push(reverseNode(input, 'mirrored', 1));
    input = 'mirrored';
  }
  nodes.push(node('Unsqueeze', [input, 'image.axes'], [NETWORK_IMAGE], 'to_image'));
  let x = NETWORK_IMAGE;
  if (weights.variableWeights) {
    // [batch, 1, 1, p] x [1, channels, 1, p]: weighted copies of the spectrum (per member, and per class of a linear path).
    const p = geometry.inputLength;
    initializers.push(floatTensor('weights.scale', [1, weights.variableWeights.length / p, 1, p], weights.variableWeights));
    nodes.push(node('Mul', [x, 'weights.scale'], ['weighted'], 'variable_weights'));
    x = 'weighted';
    if (weights.derivativeWeights) {
      // A derivative path's carriers read D (scale (x - centre)) instead of x (carryDerivative).
      if (geometry.mirrored || !weights.linearPath?.derivative) throw new RangeError('networkPart: derivative carriers need the path\'s derivative, in a network that is not mirrored');
      const derived = derivativePart(input, weights.linearPath.centre, weights.linearPath.derivative, p);
      nodes.push(...derived.nodes);
      initializers.push(...derived.initializers, floatTensor('weights.derivative_scale', [1, weights.derivativeWeights.length / p, 1, p], weights.derivativeWeights));
      nodes.push(
        node('Mul', [DERIVED.image, 'weights.derivative_scale'], ['weighted.derivative'], 'derivative_weights'),
        node('Add', [x, 'weighted.derivative'], ['weighted.carried'], 'derivative_carriers'),
      );
      x = 'weighted.carried';
    }
    if (weights.inputOffset) {
      initializers.push(floatTensor('weights.offset', [1, weights.inputOffset.length / p, 1, p], weights.inputOffset));
      nodes.push(node('Add', [x, 'weights.offset'], ['weighted.centred'], 'linear_path_centre'));
      x = 'weighted.centred';
    }
  }
  weights.conv.forEach((w, l) => {
    const g = geometry.layers[l]!;
    const maps = `${w.name}.image`;
    initializers.push(
      floatTensor(`${w.name}.weight`, [w.filters, w.channelsIn, 1, w.kernel], w.weight),
      floatTensor(`${w.name}.bias`, [w.filters], w.bias),
    );
    nodes.push(
      node('Conv', [x, `${w.name}.weight`, `${w.name}.bias`], [`${w.name}.preactivation`], `${w.name}_conv`, {
        kernel_shape: [1, w.kernel],
        strides: [1, w.stride],
        pads: [0, g.padBefore, 0, g.padAfter],
        dilations: [1, 1],
        group: w.group,
      }),
      node('Relu', [`${w.name}.preactivation`], [maps], `${w.name}_relu`),
    );
    if (w.name === 'conv3' || features.includes(w.name as FeatureOutput)) {
      if (!geometry.mirrored) nodes.push(node('Squeeze', [maps, 'row.axis'], [TENSORS[w.name]], `${w.name}_maps`));
      else nodes.push(node('Squeeze', [maps, 'row.axis'], [`${w.name}.network_order`], `${w.name}_maps`), reverseNode(`${w.name}.network_order`, TENSORS[w.name], 2));
    }
    x = maps;
  });
  const filters = weights.conv[weights.conv.length - 1]!.filters;
  initializers.push(
    floatTensor(TENSORS.classifierWeight, [weights.classes, filters], weights.classifierWeight),
    floatTensor(TENSORS.classifierBias, [weights.classes], weights.classifierBias),
  );
  nodes.push(
    node('GlobalAveragePool', [x], ['gap.image'], 'gap'),
    node('Flatten', ['gap.image'], ['gap'], 'gap_flatten', { axis: 1 }),
    node('Gemm', ['gap', TENSORS.classifierWeight, TENSORS.classifierBias], [TENSORS.logits], 'classifier', {
      transB: 1,
    }),
    node('Softmax', [TENSORS.logits], [TENSORS.probabilities], 'softmax', { axis: 1 }),
  );
  return { nodes, initializers, output: TENSORS.probabilities };
}
