import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { RUN_FILES } from './runRecord.js';
import type { RunRecord } from './runRecord.js';
import { createHash } from 'node:crypto';
import { modelToFiles } from './modelArtifacts.js';
import { featuresBytes, featuresIndex, type RunFeatures } from './runFeatures.js';
import { residualFiles } from '../novelty/residualFeatures.js';

export interface WriteRunOptions {
  /** Replace a run directory that is already there (never anything else). @default false */
  replace?: boolean;
  /** The GAP features of the run's split (trainRun returns them): written to features/, what export fits the unknown-sample score on. */
  features?: RunFeatures;
}

/** True when `dir` is a run directory written by writeRun (its run.json says so). */
export async function isRunDirectory(dir: string): Promise<boolean> {
  try {
    const record = JSON.parse(await readFile(join(dir, RUN_FILES.record), 'utf8')) as { format?: unknown };
    return record?.format === 'spectracam-run';
  } catch {
    return false;
  }
}

/**
 * Writes a run directory (run.json + model/model.json + model/weights.bin, and features/gap.json +
 * features/gap.bin when `options.features` is given) all at once: the files
 * go to a temporary sibling folder that is renamed into place, so `dir` is either absent, the old
 * run, or the complete new one, never a partial directory. Only an empty folder, or with
 * `replace` an earlier run directory, is replaced; any other file or folder at `dir` is refused
 * and left as it is.
 */
export async function writeRun(dir: string, record: RunRecord, model: LayersModel, options: WriteRunOptions = {}): Promise<void> {
  const target = resolve(dir);
  const info = await stat(target).catch(() => undefined);
  if (info) {
    if (!info.isDirectory()) throw new Error(`cannot write the run directory ${dir}: it is a file, which is never replaced`);
    const empty = (await readdir(target)).length === 0;
    if (!empty && !(await isRunDirectory(target))) throw new Error(`cannot write the run directory ${dir}: it is a folder with other content, which is never replaced`);
    if (!empty && !options.replace) throw new Error(`cannot write the run directory ${dir}: it already holds a run (replace it explicitly: --force)`);
  }
  const stamp = `${process.pid}.${Date.now()}`;
  const temp = join(dirname(target), `.${basename(target)}.${stamp}.tmp`);
  const old = join(dirname(target), `.${basename(target)}.${stamp}.old`);
  try {
    const { modelJson, weights } = await modelToFiles(model, basename(RUN_FILES.weights));
    await mkdir(join(temp, dirname(RUN_FILES.modelJson)), { recursive: true });
    await writeFile(join(temp, RUN_FILES.weights), weights);
    await writeFile(join(temp, RUN_FILES.modelJson), modelJson);
    if (options.features) {
      const sha = createHash('sha256').update(weights).digest('hex');
      await mkdir(join(temp, dirname(RUN_FILES.features)), { recursive: true });
      await writeFile(join(temp, RUN_FILES.features), featuresBytes(options.features));
      await writeFile(join(temp, RUN_FILES.featuresIndex), `${JSON.stringify(featuresIndex(options.features, sha))}\n`);
      if (options.features.residual) {
        const { index, bytes } = residualFiles(options.features.residual);
        await writeFile(join(temp, RUN_FILES.residual), bytes);
        await writeFile(join(temp, RUN_FILES.residualIndex), `${JSON.stringify(index)}\n`);
      }
    }
    await writeFile(join(temp, RUN_FILES.record), `${JSON.stringify(record, null, 2)}\n`);
    if (existsSync(target)) await rename(target, old);
    await rename(temp, target);
  } catch (error) {
    // Cleanup must not hide the real error (rm itself fails when the parent is not a folder).
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (existsSync(old) && !existsSync(target)) await rename(old, target).catch(() => undefined);
    throw new Error(`cannot write the run directory ${dir}: ${(error as Error).message}`, { cause: error });
  }
  // What was moved aside is an empty folder or our own earlier run (checked above).
  await rm(old, { recursive: true, force: true });
}
