import { TENSORS, type AttributionMethod } from '@spectracam/format';
import { floatTensor, int64Tensor, node, type NodeProto, type TensorProto } from '@spectracam/format/onnx';
import type { NetworkWeights } from './networkWeights.js';
import { reverseNode } from './graphParts.js';
import type { NetworkGeometry } from './graphParts.js';
import { contributionPart } from './contributionPart.js';
import { derivativeTransposeNodes } from './derivativePart.js';


/**
 * Input-resolution attributions of every class computed in the graph, so any ONNX runtime
 * returns them in one run without autograd: the network's backward pass written out. The class
 * logit's gradient with respect to the Conv3 maps is classifier.weight[c] / N3 (global average
 * pooling); each conv layer passes it back by a ConvTranspose with the layer's own weights
 * (grouped like the layer), through the ReLU masks of the forward pass (`Greater` on the
 * pre-activations), down to the network's input: the spectrum AFTER the in-graph preprocessing
 * (`x`, on the file's axis: a mirrored network's gradient is reversed back onto it). The class rides in the batch dimension, [batch * C, channels, 1, length].
 * - gradient: d logit_c / d x;
 * - gradient-x-input: that times x;
 * - guided-gradcam: guided backpropagation (negative gradients also stopped at every ReLU,
 *   Springenberg et al. 2015) times the full-resolution CAM (Selvaraju et al. 2017), which needs
 *   `cam` in the graph (the caller adds camPart);
 * - contribution: the logit split exactly over the input variables (contributionPart).
 */
