import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvGradients } from './wasmConvGradients.js';

let pathsSet = false;

/**
 * WebAssembly (XNNPACK) backend plus the two convolution-gradient kernels it lacks or runs slowly.
 * In Node the .wasm binaries are read from the package's dist folder. Threads: tfjs-backend-wasm
 * enables its threaded build only in browsers with cross-origin isolation; Node runs it on one
 * thread (tfjs issue 3830).
 */
export async function loadWasmBackend(): Promise<string> {
  if (!pathsSet && typeof process !== 'undefined' && process.versions?.node) {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(join(dist, '/'));
    pathsSet = true;
  }
  registerWasmConvGradients();
  return 'wasm';
}
