import { ortWeb } from './backend/ortWeb.js';
import { readSource } from './source/readSource.web.js';
import { loadFromBytes } from './model/loadFromBytes.js';
import type { LoadModelOptions, SpectraModel } from './types.js';

export type { Alignment, LayerGeometryMeta, ModelMetadata, TrainingSummaryMeta } from '@spectracam/format';
export type * from './types.js';

/** Loads a SpectraCAM ONNX model (URL or bytes) on onnxruntime-web: `wasm` or `webgpu`. */
export async function loadModel(source: string | URL | Uint8Array, options: LoadModelOptions = {}): Promise<SpectraModel> {
  const { bytes, name } = await readSource(source);
  return loadFromBytes(bytes, name, ortWeb, options);
}

/** Devices onnxruntime-web can try in this browser, best first. */
export const availableDevices = () => ortWeb.availableDevices();
