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
  /** Training (and writing the run), and what came before it on the worker (reading the data, the backend). */
  seconds: number;
  setupSeconds: number;
  backend: string;
  worker: string;
}
