import { floatTensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/** [batch, 1] bool: the raw spectrum is constant (its maximum equals its minimum). */
export const CONSTANT_SPECTRUM = 'input.is_constant';

/**
 * Flags spectra without any shape: a constant line has no band, whatever its level, and no
 * instrument records one (detector noise alone varies). SNV computes its own flag (SNV_FLAT).
 */
export function constantPart(input: string): GraphPart {
  return {
    nodes: [
      node('ReduceMax', [input], ['input.max'], 'input_max', { axes: [1], keepdims: 1 }),
      node('ReduceMin', [input], ['input.min'], 'input_min', { axes: [1], keepdims: 1 }),
      node('Sub', ['input.max', 'input.min'], ['input.range'], 'input_range'),
      node('Equal', ['input.range', 'input.zero_range'], [CONSTANT_SPECTRUM], 'input_is_constant'),
    ],
    initializers: [floatTensor('input.zero_range', [1], [0])],
    output: CONSTANT_SPECTRUM,
  };
}
