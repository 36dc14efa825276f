import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type ortModule from 'onnxruntime-node';
import type { Device, Spinning } from '../types.js';
import type { OrtBackend, SessionOptions } from './ortBackend.js';
import { providersFor } from './deviceTable.js';
import { defaultThreads } from './cpuThreads.js';
import { openOrExplain, openSession } from './sessionHandle.js';
import type { OrtModule } from './sessionHandle.js';

// Loaded with require: imported from ESM, Node first scans the CommonJS sources for export names
// on every start (docs/measurements.md).
const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof ortModule;

const CUDA_HINT =
  "; to enable CUDA, reinstall onnxruntime-node with its CUDA 12 binaries: ONNXRUNTIME_NODE_INSTALL=cuda12 npm install onnxruntime-node (needs an NVIDIA driver and CUDA 12)";

/** True when onnxruntime-node's CUDA provider library was installed beside its binding. */
function cudaInstalled(): boolean {
  const require = createRequire(import.meta.url);
  const root = dirname(dirname(require.resolve('onnxruntime-node')));
  const bin = join(root, 'bin', 'napi-v6', process.platform, process.arch);
  return existsSync(join(bin, process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so'));
}

/** onnxruntime-node's session options for the runtime's SessionOptions. */
export function nodeSessionOptions(executionProviders: readonly string[], options: SessionOptions) {
  return {
    executionProviders,
    graphOptimizationLevel: 'all',
    intraOpNumThreads: options.threads ?? defaultThreads(),
    // Session config entries (onnxruntime_session_options_config_keys.h) travel in `extra`.
    extra: { session: spinningConfig(options.spinning ?? 'during-runs') },
  };
}

/** session.intra_op.allow_spinning and session.force_spinning_stop for a Spinning choice. */
function spinningConfig(spinning: Spinning) {
  if (spinning === 'never') return { intra_op: { allow_spinning: '0' } };
  return { intra_op: { allow_spinning: '1' }, force_spinning_stop: spinning === 'always' ? '0' : '1' };
}

/** onnxruntime-node: cpu always, webgpu where its binary bundles it, cuda where installed. */
export const ortNode: { availableDevices(): Device[] } & OrtBackend = {
  platform: 'node',
  defaultDevice: 'cpu',
  availableDevices() {
    const supported = new Map(ort.listSupportedBackends().map((b) => [b.name, b.bundled]));
    const devices: Device[] = [];
    if (supported.has('cuda') && cudaInstalled()) devices.push('cuda');
    if (supported.get('webgpu')) devices.push('webgpu');
    devices.push('cpu');
    return devices;
  },
  checkDevice(device) {
    const installed = this.availableDevices();
    providersFor('node', device, installed);
    if (!installed.includes(device)) {
      throw new Error(
        `device '${device}' is not installed in this onnxruntime-node; available: ${installed.join(', ')}${device === 'cuda' ? CUDA_HINT : ''}`,
      );
    }
  },
  async open(bytes, device, options) {
    this.checkDevice(device);
    const installed = this.availableDevices();
    const open = (d: Device) => openSession(ort as unknown as OrtModule, bytes, nodeSessionOptions(providersFor('node', d, installed), options));
    return openOrExplain(open, device, installed, device === 'cuda' ? CUDA_HINT : '');
  },
};
