import type { AppState, LoadedSpectra } from '../app/appState.js';
import { byId, offerChoices, setStatus, showMessage } from '../app/dom.js';
import { named } from '../app/named.js';
import { pickFiles } from '../app/pickFiles.js';
import { renderBatch, renderResults } from '../app/renderResults.js';
import { readSpectraFiles } from '../spectra/readSpectraFiles.js';
import { drawFeatureMaps } from '../ui/featureMapsView.js';
import type { BandTableName } from '../worker/bandTableFor.js';
import type { Device, ExplainMethod, Explanation, ModelInfo, SpectraPayload } from '../worker/protocol.js';
import { WorkerClient } from '../worker/workerClient.js';
import { TEMPLATE } from './template.js';
import type { ExplainedDetail } from './explainedDetail.js';
import { wireInputs } from './wireInputs.js';
import { modelInfoText } from './modelInfoText.js';
import { fetchAsFile } from './fetchAsFile.js';
import { allowanceHint, allowanceOf, readExtendEnds } from './extendEnds.js';
import css from './element.css?inline';

export type { ExplainedDetail };

/**
 * `<spectracam-explain model="model.onnx" spectra="spectra.csv">`: classifies spectra with a
 * SpectraCAM model in the browser and shows why (class activation maps), nothing uploaded.
 *
 * Attributes: `model` (URL of an .onnx from `spectracam export`), `spectra` (URL of spectra to
 * explain at once, optional), `ort` (folder URL of ONNX Runtime's files; default: the `ort/<version>/`
 * folder served with this script), `threads` (wasm threads; default min(4, cores)). Visitors can
 * drop or pick their own model and spectra. Events: `spectracam-explained` (ExplainedDetail),
 * `spectracam-error` ({ message }). Relative URLs resolve against the page, as for `<img src>`.
 */
export class SpectracamExplainElement extends HTMLElement {
  static observedAttributes = ['model', 'spectra'];

