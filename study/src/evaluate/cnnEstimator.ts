import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFingerprint, writeFileAtomic, type Dataset } from '@spectracam/data';
import { applyPreprocessing, predictProbabilities, readRun, RUN_FILES, trainSettings, type LayersModel, type RunRecord, type TrainOptions } from '@spectracam/trainer';
import type { Estimator, Fitted, Partition } from '../model_selection/index.js';
import { splitTable, trainPartitionRun, type PartitionTrainer } from './trainPartitionRun.js';

/** A trained (or resumed) CNN of an evaluation. */
export interface CnnFit extends Fitted {
  record: RunRecord;
  model: LayersModel;
  /** Run folder relative to the evaluation folder. */
  dir: string;
  resumed: boolean;
  /** Training seconds as the trainer measured them (a queue worker), when it did. */
  seconds?: number;
}

export interface CnnEstimatorOptions {
  /** Evaluation folder: runs/p<i>-r<j>/ and splits/p<i>.csv go here. */
  out: string;
  repeats: number;
  train: TrainOptions;
  /** Replace finished runs whose data, split or settings differ, instead of refusing. @default false */
  force?: boolean;
  /** Replaces trainRun (tests). */
  trainer?: PartitionTrainer;
  onResume?: (partition: Partition, repeat: number) => void;
  onTrain?: (partition: Partition, repeat: number) => void;
}

/** Folder of one CNN run inside the evaluation folder. */
export function runDirName(partition: number, repeat: number): string {
  return join('runs', `p${partition}-r${repeat}`);
}

/**
 * The study's CNN as an estimator: one run per (partition, repeat), init seeds 1..repeats, all
 * repeats of a partition on one split file. A finished run in the folder is reused only when it
 * was trained on the same data, split and settings; otherwise the error says what differs.
 */
export function cnnEstimator(options: CnnEstimatorOptions): Estimator<CnnFit> {
  const trainer = options.trainer ?? trainPartitionRun;
  const fingerprints = new WeakMap<Dataset, string>();
  return {
    name: 'CNN',
    repeats: options.repeats,
    async fit({ dataset, partition, repeat, signal }) {
      const dir = runDirName(partition.index, repeat);
      const abs = join(options.out, dir);
      // Init seeds start at 1: TensorFlow.js initialisers treat seed 0 as "unseeded" (random).
      const request = { ...options.train, seed: repeat + 1, split: 'file' as const };
      let sha = fingerprints.get(dataset);
      if (!sha) fingerprints.set(dataset, (sha = datasetFingerprint(dataset)));
      const previous = await finishedRun(abs);
      if (previous) {
        const differences = runDifferences(previous, dataset, sha, partition, request);
        if (differences.length === 0) {
          options.onResume?.(partition, repeat);
          const { record, model } = await readRun(abs);
          return cnnFit(record, model, dir, true, dataset);
        }
        if (!options.force) {
          throw new Error(
            `${abs} holds a finished run of another evaluation (${differences.join('; ')}); ` +
              'use another --out, or --force to train it again with the current settings',
          );
        }
      }
      options.onTrain?.(partition, repeat);
      const splitFile = join(options.out, 'splits', `p${partition.index}.csv`);
      await writeFileAtomic(splitFile, splitTable(dataset.ids.length, partition));
      const { record, model, seconds } = await trainer(dataset, { dir: abs, splitFile, initSeed: repeat + 1, train: options.train }, { signal });
      const fit = cnnFit(record, model, dir, false, dataset);
      if (seconds !== undefined) fit.seconds = seconds;
      return fit;
    },
  };
}

function cnnFit(record: RunRecord, model: LayersModel, dir: string, resumed: boolean, dataset: Dataset): CnnFit {
  const classes = record.model.classes;
  return {
    record,
    model,
    dir,
    resumed,
    predict(rows) {
      if (rows.length === 0) return [];
      const x = applyPreprocessing(record.preprocessing, rows.map((i) => dataset.spectra[i]!));
      return predictProbabilities(model, x, x.map((_, i) => i)).map((p) => {
        let best = 0;
        for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
        return classes[best]!;
      });
    },
    dispose: () => model.dispose(),
  };
}

async function finishedRun(dir: string): Promise<RunRecord | undefined> {
  const path = join(dir, RUN_FILES.record);
  if (!existsSync(path)) return undefined;
  try {
    const record = JSON.parse(await readFile(path, 'utf8')) as RunRecord;
    return record.format === 'spectracam-run' && record.status === 'complete' ? record : undefined;
  } catch {
    return undefined;
  }
}

/** What differs between a finished run and the run this evaluation would train. */
export function runDifferences(record: RunRecord, dataset: Dataset, sha: string, partition: Partition, request: TrainOptions): string[] {
  const out: string[] = [];
  if (record.data.sha256 !== sha) out.push(`data ${record.data.sha256.slice(0, 12)} instead of ${sha.slice(0, 12)} (${dataset.source})`);
  const ids = (rows: number[]) => rows.map((i) => dataset.ids[i]!).sort().join('\n');
  for (const part of ['train', 'validation', 'test'] as const) {
    if ([...record.split.ids[part]].sort().join('\n') !== ids(partition[part])) out.push(`another ${part} part than partition ${partition.index}`);
  }
  const want = trainSettings(request);
  const had = record.training.options ?? {};
  for (const key of [...new Set([...Object.keys(want), ...Object.keys(had)])].sort()) {
    if (key === 'splitFile') continue;
    if (JSON.stringify(had[key]) !== JSON.stringify(want[key])) out.push(`${key} ${JSON.stringify(had[key]) ?? 'unset'} instead of ${JSON.stringify(want[key]) ?? 'unset'}`);
  }
  return out;
}
