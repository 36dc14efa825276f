import { join } from 'node:path';
import type { Plugin } from 'vite';
import { precompress, servePrecompressed } from './precompressed.js';
import { writeServiceWorker } from './serviceWorker.js';

/**
 * After the build wrote every file (ONNX Runtime's included): the service worker with the list
 * of files to keep offline, then brotli and gzip copies of each file. `vite preview` serves those
 * copies with the right headers.
 */
export function finishedPage(): Plugin {
  let outDir = 'dist';
  return {
    name: 'spectracam-finished-page',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    async closeBundle() {
      writeServiceWorker(outDir);
      await precompress(outDir);
    },
  };
}

export function previewPrecompressed(): Plugin {
  return {
    name: 'spectracam-preview-precompressed',
    configurePreviewServer(server) {
      server.middlewares.use(servePrecompressed(join(server.config.root, server.config.build.outDir)));
    },
  };
}
