/// <reference lib="webworker" />
// Inference runs here so the page never freezes: one model session at a time, replaced only
// when a new model loaded successfully (a bad file leaves the previous one working).
import { AxisGapError, availableDevices, loadModel, thresholdSpectra, warmUp } from '@spectracam/runtime';
import type { SpectraModel } from '@spectracam/runtime';
import type { Request, Response, RuntimeSetup } from './protocol.js';
import { explainPayload } from './explainPayload.js';
import { featureMapsPayload } from './featureMapsPayload.js';
import { benchExplain } from './benchExplain.js';

let model: SpectraModel | undefined;

/** ONNX Runtime's files: the page's choice, else the built page's own copy (vite.config.ts). */
const wasmPaths = (setup: RuntimeSetup) => setup.ortBase ?? new URL(__SPECTRACAM_ORT_FROM_WORKER__, self.location.href).href;

async function handle(request: Request): Promise<Response> {
  const { id } = request;
  switch (request.type) {
    case 'start':
      // Fetch and compile ONNX Runtime's wasm now, while the page fetches the model.
      await warmUp({ device: request.device, wasmPaths: wasmPaths(request), threads: request.threads });
      return { id, type: 'started' };
    case 'devices':
      return { id, type: 'devices', devices: (await availableDevices()).filter((d) => d === 'wasm' || d === 'webgpu') };
    case 'load': {
      const next = await loadModel(new Uint8Array(request.bytes), { device: request.device, threads: request.threads, wasmPaths: wasmPaths(request) });
      const previous = model;
      model = next;
      await previous?.dispose();
      return {
        id,
        type: 'loaded',
        info: {
          name: request.name,
          classes: [...next.classes],
          axis: Array.from(next.axis),
          unit: next.unit,
          featureLayers: next.metadata.outputs.filter((o) => /^conv[123]$/.test(o)),
          methods: [...next.methods],
          device: next.device === 'webgpu' ? 'webgpu' : 'wasm',
          novelty: next.metadata.novelty
            ? { threshold: next.metadata.novelty.threshold, quantile: next.metadata.novelty.quantile, heldOut: thresholdSpectra(next.metadata.novelty.thresholdFrom) }
            : null,
        },
      };
    }
    case 'explain':
      return { id, type: 'explained', explanation: await explainPayload(need(model), request.spectra, request.bands, request.method) };
    case 'featureMaps':
      return { id, type: 'featureMaps', featureMaps: await featureMapsPayload(need(model), request.spectra, request.index) };
    case 'bench':
      return { id, type: 'bench', batch: request.batch, millisPerSpectrum: await benchExplain(need(model), request.spectra, request.batch, request.repeats) };
  }
}

function need(m: SpectraModel | undefined): SpectraModel {
  if (!m) throw new Error('no model is loaded yet: drop an .onnx file first');
  return m;
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  let reply: Response;
  try {
    reply = await handle(request);
  } catch (error) {
    reply = { id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error), ...(error instanceof AxisGapError ? { extendEnds: error.extendEnds } : {}) };
  }
  self.postMessage(reply);
};
