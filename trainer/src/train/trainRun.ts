import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { datasetFingerprint, looksRaman, splitDataset, type Dataset } from '@spectracam/data';
import { applyPreprocessing, fitPreprocessing } from '../preprocess/index.js';
import { setBackend } from '../backends/setBackend.js';
import { combineMembers, splitMembers } from '../model/ensembleModel.js';
import type { BuildModelOptions } from '../model/buildModel.js';
import { defaultConvSpec } from '../model/defaultConvSpec.js';
import { coverage, modelGeometry, type ConvSpec } from '@spectracam/format';
import { recallOf, type PathSelectionRecord, type RunRecord } from '../run/runRecord.js';
import { computeRunFeatures, type RunFeatures } from '../run/runFeatures.js';
import { computeResidualFeatures } from '../novelty/residualFeatures.js';
import { residualFolds } from '../novelty/crossValidatedResidual.js';
import { evaluateModel } from './evaluateModel.js';
import { fitModel } from './fitModel.js';
import { trainMembers, type TrainedMember } from './trainMembers.js';
import { AUTO_PREPROCESSING, selectPreprocessing } from './selectPreprocessing.js';
import { choosePath } from './choosePath.js';
import type { Preprocessing, PreprocessingKind } from '@spectracam/format';
import type { MemberJob } from './memberJob.js';
import { sizeDefaults, stepDefaults, trainDefaults } from './trainOptions.js';
import type { TrainHooks, TrainOptions } from './trainOptions.js';
import { PRODUCER } from './producer.js';
import type { PathReadout } from '../linear/pathReadout.js';
import { derivativeCarrier } from '../model/pathCarrier.js';

/** An interrupted run to continue (see trainRun). */
export interface ResumeFrom {
  record: RunRecord;
  /** The run's checkpoint: the best weights so far. */
  model: LayersModel;
}

/**
 * Splits the data set, fits the preprocessing on the training part, trains the study's CNN with
 * early stopping and evaluates it on all three parts (where the linear path's cross-validation finds
 * nothing above chance, the networks fit train + validation instead: record.training.fittedOn);
 * returns the model, its RunRecord and the GAP
 * features of every part (what export fits the unknown-sample score on; writeRun stores them).
 * With `from`, continues that interrupted run instead: the same data (checked by fingerprint),
 * split, preprocessing and settings, from its checkpoint.
 */
