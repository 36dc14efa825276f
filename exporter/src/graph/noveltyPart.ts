import { TENSORS } from '@spectracam/format';
import { floatTensor, int64Tensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/** The Q residual half of the score: the preprocessed spectrum, its subspace and the two halves' scales. */
export interface ResidualPart {
  input: string;
  p: number;
  mean: ArrayLike<number>;
  /** [A x p] row-major orthonormal loadings. */
  basis: ArrayLike<number>;
  components: number;
  scale: { mahalanobis: number; residual: number };
}

/**
 * The unknown-sample score in the graph, on the classifier's input `features` [batch, K]:
 * z = features . W (`novelty.whitening`, [K, K], W W^T the precision matrix), the squared distance
 * of z to each whitened class mean (`novelty.means`, [C, K]), and its minimum over the classes:
 * the squared Mahalanobis distance to the nearest class mean. Whitening first costs K^2 + C K
 * multiply-adds per spectrum (against C K^2 with the precision matrix itself) and sums squares,
 * which float32 keeps exact to rounding. With `residual`, `novelty` is the larger of that and the
 * preprocessed spectrum's Q residual, each divided by its scale; the residual is the squared norm
 * of what the subspace does not reconstruct (summing squares of the remainder, not subtracting two
 * large sums, keeps float32 exact).
 */
export function noveltyPart(features: string, whitening: ArrayLike<number>, whitenedMeans: ArrayLike<number>, k: number, classes: number, residual?: ResidualPart): GraphPart {
  const distance = residual ? 'novelty.mahalanobis' : TENSORS.novelty;
  const part: GraphPart = {
    nodes: [
      node('MatMul', [features, TENSORS.noveltyWhitening], ['novelty.whitened'], 'novelty_whiten'),
      node('Unsqueeze', ['novelty.whitened', 'novelty.class_axis'], ['novelty.whitened_rows'], 'novelty_rows'),
      node('Sub', ['novelty.whitened_rows', TENSORS.noveltyMeans], ['novelty.differences'], 'novelty_differences'),
      node('ReduceSumSquare', ['novelty.differences'], ['novelty.distances'], 'novelty_distances', { axes: [2], keepdims: 0 }),
      node('ReduceMin', ['novelty.distances'], [distance], 'novelty_nearest', { axes: [1], keepdims: 0 }),
    ],
    initializers: [
      floatTensor(TENSORS.noveltyWhitening, [k, k], whitening),
      floatTensor(TENSORS.noveltyMeans, [classes, k], whitenedMeans),
      int64Tensor('novelty.class_axis', [1]),
    ],
    output: TENSORS.novelty,
  };
  if (!residual) return part;
  const { p, components: a } = residual;
  const remainder = a > 0 ? 'novelty.remainder' : 'novelty.centred';
  part.nodes.push(node('Sub', [residual.input, TENSORS.noveltyInputMean], ['novelty.centred'], 'novelty_centre'));
  part.initializers.push(floatTensor(TENSORS.noveltyInputMean, [p], residual.mean));
  if (a > 0) {
    // basis^T [p, A] projects, basis [A, p] reconstructs.
    const transposed = new Float64Array(p * a);
    for (let c = 0; c < a; c++) for (let j = 0; j < p; j++) transposed[j * a + c] = residual.basis[c * p + j]!;
    part.nodes.push(
      node('MatMul', ['novelty.centred', 'novelty.input_projection'], ['novelty.input_scores'], 'novelty_project'),
      node('MatMul', ['novelty.input_scores', TENSORS.noveltyInputBasis], ['novelty.reconstructed'], 'novelty_reconstruct'),
      node('Sub', ['novelty.centred', 'novelty.reconstructed'], [remainder], 'novelty_remainder'),
    );
    part.initializers.push(floatTensor('novelty.input_projection', [p, a], transposed), floatTensor(TENSORS.noveltyInputBasis, [a, p], residual.basis));
  }
  part.nodes.push(
    node('ReduceSumSquare', [remainder], ['novelty.residual'], 'novelty_residual', { axes: [1], keepdims: 0 }),
    node('Mul', [distance, 'novelty.mahalanobis_scale'], ['novelty.mahalanobis_scaled'], 'novelty_scale_distance'),
    node('Mul', ['novelty.residual', 'novelty.residual_scale'], ['novelty.residual_scaled'], 'novelty_scale_residual'),
    node('Max', ['novelty.mahalanobis_scaled', 'novelty.residual_scaled'], [TENSORS.novelty], 'novelty_larger'),
  );
  part.initializers.push(floatTensor('novelty.mahalanobis_scale', [], [1 / residual.scale.mahalanobis]), floatTensor('novelty.residual_scale', [], [1 / residual.scale.residual]));
  return part;
}
