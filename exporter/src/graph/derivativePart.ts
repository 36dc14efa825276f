import { floatTensor, int64Tensor, node, type NodeProto, type TensorProto } from '@spectracam/format/onnx';
import type { LinearPathSource } from './networkWeights.js';

/** The tensors of a derivative path's input in the graph (`path.*`), shared by the network and `contribution`. */
export const DERIVED = { values: 'path.derived', image: 'path.derived_image', band: 'path.band', rawScale: 'path.raw_scale', centre: 'path.centre' } as const;

/**
 * D (scale (x - centre)) of the preprocessed spectra x [batch, p], as [batch, p] (`path.derived`)
 * and [batch, 1, 1, p] (`path.derived_image`). D is a band (it varies along an irregular axis and at
 * the edges), so the `width` neighbours of every variable are laid side by side, [batch, width, p],
 * weighted by the band per position and summed. The neighbours come from block copies: the
 * zero-padded spectrum (length L) tiled width + 1 times and read as rows of L + 1, where row k
 * starts k further along. A Conv with one-hot kernels made the same copies with width^2
 * multiply-adds per variable, and a Gather copied one value at a time; each cost about a tenth of
 * the default network's predict.
 */
export function derivativePart(x: string, centre: ArrayLike<number>, d: NonNullable<LinearPathSource['derivative']>, p: number): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const width = 2 * d.half + 1;
  const length = p + 2 * d.half;
  // Row k, column i of the rows of L + 1 holds padded[(k (L + 1) + i) mod L] = padded[i + k] = raw[i + k - half].
  return {
    initializers: [
      floatTensor(DERIVED.centre, [p], centre),
      floatTensor(DERIVED.rawScale, [p], d.scale),
      int64Tensor('path.pads', [0, d.half, 0, d.half]),
      int64Tensor('path.repeats', [1, width + 1]),
      int64Tensor('path.tiled_end', [width * (length + 1)]),
      int64Tensor('path.axis1', [1]),
      int64Tensor('path.zero', [0]),
      int64Tensor('path.rows_shape', [-1, width, length + 1]),
      int64Tensor('path.window_end', [p]),
      int64Tensor('path.axis2', [2]),
      floatTensor(DERIVED.band, [width, p], d.rows),
      int64Tensor('path.image_axes', [1, 2]),
    ],
    nodes: [
      node('Sub', [x, DERIVED.centre], ['path.deviation'], 'path_deviation'),
      node('Mul', ['path.deviation', DERIVED.rawScale], ['path.raw'], 'path_raw'),
      node('Pad', ['path.raw', 'path.pads'], ['path.padded'], 'path_padded'),
      node('Tile', ['path.padded', 'path.repeats'], ['path.tiled'], 'path_tiled'),
      node('Slice', ['path.tiled', 'path.zero', 'path.tiled_end', 'path.axis1'], ['path.tiled_rows'], 'path_tiled_rows'),
      node('Reshape', ['path.tiled_rows', 'path.rows_shape'], ['path.shifted'], 'path_shifted'),
      node('Slice', ['path.shifted', 'path.zero', 'path.window_end', 'path.axis2'], ['path.window'], 'path_window'),
      node('Mul', ['path.window', DERIVED.band], ['path.terms'], 'path_terms'),
      node('ReduceSum', ['path.terms', 'path.axis1'], [DERIVED.values], 'path_derived', { keepdims: 0 }),
      node('Unsqueeze', [DERIVED.values, 'path.image_axes'], [DERIVED.image], 'path_derived_image'),
    ],
  };
}

/**
 * D^T of a gradient on the derivative image, g [rows, 1, 1, p] -> scale * D^T g on the input [rows, 1, 1, p]:
 * (D^T g)_j = sum_k rows[k][j - k + half] g[j - k + half]: channel k of g times the band shifted
 * back by k - half, one Conv whose kernel k is one-hot at tap width - 1 - k. Names start with `prefix`.
 */
export function derivativeTransposeNodes(g: string, d: NonNullable<LinearPathSource['derivative']>, prefix: string, out: string): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const width = 2 * d.half + 1;
  const back = new Float32Array(width * width);
  for (let k = 0; k < width; k++) back[k * width + (width - 1 - k)] = 1;
  return {
    initializers: [floatTensor(`${prefix}.unshift`, [1, width, 1, width], back), int64Tensor(`${prefix}.image_shape`, [-1, width, 1, d.rows.length / width])],
    nodes: [
      // [rows, 1, 1, p] x the band [width, p] -> [rows, 1, width, p], laid out as a [rows, width, 1, p] image for the Conv.
      node('Mul', [g, DERIVED.band], [`${prefix}.band`], `${prefix}_band`),
      node('Reshape', [`${prefix}.band`, `${prefix}.image_shape`], [`${prefix}.terms`], `${prefix}_terms`),
      node('Conv', [`${prefix}.terms`, `${prefix}.unshift`], [`${prefix}.transposed`], `${prefix}_unshift`, { kernel_shape: [1, width], pads: [0, d.half, 0, d.half], strides: [1, 1], dilations: [1, 1] }),
      node('Mul', [`${prefix}.transposed`, DERIVED.rawScale], [out], `${prefix}_raw_scale`),
    ],
  };
}
