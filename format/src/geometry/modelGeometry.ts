/** Padding modes the trainer offers; both map to explicit ONNX `pads`. */
export type Padding = 'same' | 'valid';

/**
 * How a layer of a file pads: the trainer's modes, or `explicit` for a wrapped network whose
 * zeros before / after match neither (PyTorch's `padding=k`, an ONNX `pads` attribute).
 */
export type LayerPadding = Padding | 'explicit';

export interface ConvLayerGeometry {
  name: 'conv1' | 'conv2' | 'conv3';
  filters: number;
  kernel: number;
  stride: number;
  padding: LayerPadding;
  /** Zeros added before / after the input of this layer (TensorFlow's `same` puts the odd one after). */
  padBefore: number;
  padAfter: number;
  inputLength: number;
  outputLength: number;
  /** Receptive-field centre of each output position, as a (fractional) index on the model's INPUT axis. */
  centres: number[];
}

/** A layer of the trainer's network: padded in one of the trainer's modes. */
export type TrainedLayerGeometry = ConvLayerGeometry & { padding: Padding };

/** The trainer's network: three conv layers. */
export interface ModelGeometry {
  inputLength: number;
  layers: [TrainedLayerGeometry, TrainedLayerGeometry, TrainedLayerGeometry];
}

export interface ConvSpec {
  kernels: [number, number, number];
  strides: [number, number, number];
  padding: Padding;
}

export const FILTERS: [number, number, number] = [16, 32, 64];

/** Output length and padding of one 1-D convolution, as TensorFlow computes them. */
export function convOutput(inputLength: number, kernel: number, stride: number, padding: Padding) {
  if (padding === 'valid') {
    const outputLength = Math.floor((inputLength - kernel) / stride) + 1;
    return { outputLength, padBefore: 0, padAfter: 0 };
  }
  const outputLength = Math.ceil(inputLength / stride);
  const total = Math.max((outputLength - 1) * stride + kernel - inputLength, 0);
  const padBefore = Math.floor(total / 2);
  return { outputLength, padBefore, padAfter: total - padBefore };
}

/** One layer of a conv stack: its size and the zeros it adds on each side of its input. */
export interface ConvStackLayer {
  name: ConvLayerGeometry['name'];
  filters: number;
  kernel: number;
  stride: number;
  padBefore: number;
  padAfter: number;
}

/**
 * Geometry of a stack of conv layers (no dilation) for an input of `inputLength` variables, with
 * the receptive-field centre of every output position traced back to the input index axis. A
 * layer's `padding` says `valid` (no zeros), `same` (TensorFlow's zeros for its length and stride)
 * or `explicit` (any other).
 */
export function convStackGeometry(inputLength: number, stack: readonly ConvStackLayer[]): ConvLayerGeometry[] {
  let length = inputLength;
  // Centre (input index) of each position of the current layer's input; the input itself first.
  let centres = Array.from({ length: inputLength }, (_, i) => i);
  return stack.map((spec) => {
    const { kernel, stride, padBefore, padAfter } = spec;
    const outputLength = Math.floor((length + padBefore + padAfter - kernel) / stride) + 1;
    if (!(outputLength >= 1)) {
      throw new RangeError(`${spec.name}: kernel ${kernel} with stride ${stride} leaves no output for an input of ${length} values`);
    }
    // Position j covers input positions j*stride - padBefore .. + kernel-1; its centre is their
    // middle, mapped through the previous layers (linear, so interpolate the previous centres).
    const prev = centres;
    const at = (x: number) => {
      if (prev.length === 1) return prev[0]!;
      const step = prev[1]! - prev[0]!;
      return prev[0]! + x * step; // centres of a strided layer are evenly spaced
    };
    centres = Array.from({ length: outputLength }, (_, j) => at(j * stride - padBefore + (kernel - 1) / 2));
    const same = convOutput(length, kernel, stride, 'same');
    const padding: LayerPadding =
      padBefore === 0 && padAfter === 0 ? 'valid' : padBefore === same.padBefore && padAfter === same.padAfter ? 'same' : 'explicit';
    const { name, filters } = spec;
    const layer: ConvLayerGeometry = { name, filters, kernel, stride, padding, padBefore, padAfter, inputLength: length, outputLength, centres };
    length = outputLength;
    return layer;
  });
}

/**
 * Geometry of the three conv layers for an input of `inputLength` variables, with the
 * receptive-field centre of every output position traced back to the input index axis.
 */
export function modelGeometry(inputLength: number, spec: ConvSpec): ModelGeometry {
  let length = inputLength;
  const stack = [0, 1, 2].map((l): ConvStackLayer => {
    const kernel = spec.kernels[l]!;
    const stride = spec.strides[l]!;
    const { outputLength, padBefore, padAfter } = convOutput(length, kernel, stride, spec.padding);
    if (outputLength < 1) {
      throw new RangeError(
        `conv${l + 1}: kernel ${kernel} with stride ${stride} leaves no output for an input of ${length} values`,
      );
    }
    length = outputLength;
    return { name: `conv${l + 1}` as ConvLayerGeometry['name'], filters: FILTERS[l]!, kernel, stride, padBefore, padAfter };
  });
  // The trainer's mode names every layer (a `same` layer that needs no zeros is still `same`).
  const layers = convStackGeometry(inputLength, stack).map((g) => ({ ...g, padding: spec.padding }));
  return { inputLength, layers: layers as ModelGeometry['layers'] };
}
