import onnxProto from 'onnx-proto';
import { TENSORS } from '../contract.js';
import { withOutputs } from './withOutputs.js';

const { onnx } = onnxProto;

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

const FLOAT = 1;
const INT32 = 6;
const INT64 = 7;

/**
 * The model's graph plus the coarse class maps m = w_c x conv3 (w_c a row of the classifier
 * weights), so ONNX Runtime hands out N3 values per map instead of the 64 x N3 of conv3 (fetching
 * conv3 cost about half of predict's throughput). For one class per spectrum the row is gathered
 * first and the product is a batched vector-matrix product: measured at about 3 % of the
 * network's time at batch 256, against 7 % for all classes' maps. ONNX Runtime executes every node
 * whatever is fetched, so these graphs serve `explain` alone and keep only the outputs it reads:
 * `conv3` itself is not one (see withOutputs). `model` (the decoded ModelProto, opset >= 13) is
 * changed in place.
 */
export function withCoarseMaps(model: InstanceType<typeof onnx.ModelProto>, maps: CoarseMaps, classes: number, n3: number): Uint8Array {
  const graph = model.graph!;
  const node = (opType: string, input: string[], output: string, attribute: object[] = []) =>
    graph.node!.push(onnx.NodeProto.create({ opType, input, output: [output], name: output.replace(/\./g, '_'), attribute }));
  const int = (name: string, i: number) => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
  const dims = (...d: (number | string)[]) => d.map((v) => (typeof v === 'number' ? { dimValue: v } : { dimParam: v }));
  const tensorType = (elemType: number, dim: object[]) => ({ tensorType: { elemType, shape: { dim } } });
  const local = (s: string) => `spectracam.runtime.${s}`;

  if (maps === 'all') {
    node('MatMul', [TENSORS.classifierWeight, TENSORS.conv3], CAM_TENSORS.coarse);
  } else {
    graph.initializer!.push(
      onnx.TensorProto.create({ name: local('zero'), dims: [], dataType: INT64, rawData: new Uint8Array(8) }),
    );
    // ArgMax on the probabilities breaks ties to the first class, as the runtime's prediction does.
    node('ArgMax', [TENSORS.probabilities], local('argmax'), [int('axis', 1), int('keepdims', 1)]);
    node('Less', [CAM_TENSORS.classInput, local('zero')], local('wantsPredicted'));
    node('Where', [local('wantsPredicted'), local('argmax'), CAM_TENSORS.classInput], local('class64'));
    node('Cast', [local('class64')], CAM_TENSORS.selected, [int('to', INT32)]);
    node('Gather', [TENSORS.classifierWeight, local('class64')], local('weightRows'), [int('axis', 0)]);
    node('MatMul', [local('weightRows'), TENSORS.conv3], CAM_TENSORS.coarse);
    graph.input!.push(onnx.ValueInfoProto.create({ name: CAM_TENSORS.classInput, type: tensorType(INT64, dims('batch', 1)) }));
    graph.output!.push(onnx.ValueInfoProto.create({ name: CAM_TENSORS.selected, type: tensorType(INT32, dims('batch', 1)) }));
  }
  graph.output!.push(
    onnx.ValueInfoProto.create({ name: CAM_TENSORS.coarse, type: tensorType(FLOAT, dims('batch', maps === 'all' ? classes : 1, n3)) }),
  );
  const outputs: string[] = [TENSORS.probabilities, TENSORS.logits, CAM_TENSORS.coarse];
  if (maps === 'selected') outputs.push(CAM_TENSORS.selected);
  return onnx.ModelProto.encode(withOutputs(model, outputs)).finish();
}
