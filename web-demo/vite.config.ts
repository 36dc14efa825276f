import { defineConfig } from 'vite';
import { crossOriginIsolation } from './vite/crossOriginIsolation.js';
import { ortWasmFiles } from './vite/ortWasmFiles.js';

export default defineConfig({
  // Relative base: the built page works from any folder of a static server.
  base: './',
  // Workspace packages resolve to their TypeScript sources (package.json `source` condition).
  // `onnxruntime-web-use-extern-wasm` picks ort.min.mjs, which loads its wasm from
  // env.wasm.wasmPaths (our ort/ copy) instead of having the bundler emit a second 28 MB copy.
  resolve: { conditions: ['source', 'onnxruntime-web-use-extern-wasm', 'browser', 'module', 'import', 'default'] },
  worker: { format: 'es' },
  // onnxruntime-web locates its wasm through import.meta.url; pre-bundling would break that.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  plugins: [ortWasmFiles()],
});
