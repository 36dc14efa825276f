import { floatTensor, int64Tensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/**
 * Standard normal variate per spectrum, as the trainer's applyPreprocessing computes it:
 * (x - mean) / std with the SAMPLE std (divide by p - 1), and std 0 replaced by 1.
 * The trainer works in float64; in float32 a mean of large raw values loses digits, so the
 * centred values get a second, cheap centring pass (the residual mean of the centred values).
 */
/** [batch, 1] bool: the spectrum is constant (standard deviation 0), so SNV has no shape to scale. */
export const SNV_FLAT = 'snv.is_flat';

export function snvPart(input: string, p: number): GraphPart {
  return {
    nodes: [
      node('ReduceMean', [input], ['snv.mean'], 'snv_mean', { axes: [1], keepdims: 1 }),
      node('Sub', [input, 'snv.mean'], ['snv.centred_once'], 'snv_centre'),
      node('ReduceMean', ['snv.centred_once'], ['snv.residual_mean'], 'snv_residual_mean', { axes: [1], keepdims: 1 }),
      node('Sub', ['snv.centred_once', 'snv.residual_mean'], ['snv.centred'], 'snv_recentre'),
      node('ReduceSumSquare', ['snv.centred'], ['snv.sum_squares'], 'snv_sum_squares', { axes: [1], keepdims: 1 }),
      node('Div', ['snv.sum_squares', 'snv.degrees_of_freedom'], ['snv.variance'], 'snv_variance'),
      node('Sqrt', ['snv.variance'], ['snv.std_raw'], 'snv_std'),
      node('Equal', ['snv.std_raw', 'snv.zero'], [SNV_FLAT], 'snv_is_flat'),
      node('Where', [SNV_FLAT, 'snv.one', 'snv.std_raw'], ['snv.std'], 'snv_guard_flat'),
      node('Div', ['snv.centred', 'snv.std'], ['preprocessed'], 'snv_scale'),
    ],
    initializers: [
      floatTensor('snv.degrees_of_freedom', [1], [Math.max(p - 1, 1)]),
      floatTensor('snv.zero', [1], [0]),
      floatTensor('snv.one', [1], [1]),
    ],
    output: 'preprocessed',
  };
}

/** SNV's flag as [batch] bool, for the unknown-sample score. */
export function snvFlatRows(): GraphPart {
  return {
    nodes: [node('Squeeze', [SNV_FLAT, 'snv.flat_axis'], ['snv.is_flat_row'], 'snv_flat_rows')],
    initializers: [int64Tensor('snv.flat_axis', [1])],
    output: 'snv.is_flat_row',
  };
}
