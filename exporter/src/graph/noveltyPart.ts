import { TENSORS } from '@spectracam/format';
import { floatTensor, int64Tensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/**
 * The unknown-sample score in the graph, on the classifier's input `features` [batch, K]:
 * z = features . W (`novelty.whitening`, [K, K], W W^T the precision matrix), the squared distance
 * of z to each whitened class mean (`novelty.means`, [C, K]), and its minimum over the classes:
 * `novelty` [batch], the squared Mahalanobis distance to the nearest class mean. Whitening first
 * costs K^2 + C K multiply-adds per spectrum (against C K^2 with the precision matrix itself) and
 * sums squares, which float32 keeps exact to rounding.
 */
export function noveltyPart(features: string, whitening: ArrayLike<number>, whitenedMeans: ArrayLike<number>, k: number, classes: number): GraphPart {
  return {
    nodes: [
      node('MatMul', [features, TENSORS.noveltyWhitening], ['novelty.whitened'], 'novelty_whiten'),
      node('Unsqueeze', ['novelty.whitened', 'novelty.class_axis'], ['novelty.whitened_rows'], 'novelty_rows'),
      node('Sub', ['novelty.whitened_rows', TENSORS.noveltyMeans], ['novelty.differences'], 'novelty_differences'),
      node('ReduceSumSquare', ['novelty.differences'], ['novelty.distances'], 'novelty_distances', { axes: [2], keepdims: 0 }),
      node('ReduceMin', ['novelty.distances'], [TENSORS.novelty], 'novelty_nearest', { axes: [1], keepdims: 0 }),
    ],
    initializers: [
      floatTensor(TENSORS.noveltyWhitening, [k, k], whitening),
      floatTensor(TENSORS.noveltyMeans, [classes, k], whitenedMeans),
      int64Tensor('novelty.class_axis', [1]),
    ],
    output: TENSORS.novelty,
  };
}
