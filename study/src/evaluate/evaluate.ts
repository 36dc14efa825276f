import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { classStatistics } from '@spectracam/cam';
import { splitDataset, writeFileAtomic, type Dataset, type SplitProtocol } from '@spectracam/data';
import { applyPreprocessing, readRun, RUN_FILES, setBackend, type BackendName, type LayersModel, type RunRecord, type TrainOptions } from '@spectracam/trainer';
import { fitPlsLda, predictPlsLda } from '../baseline/plsLda.js';
import type { PlsPreprocessOptions } from '../baseline/plsPreprocess.js';
import { plsPreprocess } from '../baseline/plsPreprocess.js';
import type { ClassMaps, CnnRunResult, EvaluationResults, MisclassifiedSpectrum, PartitionResult, PartAccuracies } from './evaluationResults.js';
import { meanStd } from './meanStd.js';
import { meanPairwisePearson } from './pearson.js';
import { runMaps } from './runMaps.js';
import { insideTheNetwork } from './insideTheNetwork.js';
import type { PartitionTrainer } from './trainPartitionRun.js';
import { splitTable, trainPartitionRun } from './trainPartitionRun.js';

export interface EvaluateProgress {
  phase: 'train' | 'resume' | 'pls-lda' | 'analyse' | 'done';
  /** Finished CNN runs (trained or resumed) out of `total`. */
  done: number;
  total: number;
  partition: number;
  repeat?: number;
  /** Estimated seconds left, from the mean time of the runs trained so far. */
  secondsLeft?: number;
  message: string;
}

export interface EvaluateOptions {
  dataset: Dataset;
  /** Evaluation folder: runs/p<i>-r<j>/ and results.json go here. */
  out: string;
  /** Random partitions beside the base partition. @default 5 */
  partitions?: number;
  /** CNN trainings per partition. @default 10 */
  repeats?: number;
  /** @default 'auto' (group-aware when the data set has groups, else random) */
  protocol?: 'auto' | SplitProtocol;
  ratios?: [number, number, number];
  /** @default 'pls-lda' */
  baseline?: 'pls-lda' | 'none';
  /** Preprocessing before PLS-LDA (study: baseline + SG derivative for Raman, none for meat). */
  plsPreprocess?: PlsPreprocessOptions;
  /** Top fraction of variables for the frequency maps. @default 0.1 */
  fraction?: number;
  /** Options handed to trainRun for every CNN (epochs, batch size, preprocessing, ...). */
  train?: TrainOptions;
  /** Misclassified spectra kept in the results. @default 24 */
  maxMisclassified?: number;
  /** TensorFlow.js backend for training and analysis. @default 'auto' */
  backend?: BackendName;
  /** Replaces trainRun (tests). */
  trainer?: PartitionTrainer;
}

export interface EvaluateHooks {
  onProgress?: (progress: EvaluateProgress) => void;
  signal?: AbortSignal;
}

const PARTS = ['train', 'validation', 'test'] as const;

function accuracyOf(record: RunRecord): PartAccuracies {
  return { train: record.metrics.train.accuracy, validation: record.metrics.validation.accuracy, test: record.metrics.test.accuracy };
}

/** Folder of one CNN run inside the evaluation folder. */
export function runDirName(partition: number, repeat: number): string {
  return join('runs', `p${partition}-r${repeat}`);
}

/**
 * Monte-Carlo evaluation as in the study (section 2.4, Figs 9, 10): partition 0 is the base
 * split (seed 0), partitions 1..n are re-drawn with seeds 1..n; on each the CNN is trained
 * `repeats` times (init seeds 1..repeats, same hyperparameters) and PLS-LDA once. Finished
 * runs are kept under out/runs, so a second call resumes where an interrupted one stopped.
 */
