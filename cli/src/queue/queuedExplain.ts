import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ReaderArgs } from '../runtime/modelInputs.js';
import type { ExplainSettings } from './queueJobs.js';
import { EXPLAIN_MARK, coordinateExplain, readExplainMark, type ExplainCoordinatorResult } from './explainCoordinator.js';

export interface QueuedExplainOptions {
  queue: string;
  model: string;
  data: string[];
  reader: ReaderArgs;
  out: string;
  shardSize: number;
  settings: ExplainSettings;
  signal?: AbortSignal;
  onProgress?: (progress: { spectra: number; shardsDone: number; shards: number; message: string }) => void;
}

/**
 * `explain --queue --out DIR`: DIR holds `explain.json` (model, settings, shard size), one
 * `part-NNNNN.jsonl` per shard (the lines `explain --json` prints) and, while shards wait,
 * their inputs under `shards/`. A rerun into DIR with the same model and settings skips the
 * shards whose part is there; other settings are refused (another --out).
 */
export async function runQueuedExplain(options: QueuedExplainOptions): Promise<ExplainCoordinatorResult> {
  const { checkOutput, writeFileAtomic } = await import('@spectracam/data');
  const { loadModel } = await import('@spectracam/runtime');
  const { modelInputChunks } = await import('../runtime/modelInputs.js');
  const { fileSha256 } = await import('./explainShardJob.js');
  const out = resolve(options.out);
  const model = resolve(options.model);
  if (!(Number.isInteger(options.shardSize) && options.shardSize >= 1)) throw new RangeError(`--shard-size must be a whole number >= 1, got ${options.shardSize}`);
  await checkOutput(out, { what: 'explain output folder', folder: true, inputs: [model, ...options.data, options.reader.labels, options.reader.groups], isOwn: async (dir) => (await readExplainMark(dir)) !== undefined });
  const modelSha = await fileSha256(model);
  const mark = { format: 'spectracam-explain-parts', version: 1, model, modelSha, data: options.data.map((d) => (d === '-' ? d : resolve(d))), shardSize: options.shardSize, settings: options.settings };
  const earlier = await readExplainMark(out);
  if (earlier) {
    const what = (['modelSha', 'data', 'shardSize', 'settings'] as const).filter((k) => JSON.stringify(earlier[k]) !== JSON.stringify(mark[k]));
    if (what.length > 0) throw new Error(`${out} holds the parts of another explain (other ${what.join(', ')}); use another --out`);
  }
  await mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, EXPLAIN_MARK), `${JSON.stringify(mark, null, 2)}\n`);
  // The coordinator reads the input (once) only to cut it; the workers open the model.
  const opened = await loadModel(model, { threads: 1 });
  const unit = opened.unit;
  await opened.dispose();
  return coordinateExplain({
    queue: options.queue, model, modelSha, pieces: modelInputChunks(options.data, options.reader, unit), out, shardSize: options.shardSize, settings: options.settings,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
