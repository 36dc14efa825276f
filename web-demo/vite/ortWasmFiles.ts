import { copyFileSync, createReadStream, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { crossOriginIsolation } from './crossOriginIsolation.js';

/**
 * The page serves ONNX Runtime's wasm files itself (no CDN): they are copied from
 * node_modules/onnxruntime-web/dist into `<outDir>/ort/` at build time and served from there
 * by the dev server. The worker points `ort.env.wasm.wasmPaths` at `<base>ort/`.
 *
 * The `onnxruntime-web-use-extern-wasm` build (ort.min.mjs, see vite.config.ts) runs both the wasm and the webgpu
 * execution providers from the JSEP build, so only that pair is needed.
 */
export const ORT_DIR = 'ort';
export const ORT_FILES = ['ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.jsep.mjs'] as const;

export function ortDistDir(): string {
  // The package's `node` export is dist/ort.node.min.js, so its folder is dist/.
  const entry = createRequire(import.meta.url).resolve('onnxruntime-web');
  const dir = dirname(entry);
  for (const file of ORT_FILES) {
    if (!existsSync(join(dir, file))) throw new Error(`onnxruntime-web: ${join(dir, file)} is missing`);
  }
  return dir;
}

export function ortWasmFiles(): Plugin {
  let outDir = 'dist';
  return {
    name: 'spectracam-ort-wasm-files',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    configureServer(server) {
      const dist = ortDistDir();
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const file = ORT_FILES.find((f) => url.endsWith(`/${ORT_DIR}/${f}`));
        if (!file) return next();
        res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        // Served before Vite adds server.headers; ORT starts thread workers from the .mjs, and a
        // worker script needs the isolation headers itself.
        for (const [k, v] of Object.entries(crossOriginIsolation)) res.setHeader(k, v);
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        createReadStream(join(dist, file)).pipe(res);
      });
    },
    writeBundle() {
      const dist = ortDistDir();
      mkdirSync(join(outDir, ORT_DIR), { recursive: true });
      for (const file of ORT_FILES) copyFileSync(join(dist, file), join(outDir, ORT_DIR, file));
    },
  };
}
