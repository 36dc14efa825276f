import { TENSORS } from '@spectracam/format';
import { int64Tensor, node, onnx, tensorValueInfo, type ModelMessage } from '@spectracam/format/onnx';
import { withOutputs } from './withOutputs.js';

/**
 * Names the runtime adds to the graphs it runs for `explain` (never written to a file).
 * `class` [batch, 1] int64: the class to map per spectrum, -1 for the predicted one;
 * `coarse`: the coarse maps; `selected` [batch, 1] int32: the class each map belongs to.
 */
export const CAM_TENSORS = {
  classInput: 'spectracam.runtime.class',
  coarse: 'spectracam.runtime.coarse',
  selected: 'spectracam.runtime.selected',
} as const;

/**
 * Which coarse maps a graph yields: `selected` one per spectrum ([batch, 1, N3], the class fed in
 * `class`, or the predicted one), `all` every class ([batch, C, N3]).
 */
export type CoarseMaps = 'selected' | 'all';

const { FLOAT, INT32, INT64 } = onnx.TensorProto.DataType;

/**
 * The model's graph plus the coarse class maps m = w_c x conv3 (w_c a row of the classifier
 * weights), so ONNX Runtime hands out N3 values per map instead of the 64 x N3 of conv3 (fetching
 * conv3 cost about half of predict's throughput). `scores`: other outputs of the file to keep
 * (the unknown-sample score). For one class per spectrum the row is gathered
 * first and the product is a batched vector-matrix product: measured at about 3 % of the
 * network's time at batch 256, against 7 % for all classes' maps. ONNX Runtime executes every node
 * whatever is fetched, so these graphs serve `explain` alone and keep only the outputs it reads:
 * `conv3` itself is not one (see withOutputs). `model` (the decoded ModelProto, opset >= 13) is
 * changed in place.
 */
export function withCoarseMaps(model: ModelMessage, maps: CoarseMaps, classes: number, n3: number, scores: readonly string[] = []): Uint8Array {
  const graph = model.graph!;
  const add = (opType: string, inputs: string[], output: string, attributes: Record<string, number> = {}) =>
    graph.node!.push(node(opType, inputs, [output], output.replace(/\./g, '_'), attributes));
  const local = (s: string) => `spectracam.runtime.${s}`;

  if (maps === 'all') {
    add('MatMul', [TENSORS.classifierWeight, TENSORS.conv3], CAM_TENSORS.coarse);
  } else {
    graph.initializer!.push(int64Tensor(local('zero'), [0]));
    // ArgMax on the probabilities breaks ties to the first class, as the runtime's prediction does.
    add('ArgMax', [TENSORS.probabilities], local('argmax'), { axis: 1, keepdims: 1 });
    add('Less', [CAM_TENSORS.classInput, local('zero')], local('wantsPredicted'));
    add('Where', [local('wantsPredicted'), local('argmax'), CAM_TENSORS.classInput], local('class64'));
    add('Cast', [local('class64')], CAM_TENSORS.selected, { to: INT32 });
    add('Gather', [TENSORS.classifierWeight, local('class64')], local('weightRows'), { axis: 0 });
    add('MatMul', [local('weightRows'), TENSORS.conv3], CAM_TENSORS.coarse);
    graph.input!.push(tensorValueInfo(CAM_TENSORS.classInput, INT64, ['batch', 1]));
    graph.output!.push(tensorValueInfo(CAM_TENSORS.selected, INT32, ['batch', 1]));
  }
  graph.output!.push(tensorValueInfo(CAM_TENSORS.coarse, FLOAT, ['batch', maps === 'all' ? classes : 1, n3]));
  const outputs: string[] = [TENSORS.probabilities, TENSORS.logits, ...scores, CAM_TENSORS.coarse];
  if (maps === 'selected') outputs.push(CAM_TENSORS.selected);
  return onnx.ModelProto.encode(withOutputs(model, outputs)).finish();
}
