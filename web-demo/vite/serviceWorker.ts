import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './precompressed.js';
import { ORT_JSEP_FILES } from './ortWasmFiles.js';

export const SERVICE_WORKER = 'sw.js';

/**
 * What the service worker keeps for offline use: every file of the built page (page, scripts,
 * ONNX Runtime's plain wasm build, the example model and spectra), except the precompressed
 * copies, the worker itself and the JSEP build (28 MB, WebGPU only), which is kept once a visitor
 * used it.
 */
export function precacheList(dir: string): string[] {
  return filesUnder(dir)
    .filter((f) => !/\.(br|gz)$/.test(f) && f !== SERVICE_WORKER && !ORT_JSEP_FILES.some((j) => f.endsWith(`/${j}`)))
    .map((f) => (f === 'index.html' ? './' : f))
    .sort();
}

/**
 * Writes `sw.js` into the built page. Its version is a hash of the cached files' contents, so
 * every build that changes one installs a fresh cache and drops the old one.
 */
export function writeServiceWorker(dir: string): void {
  const files = precacheList(dir);
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update(readFileSync(join(dir, f === './' ? 'index.html' : f)));
  const version = hash.digest('hex').slice(0, 16);
  const source = readFileSync(fileURLToPath(new URL('./serviceWorker.template.js', import.meta.url)), 'utf8')
    .replace('__VERSION__', JSON.stringify(version))
    .replace('__PRECACHE__', JSON.stringify(files));
  writeFileSync(join(dir, SERVICE_WORKER), source);
}
