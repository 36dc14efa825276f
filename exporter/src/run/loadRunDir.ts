import { join } from 'node:path';
import { readRun, RUN_FILES } from '@spectracam/trainer';
import type { LayersModel, RunFeatures, RunRecord } from '@spectracam/trainer';

/**
 * Reads a run directory with the trainer's readRun (which names a missing or broken file) and
 * refuses what cannot be exported faithfully: an interrupted run or a record without the
 * sections the model file is built from.
 */
export async function loadRunDir(runDir: string, options: { allowInterrupted?: boolean } = {}): Promise<{ record: RunRecord; model: LayersModel; features?: RunFeatures }> {
  const { record, model, features } = await readRun(runDir);
  const where = join(runDir, RUN_FILES.record);
  const missing = (['data', 'preprocessing', 'split', 'model', 'training', 'metrics'] as const).find((key) => !record[key]);
  const problem = missing
    ? `${where}: field '${missing}' is missing`
    : record.status !== 'complete' && !(record.status === 'interrupted' && options.allowInterrupted)
      ? `run ${runDir} is '${String(record.status)}', not complete: resume it (spectracam train --resume ${runDir}) or export its checkpoint with --allow-interrupted`
      : undefined;
  if (problem) {
    model.dispose();
    throw new Error(problem);
  }
  return { record, model, ...(features ? { features } : {}) };
}
