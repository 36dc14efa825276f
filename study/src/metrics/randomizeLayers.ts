import { createPrng } from '@spectracam/data';
import { TENSORS } from '@spectracam/format';
import { decodeModel, floatTensor, onnx } from '@spectracam/format/onnx';
import { gaussianLike } from './gaussianLike.js';
import { randomizeReadout } from './randomizeReadout.js';

/** The model-randomisation cascade (Adebayo et al. 2018): top layer first, each step keeps the ones before randomised. */
export const RANDOMISATION_CASCADE = ['classifier', 'conv3', 'conv2', 'conv1'] as const;
export type RandomisedLayer = (typeof RANDOMISATION_CASCADE)[number];

const initializersOf = (layer: RandomisedLayer) => (layer === 'classifier' ? [TENSORS.classifierWeight, TENSORS.classifierBias] : [`${layer}.weight`, `${layer}.bias`]);

/**
 * The model file with the weights of `layers` replaced by Gaussian noise of each tensor's own
 * mean and spread (seeded): what an explanation must notice if it reads the model at all.
 * `classifier` includes a linear readout where the network has one (see randomizeReadout).
 */
export function randomizeLayers(bytes: Uint8Array, layers: readonly RandomisedLayer[], seed = 1): Uint8Array {
  const decoded = decodeModel(bytes, 'model');
  const model = decoded.proto;
  const names = new Set(layers.flatMap(initializersOf));
  const prng = createPrng(seed);
  const replaced = layers.includes('classifier') ? randomizeReadout(decoded, prng) : new Map<string, Float32Array>();
  model.graph!.initializer = model.graph!.initializer!.map((tensor) => {
    if (!tensor.name || !(names.has(tensor.name) || replaced.has(tensor.name))) return tensor;
    const dims = (tensor.dims ?? []).map(Number);
    const readout = replaced.get(tensor.name);
    if (readout) return onnx.TensorProto.create(floatTensor(tensor.name, dims, readout));
    return onnx.TensorProto.create(floatTensor(tensor.name, dims, gaussianLike(decoded.initializers.get(tensor.name)!.data, prng)));
  });
  return onnx.ModelProto.encode(model).finish();
}
