import { onnx } from '@spectracam/format/onnx';
import type { AttributeProto as Attribute, ModelMessage, NodeProto as Node, TensorProto as Tensor } from '@spectracam/format/onnx';
export type { Node as OnnxNode };

/** A constant of the graph (an initializer, a Constant node, or an Identity of one) as numbers. */
export interface Constant {
  dims: number[];
  values: number[];
}

const { FLOAT, DOUBLE, INT32, INT64 } = onnx.TensorProto.DataType;

/** protobufjs hands int64 fields out as numbers or Long objects. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function') return (value as { toNumber: () => number }).toNumber();
  return Number(value);
}

function tensorValues(t: Tensor): number[] | undefined {
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : undefined;
  switch (t.dataType) {
    case FLOAT:
      return view ? Array.from({ length: raw!.length / 4 }, (_, i) => view.getFloat32(4 * i, true)) : (t.floatData ?? []).map(Number);
    case DOUBLE:
      return view ? Array.from({ length: raw!.length / 8 }, (_, i) => view.getFloat64(8 * i, true)) : (t.doubleData ?? []).map(Number);
    case INT32:
      return view ? Array.from({ length: raw!.length / 4 }, (_, i) => view.getInt32(4 * i, true)) : (t.int32Data ?? []).map(Number);
    case INT64:
      return view ? Array.from({ length: raw!.length / 8 }, (_, i) => Number(view.getBigInt64(8 * i, true))) : (t.int64Data ?? []).map(toNumber);
    default:
      return undefined;
  }
}

/** Where a tensor comes from and goes to, and the graph's constants, for walking a chain of nodes. */
export class OnnxGraph {
  readonly nodes: Node[];
  readonly inputs: string[];
  readonly outputs: string[];
  private readonly constants = new Map<string, Constant>();
  private readonly consumersOf = new Map<string, Node[]>();
  private readonly producerOf = new Map<string, Node>();

  constructor(readonly model: ModelMessage) {
    const graph = model.graph!;
    this.nodes = graph.node ?? [];
    for (const t of graph.initializer ?? []) {
      const values = tensorValues(t as Tensor);
      if (t.name && values) this.constants.set(t.name, { dims: (t.dims ?? []).map(toNumber), values });
    }
    const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name));
    this.inputs = (graph.input ?? []).map((v) => v.name ?? '').filter((n) => !initializerNames.has(n));
    this.outputs = (graph.output ?? []).map((v) => v.name ?? '');
    for (const node of this.nodes) {
      for (const input of node.input ?? []) if (input) this.consumersOf.set(input, [...(this.consumersOf.get(input) ?? []), node]);
      for (const output of node.output ?? []) if (output) this.producerOf.set(output, node);
      if (node.opType === 'Constant') {
        const value = constantValue(node);
        if (value && node.output?.[0]) this.constants.set(node.output[0], value);
      }
    }
    // Identity of a constant (PyTorch writes one where two parameters hold equal values) is that constant.
    for (let changed = true; changed; ) {
      changed = false;
      for (const node of this.nodes) {
        const [input] = node.input ?? [];
        const [output] = node.output ?? [];
        if (node.opType === 'Identity' && input && output && this.constants.has(input) && !this.constants.has(output)) {
          this.constants.set(output, this.constants.get(input)!);
          changed = true;
        }
      }
    }
  }

  constant(name: string | undefined): Constant | undefined {
    return name ? this.constants.get(name) : undefined;
  }

  consumers(name: string): Node[] {
    return this.consumersOf.get(name) ?? [];
  }

  producer(name: string): Node | undefined {
    return this.producerOf.get(name);
  }

  /** A node as errors name it: its name, else its first output, and its kind. */
  label(node: Node): string {
    return `node '${node.name || node.output?.[0] || '?'}' (${node.opType})`;
  }

  /** The shape of a graph input (a string for a symbolic dimension). */
  inputShape(name: string): (number | string)[] | undefined {
    const info = this.model.graph!.input?.find((v) => v.name === name);
    const dims = info?.type?.tensorType?.shape?.dim;
    return dims?.map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? toNumber(d.dimValue) : '?'));
  }
}

function constantValue(node: Node): Constant | undefined {
  const a = (node.attribute ?? [])[0] as Attribute | undefined;
  if (!a) return undefined;
  if (a.name === 'value' && a.t) {
    const values = tensorValues(a.t as Tensor);
    return values ? { dims: (a.t.dims ?? []).map(toNumber), values } : undefined;
  }
  if (a.name === 'value_float') return { dims: [], values: [a.f ?? 0] };
  if (a.name === 'value_floats') return { dims: [(a.floats ?? []).length], values: (a.floats ?? []).map(Number) };
  if (a.name === 'value_int') return { dims: [], values: [toNumber(a.i)] };
  if (a.name === 'value_ints') return { dims: [(a.ints ?? []).length], values: (a.ints ?? []).map(toNumber) };
  return undefined;
}

/** An attribute's value: a number, a list of numbers, or a string. */
export function attribute(node: Node, name: string): number | number[] | string | undefined {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  if (!a) return undefined;
  const Type = onnx.AttributeProto.AttributeType;
  switch (a.type) {
    case Type.INT:
      return toNumber(a.i);
    case Type.FLOAT:
      return a.f ?? 0;
    case Type.INTS:
      return (a.ints ?? []).map(toNumber);
    case Type.FLOATS:
      return (a.floats ?? []).map(Number);
    case Type.STRING:
      return new TextDecoder().decode(a.s ?? new Uint8Array());
    default:
      return undefined;
  }
}
