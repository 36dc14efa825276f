import { TENSORS } from '@spectracam/format';
import { floatTensor, node } from '@spectracam/format/onnx';
import type { GraphPart } from './graphParts.js';

/**
 * The full-resolution class activation map in the graph: coarse maps
 * `classifier.weight` [C, 64] x conv3 [batch, 64, N3] -> [batch, C, N3], then one MatMul with
 * the fixed spline basis [N3, p] -> `cam` [batch, C, p]. Interpolation is linear, so this
 * equals interpolating every Conv3 map and weighting afterwards (study section 2.2).
 */
export function camPart(basis: ArrayLike<number>, n3: number, p: number): GraphPart {
  return {
    nodes: [
      node('MatMul', [TENSORS.classifierWeight, TENSORS.conv3], ['cam.coarse'], 'cam_coarse'),
      node('MatMul', ['cam.coarse', 'cam.basis'], [TENSORS.cam], 'cam_full'),
    ],
    initializers: [floatTensor('cam.basis', [n3, p], basis)],
    output: TENSORS.cam,
  };
}
