import { join } from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import { checkOutput, lockOutput, writeFileAtomic, type Dataset, type SplitProtocol } from '@spectracam/data';
import { setBackend, type BackendName, type TrainOptions } from '@spectracam/trainer';
import type { PlsPreprocessOptions } from '../baseline/plsPreprocess.js';
import { crossValidate, monteCarloSplitter, type Splitter } from '../model_selection/index.js';
import type { EvaluationResults } from './evaluationResults.js';
import { cnnEstimator } from './cnnEstimator.js';
import { plsLdaEstimator } from './plsLdaEstimator.js';
import { nearestNeighbourEstimator } from '../baseline/nearestNeighbour.js';
import { summarizeScores } from './summarizeEvaluation.js';
import { createCnnAnalysis } from './cnnAnalysis.js';
import { fitKey, summarizeEvaluation, type FitDetails } from './summarizeEvaluation.js';
import type { PartitionTrainer } from './trainPartitionRun.js';

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
  /** Evaluation folder: runs/p<i>-r<j>/, splits/ and results.json go here. */
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
  /** Retrain finished runs that were made with other data, splits or settings. @default false */
  force?: boolean;
  /** Files the caller read (data, side files): `out` may not be one of them or hold one. */
  inputs?: readonly (string | undefined)[];
  /** Replaces trainRun (tests). */
  trainer?: PartitionTrainer;
}

export interface EvaluateHooks {
  onProgress?: (progress: EvaluateProgress) => void;
  signal?: AbortSignal;
}

export { runDirName } from './cnnEstimator.js';

/**
 * Monte-Carlo evaluation as in the study (section 2.4, Figs 9, 10): the CNN `repeats` times and
 * PLS-LDA once on each partition of the Monte-Carlo splitter, both through the same
 * cross-validation loop. Finished CNN runs are kept under out/runs, so a second call with the
 * same data and settings resumes where an interrupted one stopped.
 */
export async function evaluate(options: EvaluateOptions, hooks: EvaluateHooks = {}): Promise<EvaluationResults> {
  const started = Date.now();
  const { dataset, out, partitions = 5, repeats = 10, ratios = [0.7, 0.1, 0.2] } = options;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`evaluate: repeats must be a positive integer, got ${repeats}`);
  const splitter = monteCarloSplitter({ partitions, protocol: options.protocol ?? 'auto', ratios });
  // An evaluation writes only into a new or empty folder, or one of its own (to resume it).
  await checkOutput(out, { what: 'evaluation folder', folder: true, inputs: options.inputs, isOwn: isEvaluationFolder });
  await mkdir(out, { recursive: true });
  const unlock = await lockOutput(out, 'evaluation folder');
  try {
    await writeFileAtomic(join(out, EVALUATION_MARK), `${JSON.stringify({ format: 'spectracam-evaluation-folder', version: 1, data: dataset.source })}\n`);
    return await runEvaluation(options, hooks, splitter, started);
  } finally {
    await unlock();
  }
}

/** The marker file of an evaluation folder, written before its first run. */
export const EVALUATION_MARK = 'evaluation.json';

/** True for a folder an evaluation wrote (its marker, or the results of an older version). */
export async function isEvaluationFolder(dir: string): Promise<boolean> {
  for (const [file, format] of [[EVALUATION_MARK, 'spectracam-evaluation-folder'], ['results.json', 'spectracam-evaluation']] as const) {
    try {
      if ((JSON.parse(await readFile(join(dir, file), 'utf8')) as { format?: string }).format === format) return true;
    } catch {
      // not this marker
    }
  }
  return false;
}

async function runEvaluation(options: EvaluateOptions, hooks: EvaluateHooks, splitter: Splitter, started: number): Promise<EvaluationResults> {
  const { dataset, out, partitions = 5, repeats = 10, ratios = [0.7, 0.1, 0.2], baseline = 'pls-lda', fraction = 0.1, train = {}, maxMisclassified = 24 } = options;
  const backend = await setBackend(options.backend ?? 'auto');
  const total = (partitions + 1) * repeats;
  let done = 0;
  let trainedSeconds = 0;
  let trainedCount = 0;
  const report = (p: Omit<EvaluateProgress, 'done' | 'total' | 'secondsLeft'>) => {
    const mean = trainedCount > 0 ? trainedSeconds / trainedCount : undefined;
    hooks.onProgress?.({ ...p, done, total, secondsLeft: mean === undefined ? undefined : mean * (total - done) });
  };

  const details: FitDetails = { cnn: new Map(), pls: new Map() };
  const analysis = createCnnAnalysis(dataset, maxMisclassified);
  const resumed = new Set<string>();
  const cnn = cnnEstimator({
    out, repeats, train, force: options.force, trainer: options.trainer,
    onResume: (partition, repeat) => resumed.add(fitKey(partition.index, repeat)),
    onTrain: (partition, repeat) => report({ phase: 'train', partition: partition.index, repeat, message: `partition ${partition.index} run ${repeat}: training` }),
  });
  const cnnScores = await crossValidate(cnn, dataset, splitter, {
    signal: hooks.signal,
    onFitted: (fit, partition, score) => {
      done++;
      const key = fitKey(partition.index, score.repeat);
      if (resumed.has(key)) report({ phase: 'resume', partition: partition.index, repeat: score.repeat, message: `partition ${partition.index} run ${score.repeat}: kept from an earlier evaluation` });
      else {
        trainedSeconds += score.seconds;
        trainedCount++;
      }
      const t = fit.record.training;
      details.cnn.set(key, { seed: t.seed, dir: fit.dir, epochsRun: t.epochsRun, seconds: resumed.has(key) ? t.secondsPerEpoch * t.epochsRun : (fit.seconds ?? score.seconds) });
      if (partition.index === 0 && score.repeat === 0) report({ phase: 'analyse', partition: 0, repeat: 0, message: 'feature maps, decision and kernels of the first run' });
      analysis.add(fit, partition, score);
    },
  });
  const plsScores =
    baseline === 'pls-lda'
      ? await crossValidate(plsLdaEstimator(options.plsPreprocess), dataset, splitter, {
          onFit: (partition) => report({ phase: 'pls-lda', partition: partition.index, message: `partition ${partition.index}: PLS-LDA` }),
          onFitted: (fit, partition) => void details.pls.set(partition.index, fit.model),
        })
      : undefined;
  // 1-NN on raw spectra, the simplest peer every spectral benchmark reports (study Table 2 gains a row).
  const nnScores = await crossValidate(nearestNeighbourEstimator(), dataset, splitter);
  const settings: EvaluationResults['settings'] = {
    partitions, repeats, protocol: cnnScores.partitions[0]!.partition.protocol, ratios, baseline, fraction, train, backend,
  };
  const evaluation = summarizeEvaluation(dataset, cnnScores, plsScores, details, { pooled: analysis.pooled, misclassified: analysis.misclassified, inside: analysis.inside() }, settings, (Date.now() - started) / 1000);
  evaluation.summary.nearestNeighbour = summarizeScores(nnScores);
  await writeFileAtomic(join(out, 'results.json'), JSON.stringify(evaluation));
  done = total;
  report({ phase: 'done', partition: partitions, message: `results in ${join(out, 'results.json')}` });
  return evaluation;
}
