import * as tf from '@tensorflow/tfjs-core';
import './tfjsSetup.js';
import { loadTensorflowBackend } from './tensorflowBackend.js';
import { loadWebgpuBackend } from './webgpuBackend.js';
import { loadWasmBackend } from './wasmBackend.js';
import { loadCpuBackend } from './cpuBackend.js';

export type BackendName = 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
export const backendNames: readonly BackendName[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];

/** Loaders in order of speed: `auto` takes the first that loads. */
const loaders: Record<Exclude<BackendName, 'auto'>, () => Promise<string>> = {
  tensorflow: loadTensorflowBackend,
  webgpu: loadWebgpuBackend,
  wasm: loadWasmBackend,
  cpu: loadCpuBackend,
};
const speedOrder = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;

/**
 * Makes `name` the TensorFlow.js backend and returns the name of the backend that runs
 * (`auto` resolves to the fastest one present: tensorflow > webgpu > wasm > cpu).
 * A named backend that is not installed throws an error saying how to install it.
 */
export async function setBackend(name: BackendName = 'auto'): Promise<string> {
  if (name !== 'auto') {
    const loader = loaders[name];
    if (!loader) throw new RangeError(`unknown backend '${String(name)}': expected one of ${backendNames.join(', ')}`);
    return activate(await loader());
  }
  const failures: string[] = [];
  for (const candidate of speedOrder) {
    try {
      return await activate(await loaders[candidate]());
    } catch (error) {
      failures.push(`${candidate}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could start:\n${failures.join('\n')}`);
}

async function activate(registered: string): Promise<string> {
  if (tf.getBackend() === registered) return registered;
  const ok = await tf.setBackend(registered);
  if (!ok) throw new Error(`TensorFlow.js backend '${registered}' is registered but failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}
