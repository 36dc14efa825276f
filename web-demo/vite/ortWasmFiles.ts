import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { headersFor } from './staticHeaders.js';

/**
 * The page serves ONNX Runtime's files itself (no CDN): they are copied from
 * node_modules/onnxruntime-web/dist into `<outDir>/ort/<version>/` at build time and served from
 * there by the dev server. The folder is named by onnxruntime-web's version, so its files may be
 * cached for good (Cache-Control immutable): a new version is a new folder.
 *
 * Two builds: the plain SIMD-threaded one runs the wasm execution provider (14 MB, 2.3 MB brotli);
 * the JSEP one also carries WebGPU (28 MB) and is fetched only when a visitor picks WebGPU
 * (@spectracam/runtime imports onnxruntime-web's matching entry per device).
 */
export const ORT_WASM_FILES = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'] as const;
export const ORT_JSEP_FILES = ['ort-wasm-simd-threaded.jsep.wasm', 'ort-wasm-simd-threaded.jsep.mjs'] as const;
export const ORT_FILES = [...ORT_WASM_FILES, ...ORT_JSEP_FILES] as const;

export function ortDistDir(): string {
  // The package's `node` export is dist/ort.node.min.js, so its folder is dist/.
  const entry = createRequire(import.meta.url).resolve('onnxruntime-web');
  const dir = dirname(entry);
  for (const file of ORT_FILES) {
    if (!existsSync(join(dir, file))) throw new Error(`onnxruntime-web: ${join(dir, file)} is missing`);
  }
  return dir;
}

export const ORT_VERSION = (JSON.parse(readFileSync(join(ortDistDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
/** The files' folder under the page's root, e.g. `ort/1.30.0/`. */
export const ORT_DIR = `ort/${ORT_VERSION}/`;

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
        const file = ORT_FILES.find((f) => url.endsWith(`/${ORT_DIR}${f}`));
        if (!file) return next();
        // Served before Vite adds server.headers; ORT starts thread workers from the .mjs, and a
        // worker script needs the isolation headers itself.
        for (const [k, v] of Object.entries(headersFor(`${ORT_DIR}${file}`))) res.setHeader(k, v);
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
