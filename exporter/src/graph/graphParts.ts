import type { ConvLayerGeometry } from '@spectracam/format';
import type { NodeProto, TensorProto } from '@spectracam/format/onnx';

/** A piece of graph: its nodes and initializers, and the name of the tensor it produces. */
export interface GraphPart {
  nodes: NodeProto[];
  initializers: TensorProto[];
  output: string;
}

/** The conv layers a graph is built from: the trainer's three, or a wrapped network's (the last one is conv3). */
export interface NetworkGeometry {
  inputLength: number;
  layers: readonly ConvLayerGeometry[];
}
