import type { AnnotatedRegion, BandTable } from '@spectracam/cam';
import type { Alignment, AttributionMethod, ModelMetadata } from '@spectracam/format';

/**
 * Where onnxruntime-web finds its files (browsers): a folder URL holding them
 * (`ort-wasm-simd-threaded.{mjs,wasm}`, and `ort-wasm-simd-threaded.jsep.{mjs,wasm}` for WebGPU), or
 * one URL per file as onnxruntime-web's `env.wasm.wasmPaths` takes it.
 */
export type WasmPaths = string | URL | { mjs?: string | URL; wasm?: string | URL };

/** Where a model runs. Node: cpu, webgpu, cuda. Browser: wasm, webgpu (`cpu` means wasm there). */
export type Device = 'cpu' | 'webgpu' | 'cuda' | 'wasm';

export interface LoadModelOptions {
  /** @default 'cpu' in Node, 'wasm' in a browser */
  device?: Device;
  /** Spectra per ONNX Runtime call; larger inputs are split. @default 256 */
  batchSize?: number;
  /**
   * Intra-op threads for the CPU provider (Node); in browsers the wasm threads, read when the
   * runtime starts (cross-origin isolated pages only; default min(4, hardwareConcurrency)).
   * @default one per physical core available to the process, within its container's CPU quota
   * (ONNX Runtime's own default, half the logical CPUs, runs half the cores of a machine without
   * hyper-threading); 0 leaves the choice to ONNX Runtime
   */
  threads?: number;
  /**
   * When ONNX Runtime's idle worker threads (Node, CPU) spin-wait for work instead of sleeping.
   * A model holds one session for `predict` and one for `explain`, each with its own workers.
   * - `during-runs` (default): spin between the operators of a run, stop when it ends;
   * - `always`: keep spinning after a run (ONNX Runtime's own default); the workers left spinning
   *   take the cores from the next run of the model's other session, or of another model;
   * - `never`: sleep whenever idle; each operator then waits for its workers to wake.
   * Figures: README, "Library use".
   * @default 'during-runs'
   */
  spinning?: Spinning;
  /**
   * Browsers: where ONNX Runtime's files live (see WasmPaths), e.g. `'/static/ort/'`; the page then
   * need not import onnxruntime-web to set `env.wasm.wasmPaths`. It is read when the runtime starts
   * (the first model or `warmUp` of the page); a different value later is refused. Unset,
   * onnxruntime-web looks beside its own script. Ignored in Node.
   */
  wasmPaths?: WasmPaths;
}

export type Spinning = 'during-runs' | 'always' | 'never';

/**
 * Spectra to classify: a matrix (one row per spectrum) or one spectrum. Without `axis` each
 * row must have the model's number of variables on the model's axis.
 */
export type SpectraInput = ArrayLike<number> | readonly ArrayLike<number>[];

export interface InputOptions {
  /** Axis of the given spectra (ascending or descending); they are resampled onto the model's axis. */
  axis?: ArrayLike<number>;
  /** A name per spectrum (sample ids), shown beside its index in error messages. */
  names?: readonly string[];
  /**
   * With `axis`: how far (axis units) a spectrum may stop short of either end of the model's axis;
   * the model's points in that gap take the spectrum's end value. @default 0 (such spectra are
   * refused: extending a spectrum invents intensities, so the caller says how much it accepts)
   */
  extendEnds?: number;
}

export interface Prediction {
  predicted: string;
  predictedIndex: number;
  /** Softmax output by class name. */
  probabilities: Record<string, number>;
  /** Scores before softmax by class name. */
  logits: Record<string, number>;
  /**
   * True when the spectrum lies further outside the training data than one training range (the
   * class is then a guess about data the model never saw). Absent for files without the range.
   */
  outOfRange?: boolean;
  /** How far outside the training range, in training ranges (0 inside); absent with outOfRange. */
  rangeExcess?: number;
  /**
   * The unknown-sample score: squared Mahalanobis distance of the spectrum's GAP features to the
   * nearest class mean of the training data (the file's `novelty` output). Absent for files
   * exported without it (before the score, or with `--no-novelty`).
   */
  novelty?: number;
  /**
   * True when `novelty` is above the file's threshold (`metadata.novelty.threshold`, a high quantile
   * of held-out training-distribution spectra): the spectrum is unlike anything the model was trained
   * on, and its class is a guess. Absent with `novelty`.
   */
  unknown?: boolean;
}

/** How a decision is explained: the class activation map, or an attribution the file carries. */
export type ExplainMethod = 'cam' | AttributionMethod;

export interface ExplainOptions extends InputOptions {
  /**
   * `cam` from the classifier weights and conv3 (every file); the others from the file's
   * attribution outputs (`spectracam export --attributions`), at input resolution. @default 'cam'
   */
  method?: ExplainMethod;
  /** Class to explain: the predicted one, every class, or one by name. @default 'predicted' */
  class?: 'predicted' | 'all' | string;
  /** Fraction of variables kept as top variables. @default 0.1 */
  top?: number;
  /** Knots of the spline that maps Conv3 positions onto the input axis. @default 'receptive-field' */
  alignment?: Alignment;
  /** Include the scaled full-resolution map of every requested class. @default false */
  full?: boolean;
  /** Band table used to name regions; none means regions are not annotated. */
  bands?: BandTable;
  /** Largest distance (axis units) between a region and the band that names it. */
  bandTolerance?: number;
}

/** The explanation of one class for one spectrum. */
export interface ClassExplanation {
  class: string;
  /** Position (axis units) and index of the map's maximum. */
  peak: number;
  peakIndex: number;
  /** Contiguous top variables, highest score first, named with bands when a table was given. */
  regions: AnnotatedRegion[];
  /** Min-max scaled map on the model's axis (only with `full`). */
  map?: Float64Array;
}

export interface Explanation extends Prediction {
  maps: ClassExplanation[];
}

/** Conv feature maps of one batch, channels-first: data[spectrum][channel * length + position]. */
export interface FeatureMap {
  name: 'conv1' | 'conv2' | 'conv3';
  channels: number;
  length: number;
  /** One Float32Array [channels * length] per spectrum. */
  maps: Float32Array[];
}

export interface SpectraModel {
  readonly classes: readonly string[];
  /** The model's axis, ascending as stored in the file. */
  readonly axis: Float64Array;
  readonly unit: string;
  readonly geometry: ModelMetadata['geometry'];
  readonly metadata: ModelMetadata;
  /** Device the session runs on. */
  readonly device: Device;
  /** The explanation methods this file offers: `cam` always, then every attribution output it carries. */
  readonly methods: readonly ExplainMethod[];
  /** `classifier.weight` [C, K] row-major (K channels of the last conv layer) and `classifier.bias` [C], read from the file. */
  readonly classifier: { weight: Float32Array; bias: Float32Array };
  predict(spectra: SpectraInput, options?: InputOptions): Promise<Prediction[]>;
  explain(spectra: SpectraInput, options?: ExplainOptions): Promise<Explanation[]>;
  /** Explains spectra as they come, one batch at a time, so memory stays bounded. */
  explainStream(
    spectra: AsyncIterable<ArrayLike<number>> | Iterable<ArrayLike<number>>,
    options?: ExplainOptions,
  ): AsyncGenerator<Explanation>;
  featureMaps(spectra: SpectraInput, options?: InputOptions): Promise<FeatureMap[]>;
  dispose(): Promise<void>;
}
