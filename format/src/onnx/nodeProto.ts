import { onnx } from './onnxProto.js';
import type { AttributeProto, NodeProto } from './onnxProto.js';

export type AttributeValue = number | number[] | string | { float: number };

/**
 * One graph node. Integer attributes are given as numbers, lists as number arrays (ints);
 * a float attribute as `{ float: x }` so it is never mistaken for an int.
 */
export function node(
  opType: string,
  inputs: string[],
  outputs: string[],
  name: string,
  attributes: Record<string, AttributeValue> = {},
): NodeProto {
  const attribute = Object.entries(attributes).map(([key, value]): AttributeProto => {
    const Type = onnx.AttributeProto.AttributeType;
    if (typeof value === 'number') return { name: key, type: Type.INT, i: value };
    if (typeof value === 'string') return { name: key, type: Type.STRING, s: new TextEncoder().encode(value) };
    if (Array.isArray(value)) return { name: key, type: Type.INTS, ints: value };
    return { name: key, type: Type.FLOAT, f: value.float };
  });
  return { opType, input: inputs, output: outputs, name, attribute };
}
