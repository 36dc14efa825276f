import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ready } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createHash } from 'node:crypto';
import { REQUIRED_RUN_FILES, RUN_FILES } from './runRecord.js';
import type { RunRecord } from './runRecord.js';
import { modelFromFiles } from './modelArtifacts.js';
import { featuresFromFiles, type RunFeatures } from './runFeatures.js';
import { residualFromFiles } from '../novelty/residualFeatures.js';

/**
 * Reads a run directory written by writeRun; errors name the directory and the missing or bad file.
 * `features` (the GAP features of the split, see RunFeatures) is absent for runs written before
 * them; present but broken or computed with other weights, it is an error.
 */
export async function readRun(dir: string): Promise<{ record: RunRecord; model: LayersModel; features?: RunFeatures }> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new Error(`${dir}: no such run directory`);
  if (!info.isDirectory()) throw new Error(`${dir}: not a directory (expected a run directory from \`spectracam train --out\`)`);
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name));
    } catch {
      throw new Error(`${dir}: incomplete run directory, ${name} is missing (expected ${REQUIRED_RUN_FILES.join(', ')})`);
    }
  };
  // In order, so the error names the first missing file.
  const recordBytes = await read(RUN_FILES.record);
  const modelJson = await read(RUN_FILES.modelJson);
  const weights = await read(RUN_FILES.weights);
  let record: RunRecord;
  try {
    record = JSON.parse(recordBytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${join(dir, RUN_FILES.record)}: not valid JSON (${(error as Error).message})`);
  }
  if (record?.format !== 'spectracam-run') {
    throw new Error(`${join(dir, RUN_FILES.record)}: not a spectracam run record (format is ${JSON.stringify(record?.format)})`);
  }
  if (record.version !== 1) throw new Error(`${join(dir, RUN_FILES.record)}: unsupported run record version ${record.version} (expected 1)`);
  const features = await readFeatures(dir, weights);
  await ready(); // whichever backend is active must be initialised before weights load
  const model = await modelFromFiles(modelJson.toString('utf8'), new Uint8Array(weights), join(dir, RUN_FILES.modelJson));
  return { record, model, ...(features ? { features } : {}) };
}

/**
 * A run's index file and the binary file beside it, or undefined when neither is there (a run
 * written before them); one without the other is an error naming the missing one.
 */
async function readPair(dir: string, indexName: string, binName: string): Promise<{ index: string; bin: Uint8Array; where: { index: string; bin: string } } | undefined> {
  const where = { index: join(dir, indexName), bin: join(dir, binName) };
  const index = await readFile(where.index, 'utf8').catch(() => undefined);
  const bin = await readFile(where.bin).catch(() => undefined);
  if (index === undefined && bin === undefined) return undefined;
  if (index === undefined || bin === undefined) {
    throw new Error(`${dir}: ${index === undefined ? indexName : binName} is missing beside ${index === undefined ? binName : indexName}`);
  }
  return { index, bin: new Uint8Array(bin), where };
}

async function readFeatures(dir: string, weights: Uint8Array): Promise<RunFeatures | undefined> {
  const gap = await readPair(dir, RUN_FILES.featuresIndex, RUN_FILES.features);
  if (!gap) return undefined;
  const features = featuresFromFiles(gap.index, gap.bin, createHash('sha256').update(weights).digest('hex'), gap.where);
  const pair = await readPair(dir, RUN_FILES.residualIndex, RUN_FILES.residual);
  return pair ? { ...features, residual: residualFromFiles(pair.index, pair.bin, pair.where) } : features;
}