export async function trainRun(dataset: Dataset, options: TrainOptions = {}, hooks: TrainHooks = {}, from?: ResumeFrom): Promise<{ record: RunRecord; model: LayersModel; features: RunFeatures }> {
  if (from) checkResumable(from.record, dataset);
  const given = from ? { ...(from.record.training.options as TrainOptions), backend: options.backend, reader: from.record.data.reader } : options;
  const o = { ...trainDefaults, ...definedOnly(given) };
  checkOptions(o);
  const backend = options.backend ? await setBackend(options.backend) : tf.getBackend();
  const p = dataset.axis.length;
  const defaults = defaultConvSpec(p, o.padding);
  const spec: ConvSpec = { kernels: o.kernels ?? defaults.kernels, strides: o.strides ?? defaults.strides, padding: o.padding };
  const geometry = modelGeometry(p, spec);
  if (o.kernels) {
    for (const layer of geometry.layers) {
      if (layer.kernel > layer.inputLength) {
        throw new RangeError(`trainRun: ${layer.name}'s kernel ${layer.kernel} is longer than its input of ${layer.inputLength} values (${p} variables in); give smaller --kernels`);
      }
    }
  }

  hooks.onProgress?.({ stage: 'split' });
  const split = from ? recordedSplit(from.record, dataset) : await splitDataset(dataset, { protocol: o.split ?? 'auto', seed: o.seed, ratios: o.ratios, splitFile: o.splitFile });
  const classIndex = new Map(dataset.classes.map((c, i) => [c, i]));
  const labels = Int32Array.from(dataset.labels, (l) => classIndex.get(l)!);
  const C = dataset.classes.length;
  const bySize = sizeDefaults(split.train.length);
  const batchSize = o.batchSize ?? bySize.batchSize;
  const learningRate = o.learningRate ?? bySize.learningRate;
  const bySteps = stepDefaults(split.train.length, batchSize);
  const epochs = o.epochs ?? bySteps.epochs;
  const patience = o.patience ?? bySteps.patience;
  const members = o.members ?? 1;
  // Members differ only in their seed (initial weights and batch order); they share split and preprocessing.
  const memberSeed = (m: number) => o.seed + 1000 * m;
  // The linear path is cross-validated over train + validation; the members' early stopping reads the validation part.
  const pathWanted = o.linearReadout && split.validation.length > 0;
  const reachable = coverage(geometry);
  const readoutInput = o.linearReadoutInput === 'auto' ? (looksRaman(dataset) ? 'derivative' : 'input') : o.linearReadoutInput;
  const fitOptions = (seed: number) => ({ epochs, batchSize, learningRate, patience, seed, noise: o.noise, restoreBy: o.restoreBy, lrDecay: o.lrDecay });

  hooks.onProgress?.({ stage: 'preprocess' });
  // With a linear path, its inner cross-validation chooses the preprocessing too; without one, a network per candidate does.
  const kinds = o.preprocess === 'auto' ? AUTO_PREPROCESSING : [o.preprocess as PreprocessingKind];
  const path = pathWanted && !from ? choosePath(dataset, split, labels, C, kinds, { input: readoutInput, reachable, seed: o.seed }) : undefined;
  // No candidate beat the no-information rate on held-out units: they carry no signal that the path or early
  // stopping could use (early stopping on them kept networks near their start). The path is left out and the
  // networks fit every labelled spectrum, train + validation, as the peers do, stopping on their training loss.
  const uninformed = from ? from.record.training.fittedOn !== undefined : path !== undefined && !path.informative;
  const readout = pathWanted && !uninformed;
  const fitRows = uninformed ? { train: [...split.train, ...split.validation], validation: [] as number[] } : { train: split.train, validation: split.validation };
  const networkOptions = { inputLength: p, classes: C, l2: o.l2, variableWeights: o.variableWeights, ...spec, ...(readout ? { readout: true as const } : {}) };
  const byNetwork = !from && o.preprocess === 'auto' && !path;
  const choice = byNetwork
    ? await selectPreprocessing(dataset, split, { backend, network: { ...networkOptions, seed: memberSeed(0) }, fit: fitOptions(memberSeed(0)), p, labels, classes: C, train: split.train, validation: split.validation }, hooks, o.threads)
    : undefined;
  // Without held-out evidence, SNV where it is a candidate: units no candidate could predict differ from the
  // training ones, and SNV removes what most often differs between samples, each spectrum's offset and scale.
  const chosenPath = path?.candidates[uninformed && kinds.includes('snv') ? kinds.indexOf('snv') : path.chosen];
  const preprocessing = from ? from.record.preprocessing : (chosenPath?.preprocessing ?? choice?.preprocessing ?? fitPreprocessing(o.preprocess as PreprocessingKind, split.train.map((i) => dataset.spectra[i]!)));
  const spectra = chosenPath?.spectra ?? applyPreprocessing(preprocessing, dataset.spectra);
  const fittedReadout = readout ? chosenPath?.readout : undefined;
  const preprocessSelection = choice?.scores ?? from?.record.training.preprocessSelection;
  const pathLeftOut = uninformed ? (path?.selection ?? from?.record.training.pathLeftOut) : undefined;
  const pathSelection = path ? { ...path.selection, decidedBy: 'cross-validation' as const } : undefined;
  const flat = new Float32Array(spectra.length * p);
  spectra.forEach((s, i) => flat.set(s, i * p));
  // Resuming: finished members are kept, the interrupted one goes on from its checkpoint, the rest start.
  const previous = from ? previousMembers(from, networkOptions) : [];
  const kept: TrainedMember[] = [];
  const jobs: MemberJob[] = [];
  for (let m = 0; m < members; m++) {
    const before = previous[m];
    if (m === 0 && choice) {
      kept.push(choice.member);
      continue;
    }
    if (before?.status === 'complete') {
      kept.push({ model: before.model, fit: { history: before.history, bestEpoch: before.bestEpoch, interrupted: false, secondsPerEpoch: before.secondsPerEpoch }, seed: memberSeed(m), ...(before.restarts ? { restarts: before.restarts } : {}) });
      continue;
    }
    jobs.push({
      member: m, backend, network: { ...networkOptions, seed: memberSeed(m), ...(fittedReadout ? { readout: { coef: fittedReadout.coef, centre: fittedReadout.centre, intercept: fittedReadout.intercept } } : {}) },
      fit: { ...fitOptions(memberSeed(m)), ...(before ? { start: { history: before.history, bestEpoch: before.bestEpoch } } : {}) },
      ...(before ? { initialWeights: before.model.getWeights().map((w) => ({ shape: w.shape, values: Float32Array.from(w.dataSync() as Float32Array) })) } : {}),
      spectra: flat, p, labels, classes: C, ...fitRows,
    });
    before?.model.dispose();
  }
  // A resumed member's fresh starts add to those it took before the interruption.
  const restartsBefore = (seed: number) => previous.find((b) => b.seed === seed)?.restarts ?? 0;
  const fresh = (jobs.length > 0 ? await trainMembers(jobs, hooks, o.threads) : []).map((t) => {
    const restarts = restartsBefore(t.seed) + (t.restarts ?? 0);
    return restarts > 0 ? { ...t, restarts } : t;
  });
  const trained: TrainedMember[] = [...kept, ...fresh].sort((a, b) => a.seed - b.seed);
  const fit = trained[0]!.fit;
  const interrupted = trained.some((t) => t.fit.interrupted) || trained.length < members;
  const fullyTrained = (t: TrainedMember) => !t.fit.interrupted;
  const model = combineMembers(trained.map((t) => t.model), { ...networkOptions, seed: o.seed });
  if (trained.length > 1) for (const t of trained) t.model.dispose();
  hooks.onProgress?.({ stage: 'evaluate' });
  const metric = (rows: number[]) => {
    const { accuracy, n, confusion } = evaluateModel(model, spectra, labels, C, rows);
    return { accuracy, n, confusion, ...recallOf(confusion) };
  };
  const ids = (rows: number[]) => rows.map((i) => dataset.ids[i]!);
  const part = (rows: number[]) => ({ spectra: rows.map((i) => spectra[i]!), labels: rows.map((i) => labels[i]!) });
  const parts = { train: part(split.train), validation: part(split.validation), test: part(split.test) };
  const readoutRecorded = fittedReadout ? readoutRecord(fittedReadout, pathSelection) : from?.record.model.linearReadout;
  // Resumed runs keep what their record says; older ones carry the path folded onto the input.
  const carrier = readoutRecorded?.carriers === 'derivative' && readoutRecorded.derivativeCoef ? derivativeCarrier({ axis: dataset.axis, preprocessing, geometry }, readoutRecorded.derivativeCoef) : undefined;
  // The input subspace's folds refit the preprocessing too, so that a held-out fold is scaled by ranges it did not help set.
  const folds = residualFolds(dataset, split.train, o.seed);
  const refit = { raw: split.train.map((i) => dataset.spectra[i]!), preprocess: (fitOn: readonly ArrayLike<number>[]) => {
    const fitted = fitPreprocessing(preprocessing.kind, [...fitOn]);
    return (s: readonly ArrayLike<number>[]) => applyPreprocessing(fitted, [...s]);
  } };
  const features: RunFeatures = { ...computeRunFeatures(model, parts, carrier), residual: computeResidualFeatures(parts, folds && { ...folds, refit }) };
  const record: RunRecord = {
    format: 'spectracam-run',
    version: 1,
    status: interrupted ? 'interrupted' : 'complete',
    createdAt: new Date().toISOString(),
    producer: PRODUCER,
    data: {
      source: dataset.source,
      sha256: datasetFingerprint(dataset),
      spectra: dataset.spectra.length,
      variables: p,
      axis: Array.from(dataset.axis),
      unit: dataset.unit,
      classes: [...dataset.classes],
      reader: o.reader ?? {},
      range: trainingRange(split.train.map((i) => dataset.spectra[i]!)),
      warnings: [...dataset.warnings],
    },
    preprocessing,
    split: {
      protocol: split.protocol,
      seed: o.seed,
      ratios: o.ratios,
      stratified: split.protocol !== 'file',
      ...(split.warning ? { warning: split.warning } : {}),
      ...(split.protocol === 'file' && o.splitFile ? { file: o.splitFile } : {}),
      ids: { train: ids(split.train), validation: ids(split.validation), test: ids(split.test) },
    },
    model: {
      architecture: 'spectracam-cnn1d', classes: [...dataset.classes], geometry, l2: o.l2,
      ...(o.variableWeights ? { variableWeights: true } : {}),
      ...(readout ? { linearReadout: readoutRecorded ?? { components: 0 } } : {}),
      ...(trained.length > 1 ? { members: trained.length } : {}),
    },
    training: {
      options: trainSettings(given),
      // A resumed run keeps the choices its first part made and recorded.
      ...(preprocessSelection ? { preprocessSelection } : {}),
      ...(uninformed ? { fittedOn: ['train', 'validation'] as ['train', 'validation'] } : {}),
      ...(pathLeftOut ? { pathLeftOut } : {}),
      backend,
      seed: o.seed,
      epochs,
      epochsRun: fit.history.length,
      bestEpoch: fit.bestEpoch,
      batchSize,
      learningRate,
      patience,
      ...(o.noise > 0 ? { noise: o.noise } : {}),
      secondsPerEpoch: fit.secondsPerEpoch,
      history: fit.history,
      ...(members > 1
        ? { members: trained.map((t) => ({ seed: t.seed, status: fullyTrained(t) ? ('complete' as const) : ('interrupted' as const), epochsRun: t.fit.history.length, bestEpoch: t.fit.bestEpoch, secondsPerEpoch: t.fit.secondsPerEpoch, history: t.fit.history, ...(t.restarts ? { restarts: t.restarts } : {}) })) }
        : trained[0]!.restarts ? { restarts: trained[0]!.restarts } : {}),
    },
    metrics: { train: metric(split.train), validation: metric(split.validation), test: metric(split.test) },
  };
  return { record, model, features };
}

