import type { ExplainMethod } from '@spectracam/runtime';
/** Settings of `explain` that change its output: the same for every shard. */
export interface ExplainSettings {
  class: string;
  top: number;
  alignment: 'receptive-field' | 'stretch';
  method: ExplainMethod;
  full: boolean;
  bands: string;
  /** `--extend-ends`, where given. */
  extendEnds?: number;
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
  /** Explaining and writing the part, and what came before it (opening the model, reading the shard). */
  seconds: number;
  setupSeconds: number;
  worker: string;
}

/** What the coordinator needs from any job's progress (job.updateProgress). */
export interface JobProgress {
  /** 0..1 */
  fraction: number;
  message: string;
}
