import { node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/** [batch] bool: the raw spectrum is constant (its maximum equals its minimum). */
export const CONSTANT_SPECTRUM = 'input.is_constant';

/**
 * Flags spectra without any shape: a constant line has no band, whatever its level, and no
 * instrument records one (detector noise alone varies). SNV computes its own flag (SNV_FLAT).
 */
export function constantPart(input: string): GraphPart {
  return {
    nodes: [
      node('ReduceMax', [input], ['input.max'], 'input_max', { axes: [1], keepdims: 0 }),
      node('ReduceMin', [input], ['input.min'], 'input_min', { axes: [1], keepdims: 0 }),
      node('Equal', ['input.max', 'input.min'], [CONSTANT_SPECTRUM], 'input_is_constant'),
    ],
    initializers: [],
    output: CONSTANT_SPECTRUM,
  };
}
