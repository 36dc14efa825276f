import type { ExplainMethod } from '@spectracam/runtime';
import type { BandTableName } from './bandTableFor.js';

/** Messages between the page and the inference worker. Numbers travel as plain arrays (structured clone). */

export type Device = 'wasm' | 'webgpu';

/** What the page needs to know about a loaded model. */
export interface ModelInfo {
  name: string;
  classes: string[];
  axis: number[];
  unit: string;
  /** Conv layers whose feature maps the graph outputs (conv3 always; conv1/conv2 when exported). */
  featureLayers: string[];
  /** Explanation methods the file offers: cam always, and every attribution it carries. */
  methods: ExplainMethod[];
  device: Device;
  /** The unknown-sample score's threshold and where it comes from; null for files without one. */
  /** `heldOut`: the spectra the threshold is a quantile of, in words (thresholdSpectra). */
  novelty: { threshold: number; quantile: number; heldOut: string } | null;
}

export type { ExplainMethod };

/** One spectrum's explanation, flattened for the page. */
export interface SpectrumExplanation {
  name: string;
  predicted: string;
  probabilities: number[];
  /** The spectrum as the model saw it: raw intensities resampled onto the model axis. */
  intensities: number[];
  /** Min-max scaled map (0..1) per class, [C][p], in the order of ModelInfo.classes. */
  maps: number[][];
  /** Top regions of the predicted class's map, with the nearest band when one is known. */
  regions: RegionView[];
  /** The unknown-sample score and whether it is above the model's threshold (absent: the file has no score). */
  novelty?: number;
  unknown?: boolean;
}

export interface RegionView {
  start: number;
  end: number;
  peak: number;
  score: number;
  band?: string;
}

export interface Explanation {
  spectra: SpectrumExplanation[];
  /** Milliseconds the worker spent in predict + explain. */
  millis: number;
}

/** Feature maps of one spectrum: layer -> [channels][length] plus the layer's centres on the axis. */
export interface FeatureMapsView {
  layers: { name: string; centresOnAxis: number[]; maps: number[][] }[];
}

export interface SpectraPayload {
  names: string[];
  axis: number[];
  rows: number[][];
  /** How far (axis units) a spectrum may stop short of the model's axis; its end values fill the gap (runtime InputOptions.extendEnds). */
  extendEnds?: number;
}

/** Where ONNX Runtime's files are (absolute URL; unset: beside the worker, see vite.config.ts) and its wasm threads. */
export interface RuntimeSetup {
  ortBase?: string;
  threads?: number;
}

export type Request =
  | ({ id: number; type: 'start'; device: Device } & RuntimeSetup)
  | { id: number; type: 'devices' }
  | ({ id: number; type: 'load'; name: string; bytes: ArrayBuffer; device: Device } & RuntimeSetup)
  | { id: number; type: 'explain'; spectra: SpectraPayload; bands: BandTableName; method: ExplainMethod }
  | { id: number; type: 'featureMaps'; spectra: SpectraPayload; index: number }
  | { id: number; type: 'bench'; spectra: SpectraPayload; batch: number; repeats: number };

export type Response =
  | { id: number; type: 'started' }
  | { id: number; type: 'devices'; devices: Device[] }
  | { id: number; type: 'loaded'; info: ModelInfo }
  | { id: number; type: 'explained'; explanation: Explanation }
  | { id: number; type: 'featureMaps'; featureMaps: FeatureMapsView }
  | { id: number; type: 'bench'; millisPerSpectrum: number; batch: number }
  /** `extendEnds`: a spectrum stopped short of the model's axis by this much (runtime AxisGapError). */
  | { id: number; type: 'error'; message: string; extendEnds?: number };
