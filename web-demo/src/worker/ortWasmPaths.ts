import { env } from 'onnxruntime-web';

/**
 * ONNX Runtime fetches its wasm from the page's own `ort/` folder (copied there by
 * vite/ortWasmFiles.ts), never from a CDN. Must run before the first session is created.
 */
export function useLocalOrtWasm(): void {
  const base = new URL(`${import.meta.env.BASE_URL}ort/`, self.location.href);
  env.wasm.wasmPaths = base.href;
}
