import { createPrng } from '@spectracam/data';
import { TENSORS } from '@spectracam/format';
import { decodeModel, floatTensor, onnx } from '@spectracam/format/onnx';

/** The model-randomisation cascade (Adebayo et al. 2018): top layer first, each step keeps the ones before randomised. */
export const RANDOMISATION_CASCADE = ['classifier', 'conv3', 'conv2', 'conv1'] as const;
export type RandomisedLayer = (typeof RANDOMISATION_CASCADE)[number];

const initializersOf = (layer: RandomisedLayer) => (layer === 'classifier' ? [TENSORS.classifierWeight, TENSORS.classifierBias] : [`${layer}.weight`, `${layer}.bias`]);

/**
 * The model file with the weights of `layers` replaced by Gaussian noise of each tensor's own
 * mean and spread (seeded): what an explanation must notice if it reads the model at all.
 */
export function randomizeLayers(bytes: Uint8Array, layers: readonly RandomisedLayer[], seed = 1): Uint8Array {
  const decoded = decodeModel(bytes, 'model');
  const model = decoded.proto;
  const names = new Set(layers.flatMap(initializersOf));
  const prng = createPrng(seed);
  model.graph!.initializer = model.graph!.initializer!.map((tensor) => {
    if (!tensor.name || !names.has(tensor.name)) return tensor;
    const values = decoded.initializers.get(tensor.name)!.data;
    let mean = 0;
    for (const v of values) mean += v / values.length;
    let sd = 0;
    for (const v of values) sd += (v - mean) ** 2 / values.length;
    sd = Math.sqrt(sd) || 0.1;
    const random = Float32Array.from(values, () => mean + sd * prng.normal());
    return onnx.TensorProto.create(floatTensor(tensor.name, (tensor.dims ?? []).map(Number), random));
  });
  return onnx.ModelProto.encode(model).finish();
}
