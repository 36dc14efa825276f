import { TENSORS } from '@spectracam/format';
import { floatTensor, int64Tensor, node, type NodeProto, type TensorProto } from '@spectracam/format/onnx';
import type { NetworkWeights } from './networkWeights.js';
import { DERIVED, derivativePart } from './derivativePart.js';
import type { NetworkGeometry } from './graphParts.js';

/**
 * `contribution` [batch, C, p]: each input variable's additive share of the class logit, so that
 * sum_j contribution[c][j] + classifier.bias[c] = logit[c].
 * - The network's own channels: their CAM (classifier.weight on its own filters . conv3), each
 *   Conv3 position spread over the input by the cam's interpolation basis, rows scaled to sum to
 *   1 / N3 (GAP); the `cam` output's basis where the graph has it.
 * - A linear path: (x_j - centre_j) coef[j][c]; where it reads the Savitzky-Golay derivative, per
 *   derivative variable, coef_D[j][c] (D (scale (x - centre)))_j. Both sum to the same logit (D is
 *   linear), but folded back onto the input, the derivative's coefficients multiply the baseline
 *   and offsets the derivative removed, and those products, not the bands, would dominate the map.
 *   Each class's share is mixed by the classifier's weights on the path's carriers (the identity in
 *   a trained file), so the map follows those weights when they are randomised. The sum is exact only
 *   while the carriers are as exported (classifier +-1/N, the carrier filters intact): randomised,
 *   the carriers' (W+ + W-) / 2 (P + N) part of the logit is attributed nowhere.
 */
export function contributionPart(
  x: string,
  weights: NetworkWeights,
  geometry: NetworkGeometry,
  /** [N3, p] row-major, as the cam output's. */
  basis: Float64Array,
  /** The same basis already in the graph as this initializer (the `cam` output's): read, not stored twice. */
  sharedBasis?: string,
): { nodes: NodeProto[]; initializers: TensorProto[] } {
  const name = (s: string) => `contribution.${s}`;
  const C = weights.classes;
  const p = geometry.inputLength;
  const n3 = geometry.layers[geometry.layers.length - 1]!.outputLength;
  const carriers = weights.linearCarriers;
  const path = weights.linearPath;
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [floatTensor(name('row_scale'), [n3], rowScale(basis, n3, p))];
  const basisName = sharedBasis ?? name('basis');
  if (!sharedBasis) initializers.push(floatTensor(basisName, [n3, p], basis));

  let own: string = TENSORS.classifierWeight;
  if (carriers) {
    initializers.push(floatTensor(name('own.mask'), [1, carriers.length], Float32Array.from(carriers, (v) => (v === 0 ? 1 : 0))));
    nodes.push(node('Mul', [TENSORS.classifierWeight, name('own.mask')], [name('own.weight')], name('own_weight')));
    own = name('own.weight');
  }
  nodes.push(
    node('MatMul', [own, TENSORS.conv3], [name('own.coarse')], name('own_coarse')),
    node('Mul', [name('own.coarse'), name('row_scale')], [name('own.scaled')], name('own_scaled')),
    node('MatMul', [name('own.scaled'), basisName], [name('own')], name('own_spread')),
  );
  if (carriers && !path) throw new RangeError("contribution: the ensemble's members have different linear paths (trainRun gives them one); export without --attributions contribution");
  if (!carriers || !path) {
    nodes.push(node('Identity', [name('own')], [TENSORS.contribution], name('out')));
    return { nodes, initializers };
  }
  if (geometry.mirrored) throw new RangeError('contribution: a linear path in a mirrored network (only wrapped networks are mirrored, and they have none)');

  // Per class of the path, [batch, C, p], before the classifier's mixing.
  initializers.push(int64Tensor(name('axis1'), [1]));
  let onPath = name('deviation');
  let coef = path.coef;
  const d = path.derivative;
  if (d) {
    // D (scale (x - centre)): the network's own tensor where its carriers read it (derivativePart), else built here.
    if (!weights.derivativeWeights) {
      const derived = derivativePart(x, path.centre, d, p);
      nodes.push(...derived.nodes);
      initializers.push(...derived.initializers);
    }
    onPath = DERIVED.values;
    coef = d.coef;
  } else {
    initializers.push(floatTensor(name('centre'), [p], path.centre));
    nodes.push(node('Sub', [x, name('centre')], [name('deviation')], name('deviation')));
  }
  const coefT = new Float32Array(C * p);
  for (let j = 0; j < p; j++) for (let c = 0; c < C; c++) coefT[c * p + j] = coef[j * C + c]!;
  // Carrier (m, c, +) reaches class c's logit with +1/N per member, (m, c, -) with -1/N: half their difference, summed, is the identity.
  const mixing = new Float32Array(carriers.length * C);
  carriers.forEach((v, f) => v !== 0 && (mixing[f * C + Math.abs(v) - 1] = Math.sign(v) / 2));
  initializers.push(floatTensor(name('coef'), [C, p], coefT), floatTensor(name('carriers'), [carriers.length, C], mixing));
  nodes.push(
    node('Unsqueeze', [onPath, name('axis1')], [name('deviation3')], name('deviation3')),
    node('Mul', [name('deviation3'), name('coef')], [name('per.class')], name('per_class')),
    node('MatMul', [TENSORS.classifierWeight, name('carriers')], [name('mixing')], name('mixing')),
    node('MatMul', [name('mixing'), name('per.class')], [name('path')], name('path')),
    node('Add', [name('own'), name('path')], [TENSORS.contribution], name('out')),
  );
  return { nodes, initializers };
}

/** Per Conv3 position, the factor that makes its row of the cam basis sum to 1 / N3, so the spread keeps GAP's sum. */
function rowScale(basis: Float64Array, n3: number, p: number): Float32Array {
  return Float32Array.from({ length: n3 }, (_, t) => {
    let sum = 0;
    for (let j = 0; j < p; j++) sum += basis[t * p + j]!;
    if (!(Math.abs(sum) > 1e-12)) throw new RangeError(`contribution: conv3 position ${t} has no weight on the input in the cam basis (row sum ${sum})`);
    return 1 / (n3 * sum);
  });
}
