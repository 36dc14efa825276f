/**
 * Headers that make the page cross-origin isolated, so onnxruntime-web may use
 * SharedArrayBuffer (wasm threads). The same pair goes into the production set-up (README.md).
 */
export const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
