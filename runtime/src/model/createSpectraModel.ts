import { createMapExplainer, type MapExplainer } from '@spectracam/cam';
import { ATTRIBUTION_METHODS, ATTRIBUTION_OUTPUTS, TENSORS, type Alignment, type AttributionMethod, type ModelMetadata } from '@spectracam/format';
import type { OutputTensor, SessionHandle } from '../backend/ortBackend.js';
import type { Device, ExplainOptions, Explanation, FeatureMap, InputOptions, Prediction, SpectraInput, SpectraModel } from '../types.js';
import { toInputMatrix } from '../input/toInputMatrix.js';
import { checkMagnitude, magnitudeLimit, OUT_OF_RANGE, rangeExcess } from '../input/inputRange.js';
import type { InputMatrix } from '../input/toInputMatrix.js';
import { explainClass, requestedClasses } from '../explain/explainBatch.js';
import { batchesOf } from './batchesOf.js';
import { CAM_TENSORS } from './withCoarseMaps.js';
import type { CoarseMaps } from './withCoarseMaps.js';

export interface ModelParts {
  metadata: ModelMetadata;
  classifier: { weight: Float32Array; bias: Float32Array };
  /** Opens the file's graph cut down to probabilities and logits, for predict. */
  openPredict: () => Promise<SessionHandle>;
  /** Opens the file's graph as it is, for featureMaps. */
  openFeatures: () => Promise<SessionHandle>;
  /** The file's graph outputs. */
  featureOutputs: readonly string[];
  /** Opens the graph that also yields coarse maps (see withCoarseMaps), for explain. */
  openExplain: (maps: CoarseMaps) => Promise<SessionHandle>;
  /** Opens the file's graph cut down to the class scores and one attribution output. */
  openAttribution: (output: string) => Promise<SessionHandle>;
  /** Per-spectrum score outputs every session keeps beside the class scores: `novelty` when the file has it. */
  scores: readonly string[];
  device: Device;
  batchSize: number;
}

type Batch = { start: number; rows: number; outputs: Record<string, OutputTensor> };

/** Spectra on the model's axis, checked, with how far each lies outside the training range. */
interface Prepared {
  matrix: InputMatrix;
  label: (row: number) => string;
  excess: Float64Array | undefined;
}

