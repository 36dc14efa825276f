import type * as OrtWebModule from 'onnxruntime-web';
// The plain build (ort.wasm.min.mjs, 48 kB) comes with the runtime; the JSEP one on demand.
import * as ortWasm from 'onnxruntime-web/wasm';
import type { Device, WasmPaths } from '../types.js';
import type { OrtBackend } from './ortBackend.js';
import { providersFor } from './deviceTable.js';
import { openOrExplain, openSession } from './sessionHandle.js';
import type { OrtModule } from './sessionHandle.js';
import { tinyModel } from './tinyModel.js';

type OrtWeb = typeof OrtWebModule;

/** What starting a build reads: where its files live and its wasm threads. */
export interface WebRuntimeOptions {
  /** Where ONNX Runtime's files live; unset, onnxruntime-web looks beside its own script. */
  wasmPaths?: WasmPaths;
  /** wasm threads (cross-origin isolated pages only). @default min(4, navigator.hardwareConcurrency) */
  threads?: number;
}

/**
 * onnxruntime-web ships one wasm build per execution provider family: the plain SIMD(-threaded)
 * build (ort.wasm.min.mjs -> ort-wasm-simd-threaded.{mjs,wasm}, 14 MB) runs the wasm provider
 * alone; the JSEP build (ort.min.mjs -> ort-wasm-simd-threaded.jsep.{mjs,wasm}, 28 MB) also
 * carries WebGPU. Each is imported the first time a device needs it, so a page that never picks
 * WebGPU never downloads the larger one. The two are separate module instances, each with its own
 * `env` and wasm instance.
 */
type Build = 'wasm' | 'jsep';
const buildFor = (device: Device): Build => (device === 'webgpu' ? 'jsep' : 'wasm');

interface Started {
  ort: OrtWeb;
  /** The wasm files this build started from (its env is read once, at its first session). */
  wasmPaths?: string;
  /** Resolves when the build's wasm is compiled and its threads run. */
  ready: Promise<void>;
}
const builds = new Map<Build, Promise<Started>>();

function pathsKey(paths: WasmPaths | undefined): string | undefined {
  if (paths === undefined) return undefined;
  if (typeof paths === 'string' || paths instanceof URL) return String(paths);
  return JSON.stringify({ mjs: paths.mjs && String(paths.mjs), wasm: paths.wasm && String(paths.wasm) });
}

function toOrtPaths(paths: WasmPaths): string | { mjs?: string; wasm?: string } {
  if (typeof paths === 'string' || paths instanceof URL) {
    const folder = String(paths);
    return folder.endsWith('/') ? folder : `${folder}/`;
  }
  return { mjs: paths.mjs && String(paths.mjs), wasm: paths.wasm && String(paths.wasm) };
}

/**
 * Imports the build a device needs, sets its env (files, threads) and starts it: one session of a
 * one-node model makes onnxruntime-web fetch and compile its wasm (streaming, so compiling runs
 * while it downloads) and start its threads. Later calls share the first one's start; a different
 * `wasmPaths` after a build started is refused, since onnxruntime-web reads it only once.
 */
export function startBuild(device: Device, options: WebRuntimeOptions = {}): Promise<Started> {
  const build = buildFor(device);
  const key = pathsKey(options.wasmPaths);
  let started = builds.get(build);
  if (!started) {
    started = (async () => {
      const ort: OrtWeb = build === 'jsep' ? await import('onnxruntime-web') : (ortWasm as OrtWeb);
      if (options.wasmPaths !== undefined) ort.env.wasm.wasmPaths = toOrtPaths(options.wasmPaths);
      // Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
      const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
      ort.env.wasm.numThreads = isolated ? (options.threads ?? Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 1)) : 1;
      const ready = (async () => {
        const session = await ort.InferenceSession.create(tinyModel(), { executionProviders: build === 'jsep' && device === 'webgpu' ? ['webgpu'] : ['wasm'] });
        await session.release();
      })();
      return { ort, wasmPaths: key, ready };
    })();
    builds.set(build, started);
    // A build that failed to start (a file missing, a bad path) may be tried again.
    void started.then((s) => s.ready).catch(() => builds.delete(build));
  }
  return started.then((s) => {
    if (key !== undefined && s.wasmPaths !== key) {
      throw new Error(
        `onnxruntime-web's ${build} build already started from ${s.wasmPaths ?? 'its default location'}; wasmPaths ${key} must be given before the first model (or warmUp) of the page`,
      );
    }
    return s;
  });
}

/** True when the browser gives a WebGPU adapter (it has navigator.gpu and a usable GPU). */
async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

let adapterProbe: Promise<boolean> | undefined;

/** onnxruntime-web: WebAssembly everywhere (threads when cross-origin isolated), WebGPU where the browser has an adapter. */
export const ortWeb: { availableDevices(): Promise<Device[]>; ensureDevice(device: Device): Promise<Device[]> } & OrtBackend = {
  platform: 'web',
  defaultDevice: 'wasm',
  async availableDevices() {
    adapterProbe ??= hasWebGpuAdapter();
    const devices: Device[] = [];
    if (await adapterProbe) devices.push('webgpu');
    devices.push('wasm');
    return devices;
  },
  checkDevice(device) {
    providersFor('web', device, ['webgpu', 'wasm']);
  },
  /** Throws, naming the devices that work, when `device` cannot start in this browser. */
  async ensureDevice(device: Device): Promise<Device[]> {
    this.checkDevice(device);
    const installed = await this.availableDevices();
    const target: Device = device === 'cpu' ? 'wasm' : device;
    if (!installed.includes(target)) {
      throw new Error(`device '${device}' cannot start in this browser (no WebGPU adapter); devices that work here: ${installed.join(', ')}`);
    }
    return installed;
  },
  async open(bytes, device, options) {
    const installed = await this.ensureDevice(device);
    const target: Device = device === 'cpu' ? 'wasm' : device;
    const open = async (d: Device) => {
      const { ort, ready } = await startBuild(d, options);
      await ready;
      return openSession(ort as unknown as OrtModule, bytes, {
        executionProviders: providersFor('web', d, installed),
        graphOptimizationLevel: 'all',
      });
    };
    return openOrExplain(open, target, installed);
  },
};
