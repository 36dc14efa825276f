import * as ort from 'onnxruntime-web';
import type { Device } from '../types.js';
import type { OrtBackend } from './ortBackend.js';
import { providersFor } from './deviceTable.js';
import { openOrExplain, openSession } from './sessionHandle.js';
import type { OrtModule } from './sessionHandle.js';

/** onnxruntime-web: WebAssembly everywhere (threads when cross-origin isolated), WebGPU where the browser has it. */
export const ortWeb: OrtBackend = {
  platform: 'web',
  defaultDevice: 'wasm',
  availableDevices() {
    const devices: Device[] = [];
    if (typeof navigator !== 'undefined' && 'gpu' in navigator) devices.push('webgpu');
    devices.push('wasm');
    return devices;
  },
  checkDevice(device) {
    providersFor('web', device, this.availableDevices());
  },
  async open(bytes, device, options) {
    const installed = this.availableDevices();
    providersFor('web', device, installed);
    // Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    ort.env.wasm.numThreads = isolated ? (options.threads ?? Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1)) : 1;
    const open = (d: Device) =>
      openSession(ort as unknown as OrtModule, bytes, {
        executionProviders: providersFor('web', d, installed),
        graphOptimizationLevel: 'all',
      });
    return openOrExplain(open, device === 'cpu' ? 'wasm' : device, installed);
  },
};