/** The options that define a training (JSON-safe; reader, backend and threads are where and how, not what). */
export function trainSettings(options: TrainOptions): Record<string, unknown> {
  const { reader: _reader, backend: _backend, threads: _threads, ...rest } = definedOnly(options);
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The members of an interrupted run, each as its own network with its record (in member order). */
function previousMembers(from: ResumeFrom, options: Omit<BuildModelOptions, 'seed'>) {
  const t = from.record.training;
  const records = t.members ?? [{ seed: t.seed, status: 'interrupted' as const, epochsRun: t.epochsRun, bestEpoch: t.bestEpoch, secondsPerEpoch: t.secondsPerEpoch, history: t.history, ...(t.restarts ? { restarts: t.restarts } : {}) }];
  const models = splitMembers(from.model, records.length, options, records.map((r) => r.seed));
  return records.map((r, m) => ({ ...r, history: r.history ?? [], model: models[m]! }));
}

/** Refuses to continue a run that is not interrupted, or on other data than it was trained on. */
function checkResumable(record: RunRecord, dataset: Dataset): void {
  if (record.status !== 'interrupted') throw new Error(`the run is '${record.status}'; only an interrupted run can be resumed`);
  const sha = datasetFingerprint(dataset);
  if (sha !== record.data.sha256) {
    throw new Error(`the data (${dataset.source}, sha256 ${sha.slice(0, 12)}) are not the data the run was trained on (${record.data.source}, ${record.data.sha256.slice(0, 12)})`);
  }
}

/** The run's split as row indices of `dataset`. */
function recordedSplit(record: RunRecord, dataset: Dataset) {
  const index = new Map(dataset.ids.map((id, i) => [id, i]));
  const rows = (ids: string[]) => ids.map((id) => index.get(id)!);
  return { train: rows(record.split.ids.train), validation: rows(record.split.ids.validation), test: rows(record.split.ids.test), protocol: record.split.protocol, warning: record.split.warning };
}

/** Per-variable minimum and maximum of the raw training spectra: what the model has seen. */
function trainingRange(spectra: readonly Float32Array[]): { min: number[]; max: number[] } {
  const p = spectra[0]?.length ?? 0;
  const min = new Array<number>(p).fill(Infinity);
  const max = new Array<number>(p).fill(-Infinity);
  for (const s of spectra) {
    for (let j = 0; j < p; j++) {
      const v = s[j]!;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  return { min, max };
}

function checkOptions(o: typeof trainDefaults & TrainOptions): void {
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`trainRun: '${name}' must be a positive integer, got ${v}`);
  };
  if (o.epochs !== undefined) positiveInt('epochs', o.epochs);
  if (o.members !== undefined) positiveInt('members', o.members);
  if (!Number.isSafeInteger(o.seed) || o.seed < 0) throw new RangeError(`trainRun: 'seed' must be a whole number >= 0, got ${o.seed}`);
  if (o.batchSize !== undefined) positiveInt('batchSize', o.batchSize);
  if (!(o.noise >= 0)) throw new RangeError(`trainRun: 'noise' must be >= 0, got ${o.noise}`);
  if (o.patience !== undefined && (!Number.isInteger(o.patience) || o.patience < 0)) throw new RangeError(`trainRun: 'patience' must be a whole number >= 0, got ${o.patience}`);
  if (o.learningRate !== undefined && !(o.learningRate > 0)) throw new RangeError(`trainRun: 'learningRate' must be > 0, got ${o.learningRate}`);
  if (!(o.l2 >= 0)) throw new RangeError(`trainRun: 'l2' must be >= 0, got ${o.l2}`);
  for (const [name, list] of [['kernels', o.kernels], ['strides', o.strides]] as const) {
    if (list && (list.length !== 3 || list.some((v) => !Number.isInteger(v) || v < 1))) {
      throw new RangeError(`trainRun: '${name}' must be three positive integers, got ${list.join(',')}`);
    }
  }
}

/** What run.json keeps of the linear path; the derivative's coefficients at 9 significant digits, float32's exact round trip. */
function readoutRecord(fitted: PathReadout, selection?: PathSelectionRecord): NonNullable<RunRecord['model']['linearReadout']> {
  const { components, input, derivativeCoef } = fitted;
  return { components, input, ...(selection ? { selection } : {}), ...(derivativeCoef ? { derivativeCoef: Array.from(derivativeCoef, (v) => Number(v.toPrecision(9))), carriers: 'derivative' as const } : {}) };
}
