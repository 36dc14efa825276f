import onnxProto from 'onnx-proto';
import { TENSORS } from '../contract.js';

const { onnx } = onnxProto;

/**
 * Output the runtime adds to the graph it runs (never written to a file): the coarse class maps
 * m = classifier.weight [C, M] x conv3 [batch, M, N3] -> [batch, C, N3].
 */
export const COARSE_OUTPUT = 'spectracam.runtime.coarse';

const FLOAT = 1;

/**
 * The model's graph plus a MatMul that yields the coarse maps. Fetching `conv3` itself would
 * copy M = 64 values per Conv3 position out of ONNX Runtime for every spectrum (measured: about
 * half of predict's throughput lost to it); the coarse maps are C values per position and cost
 * ONNX Runtime almost nothing, so `explain` keeps predict's speed. `model` is the decoded
 * ModelProto; it is changed in place.
 */
export function withCoarseOutput(model: InstanceType<typeof onnx.ModelProto>, classes: number, n3: number): Uint8Array {
  const graph = model.graph!;
  graph.node!.push(
    onnx.NodeProto.create({
      opType: 'MatMul',
      input: [TENSORS.classifierWeight, TENSORS.conv3],
      output: [COARSE_OUTPUT],
      name: 'spectracam_runtime_coarse',
    }),
  );
  graph.output!.push(
    onnx.ValueInfoProto.create({
      name: COARSE_OUTPUT,
      type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: classes }, { dimValue: n3 }] } } },
    }),
  );
  return onnx.ModelProto.encode(model).finish();
}
