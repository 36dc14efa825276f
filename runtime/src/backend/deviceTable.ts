import type { Device } from '../types.js';

/** Execution providers per device and platform; devices absent from a table do not exist there. */
export const EXECUTION_PROVIDERS: Record<'node' | 'web', Partial<Record<Device, readonly string[]>>> = {
  node: { cpu: ['cpu'], webgpu: ['webgpu'], cuda: ['cuda'] },
  // In a browser the CPU is WebAssembly, so `cpu` is accepted as a name for it.
  web: { wasm: ['wasm'], cpu: ['wasm'], webgpu: ['webgpu'] },
};

export function providersFor(platform: 'node' | 'web', device: Device, available: readonly Device[]): readonly string[] {
  const providers = EXECUTION_PROVIDERS[platform][device];
  if (!providers) {
    throw new Error(
      `device '${device}' does not exist in ${platform === 'node' ? 'Node (onnxruntime-node)' : 'browsers (onnxruntime-web)'}; available: ${available.join(', ')}`,
    );
  }
  return providers;
}
