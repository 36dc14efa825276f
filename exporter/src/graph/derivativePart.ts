import { floatTensor, int64Tensor, node, type NodeProto, type TensorProto } from '@spectracam/format/onnx';
import type { LinearPathSource } from './networkWeights.js';

/** The tensors of a derivative path's input in the graph (`path.*`), shared by the network and `contribution`. */
export const DERIVED = { values: 'path.derived', image: 'path.derived_image', rows: 'path.rows', rawScale: 'path.raw_scale', centre: 'path.centre' } as const;

/**
 * D (scale (x - centre)) of the preprocessed spectra x [batch, p], as [batch, p] (`path.derived`)
 * and [batch, 1, 1, p] (`path.derived_image`): `width` shifted copies of the scaled deviation (one
 * Conv with one-hot kernels), weighted by D's band per position and summed. D varies along an
 * irregular axis and at the edges, so it is a band, not one kernel.
 */
export function derivativePart(x: string, centre: ArrayLike<number>, d: NonNullable<LinearPathSource['derivative']>, p: number): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const width = 2 * d.half + 1;
  const shifts = new Float32Array(width * width);
  for (let k = 0; k < width; k++) shifts[k * width + k] = 1;
  return {
    initializers: [
      floatTensor(DERIVED.centre, [p], centre),
      floatTensor(DERIVED.rawScale, [p], d.scale),
      int64Tensor('path.image_axes', [1, 2]),
      floatTensor('path.shifts', [width, 1, 1, width], shifts),
      floatTensor(DERIVED.rows, [1, width, 1, p], d.rows),
      int64Tensor('path.band_axis', [1]),
      int64Tensor('path.row_shape', [-1, p]),
    ],
    nodes: [
      node('Sub', [x, DERIVED.centre], ['path.deviation'], 'path_deviation'),
      node('Mul', ['path.deviation', DERIVED.rawScale], ['path.raw'], 'path_raw'),
      node('Unsqueeze', ['path.raw', 'path.image_axes'], ['path.raw_image'], 'path_raw_image'),
      node('Conv', ['path.raw_image', 'path.shifts'], ['path.shifted'], 'path_shifted', { kernel_shape: [1, width], pads: [0, d.half, 0, d.half], strides: [1, 1], dilations: [1, 1] }),
      node('Mul', ['path.shifted', DERIVED.rows], ['path.terms'], 'path_terms'),
      node('ReduceSum', ['path.terms', 'path.band_axis'], [DERIVED.image], 'path_derived_image', { keepdims: 1 }),
      node('Reshape', [DERIVED.image, 'path.row_shape'], [DERIVED.values], 'path_derived'),
    ],
  };
}

/**
 * D^T of a gradient on the derivative image, g [rows, 1, 1, p] -> scale * D^T g on the input [rows, 1, 1, p]:
 * (D^T g)_j = sum_k rows[k][j - k + half] g[j - k + half], the band's products shifted back (one
 * Conv with the forward's one-hot kernels mirrored). Names start with `prefix`.
 */
export function derivativeTransposeNodes(g: string, d: NonNullable<LinearPathSource['derivative']>, prefix: string, out: string): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const width = 2 * d.half + 1;
  const back = new Float32Array(width * width);
  for (let k = 0; k < width; k++) back[k * width + (width - 1 - k)] = 1;
  return {
    initializers: [floatTensor(`${prefix}.unshift`, [1, width, 1, width], back)],
    nodes: [
      node('Mul', [g, DERIVED.rows], [`${prefix}.terms`], `${prefix}_terms`),
      node('Conv', [`${prefix}.terms`, `${prefix}.unshift`], [`${prefix}.transposed`], `${prefix}_unshift`, { kernel_shape: [1, width], pads: [0, d.half, 0, d.half], strides: [1, 1], dilations: [1, 1] }),
      node('Mul', [`${prefix}.transposed`, DERIVED.rawScale], [out], `${prefix}_raw_scale`),
    ],
  };
}