export function attributionPart(
  x: string,
  weights: NetworkWeights,
  geometry: NetworkGeometry,
  methods: readonly AttributionMethod[],
  /** The cam's [N3, p] basis, which `contribution` spreads each Conv3 position's share with, and its initializer when the graph has one. */
  contributionBasis?: Float64Array,
  sharedBasis?: string,
): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  const C = weights.classes;
  const layers = geometry.layers;
  const last = weights.conv[weights.conv.length - 1]!;
  const K = last.filters;
  const n3 = layers[layers.length - 1]!.outputLength;
  const p = geometry.inputLength;
  const name = (s: string) => `attr.${s}`;
  // The backward pass's constants and seed only where a method runs it: runtimes warn about unused initializers.
  if (methods.some((m) => m !== 'contribution')) {
    initializers.push(
      floatTensor(name('seed.scale'), [], [1 / n3]),
      floatTensor(name('zero'), [], [0]),
      int64Tensor(name('axis1'), [1]),
    );
    // Runtimes warn about unused initializers, so this one exists only where the sum below does.
    if (weights.variableWeights) initializers.push(int64Tensor(name('sum.axis'), [1]));
    // [C, K] -> [1, C, K, 1, 1]: each class's weights, spread over the Conv3 positions below.
    initializers.push(int64Tensor(name('seed.shape'), [1, C, K, 1, 1]));
    nodes.push(
      node('Reshape', [TENSORS.classifierWeight, name('seed.shape')], [name('seed.w')], name('seed_reshape')),
      node('Mul', [name('seed.w'), name('seed.scale')], [name('seed')], name('seed_scale')),
    );
  }

  const backward = (guided: boolean): string => {
    const tag = guided ? 'guided' : 'plain';
    let g = '';
    for (let l = weights.conv.length - 1; l >= 0; l--) {
      const w = weights.conv[l]!;
      const geo = layers[l]!;
      const pre = `${w.name}.preactivation`;
      const id = (s: string) => name(`${tag}.${w.name}.${s}`);
      // The ReLU's mask of this layer, [batch, 1, K_l, 1, L_l], against the class axis.
      nodes.push(
        node('Greater', [pre, name('zero')], [id('on')], id('greater')),
        node('Cast', [id('on')], [id('mask')], id('cast'), { to: 1 }),
        node('Unsqueeze', [id('mask'), name('axis1')], [id('mask5')], id('unsqueeze')),
      );
      initializers.push(int64Tensor(id('shape4'), [-1, w.filters, 1, geo.outputLength]));
      if (l === weights.conv.length - 1) nodes.push(node('Mul', [id('mask5'), name('seed')], [id('masked5')], id('seed_mask')));
      else {
        initializers.push(int64Tensor(id('shape5'), [-1, C, w.filters, 1, geo.outputLength]));
        nodes.push(node('Reshape', [g, id('shape5')], [id('g5')], id('to5')), node('Mul', [id('g5'), id('mask5')], [id('masked5')], id('mask_mul')));
      }
      let masked = id('masked5');
      if (guided) {
        // Guided backpropagation also stops negative gradients at every ReLU.
        nodes.push(node('Relu', [masked], [id('positive')], id('relu')));
        masked = id('positive');
      }
      nodes.push(node('Reshape', [masked, id('shape4')], [id('g4')], id('to4')));
      // The layer's backward pass: ConvTranspose with its weights, strides and pads, sized back to its input.
      const produced = geo.stride * (geo.outputLength - 1) + geo.kernel - geo.padBefore - geo.padAfter;
      nodes.push(
        node('ConvTranspose', [id('g4'), `${w.name}.weight`], [id('back')], id('convtranspose'), {
          kernel_shape: [1, geo.kernel],
          strides: [1, geo.stride],
          pads: [0, geo.padBefore, 0, geo.padAfter],
          output_padding: [0, geo.inputLength - produced],
          dilations: [1, 1],
          group: w.group,
        }),
      );
      g = id('back');
    }
    // Down at the network's input: [batch * C, channels, 1, p]; with variable weights, one channel
    // per member, each scaled by its weights and summed.
    const id = (s: string) => name(`${tag}.input.${s}`);
    if (weights.variableWeights) {
      const atInput = g;
      nodes.push(
        node('Mul', [g, 'weights.scale'], [id('weighted')], id('weights')),
        node('ReduceSum', [id('weighted'), name('sum.axis')], [id('summed')], id('sum'), { keepdims: 1 }),
      );
      g = id('summed');
      const d = weights.linearPath?.derivative;
      if (weights.derivativeWeights && d) {
        // The derivative carriers' share reaches x through D^T and the raw-unit scale.
        const transposed = derivativeTransposeNodes(id('derivative.summed'), d, id('derivative'), id('derivative.on_input'));
        nodes.push(
          node('Mul', [atInput, 'weights.derivative_scale'], [id('derivative.weighted')], id('derivative_weights')),
          node('ReduceSum', [id('derivative.weighted'), name('sum.axis')], [id('derivative.summed')], id('derivative_sum'), { keepdims: 1 }),
          ...transposed.nodes,
          node('Add', [id('summed'), id('derivative.on_input')], [id('carried')], id('carried')),
        );
        initializers.push(...transposed.initializers);
        g = id('carried');
      }
    }
    initializers.push(int64Tensor(id('shape'), [-1, C, p]));
    if (!geometry.mirrored) {
      nodes.push(node('Reshape', [g, id('shape')], [id('gradient')], id('reshape')));
      return id('gradient');
    }
    // A network that reads its input reversed: its gradient back onto the file's axis.
    nodes.push(node('Reshape', [g, id('shape')], [id('network_order')], id('reshape')), reverseNode(id('network_order'), id('gradient'), 2));
    return id('gradient');
  };

  if (methods.includes('gradient') || methods.includes('gradient-x-input')) {
    const gradient = backward(false);
    if (methods.includes('gradient')) nodes.push(node('Identity', [gradient], [TENSORS.gradient], name('gradient_out')));
    if (methods.includes('gradient-x-input')) {
      nodes.push(
        node('Unsqueeze', [x, name('axis1')], [name('x3')], name('x_unsqueeze')),
        node('Mul', [gradient, name('x3')], [TENSORS.gradientXInput], name('gradient_x_input')),
      );
    }
  }
  if (methods.includes('guided-gradcam')) {
    const guided = backward(true);
    nodes.push(node('Mul', [guided, TENSORS.cam], [TENSORS.guidedGradCam], name('guided_gradcam')));
  }
  if (methods.includes('contribution')) {
    if (!contributionBasis) throw new RangeError('contribution: the cam basis is needed to spread the Conv3 positions');
    const part = contributionPart(x, weights, geometry, contributionBasis, sharedBasis);
    nodes.push(...part.nodes);
    initializers.push(...part.initializers);
  }
  return { nodes, initializers };
}
