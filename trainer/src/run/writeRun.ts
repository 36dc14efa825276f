import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { RUN_FILES } from './runRecord.js';
import type { RunRecord } from './runRecord.js';
import { modelToFiles } from './modelArtifacts.js';

/**
 * Writes a run directory (run.json + model/model.json + model/weights.bin) all at once: the files
 * go to a temporary sibling folder that is renamed into place, so `dir` is either absent, the old
 * run, or the complete new one, never a partial directory. An existing run at `dir` is replaced.
 */
export async function writeRun(dir: string, record: RunRecord, model: LayersModel): Promise<void> {
  const target = resolve(dir);
  const stamp = `${process.pid}.${Date.now()}`;
  const temp = join(dirname(target), `.${basename(target)}.${stamp}.tmp`);
  const old = join(dirname(target), `.${basename(target)}.${stamp}.old`);
  try {
    const { modelJson, weights } = await modelToFiles(model, basename(RUN_FILES.weights));
    await mkdir(join(temp, dirname(RUN_FILES.modelJson)), { recursive: true });
    await writeFile(join(temp, RUN_FILES.weights), weights);
    await writeFile(join(temp, RUN_FILES.modelJson), modelJson);
    await writeFile(join(temp, RUN_FILES.record), `${JSON.stringify(record, null, 2)}\n`);
    if (existsSync(target)) await rename(target, old);
    await rename(temp, target);
  } catch (error) {
    // Cleanup must not hide the real error (rm itself fails when the parent is not a folder).
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (existsSync(old) && !existsSync(target)) await rename(old, target).catch(() => undefined);
    throw new Error(`cannot write the run directory ${dir}: ${(error as Error).message}`, { cause: error });
  }
  await rm(old, { recursive: true, force: true });
}
