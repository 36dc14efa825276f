#!/usr/bin/env node
// Bundles the compiled CLI (dist/main.js) into dist/bundle/: one file per lazily loaded part, so
// a command loads its work without resolving hundreds of small modules (`predict` on one spectrum
// spends most of its start there otherwise). Native and very large packages stay external.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${cli}dist/bundle`;
await rm(outdir, { recursive: true, force: true });
await build({
  // The trainer's ensemble members train in worker threads from their own entry beside the chunks.
  entryPoints: { main: `${cli}dist/main.js`, memberWorker: `${cli}../trainer/dist/train/memberWorker.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The `node` condition picks each package's Node entry (runtime: onnxruntime-node; data: files).
  conditions: ['node'],
  external: ['onnxruntime-node', 'onnxruntime-web', '@tensorflow/*', 'vega', 'vega-lite'],
  // Bundled CommonJS packages call require(); ESM output needs one made for it.
  banner: { js: "import { createRequire as __spectracamRequire } from 'node:module'; const require = __spectracamRequire(import.meta.url);" },
  minify: true,
  logLevel: 'warning',
});