  readonly #root: ShadowRoot;
  #worker?: WorkerClient;
  readonly #state: AppState = { spectrumIndex: 0, overlay: 'band' };
  readonly #timings: Record<string, number> = {};
  #modelBytes?: ArrayBuffer;
  #modelName = '';
  #started = false;
  /** Files are taken one drop at a time, in order. */
  #queue: Promise<void> = Promise.resolve();
  /** Spectra refused for stopping short of the model's axis; a larger "extend ends" explains them. */
  #refused?: LoadedSpectra;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    const content = document.createElement('template');
    content.innerHTML = TEMPLATE;
    this.#root.append(style, content.content);
    wireInputs(this.#root, this.#state, {
      explainFiles: (files) => void this.explainFiles(files),
      redraw: () => renderResults(this.#root, this.#state),
      drawFeatures: () => void this.#drawFeatures().catch((error: unknown) => this.#fail(error)),
      explainAgain: () => void this.#explain().catch((error: unknown) => this.#fail(error)),
      reloadModel: () => {
        if (!this.#modelBytes) return;
        void this.#loadModel(this.#modelBytes, this.#modelName)
          .then(() => this.#explain())
          .catch((error: unknown) => this.#fail(error));
      },
      extendChanged: () => void this.#extendChanged(),
    });
  }

  /** The loaded model and the explanation on screen, if any. */
  get result(): { model?: ModelInfo; explanation?: Explanation } {
    return { model: this.#state.model, explanation: this.#state.explanation };
  }

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    const worker = this.#workerClient();
    // ONNX Runtime's wasm downloads and compiles in the worker while the model downloads here.
    const started = worker.call<'started'>({ type: 'start', device: 'wasm', ...this.#runtimeSetup() });
    started.then(
      () => (this.#timings.runtimeStartedAt ??= performance.now()),
      // With a model, loading it reports the same failure.
      (error: unknown) => this.getAttribute('model') || this.#fail(error),
    );
    // The devices the runtime can start here (webgpu only with a WebGPU adapter).
    void worker.call<'devices'>({ type: 'devices' }).then((reply) => offerChoices(byId(this.#root, 'device-select'), reply.devices, 'wasm'), () => undefined);
    // Back on a page after a removal: the new worker gets the model the element had.
    if (this.#modelBytes) void this.explainFiles([new File([this.#modelBytes], this.#modelName)]);
    else void this.#loadFromAttributes();
  }

  disconnectedCallback(): void {
    // Moved elements reconnect at once; one that stays out of the page frees its worker.
    queueMicrotask(() => {
      if (this.isConnected || !this.#worker) return;
      this.#worker.terminate();
      this.#worker = undefined;
      this.#started = false;
    });
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (!this.#started || previous === value || value === null) return;
    void this.#loadFromAttributes(name === 'model' ? ['model'] : ['spectra']);
  }

  /** Explains dropped or picked files: at most one `.onnx` model (loaded first) and spectra files. */
  explainFiles(files: Iterable<File>): Promise<void> {
    const list = Array.from(files);
    this.#queue = this.#queue.then(() => this.#acceptFiles(list));
    return this.#queue;
  }

  /** Latency probe (web-demo/bench): explain milliseconds per spectrum at a batch size. */
  async bench(batch: number, repeats: number): Promise<number> {
    if (!this.#state.spectra) throw new Error('no spectra loaded');
    const reply = await this.#workerClient().call<'bench'>({ type: 'bench', spectra: this.#payload(this.#state.spectra), batch, repeats });
    return reply.millisPerSpectrum;
  }

  #workerClient(): WorkerClient {
    this.#worker ??= new WorkerClient();
    return this.#worker;
  }

  #runtimeSetup(): { ortBase?: string; threads?: number } {
    const ort = this.getAttribute('ort');
    const threads = Number(this.getAttribute('threads'));
    return {
      ortBase: ort ? new URL(ort.endsWith('/') ? ort : `${ort}/`, document.baseURI).href : undefined,
      threads: Number.isInteger(threads) && threads > 0 ? threads : undefined,
    };
  }

  /** The model and spectra the attributes name, fetched together. */
  async #loadFromAttributes(which: ('model' | 'spectra')[] = ['model', 'spectra']): Promise<void> {
    const urls = which.map((a) => [a, this.getAttribute(a)] as const).filter((e): e is readonly ['model' | 'spectra', string] => !!e[1]);
    if (urls.length === 0) {
      setStatus(this.#root, 'drop a model and spectra');
      return;
    }
    try {
      const files = await Promise.all(urls.map(([attribute, url]) => fetchAsFile(attribute, url)));
      this.#timings.filesFetchedAt ??= performance.now();
      await this.explainFiles(files);
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    const message = (error instanceof Error ? error.message : String(error)) + allowanceHint(error, this.#refused !== undefined);
    showMessage(this.#root, message, 'error');
    this.dispatchEvent(new CustomEvent('spectracam-error', { detail: { message }, bubbles: true, composed: true }));
  }

  #device(): Device {
    return byId<HTMLSelectElement>(this.#root, 'device-select').value as Device;
  }

  #bands(): BandTableName {
    return byId<HTMLSelectElement>(this.#root, 'bands-select').value as BandTableName;
  }

  #method(): ExplainMethod {
    return (byId<HTMLSelectElement>(this.#root, 'method-select').value || 'cam') as ExplainMethod;
  }

  /** What the worker reads: the spectra and the allowance for those that stop short of the model's axis. */
  #payload(spectra: LoadedSpectra): SpectraPayload {
    const { names, axis, rows } = spectra;
    return { names, axis, rows, extendEnds: readExtendEnds(this.#root) };
  }

  /** A new allowance: spectra refused for a gap are tried again, else the spectra on screen are explained again. */
  #extendChanged(): Promise<void> {
    this.#queue = this.#queue.then(async () => {
      try {
        const refused = this.#refused;
        if (!refused) return await this.#explain();
        await this.#showSpectra(refused);
        this.#refused = undefined;
        showMessage(this.#root, `${refused.source}: explained, the ends extended by up to ${readExtendEnds(this.#root)} ${this.#state.model?.unit ?? ''}.`, 'ok');
      } catch (error) {
        this.#fail(error);
      }
    });
    return this.#queue;
  }

  /** Loads a model into the worker; on failure the previous model and result stay. */
  async #loadModel(bytes: ArrayBuffer, name: string): Promise<void> {
    setStatus(this.#root, `loading ${name}…`);
    const t0 = performance.now();
    // The worker gets a copy, so the element keeps the bytes to reload on a device change.
    const reply = await this.#workerClient().call<'loaded'>({ type: 'load', name, bytes: bytes.slice(0), device: this.#device(), ...this.#runtimeSetup() });
    this.#timings.loadModelMs = performance.now() - t0;
    this.#timings.modelLoadedAt ??= performance.now();
    this.#state.model = reply.info;
    offerChoices(byId(this.#root, 'method-select'), reply.info.methods, 'cam');
    this.#modelBytes = bytes;
    this.#modelName = name;
    this.#drawModelInfo();
  }

  /** Explains the current spectra with the current model; on failure the previous result stays. */
  async #explain(): Promise<void> {
    const state = this.#state;
    if (!state.model || !state.spectra) return;
    setStatus(this.#root, `explaining ${state.spectra.rows.length} spectra on ${state.model.device}…`);
    const { rows } = state.spectra;
    const reply = await this.#workerClient().call<'explained'>({ type: 'explain', spectra: this.#payload(state.spectra), bands: this.#bands(), method: this.#method() });
    state.explanation = reply.explanation;
    this.#timings.explainMs = reply.explanation.millis;
    this.#timings.explainedAt ??= performance.now();
    renderResults(this.#root, state);
    this.#timings.firstExplanationMs ??= performance.now();
    setStatus(this.#root, `${rows.length} spectra explained on ${state.model.device} in ${reply.explanation.millis.toFixed(1)} ms`);
    // The batch view and the feature maps come after the explanation is on screen.
    await renderBatch(this.#root, state);
    await this.#drawFeatures();
    this.dispatchEvent(
      new CustomEvent<ExplainedDetail>('spectracam-explained', {
        detail: { model: state.model, source: state.spectra.source, labels: state.spectra.labels, explanation: state.explanation, timings: { ...this.#timings } },
        bubbles: true,
        composed: true,
      }),
    );
  }

  async #drawFeatures(): Promise<void> {
    const state = this.#state;
    if (!state.model || !state.spectra) return;
    const reply = await this.#workerClient().call<'featureMaps'>({ type: 'featureMaps', spectra: this.#payload(state.spectra), index: state.spectrumIndex });
    drawFeatureMaps(byId(this.#root, 'feature-maps'), reply.featureMaps);
  }

  #drawModelInfo(): void {
    const m = this.#state.model!;
    byId(this.#root, 'extend-unit').textContent = m.unit;
    byId(this.#root, 'model-info').textContent = modelInfoText(m);
  }

  /** Model first (spectra are explained with the model they arrived with), then spectra. */
  async #acceptFiles(files: File[]): Promise<void> {
    const state = this.#state;
    const { model, spectra } = pickFiles(files);
    const previous = { model: state.model, bytes: this.#modelBytes, name: this.#modelName };
    // The spectra are read while the worker loads the model.
    const reading = spectra.length > 0 ? readSpectraFiles(spectra) : undefined;
    reading?.catch(() => undefined);
    try {
      if (model) await named(model.name, this.#loadModel(await model.arrayBuffer(), model.name));
      if (reading) {
        const loaded = await reading;
        this.#refused = undefined;
        await this.#showSpectra(loaded).catch((error: unknown) => {
          // Kept to try again with a larger allowance, unless a new model came with them (it is taken back below).
          if (!model && allowanceOf(error) !== undefined) this.#refused = loaded;
          throw error;
        });
      } else if (model) {
        await this.#explainFromStart();
      }
      showMessage(this.#root, `${[model?.name, ...spectra.map((f) => f.name)].filter(Boolean).join(', ')}: explained.`, 'ok');
    } catch (error) {
      this.#fail(error);
      // A new model that cannot explain the spectra on screen is taken back, so model and result match.
      if (state.model !== previous.model && previous.bytes) {
        await this.#loadModel(previous.bytes, previous.name).catch(() => undefined);
      }
      setStatus(this.#root, state.explanation ? 'still showing the previous result' : 'no result yet');
    }
  }

  /** Explains these spectra from the first; on failure the previous spectra stay with their result. */
  async #showSpectra(loaded: LoadedSpectra): Promise<void> {
    const old = this.#state.spectra;
    this.#state.spectra = loaded;
    try {
      await named(loaded.source, this.#explainFromStart());
    } catch (error) {
      this.#state.spectra = old;
      throw error;
    }
  }

  async #explainFromStart(): Promise<void> {
    this.#state.spectrumIndex = 0;
    this.#state.className = undefined;
    await this.#explain();
  }
}
