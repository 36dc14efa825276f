import type { AppState } from './app/appState.js';
import { byId, fillSelect, setStatus, showMessage } from './app/dom.js';
import { pickFiles } from './app/pickFiles.js';
import { renderResults } from './app/renderResults.js';
import { publishTestResults } from './app/testResults.js';
import { readSpectraFiles } from './spectra/readSpectraFiles.js';
import { drawFeatureMaps } from './ui/featureMapsView.js';
import type { Device, ExplainMethod } from './worker/protocol.js';
import type { BandTableName } from './worker/bandTableFor.js';
import { WorkerClient } from './worker/workerClient.js';
import type { OverlayMode } from './ui/spectrumChart.js';

const worker = new WorkerClient();
const state: AppState = { spectrumIndex: 0, overlay: 'band' };
const timings: Record<string, number> = {};
let modelBytes: ArrayBuffer | undefined;
let modelName = '';

const device = () => byId<HTMLSelectElement>('device-select').value as Device;
/** Absolute URL of the page's copy of ONNX Runtime's wasm files (see vite/ortWasmFiles.ts). */
const ortBase = () => new URL(`${import.meta.env.BASE_URL}ort/`, document.baseURI).href;
/** `?threads=N` overrides ONNX Runtime's wasm thread count (for measurements). */
const threads = () => Number(new URLSearchParams(location.search).get('threads')) || undefined;
const bands = () => byId<HTMLSelectElement>('bands-select').value as BandTableName;
const method = () => (byId<HTMLSelectElement>('method-select').value || 'cam') as ExplainMethod;

/** The method choices of the loaded file; the current choice stays when the new file offers it. */
function drawMethods(methods: readonly ExplainMethod[]): void {
  const select = byId<HTMLSelectElement>('method-select');
  const current = select.value;
  select.replaceChildren(...methods.map((m) => Object.assign(document.createElement('option'), { value: m, textContent: m })));
  select.value = methods.includes(current as ExplainMethod) ? current : 'cam';
}

/** Loads a model into the worker; on failure the previous model and result stay. */
async function loadModel(bytes: ArrayBuffer, name: string): Promise<void> {
  setStatus(`loading ${name}…`);
  const t0 = performance.now();
  // The worker gets a copy, so the page keeps the bytes to reload on a device change.
  const reply = await worker.call<'loaded'>({ type: 'load', name, bytes: bytes.slice(0), device: device(), ortBase: ortBase(), threads: threads() });
  timings.loadModelMs = performance.now() - t0;
  state.model = reply.info;
  drawMethods(reply.info.methods);
  modelBytes = bytes;
  modelName = name;
  drawModelInfo();
}

/** Explains the current spectra with the current model; on failure the previous result stays. */
async function explain(): Promise<void> {
  if (!state.model || !state.spectra) return;
  setStatus(`explaining ${state.spectra.rows.length} spectra on ${state.model.device}…`);
  const { names, axis, rows } = state.spectra;
  const reply = await worker.call<'explained'>({ type: 'explain', spectra: { names, axis, rows }, bands: bands(), method: method() });
  state.explanation = reply.explanation;
  timings.explainMs = reply.explanation.millis;
  await renderResults(state);
  timings.firstExplanationMs ??= performance.now();
  publishTestResults(state, timings);
  setStatus(`${rows.length} spectra explained on ${state.model.device} in ${reply.explanation.millis.toFixed(1)} ms`);
  await drawFeatures();
}

async function drawFeatures(): Promise<void> {
  if (!state.model || !state.spectra) return;
  const { names, axis, rows } = state.spectra;
  const reply = await worker.call<'featureMaps'>({ type: 'featureMaps', spectra: { names, axis, rows }, index: state.spectrumIndex });
  drawFeatureMaps(byId('feature-maps'), reply.featureMaps);
}

function drawModelInfo(): void {
  const m = state.model!;
  const lo = Math.min(m.axis[0]!, m.axis[m.axis.length - 1]!);
  const hi = Math.max(m.axis[0]!, m.axis[m.axis.length - 1]!);
  byId('model-info').textContent =
    `Model ${m.name}: classes ${m.classes.join(', ')}; ${m.axis.length} variables, ${lo}–${hi} ${m.unit}; ` +
    `feature maps of ${m.featureLayers.join(', ') || 'none'}; running on ${m.device}; ` +
    (m.novelty
      ? `unknown-sample score: spectra above ${m.novelty.threshold.toPrecision(4)} are flagged unknown.`
      : 'no unknown-sample score in this file (exported before it): spectra unlike the training data are not flagged.');
}

