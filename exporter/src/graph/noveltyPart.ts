import { NO_SHAPE_NOVELTY, TENSORS } from '@spectracam/format';
import { floatTensor, int64Tensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/** The Q residual half of the score: the preprocessed spectrum, its subspace and the two halves' scales. */
export interface ResidualPart {
  input: string;
  /** The same spectra as a one-row image [batch, 1, 1, p] already in the graph, in the same variable order: binning reads it directly. */
  image?: string;
  p: number;
  /** Bins of `width` variables of `input` averaged first (p' = floor(p / width) variables). */
  binning?: { width: number };
  /** [p'] */
  mean: ArrayLike<number>;
  /** [A x p'] row-major orthonormal loadings. */
  basis: ArrayLike<number>;
  components: number;
  /** Without `mahalanobis` the score is the residual alone, and the graph has no Mahalanobis half. */
  scale: { mahalanobis?: number; residual: number };
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
export function noveltyPart(
  features: string,
  whitening: ArrayLike<number>,
  whitenedMeans: ArrayLike<number>,
  k: number,
  classes: number,
  residual?: ResidualPart,
  /** [batch] bool: the spectrum is constant (constantPart's flag, or SNV's squeezed). */
  flat?: string,
): GraphPart {
  const score = flat ? 'novelty.score' : TENSORS.novelty;
  const distance = (output: string, scale = 1) => mahalanobisPart(features, whitening, whitenedMeans, k, classes, scale, output);
  let part: GraphPart;
  if (!residual) part = distance(score);
  else if (residual.scale.mahalanobis === undefined) part = residualPart(residual, score);
  else {
    const halves = [distance('novelty.mahalanobis', residual.scale.mahalanobis), residualPart(residual, 'novelty.residual')];
    part = {
      nodes: [...halves.flatMap((h) => h.nodes), node('Max', ['novelty.mahalanobis', 'novelty.residual'], [score], 'novelty_larger')],
      initializers: halves.flatMap((h) => h.initializers),
      output: score,
    };
  }
  part.output = TENSORS.novelty;
  if (!flat) return part;
  // A constant spectrum, a flat line of any level, has no shape (SNV maps every one to the same point), so
  // no class can be known from it. Such spectra get the largest float32, always above the threshold.
  part.nodes.push(node('Where', [flat, 'novelty.no_shape', score], [TENSORS.novelty], 'novelty_no_shape'));
  part.initializers.push(floatTensor('novelty.no_shape', [], [NO_SHAPE_NOVELTY]));
  return part;
}

/** The squared Mahalanobis distance to the nearest class mean, divided by `scale` (W and the whitened means carry 1 / sqrt(scale)). */
function mahalanobisPart(features: string, whitening: ArrayLike<number>, whitenedMeans: ArrayLike<number>, k: number, classes: number, scale: number, output: string): GraphPart {
  const shrink = 1 / Math.sqrt(scale);
  const scaled = (values: ArrayLike<number>) => (shrink === 1 ? values : Float64Array.from(values, (v) => v * shrink));
  return {
    nodes: [
      node('MatMul', [features, TENSORS.noveltyWhitening], ['novelty.whitened'], 'novelty_whiten'),
      node('Unsqueeze', ['novelty.whitened', 'novelty.class_axis'], ['novelty.whitened_rows'], 'novelty_rows'),
      node('Sub', ['novelty.whitened_rows', TENSORS.noveltyMeans], ['novelty.differences'], 'novelty_differences'),
      node('ReduceSumSquare', ['novelty.differences'], ['novelty.distances'], 'novelty_distances', { axes: [2], keepdims: 0 }),
      node('ReduceMin', ['novelty.distances'], [output], 'novelty_nearest', { axes: [1], keepdims: 0 }),
    ],
    initializers: [floatTensor(TENSORS.noveltyWhitening, [k, k], scaled(whitening)), floatTensor(TENSORS.noveltyMeans, [classes, k], scaled(whitenedMeans)), int64Tensor('novelty.class_axis', [1])],
    output,
  };
}

/** The preprocessed spectrum's Q residual divided by its scale. */
function residualPart(residual: ResidualPart, output: string): GraphPart {
  const { components: a, binning } = residual;
  const p = binning ? Math.floor(residual.p / binning.width) : residual.p;
  // The remainder times 1 / sqrt(scale), so that its sum of squares is Q / scale: one Gemm reconstructs and scales.
  const c = 1 / Math.sqrt(residual.scale.residual);
  const part: GraphPart = { nodes: [], initializers: [], output };
  let spectrum = residual.input;
  if (binning) {
    // Non-overlapping windows (AveragePool drops the incomplete last one), as the trainer binned the subspace's spectra.
    // The network's one-row image spares a reshape; without one, the spectra get a channel axis.
    const w = binning.width;
    if (residual.image) part.nodes.push(node('AveragePool', [residual.image], ['novelty.binned_rows'], 'novelty_bins', { kernel_shape: [1, w], strides: [1, w] }));
    else {
      part.nodes.push(
        node('Unsqueeze', [residual.input, 'novelty.input_axis'], ['novelty.input_rows'], 'novelty_input_rows'),
        node('AveragePool', ['novelty.input_rows'], ['novelty.binned_rows'], 'novelty_bins', { kernel_shape: [w], strides: [w] }),
      );
      part.initializers.push(int64Tensor('novelty.input_axis', [1]));
    }
    part.nodes.push(node('Flatten', ['novelty.binned_rows'], ['novelty.binned'], 'novelty_binned', { axis: 1 }));
    spectrum = 'novelty.binned';
  }
  part.nodes.push(node('Sub', [spectrum, TENSORS.noveltyInputMean], ['novelty.centred'], 'novelty_centre'));
  part.initializers.push(floatTensor(TENSORS.noveltyInputMean, [p], residual.mean));
  if (a > 0) {
    // basis^T [p, A] projects, basis [A, p] reconstructs: remainder = c centred - c scores basis.
    const transposed = new Float64Array(p * a);
    for (let r = 0; r < a; r++) for (let j = 0; j < p; j++) transposed[j * a + r] = residual.basis[r * p + j]!;
    part.nodes.push(
      node('MatMul', ['novelty.centred', 'novelty.input_projection'], ['novelty.input_scores'], 'novelty_project'),
      node('Gemm', ['novelty.input_scores', TENSORS.noveltyInputBasis, 'novelty.centred'], ['novelty.remainder'], 'novelty_remainder', { alpha: { float: -c }, beta: { float: c } }),
    );
    part.initializers.push(floatTensor('novelty.input_projection', [p, a], transposed), floatTensor(TENSORS.noveltyInputBasis, [a, p], residual.basis));
  } else {
    part.nodes.push(node('Mul', ['novelty.centred', 'novelty.residual_scale'], ['novelty.remainder'], 'novelty_remainder'));
    part.initializers.push(floatTensor('novelty.residual_scale', [], [c]));
  }
  part.nodes.push(node('ReduceSumSquare', ['novelty.remainder'], [output], 'novelty_residual', { axes: [1], keepdims: 0 }));
  return part;
}
