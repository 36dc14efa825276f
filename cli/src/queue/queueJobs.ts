import type { ReaderOptions } from '@spectracam/data';
import type { BackendName, TrainOptions } from '@spectracam/trainer';

/** One CNN of a Monte-Carlo evaluation: everything a worker needs, paths on shared storage. */
export interface TrainJobData {
  /** `p<partition>-r<repeat>`, for messages. */
  run: string;
  /** How the coordinator read the data (absolute paths): the worker reads the same. */
  reader: ReaderOptions;
  /** The coordinator's datasetFingerprint: a worker that reads other data refuses the job. */
  fingerprint: string;
  /** Absolute run folder and split file inside the evaluation folder. */
  dir: string;
  splitFile: string;
  initSeed: number;
  train: TrainOptions;
  /** The backend the coordinator chose (`auto` unless asked); a worker's `--backend` overrides it. */
  backend: BackendName;
}

export interface TrainJobResult {
  run: string;
  dir: string;
  epochsRun: number;
  seconds: number;
  backend: string;
  worker: string;
}

/** Settings of `explain` that change its output: the same for every shard. */
export interface ExplainSettings {
  class: string;
  top: number;
  alignment: 'receptive-field' | 'stretch';
  method: 'cam' | 'gradient' | 'gradient-x-input' | 'guided-gradcam';
  full: boolean;
  bands: string;
}

/** One shard of an explain: its spectra in a file the coordinator wrote, its part to write. */
export interface ExplainJobData {
  shard: number;
  model: string;
  /** SHA-256 of the model file: a worker that sees another file refuses the shard. */
  modelSha: string;
  /** Shard input: `<input>.json` (ids, labels, axis) beside `<input>.f32` (the spectra). */
  input: string;
  /** The JSON-lines part, written atomically (temp + rename) by the worker. */
  part: string;
  settings: ExplainSettings;
}

export interface ExplainJobResult {
  shard: number;
  spectra: number;
  seconds: number;
  worker: string;
}

/** What the coordinator needs from any job's progress (job.updateProgress). */
export interface JobProgress {
  /** 0..1 */
  fraction: number;
  message: string;
}
