import type { NodeProto, TensorProto } from '../onnx/index.js';

/** A piece of graph: its nodes and initializers, and the name of the tensor it produces. */
export interface GraphPart {
  nodes: NodeProto[];
  initializers: TensorProto[];
  output: string;
}
