import { onnx } from './onnxProto.js';
import type { ValueInfoProto } from './onnxProto.js';

/** A float32 tensor's declared type; a string dimension is symbolic (the dynamic batch). */
export function floatValueInfo(name: string, shape: (number | string)[], docString?: string): ValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return {
    name,
    ...(docString ? { docString } : {}),
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim } } },
  };
}