/** The model object `loadModel` returns; the same on every platform. */
export function createSpectraModel(parts: ModelParts): SpectraModel {
  const { metadata, classifier, openPredict, openFeatures, featureOutputs, openExplain, openAttribution, scores, device, batchSize } = parts;
  // The class scores and the unknown-sample score: what every prediction reads.
  const decided = [TENSORS.probabilities, TENSORS.logits, ...scores];
  const threshold = metadata.novelty?.threshold;
  const classes = metadata.classes;
  const axis = Float64Array.from(metadata.axis);
  const conv3 = metadata.geometry.layers.find((l) => l.name === 'conv3')!;
  const explainers = new Map<Alignment, MapExplainer>();
  // Sessions opened on first use, so a process that only explains never builds predict's graph:
  // predict's, explain's by kind of coarse maps, and 'features' for featureMaps.
  const lazySessions = new Map<string, Promise<SessionHandle>>();
  let disposed = false;

  // Factored once per model and alignment: every explanation reuses it.
  const explainerFor = (alignment: Alignment): MapExplainer => {
    let explainer = explainers.get(alignment);
    if (!explainer) {
      explainer = createMapExplainer(conv3.centres, axis, alignment);
      explainers.set(alignment, explainer);
    }
    return explainer;
  };

  const lazySession = (kind: CoarseMaps | 'features' | 'predict' | `attribution:${string}`): Promise<SessionHandle> => {
    let opened = lazySessions.get(kind);
    if (!opened) {
      opened =
        kind === 'features' ? openFeatures()
        : kind === 'predict' ? openPredict()
        : kind.startsWith('attribution:') ? openAttribution(kind.slice('attribution:'.length))
        : openExplain(kind as CoarseMaps);
      lazySessions.set(kind, opened);
      // A failed open is not cached, so the next call tries again.
      opened.catch(() => lazySessions.delete(kind));
    }
    return opened;
  };

  // One batch at a time, so a caller that consumes batches as they come holds one batch of outputs.
  // `classIndex`: the class input of a `selected` explain graph (-1 = predicted), one per spectrum.
  const run = async function* (
    matrix: InputMatrix,
    outputs: readonly string[],
    on: SessionHandle,
    classIndex?: number,
  ): AsyncGenerator<Batch> {
    if (disposed) throw new Error('this model was disposed; load it again');
    for (const [start, rows] of batchesOf(matrix.rows, batchSize)) {
      const data = matrix.data.subarray(start * matrix.columns, (start + rows) * matrix.columns);
      const feeds =
        classIndex === undefined ? undefined : { [CAM_TENSORS.classInput]: { data: new BigInt64Array(rows).fill(BigInt(classIndex)), dims: [rows, 1] } };
      yield { start, rows, outputs: await on.run(data, rows, matrix.columns, outputs, feeds) };
    }
  };

  const limit = magnitudeLimit(metadata);
  const prepare = (spectra: SpectraInput, options: InputOptions = {}, first = 0): Prepared => {
    const matrix = toInputMatrix(spectra, axis, options, first);
    const label = (row: number) => {
      const index = first + row;
      return options.names?.[index] !== undefined ? `spectrum ${index} (${options.names[index]})` : `spectrum ${index}`;
    };
    checkMagnitude(matrix, limit, label, axis);
    return { matrix, label, excess: rangeExcess(matrix, metadata) };
  };

  const prediction = (batch: Batch, row: number, prepared: Prepared): Prediction => {
    const C = classes.length;
    const p = batch.outputs[TENSORS.probabilities]!.data as Float32Array;
    const l = batch.outputs[TENSORS.logits]!.data as Float32Array;
    const base = row * C;
    for (let c = 0; c < C; c++) {
      // A NaN here would name a class with no meaning; no such answer leaves the runtime.
      if (!Number.isFinite(p[base + c]!) || !Number.isFinite(l[base + c]!)) {
        const excess = prepared.excess?.[batch.start + row];
        throw new RangeError(
          `${prepared.label(batch.start + row)}: the model's output is not finite (logit ${l[base + c]} for ${classes[c]})` +
            (excess !== undefined ? `; the spectrum lies ${excess.toPrecision(3)} training ranges outside the training data` : '') +
            ': expected intensities of the training data\'s scale',
        );
      }
    }
    let best = 0;
    for (let c = 1; c < C; c++) if (p[base + c]! > p[base + best]!) best = c;
    const probabilities: Record<string, number> = {};
    const logits: Record<string, number> = {};
    for (let c = 0; c < C; c++) probabilities[classes[c]!] = p[base + c]!;
    for (let c = 0; c < C; c++) logits[classes[c]!] = l[base + c]!;
    const out: Prediction = { predicted: classes[best]!, predictedIndex: best, probabilities, logits };
    const excess = prepared.excess?.[batch.start + row];
    if (excess !== undefined) {
      out.outOfRange = excess > OUT_OF_RANGE;
      out.rangeExcess = excess;
    }
    if (threshold !== undefined) {
      const novelty = (batch.outputs[TENSORS.novelty]!.data as Float32Array)[row]!;
      out.novelty = novelty;
      // Not below the threshold, NaN included: nothing unlike the training data passes as known.
      out.unknown = !(novelty <= threshold);
    }
    return out;
  };

  const explainMatrix = async (prepared: Prepared, options: ExplainOptions): Promise<Explanation[]> => {
    const { matrix } = prepared;
    const explainer = explainerFor(options.alignment ?? 'receptive-field');
    if (options.method !== undefined && options.method !== 'cam') return attributeMatrix(prepared, options, explainer);
    // 'all' maps every class; otherwise one map per spectrum, of the predicted or the named class.
    const all = options.class === 'all';
    const classIndex = all || options.class === undefined || options.class === 'predicted' ? -1 : requestedClasses(options.class, 0, classes)[0]!;
    const on = await lazySession(all ? 'all' : 'selected');
    const outputs = all ? [...decided, CAM_TENSORS.coarse] : [...decided, CAM_TENSORS.coarse, CAM_TENSORS.selected];
    const everyClass = classes.map((_, i) => i);
    const n3 = conv3.outputLength;
    const out: Explanation[] = [];
    for await (const batch of run(matrix, outputs, on, all ? undefined : classIndex)) {
      const maps = batch.outputs[CAM_TENSORS.coarse]!.data as Float32Array;
      const selected = all ? undefined : (batch.outputs[CAM_TENSORS.selected]!.data as Int32Array);
      for (let row = 0; row < batch.rows; row++) {
        const p = prediction(batch, row, prepared);
        const classMaps = selected
          ? [explainClass(explainer, classes, maps, row * n3, selected[row]!, options)]
          : everyClass.map((c) => explainClass(explainer, classes, maps, (row * classes.length + c) * n3, c, options));
        out.push({ ...p, maps: classMaps });
      }
    }
    return out;
  };

  // An attribution method: the file's graph hands out [batch, C, p] maps, explained as the CAM's are.
  const attributeMatrix = async (prepared: Prepared, options: ExplainOptions, explainer: MapExplainer): Promise<Explanation[]> => {
    const method = options.method!;
    const output = ATTRIBUTION_OUTPUTS[method as AttributionMethod];
    if (!output) throw new RangeError(`method '${method}' is not one of: cam, ${Object.keys(ATTRIBUTION_OUTPUTS).join(', ')}`);
    if (!featureOutputs.includes(output)) {
      throw new Error(`this model file has no '${output}' output, which method '${method}' reads; export it again with \`spectracam export RUN --attributions ${method}\``);
    }
    const on = await lazySession(`attribution:${output}`);
    const C = classes.length;
    const p = axis.length;
    const out: Explanation[] = [];
    for await (const batch of run(prepared.matrix, [...decided, output], on)) {
      const maps = batch.outputs[output]!.data as Float32Array;
      for (let row = 0; row < batch.rows; row++) {
        const pr = prediction(batch, row, prepared);
        const classMaps = requestedClasses(options.class, pr.predictedIndex, classes).map((c) => {
          const e = explainer.explainFull(maps, (row * C + c) * p, options);
          return { class: classes[c]!, peak: e.peak, peakIndex: e.peakIndex, regions: e.regions, ...(e.map ? { map: e.map } : {}) };
        });
        out.push({ ...pr, maps: classMaps });
      }
    }
    return out;
  };

  return {
    classes,
    axis,
    unit: metadata.unit,
    geometry: metadata.geometry,
    metadata,
    device,
    methods: ['cam', ...ATTRIBUTION_METHODS.filter((m) => featureOutputs.includes(ATTRIBUTION_OUTPUTS[m]))],
    classifier,
    async predict(spectra: SpectraInput, options?: InputOptions) {
      const prepared = prepare(spectra, options);
      const out: Prediction[] = [];
      const on = await lazySession('predict');
      for await (const batch of run(prepared.matrix, decided, on)) {
        for (let row = 0; row < batch.rows; row++) out.push(prediction(batch, row, prepared));
      }
      return out;
    },
    async explain(spectra: SpectraInput, options: ExplainOptions = {}) {
      return explainMatrix(prepare(spectra, options), options);
    },
    async *explainStream(spectra, options: ExplainOptions = {}) {
      let pending: ArrayLike<number>[] = [];
      let seen = 0;
      const flush = async () => {
        const prepared = prepare(pending, options, seen);
        seen += pending.length;
        pending = [];
        return explainMatrix(prepared, options);
      };
      for await (const spectrum of spectra) {
        pending.push(spectrum);
        if (pending.length >= batchSize) yield* await flush();
      }
      if (pending.length > 0) yield* await flush();
    },
    async featureMaps(spectra: SpectraInput, options?: InputOptions) {
      const names = (['conv1', 'conv2', 'conv3'] as const).filter((n) => featureOutputs.includes(n));
      const matrix = toInputMatrix(spectra, axis, options);
      const on = await lazySession('features');
      const batches: Batch[] = [];
      for await (const batch of run(matrix, names, on)) batches.push(batch);
      return names.map((name): FeatureMap => {
        const layer = metadata.geometry.layers.find((l) => l.name === name)!;
        const size = layer.filters * layer.outputLength;
        const maps: Float32Array[] = [];
        for (const batch of batches) {
          const data = batch.outputs[name]!.data as Float32Array;
          for (let row = 0; row < batch.rows; row++) maps.push(data.slice(row * size, (row + 1) * size));
        }
        return { name, channels: layer.filters, length: layer.outputLength, maps };
      });
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      const opened = await Promise.allSettled(lazySessions.values());
      for (const result of opened) if (result.status === 'fulfilled') await result.value.release();
    },
  };
}
