import onnxProto from 'onnx-proto';
import type { onnx as schema } from 'onnx-proto';

/**
 * The ONNX schema as protobufjs static code, from the `onnx-proto` package (a CommonJS module
 * whose default export holds the `onnx` namespace). One import point so nothing else
 * touches the package layout.
 */
export const onnx = onnxProto.onnx;

export type TensorProto = schema.ITensorProto;
export type NodeProto = schema.INodeProto;
export type AttributeProto = schema.IAttributeProto;
export type ValueInfoProto = schema.IValueInfoProto;
export type GraphProto = schema.IGraphProto;
export type ModelProto = schema.IModelProto;