export async function evaluate(options: EvaluateOptions, hooks: EvaluateHooks = {}): Promise<EvaluationResults> {
  const started = Date.now();
  const { dataset, out, partitions = 5, repeats = 10, ratios = [0.7, 0.1, 0.2], baseline = 'pls-lda', fraction = 0.1, train = {}, maxMisclassified = 24 } = options;
  const trainer = options.trainer ?? trainPartitionRun;
  const protocolAsked = options.protocol ?? 'auto';
  if (!Number.isInteger(partitions) || partitions < 0) throw new RangeError(`evaluate: partitions must be a non-negative integer, got ${partitions}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`evaluate: repeats must be a positive integer, got ${repeats}`);
  const classes = dataset.classes;
  const backend = await setBackend(options.backend ?? 'auto');
  const indexOfId = new Map(dataset.ids.map((id, i) => [id, i]));
  const total = (partitions + 1) * repeats;
  let done = 0;
  let trainedSeconds = 0;
  let trainedCount = 0;
  const report = (p: Omit<EvaluateProgress, 'done' | 'total' | 'secondsLeft'>) => {
    const mean = trainedCount > 0 ? trainedSeconds / trainedCount : undefined;
    hooks.onProgress?.({ ...p, done, total, secondsLeft: mean === undefined ? undefined : mean * (total - done) });
  };
  const plsSpectra = baseline === 'pls-lda' ? plsPreprocess(dataset.spectra, dataset.axis, options.plsPreprocess) : [];

  const results: PartitionResult[] = [];
  const misclassified: MisclassifiedSpectrum[] = [];
  let inside: EvaluationResults['inside'];
  let protocolUsed: SplitProtocol | undefined;
  for (let pi = 0; pi <= partitions; pi++) {
    const runs: CnnRunResult[] = [];
    const split = await splitDataset(dataset, { protocol: protocolAsked, seed: pi, ratios });
    const ids: PartitionResult['ids'] = { train: split.train.map((i) => dataset.ids[i]!), validation: split.validation.map((i) => dataset.ids[i]!), test: split.test.map((i) => dataset.ids[i]!) };
    const partitionProtocol = split.protocol;
    const warning = split.warning;
    const splitFile = join(out, 'splits', `p${pi}.csv`);
    await writeFileAtomic(splitFile, splitTable(dataset.ids.length, split));
    const pooled = { maps: [] as Float64Array[], truth: [] as string[], predicted: [] as string[] };
    for (let r = 0; r < repeats; r++) {
      if (hooks.signal?.aborted) throw new Error(`evaluate: interrupted before partition ${pi} run ${r}; finished runs are kept in ${out}/runs`);
      const dir = runDirName(pi, r);
      const abs = join(out, dir);
      let run: { record: RunRecord; model: LayersModel };
      let seconds = 0;
      if (existsSync(join(abs, RUN_FILES.record)) && (JSON.parse(await readFile(join(abs, RUN_FILES.record), 'utf8')) as RunRecord).status === 'complete') {
        report({ phase: 'resume', partition: pi, repeat: r, message: `partition ${pi} run ${r}: kept from an earlier evaluation` });
        run = await readRun(abs);
      } else {
        report({ phase: 'train', partition: pi, repeat: r, message: `partition ${pi} run ${r}: training` });
        const t0 = Date.now();
        // Init seeds start at 1: TensorFlow.js initialisers treat seed 0 as "unseeded" (random).
        run = await trainer(dataset, { dir: abs, splitFile, initSeed: r + 1, train }, { signal: hooks.signal });
        seconds = (Date.now() - t0) / 1000;
        trainedSeconds += seconds;
        trainedCount++;
      }
      done++;
      const { record, model } = run;
      try {
        const runIds = record.split.ids;
        if (PARTS.some((part) => [...runIds[part]].sort().join('\n') !== [...ids[part]].sort().join('\n'))) {
          throw new Error(`evaluate: ${abs} was trained on another split than partition ${pi} (seed ${pi}); delete it to train it again`);
        }
        runs.push({ repeat: r, seed: record.training.seed, dir, accuracy: accuracyOf(record), epochsRun: record.training.epochsRun, seconds: seconds || record.training.secondsPerEpoch * record.training.epochsRun });
        // CAM of the test spectra with this run's model.
        const testRows = ids.test.map((id) => indexOfId.get(id)!);
        const x = applyPreprocessing(record.preprocessing, testRows.map((i) => dataset.spectra[i]!));
        const maps = runMaps(model, record.model.geometry, x);
        testRows.forEach((row, k) => {
          const truth = dataset.labels[row]!;
          const predicted = classes[maps.predicted[k]!]!;
          pooled.maps.push(maps.scaled[k]!);
          pooled.truth.push(truth);
          pooled.predicted.push(predicted);
          if (truth !== predicted && misclassified.length < maxMisclassified) {
            misclassified.push({ partition: pi, repeat: r, id: dataset.ids[row]!, trueLabel: truth, predicted, map: Array.from(maps.scaled[k]!), spectrum: Array.from(dataset.spectra[row]!) });
          }
        });
        if (pi === 0 && r === 0) {
          report({ phase: 'analyse', partition: pi, repeat: r, message: 'feature maps, decision and kernels of the first run' });
          const trainRows = ids.train.map((id) => indexOfId.get(id)!);
          const trainX = applyPreprocessing(record.preprocessing, trainRows.map((i) => dataset.spectra[i]!));
          const byClass = new Map<string, Float32Array[]>(classes.map((c) => [c, []]));
          trainRows.forEach((row, k) => byClass.get(dataset.labels[row]!)!.push(trainX[k]!));
          const first = testRows[0] ?? trainRows[0]!;
          const firstX = applyPreprocessing(record.preprocessing, [dataset.spectra[first]!])[0]!;
          inside = insideTheNetwork(model, { partition: 0, repeat: 0 }, classes, byClass, { id: dataset.ids[first]!, trueLabel: dataset.labels[first]!, spectrum: firstX });
        }
      } finally {
        model.dispose();
      }
    }
    protocolUsed ??= partitionProtocol;
    const stats = classStatistics(pooled.maps, pooled.truth, pooled.predicted, classes, fraction);
    const classMaps: Record<string, ClassMaps> = {};
    const testRows = ids.test.map((id) => indexOfId.get(id)!);
    classes.forEach((c) => {
      const s = stats[c];
      const rows = testRows.filter((i) => dataset.labels[i] === c);
      const spectrum = new Array<number>(dataset.axis.length).fill(0);
      rows.forEach((i) => dataset.spectra[i]!.forEach((v, j) => (spectrum[j]! += v / rows.length)));
      classMaps[c] = { n: s?.n ?? 0, mean: Array.from(s?.mean ?? []), std: Array.from(s?.std ?? []), frequency: Array.from(s?.frequency ?? []), spectrum };
    });
    const acc = (part: keyof PartAccuracies) => meanStd(runs.map((run) => run.accuracy[part]));
    const partition: PartitionResult = {
      index: pi,
      base: pi === 0,
      splitSeed: pi,
      protocol: partitionProtocol,
      ...(warning ? { warning } : {}),
      ids,
      cnn: {
        runs,
        mean: { train: acc('train').mean, validation: acc('validation').mean, test: acc('test').mean },
        std: { train: acc('train').std, validation: acc('validation').std, test: acc('test').std },
        classMaps,
      },
    };
    if (baseline === 'pls-lda') {
      report({ phase: 'pls-lda', partition: pi, message: `partition ${pi}: PLS-LDA` });
      const part = (name: (typeof PARTS)[number]) => {
        const rows = ids[name].map((id) => indexOfId.get(id)!);
        return { spectra: rows.map((i) => plsSpectra[i]!), labels: rows.map((i) => dataset.labels[i]!) };
      };
      const model = fitPlsLda(part('train'), part('validation'), classes);
      const accuracy = (name: (typeof PARTS)[number]) => {
        const { spectra, labels } = part(name);
        const predicted = predictPlsLda(model, spectra);
        return labels.length === 0 ? Number.NaN : predicted.filter((p, i) => p === labels[i]).length / labels.length;
      };
      partition.plsLda = {
        components: model.components,
        accuracy: { train: accuracy('train'), validation: accuracy('validation'), test: accuracy('test') },
        scores: model.scores,
        vip: Array.from(model.vip),
      };
    }
    results.push(partition);
  }

  const over = (get: (p: PartitionResult) => number[]) => meanStd(results.flatMap(get));
  const camStability: Record<string, number> = {};
  for (const c of classes) camStability[c] = meanPairwisePearson(results.map((p) => p.cnn.classMaps[c]!.mean).filter((m) => m.length > 0));
  const withPls = results.filter((p) => p.plsLda);
  const classCounts: Record<string, number> = {};
  for (const c of classes) classCounts[c] = dataset.labels.filter((l) => l === c).length;
  const evaluation: EvaluationResults = {
    format: 'spectracam-evaluation',
    version: 1,
    createdAt: new Date().toISOString(),
    data: { source: dataset.source, spectra: dataset.spectra.length, variables: dataset.axis.length, unit: dataset.unit, axis: Array.from(dataset.axis), classes, classCounts, groups: Boolean(dataset.groups) },
    settings: { partitions, repeats, protocol: protocolUsed!, ratios, baseline, fraction, train, backend },
    partitions: results,
    summary: {
      cnn: {
        train: over((p) => p.cnn.runs.map((r) => r.accuracy.train)),
        validation: over((p) => p.cnn.runs.map((r) => r.accuracy.validation)),
        test: over((p) => p.cnn.runs.map((r) => r.accuracy.test)),
      },
      ...(withPls.length
        ? {
            plsLda: {
              train: over((p) => (p.plsLda ? [p.plsLda.accuracy.train] : [])),
              validation: over((p) => (p.plsLda ? [p.plsLda.accuracy.validation] : [])),
              test: over((p) => (p.plsLda ? [p.plsLda.accuracy.test] : [])),
              components: withPls.map((p) => p.plsLda!.components),
            },
            vipStability: meanPairwisePearson(withPls.map((p) => p.plsLda!.vip)),
          }
        : {}),
      camStability,
    },
    misclassified,
    ...(inside ? { inside } : {}),
    seconds: (Date.now() - started) / 1000,
  };
  await writeFileAtomic(join(out, 'results.json'), JSON.stringify(evaluation));
  done = total;
  report({ phase: 'done', partition: partitions, message: `results in ${join(out, 'results.json')}` });
  return evaluation;
}
