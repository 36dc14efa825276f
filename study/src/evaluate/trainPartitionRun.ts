import type { Dataset } from '@spectracam/data';
import { trainRun, writeRun, type LayersModel, type RunRecord, type TrainOptions, type TrainProgress } from '@spectracam/trainer';

export interface PartitionRunRequest {
  /** Absolute run folder; written when training completes. */
  dir: string;
  /** Split table of the partition (columns `column`, `split`), so every repeat trains on the same parts. */
  splitFile: string;
  /** Initialisation (and batch order) seed of this repeat. */
  initSeed: number;
  /** Hyperparameters shared by every run. */
  train: TrainOptions;
}

/**
 * Trains one CNN of a Monte-Carlo evaluation and keeps it in `request.dir`. A trainer whose
 * training ran elsewhere (a queue worker) says how long it took in `seconds`; otherwise the
 * evaluation times the call.
 */
export type PartitionTrainer = (
  dataset: Dataset,
  request: PartitionRunRequest,
  hooks: { signal?: AbortSignal; onProgress?: (progress: TrainProgress) => void },
) => Promise<{ record: RunRecord; model: LayersModel; seconds?: number }>;

/**
 * The default trainer: trainRun on the partition's split file (trainRun's one seed would also
 * re-draw the split), with the repeat's seed for the initial weights and batch order. A queue
 * worker calls this same function, so a run trained elsewhere equals one trained in process.
 */
export const trainPartitionRun: PartitionTrainer = async (dataset, request, hooks) => {
  const { record, model, features } = await trainRun(dataset, { ...request.train, seed: request.initSeed, split: 'file', splitFile: request.splitFile }, { signal: hooks.signal, onProgress: hooks.onProgress });
  // The estimator has checked the folder: absent, or a run it may replace. With its features, it exports.
  if (record.status === 'complete') await writeRun(request.dir, record, model, { replace: true, features });
  return { record, model };
};

/** Split table text for `splitFromTable`: 1-based column position and part of every spectrum. */
export function splitTable(count: number, parts: { train: number[]; validation: number[]; test: number[] }): string {
  const part = new Array<string>(count);
  for (const name of ['train', 'validation', 'test'] as const) for (const i of parts[name]) part[i] = name;
  return `column,split\n${part.map((p, i) => `${i + 1},${p}`).join('\n')}\n`;
}
