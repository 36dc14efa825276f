import { onnx } from './onnxProto.js';
import type { TensorProto } from './onnxProto.js';

/** A float32 initializer; values travel as little-endian raw bytes (compact, exact). */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorProto {
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) {
    throw new RangeError(`tensor ${name}: ${values.length} values for dims [${dims.join(', ')}] (expected ${count})`);
  }
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes };
}

/** An int64 initializer (shape-like constants such as Unsqueeze axes). */
export function int64Tensor(name: string, values: number[]): TensorProto {
  return { name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: values };
}
