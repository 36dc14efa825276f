import { onnx } from './onnxProto.js';

/** A decoded ModelProto (protobufjs message), which the runtime edits into the graphs it runs. */
export type ModelMessage = InstanceType<typeof onnx.ModelProto>;

/** A float tensor stored in the model file. */
export interface Initializer {
  dims: number[];
  data: Float32Array;
}

/** What the runtime needs from the ONNX bytes, without an inference session. */
export interface DecodedModel {
  metadata: Map<string, string>;
  inputs: string[];
  outputs: string[];
  initializers: Map<string, Initializer>;
  /** The decoded ModelProto, for the graph the runtime runs (see the runtime's withCoarseMaps). */
  proto: ModelMessage;
}

const FLOAT = 1;

/**
 * Decodes a ModelProto with protobufjs (onnx-proto's schema) and keeps the metadata_props and
 * float initializers. `name` (file path or URL) only serves the error messages.
 */
export function decodeModel(bytes: Uint8Array, name: string): DecodedModel {
  let model: ModelMessage;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${name}: not a readable ONNX model (${reason})`, { cause: error });
  }
  const graph = model.graph;
  if (!graph || !graph.node?.length) {
    throw new Error(`${name}: not a readable ONNX model (no graph in ${bytes.length} bytes)`);
  }
  const metadata = new Map<string, string>();
  for (const entry of model.metadataProps ?? []) metadata.set(entry.key ?? '', entry.value ?? '');
  const initializers = new Map<string, Initializer>();
  for (const tensor of graph.initializer ?? []) {
    if (tensor.dataType !== FLOAT || !tensor.name) continue;
    initializers.set(tensor.name, { dims: (tensor.dims ?? []).map(Number), data: floatData(tensor) });
  }
  return {
    metadata,
    inputs: (graph.input ?? []).map((v) => v.name ?? '').filter((n) => !initializers.has(n)),
    outputs: (graph.output ?? []).map((v) => v.name ?? ''),
    initializers,
    proto: model,
  };
}

function floatData(tensor: { rawData?: Uint8Array | null; floatData?: number[] | null }): Float32Array {
  const raw = tensor.rawData;
  if (raw && raw.length > 0) {
    // raw_data is little-endian float32; copy so the result is aligned and owns its memory.
    const copy = new Uint8Array(raw.length);
    copy.set(raw);
    return new Float32Array(copy.buffer, 0, raw.length / 4);
  }
  return Float32Array.from(tensor.floatData ?? []);
}
