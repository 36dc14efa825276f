import type onnxProtoModule from 'onnx-proto';
import type { onnx as schema } from 'onnx-proto';

type OnnxProto = typeof onnxProtoModule;
type NodeProcess = { getBuiltinModule?: (id: 'module') => { createRequire(from: string): (id: string) => unknown } };

// onnx-proto is one large CommonJS file: imported from ESM, Node first scans its source for
// export names, which cost about 20 ms of every CLI start; `require` skips that scan. Browsers
// (no process.getBuiltinModule) import it as usual.
const nodeModule = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('module');
const onnxProto: OnnxProto = nodeModule
  ? (nodeModule.createRequire(import.meta.url)('onnx-proto') as OnnxProto)
  : (await import('onnx-proto')).default;

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