/** Model first (spectra are explained with the model they arrived with), then spectra. */
async function acceptFiles(files: Iterable<File>): Promise<void> {
  const { model, spectra } = pickFiles(files);
  const previous = { model: state.model, bytes: modelBytes, name: modelName };
  try {
    if (model) await named(model.name, loadModel(await model.arrayBuffer(), model.name));
    if (spectra.length > 0) {
      const loaded = await readSpectraFiles(spectra);
      const old = state.spectra;
      state.spectra = loaded;
      try {
        await named(loaded.source, explainOrThrow());
      } catch (error) {
        state.spectra = old;
        throw error;
      }
    } else if (model) {
      await explainOrThrow();
    }
    showMessage(`${[model?.name, ...spectra.map((f) => f.name)].filter(Boolean).join(', ')}: explained.`, 'ok');
  } catch (error) {
    showMessage(error instanceof Error ? error.message : String(error), 'error');
    // A new model that cannot explain the spectra on screen is taken back, so model and result match.
    if (state.model !== previous.model && previous.bytes) {
      await loadModel(previous.bytes, previous.name).catch(() => undefined);
    }
    setStatus(state.explanation ? 'still showing the previous result' : 'no result yet');
  }
}

/** Messages name the visitor's file, whatever the library called it ("model bytes"). */
async function named<T>(file: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes(file) ? message : `${file}: ${message}`, { cause: error });
  }
}

async function explainOrThrow(): Promise<void> {
  state.spectrumIndex = 0;
  state.className = undefined;
  await explain();
}

function wireInputs(): void {
  const zone = byId('drop-zone');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer) void acceptFiles(Array.from(e.dataTransfer.files));
  });
  for (const id of ['model-input', 'spectra-input']) {
    const input = byId<HTMLInputElement>(id);
    input.addEventListener('change', () => {
      if (input.files && input.files.length > 0) void acceptFiles(Array.from(input.files)).finally(() => (input.value = ''));
    });
  }
  byId<HTMLSelectElement>('spectrum-select').addEventListener('change', (e) => {
    state.spectrumIndex = Number((e.target as HTMLSelectElement).value);
    state.className = undefined;
    void renderResults(state);
    void drawFeatures().catch((error) => showMessage(String(error), 'error'));
  });
  byId<HTMLSelectElement>('class-select').addEventListener('change', (e) => {
    state.className = (e.target as HTMLSelectElement).value;
    void renderResults(state);
  });
  byId<HTMLSelectElement>('overlay-select').addEventListener('change', (e) => {
    state.overlay = (e.target as HTMLSelectElement).value as OverlayMode;
    void renderResults(state);
  });
  byId<HTMLSelectElement>('bands-select').addEventListener('change', () => void explain().catch((error) => showMessage(String(error), 'error')));
  byId<HTMLSelectElement>('method-select').addEventListener('change', () => void explain().catch((error) => showMessage(String(error), 'error')));
  byId<HTMLSelectElement>('device-select').addEventListener('change', () => {
    if (!modelBytes) return;
    void loadModel(modelBytes, modelName)
      .then(explain)
      .catch((error) => showMessage(error instanceof Error ? error.message : String(error), 'error'));
  });
}

/** WebGPU is offered only when the browser has an adapter; wasm always works. */
async function offerDevices(): Promise<void> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  const options = [{ value: 'wasm', label: 'wasm' }];
  if (adapter) options.push({ value: 'webgpu', label: 'webgpu' });
  fillSelect(byId<HTMLSelectElement>('device-select'), options, 'wasm');
}

/** The bundled example: a model trained and exported from the synthetic data at build time. */
async function loadExample(): Promise<void> {
  const base = `${import.meta.env.BASE_URL}example/`;
  const [model, spectra] = await Promise.all([fetch(`${base}model.onnx`), fetch(`${base}spectra.csv`)]);
  if (!model.ok || !spectra.ok) throw new Error(`the example is missing (${base}); run npm run build -w web-demo`);
  const files = [
    new File([await model.arrayBuffer()], 'example.onnx'),
    new File([await spectra.text()], 'example-spectra.csv', { type: 'text/csv' }),
  ];
  await acceptFiles(files);
}

wireInputs();
await offerDevices();
await loadExample().catch((error) => showMessage(error instanceof Error ? error.message : String(error), 'error'));

/** Latency probe for measurements (web-demo/bench): explain ms per spectrum at a batch size. */
(globalThis as { spectracamBench?: (batch: number, repeats: number) => Promise<number> }).spectracamBench = async (batch, repeats) => {
  if (!state.spectra) throw new Error('no spectra loaded');
  const { names, axis, rows } = state.spectra;
  const reply = await worker.call<'bench'>({ type: 'bench', spectra: { names, axis, rows }, batch, repeats });
  return reply.millisPerSpectrum;
};
