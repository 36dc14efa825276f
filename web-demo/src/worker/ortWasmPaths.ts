import { env } from 'onnxruntime-web';

/**
 * ONNX Runtime fetches its wasm from the page's own `ort/` folder (copied there by
 * vite/ortWasmFiles.ts), never from a CDN. The page sends the folder's absolute URL, since a
 * relative base would resolve against the worker script's folder. Set before the first session.
 */
export function useLocalOrtWasm(ortBase: string): void {
  env.wasm.wasmPaths = ortBase;
}
