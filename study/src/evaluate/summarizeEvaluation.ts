import { classStatistics } from '@spectracam/cam';
import type { Dataset } from '@spectracam/data';
import type { CrossValidation } from '../model_selection/index.js';
import type { PlsLdaFit } from './plsLdaEstimator.js';
import type { PooledMaps } from './cnnAnalysis.js';
import type { ClassMaps, CnnRunResult, ConfusionSummary, EvaluationResults, MeanStd, PartitionResult } from './evaluationResults.js';
import { meanStd } from './meanStd.js';
import { meanPairwisePearson } from './pearson.js';

/** Per-fit details the summary reads beside the scores (run folders, epochs, PLS models). */
export interface FitDetails {
  cnn: Map<string, { seed: number; dir: string; epochsRun: number; seconds: number }>;
  pls: Map<number, PlsLdaFit['model']>;
}

export const fitKey = (partition: number, repeat: number) => `${partition}/${repeat}`;

/** Class maps of one partition: statistics of its pooled test maps, and each class's mean raw test spectrum. */
function classMapsOf(dataset: Dataset, test: number[], pooled: PooledMaps | undefined, fraction: number): Record<string, ClassMaps> {
  const stats = classStatistics(pooled?.maps ?? [], pooled?.truth ?? [], pooled?.predicted ?? [], dataset.classes, fraction);
  const out: Record<string, ClassMaps> = {};
  for (const c of dataset.classes) {
    const s = stats[c];
    const rows = test.filter((i) => dataset.labels[i] === c);
    const spectrum = new Array<number>(dataset.axis.length).fill(0);
    for (const i of rows) dataset.spectra[i]!.forEach((v, j) => (spectrum[j]! += v / rows.length));
    out[c] = { n: s?.n ?? 0, mean: Array.from(s?.mean ?? []), std: Array.from(s?.std ?? []), frequency: Array.from(s?.frequency ?? []), spectrum };
  }
  return out;
}

/** The results file of an evaluation from its cross-validations (study Table 2, Figs 9 and 10). */
export function summarizeEvaluation(
  dataset: Dataset,
  cnn: CrossValidation,
  pls: CrossValidation | undefined,
  details: FitDetails,
  analysis: { pooled: Map<number, PooledMaps>; misclassified: EvaluationResults['misclassified']; inside?: EvaluationResults['inside'] },
  settings: EvaluationResults['settings'],
  seconds: number,
): EvaluationResults {
  const ids = (rows: number[]) => rows.map((i) => dataset.ids[i]!);
  const partitions: PartitionResult[] = cnn.partitions.map(({ partition, fits }) => {
    const runs: CnnRunResult[] = fits.map((f) => {
      const d = details.cnn.get(fitKey(partition.index, f.repeat))!;
      return { repeat: f.repeat, seed: d.seed, dir: d.dir, accuracy: f.accuracy, epochsRun: d.epochsRun, seconds: d.seconds || f.seconds };
    });
    const acc = (part: 'train' | 'validation' | 'test') => meanStd(runs.map((r) => r.accuracy[part]));
    const result: PartitionResult = {
      index: partition.index,
      base: partition.index === 0,
      splitSeed: partition.seed,
      protocol: partition.protocol,
      ...(partition.warning ? { warning: partition.warning } : {}),
      ids: { train: ids(partition.train), validation: ids(partition.validation), test: ids(partition.test) },
      cnn: {
        runs,
        mean: { train: acc('train').mean, validation: acc('validation').mean, test: acc('test').mean },
        std: { train: acc('train').std, validation: acc('validation').std, test: acc('test').std },
        classMaps: classMapsOf(dataset, partition.test, analysis.pooled.get(partition.index), settings.fraction),
      },
    };
    const plsFit = pls?.partitions.find((p) => p.partition.index === partition.index)?.fits[0];
    const plsModel = details.pls.get(partition.index);
    if (plsFit && plsModel) {
      result.plsLda = { components: plsModel.components, accuracy: plsFit.accuracy, scores: plsModel.scores, vip: Array.from(plsModel.vip) };
    }
    return result;
  });
  const over = (get: (p: PartitionResult) => number[]) => meanStd(partitions.flatMap(get));
  const camStability: Record<string, number> = {};
  for (const c of dataset.classes) camStability[c] = meanPairwisePearson(partitions.map((p) => p.cnn.classMaps[c]!.mean).filter((m) => m.length > 0));
  const withPls = partitions.filter((p) => p.plsLda);
  const classCounts: Record<string, number> = {};
  for (const c of dataset.classes) classCounts[c] = dataset.labels.filter((l) => l === c).length;
  return {
    format: 'spectracam-evaluation',
    version: 1,
    createdAt: new Date().toISOString(),
    data: { source: dataset.source, spectra: dataset.spectra.length, variables: dataset.axis.length, unit: dataset.unit, axis: Array.from(dataset.axis), classes: dataset.classes, classCounts, groups: Boolean(dataset.groups) },
    settings,
    partitions,
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
      testConfusion: { cnn: confusionOf(dataset, cnn), plsLda: pls ? confusionOf(dataset, pls) : undefined },
    },
    misclassified: analysis.misclassified,
    ...(analysis.inside ? { inside: analysis.inside } : {}),
    seconds,
  };
}

/** The test predictions of a cross-validation, pooled, as a confusion matrix with recall per class. */
function confusionOf(dataset: Dataset, cv: CrossValidation): ConfusionSummary {
  const index = new Map(dataset.classes.map((c, i) => [c, i]));
  const C = dataset.classes.length;
  const confusion = Array.from({ length: C }, () => new Array<number>(C).fill(0));
  for (const { partition, fits } of cv.partitions) {
    for (const fit of fits) {
      partition.test.forEach((row, k) => {
        const p = index.get(fit.predicted.test[k]!);
        if (p !== undefined) confusion[index.get(dataset.labels[row]!)!]![p]! += 1;
      });
    }
  }
  const recall = confusion.map((row, c) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n > 0 ? row[c]! / n : Number.NaN;
  });
  const present = recall.filter((r) => !Number.isNaN(r));
  return { confusion, recall, balancedAccuracy: present.length ? present.reduce((a, b) => a + b, 0) / present.length : Number.NaN };
}

/** Mean and spread of an estimator's accuracies on each part over all its fits. */
export function summarizeScores(cv: CrossValidation): { train: MeanStd; validation: MeanStd; test: MeanStd } {
  const part = (name: 'train' | 'validation' | 'test') => meanStd(cv.partitions.flatMap((p) => p.fits.map((f) => f.accuracy[name])));
  return { train: part('train'), validation: part('validation'), test: part('test') };
}
