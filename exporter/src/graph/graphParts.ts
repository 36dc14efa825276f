import type { NodeProto, TensorProto } from '@spectracam/format/onnx';

/** A piece of graph: its nodes and initializers, and the name of the tensor it produces. */
export interface GraphPart {
  nodes: NodeProto[];
  initializers: TensorProto[];
  output: string;
}
