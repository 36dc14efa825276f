import { ortWeb, startBuild } from './backend/ortWeb.js';
import { readSource } from './source/readSource.web.js';
import { loadFromBytes } from './model/loadFromBytes.js';
import type { Device, LoadModelOptions, SpectraModel, WasmPaths } from './types.js';

export type { Alignment, LayerGeometryMeta, ModelMetadata, TrainingSummaryMeta } from '@spectracam/format';
// How a model file's unknown-sample threshold was set, in words, for any front end that shows it.
export { thresholdSpectra } from '@spectracam/format';
export type * from './types.js';
export { AxisGapError } from './input/axisGapError.js';

/**
 * Loads a SpectraCAM ONNX model (URL or bytes) on onnxruntime-web: `wasm` (its plain SIMD build)
 * or `webgpu` (its JSEP build, fetched only then). `wasmPaths` says where ONNX Runtime's files live.
 */
export async function loadModel(source: string | URL | Uint8Array, options: LoadModelOptions = {}): Promise<SpectraModel> {
  const device = options.device ?? 'wasm';
  // A device this browser cannot start is refused now, naming those that work (WebGPU needs an
  // adapter); the JSEP build is then never fetched.
  if (device !== 'wasm' && device !== 'cpu') await ortWeb.ensureDevice(device);
  else ortWeb.checkDevice(device);
  // ONNX Runtime starts (its wasm downloads and compiles) while the model downloads; a
  // `wasmPaths` other than the one it started from is refused here.
  const [started, { bytes, name }] = await Promise.all([startBuild(device, options), readSource(source)]);
  started.ready.catch(() => undefined);
  return loadFromBytes(bytes, name, ortWeb, options);
}

export interface WarmUpOptions {
  /** @default 'wasm' */
  device?: Device;
  wasmPaths?: WasmPaths;
  threads?: number;
}

/**
 * Starts ONNX Runtime for a device before any model is there: imports its build, fetches and
 * compiles its wasm and starts its threads. Call it as early as the page knows where ONNX
 * Runtime's files are, so that happens while the model downloads; `loadModel` then finds it done.
 * Rejects when the files cannot be fetched or the device does not start.
 */
export async function warmUp(options: WarmUpOptions = {}): Promise<void> {
  const started = await startBuild(options.device ?? 'wasm', options);
  await started.ready;
}

/**
 * Devices that can start in this browser, best first: `webgpu` only where the browser gives a
 * WebGPU adapter (navigator.gpu.requestAdapter()), `wasm` always.
 */
export const availableDevices = (): Promise<Device[]> => ortWeb.availableDevices();
