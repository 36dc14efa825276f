import type { ConvLayerGeometry } from '@spectracam/format';
import { int64Tensor, node } from '@spectracam/format/onnx';
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
  /**
   * The network reads the input's variables last to first (a wrapped model trained on a decreasing
   * axis): the graph reverses its input, and its maps and attributions back onto the file's axis.
   * The layers' pads are then in the network's own order, their centres on the file's axis.
   */
  mirrored?: boolean;
}

/** `input` reversed along `axis` (1 or 2): a Slice from the last element backwards (constants from reversalConstants). */
export function reverseNode(input: string, output: string, axis: 1 | 2): NodeProto {
  return node('Slice', [input, 'mirror.starts', 'mirror.ends', `mirror.axis${axis}`, 'mirror.steps'], [output], `${output.replace(/\./g, '_')}_reverse`);
}

/** The constants of `reversed` (once per graph, only where it is used). */
export function reversalConstants(axes: readonly (1 | 2)[]): TensorProto[] {
  return [
    int64Tensor('mirror.starts', [-1]),
    // Past the start: a negative end is clamped to "before index 0" whatever the length.
    int64Tensor('mirror.ends', [-2147483648]),
    int64Tensor('mirror.steps', [-1]),
    ...axes.map((a) => int64Tensor(`mirror.axis${a}`, [a])),
  ];
}
