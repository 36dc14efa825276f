import { ortNode } from './backend/ortNode.js';
import { readSource } from './source/readSource.node.js';
import { loadFromBytes } from './model/loadFromBytes.js';
import type { Device, LoadModelOptions, SpectraModel, WasmPaths } from './types.js';

export type { Alignment, LayerGeometryMeta, ModelMetadata, TrainingSummaryMeta } from '@spectracam/format';
// How a model file's unknown-sample threshold was set, in words, for any front end that shows it.
export { thresholdSpectra } from '@spectracam/format';
export type * from './types.js';
export { AxisGapError } from './input/axisGapError.js';

/** Loads a SpectraCAM ONNX model (path, URL or bytes) on onnxruntime-node: `cpu`, `webgpu` or `cuda`. */
export async function loadModel(source: string | URL | Uint8Array, options: LoadModelOptions = {}): Promise<SpectraModel> {
  const { bytes, name } = await readSource(source);
  return loadFromBytes(bytes, name, ortNode, options);
}

/** Devices onnxruntime-node can start here, best first. */
export const availableDevices = () => ortNode.availableDevices();

/**
 * The browser entry's warm-up (fetch and compile ONNX Runtime's wasm ahead of the first model);
 * in Node onnxruntime-node is ready once imported, so this only checks the device's name.
 */
export async function warmUp(options: { device?: Device; wasmPaths?: WasmPaths; threads?: number } = {}): Promise<void> {
  ortNode.checkDevice(options.device ?? 'cpu');
}
