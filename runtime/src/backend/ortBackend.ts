import type { Device, Spinning, WasmPaths } from '../types.js';

/** One output of a run: its data (float32, or int32 for class indices) and shape. */
export interface OutputTensor {
  data: Float32Array | Int32Array;
  dims: readonly number[];
}

/** An int64 input beside the spectra (the class each explanation maps). */
export interface Int64Feed {
  data: BigInt64Array;
  dims: readonly number[];
}

/** An inference session reduced to what the runtime needs; hides which ONNX Runtime runs it. */
export interface SessionHandle {
  readonly outputNames: readonly string[];
  /**
   * Runs `rows` spectra of `columns` values (row-major), with any further int64 inputs the graph
   * takes, and returns the requested outputs.
   */
  run(
    input: Float32Array,
    rows: number,
    columns: number,
    outputs: readonly string[],
    feeds?: Readonly<Record<string, Int64Feed>>,
  ): Promise<Record<string, OutputTensor>>;
  release(): Promise<void>;
}

export interface SessionOptions {
  threads?: number;
  /** See LoadModelOptions.spinning. */
  spinning?: Spinning;
  /** See LoadModelOptions.wasmPaths (browsers). */
  wasmPaths?: WasmPaths;
}

/**
 * ONNX Runtime for one platform (onnxruntime-node or onnxruntime-web). Devices map to
 * execution providers in a table, so a new device is one entry (transformers.js style).
 */
export interface OrtBackend {
  readonly platform: 'node' | 'web';
  readonly defaultDevice: Device;
  /** Devices this installation can start, best first (browsers: after asking for a WebGPU adapter). */
  availableDevices(): Device[] | Promise<Device[]>;
  /** Throws, naming the devices that exist here, when `device` is unknown or not installed. */
  checkDevice(device: Device): void;
  open(bytes: Uint8Array, device: Device, options: SessionOptions): Promise<SessionHandle>;
}
