import { onnx } from './onnxProto.js';
import type { ValueInfoProto } from './onnxProto.js';

/** A tensor's declared type (element type from onnx.TensorProto.DataType); a string dimension is symbolic (the dynamic batch). */
export function tensorValueInfo(name: string, elemType: number, shape: (number | string)[], docString?: string): ValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, ...(docString ? { docString } : {}), type: { tensorType: { elemType, shape: { dim } } } };
}

/** A float32 tensor's declared type. */
export function floatValueInfo(name: string, shape: (number | string)[], docString?: string): ValueInfoProto {
  return tensorValueInfo(name, onnx.TensorProto.DataType.FLOAT, shape, docString);
}
