import { defineConfig } from 'vite';
import { crossOriginIsolation } from './vite/crossOriginIsolation.js';
import { ORT_DIR, ortWasmFiles } from './vite/ortWasmFiles.js';
import { finishedPage, previewPrecompressed } from './vite/finishedPage.js';

/** The embeddable element's script keeps one name, so other pages can load it (README.md). */
const ELEMENT_ENTRY = 'spectracam-explain';

export default defineConfig({
  // Relative base: the built page works from any folder of a static server.
  base: './',
  // Workspace packages resolve to their TypeScript sources (package.json `source` condition).
  // `onnxruntime-web-use-extern-wasm` picks onnxruntime-web's builds that load their wasm from
  // env.wasm.wasmPaths (our ort/<version>/ copy) instead of having the bundler emit the wasm again.
  resolve: { conditions: ['source', 'onnxruntime-web-use-extern-wasm', 'browser', 'module', 'import', 'default'] },
  // Where ONNX Runtime's files are, relative to the inference worker's script (assets/ in a build,
  // src/worker/ in dev, where the dev server answers for them).
  define: { __SPECTRACAM_ORT_FROM_WORKER__: JSON.stringify(`../${ORT_DIR}`) },
  worker: { format: 'es' },
  // onnxruntime-web locates its wasm through import.meta.url; pre-bundling would break that.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: { index: 'index.html', [ELEMENT_ENTRY]: 'src/spectracam-explain.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === ELEMENT_ENTRY ? `${ELEMENT_ENTRY}.js` : 'assets/[name]-[hash].js'),
      },
    },
  },
  plugins: [ortWasmFiles(), finishedPage(), previewPrecompressed()],
});
