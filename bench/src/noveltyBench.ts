/**
 * Issue 21's unknown-sample benchmark: a model trained on some classes meets spectra of a class,
 * species or technique it never saw, and junk. Four scores, higher = more unknown:
 * - default: the file's `novelty` output, the larger of the Mahalanobis distance and the input's
 *   Q residual, each over its held-out quantile (the residual's counts the training part out of fold;
 *   the residual alone where the features' class means do not separate the validation part beyond
 *   chance: `score` and `featureSkill` in the results);
 * - mahalanobis: the `novelty` output of the same model exported without the residual (squared Mahalanobis distance of the GAP features to
 *   the nearest class mean, Ledoit-Wolf shared covariance of the training part);
 * - max-softmax: 1 - the largest probability (Hendrycks & Gimpel 2017);
 * - energy: -logsumexp(logits) (Liu et al. 2020);
 * - pls T2+Q: PLS-LDA (study's baseline, fitted on the same training part) Hotelling T2 / its 95 %
 *   training quantile + Q residual / its 95 % training quantile.
 * AUROC: in-distribution test spectra (the run's test part) against the unknown ones. Flag rates:
 * share of in-distribution test spectra above each score's threshold: the file's for default and mahalanobis,
 * the same rule (99 % quantile of the validation scores, gamma fit below 100) for the others.
 *
 *   npm run bench:novelty -w bench [-- --sets meat,synthetic,bacteria --epochs 60 --out results/novelty.json --scores scores.json]
 *
 * `--scores FILE` also writes every spectrum's scores per part (train, validation, test, unknown,
 * junk), to study thresholds and combinations without training again.
 *
 * Setups: meat leave-one-class-out (train on two classes, the third is unknown; all three ways);
 * the synthetic set (its two strains; unknown: a third made by adding a band at 1450 cm-1 that the
 * others lack to spectra of another seed); A. baumannii against S. aureus and the reverse (the
 * other species resampled onto the model's axis; the few cm-1 it lacks at one end take its edge
 * value). Junk on every model: a flat line, white noise, a single spike, a test spectrum reversed.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportModel, noveltyThreshold } from '@spectracam/exporter';
import { loadModel, type Prediction } from '@spectracam/runtime';
import { generateSynthetic, loadDataset, writeFileAtomic, type Dataset } from '@spectracam/data';
import { applyPreprocessing, inputResidualScores, fitPlsLda, plsTransform, setBackend, trainRun, type TrainOptions } from '@spectracam/trainer';
import { plsPreprocess, looksRaman } from '@spectracam/study';
import { sharedData } from '@spectracam/test/support/sharedData';
import { machineInfo, table } from './benchCommon.js';

const { values: args } = parseArgs({ options: { sets: { type: 'string', default: 'meat,synthetic,bacteria' }, epochs: { type: 'string' }, out: { type: 'string' }, scores: { type: 'string' } } });
const epochs = args.epochs === undefined ? undefined : Number(args.epochs);
const backend = await setBackend('auto');
const SCORES = ['default', 'mahalanobis', 'input Q', 'max-softmax', 'energy', 'pls T2+Q'] as const;
type Score = (typeof SCORES)[number];

/**
 * Leave one test group out: the threshold from the validation scores plus every other test group's, by the
 * export's rule, applied to the group left out and to the unknown spectra.
 */
function calibrated(test: number[], validation: number[], unknown: number[], groups: string[], quantile: number) {
  const names = [...new Set(groups)];
  let flagged = 0;
  let unknownShare = 0;
  for (const g of names) {
    const reference = [...validation, ...test.filter((_, i) => groups[i] !== g)];
    const { threshold } = noveltyThreshold(reference, quantile);
    flagged += test.filter((v, i) => groups[i] === g && v > threshold).length;
    unknownShare += unknown.filter((v) => v > threshold).length / unknown.length / names.length;
  }
  return { groups: names.length, heldOutFlagged: flagged / test.length, unknownFlagged: unknownShare };
}

/** Probability that a random unknown scores above a random known one (ties count half). */
function auroc(known: readonly number[], unknown: readonly number[]): number {
  let wins = 0;
  for (const u of unknown) for (const k of known) wins += u > k ? 1 : u === k ? 0.5 : 0;
  return wins / (known.length * unknown.length);
}

function subset(dataset: Dataset, keep: (label: string) => boolean, name: string): Dataset {
  const rows = dataset.labels.map((l, i) => (keep(l) ? i : -1)).filter((i) => i >= 0);
  const labels = rows.map((i) => dataset.labels[i]!);
  return {
    ...dataset, ids: rows.map((i) => dataset.ids[i]!), names: rows.map((i) => dataset.names[i]!), labels, classes: [...new Set(labels)].sort(),
    ...(dataset.groups ? { groups: rows.map((i) => dataset.groups![i]!) } : {}), spectra: rows.map((i) => dataset.spectra[i]!), source: `${dataset.source} (${name})`,
  };
}

/** Linear interpolation onto `to`, each end held at its edge value where `from` stops short. */
function onto(from: Float64Array, values: Float32Array, to: Float64Array): Float32Array {
  const out = new Float32Array(to.length);
  let k = 0;
  for (let j = 0; j < to.length; j++) {
    const x = Math.min(Math.max(to[j]!, from[0]!), from[from.length - 1]!);
    while (k < from.length - 2 && from[k + 1]! < x) k++;
    const t = (x - from[k]!) / (from[k + 1]! - from[k]!);
    out[j] = values[k]! + t * (values[k + 1]! - values[k]!);
  }
  return out;
}

/** Four junk inputs on the training data's scale. */
function junk(train: Float32Array[], test: Float32Array): Record<string, Float32Array> {
  const p = train[0]!.length;
  let sum = 0;
  let sq = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const s of train) for (const v of s) {
    sum += v;
    sq += v * v;
    max = Math.max(max, v);
    min = Math.min(min, v);
  }
  const n = train.length * p;
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(sq / n - mean * mean, 0));
  let seed = 12345;
  const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return {
    'flat line': new Float32Array(p).fill(mean),
    'white noise': Float32Array.from({ length: p }, () => mean + sd * normal()),
    'single spike': Float32Array.from({ length: p }, (_, j) => (j === Math.floor(p / 2) ? max : min)),
    'axis reversed': Float32Array.from(test).reverse(),
  };
}

interface Setup {
  name: string;
  train: Dataset;
  unknown: Float32Array[];
  options: TrainOptions;
}

async function setups(set: string): Promise<Setup[]> {
  const few = (fallback?: number) => (epochs ?? fallback) === undefined ? {} : { epochs: epochs ?? fallback };
  if (set === 'meat') {
    const meat = await loadDataset({ data: sharedData.meatCsv });
    return meat.classes.map((left) => ({
      name: `meat without ${left}`,
      train: subset(meat, (l) => l !== left, `without ${left}`),
      unknown: meat.spectra.filter((_, i) => meat.labels[i] === left),
      options: { ...few() },
    }));
  }
  if (set === 'synthetic') {
    const { dataset } = generateSynthetic({ seed: 1 });
    const other = generateSynthetic({ seed: 2, spectra: 200 }).dataset;
    // A band at 1450 cm-1 (CH2 deformation), as high as the set's median band, that neither strain has.
    const band = Float32Array.from(other.axis, (x) => 1000 * Math.exp(-0.5 * ((x - 1450) / 8) ** 2));
    const unknown = other.spectra.map((s) => Float32Array.from(s, (v, j) => v + band[j]!));
    return [{ name: 'synthetic, third strain with a 1450 cm-1 band', train: dataset, unknown, options: few() }];
  }
  if (set === 'bacteria') {
    const baumannii = await loadDataset({ data: join(sharedData.ramanDir, 'baumannii') });
    const saureus = await loadDataset({ data: join(sharedData.ramanDir, 'saureus') });
    return [
      { name: 'A. baumannii model, S. aureus unknown', train: baumannii, unknown: saureus.spectra.map((s) => onto(saureus.axis, s, baumannii.axis)), options: few() },
      { name: 'S. aureus model, A. baumannii unknown', train: saureus, unknown: baumannii.spectra.map((s) => onto(baumannii.axis, s, saureus.axis)), options: few() },
    ];
  }
  throw new Error(`unknown set ${set}: expected meat, synthetic, bacteria`);
}

/** The file's rule; scores that do not vary (a softmax saturated at 1 on every held-out spectrum) have no gamma to fit: their largest value. */
function heldThreshold(held: number[], quantile: number): number {
  const spread = Math.max(...held) - Math.min(...held);
  return spread > 0 ? noveltyThreshold(held, quantile).threshold : Math.max(...held);
}

/** PLS-LDA's T2 + Q, each over its 95 % quantile on the training part. */
function plsScore(train: Dataset, rows: { train: number[]; validation: number[] }) {
  const raman = looksRaman(train);
  const pre = (spectra: readonly Float32Array[]) => (raman ? plsPreprocess(spectra, train.axis, { baseline: true, derivative: true }) : spectra.map((s) => Float64Array.from(s)));
  const x = pre(train.spectra);
  const part = (r: number[]) => ({ spectra: r.map((i) => x[i]!), labels: r.map((i) => train.labels[i]!) });
  const model = fitPlsLda(part(rows.train), part(rows.validation), train.classes);
  const a = model.components;
  const { pls } = model;
  const variance = Array.from({ length: a }, (_, c) => pls.xScores[c]!.reduce((s, t) => s + t * t, 0) / (pls.xScores[c]!.length - 1));
  const raw = (spectra: readonly Float64Array[]) => {
    const t = plsTransform(pls, spectra, a);
    return spectra.map((s, i) => {
      let t2 = 0;
      for (let c = 0; c < a; c++) t2 += t[i]![c]! ** 2 / variance[c]!;
      let q = 0;
      for (let j = 0; j < s.length; j++) {
        let fit = 0;
        for (let c = 0; c < a; c++) fit += t[i]![c]! * pls.xLoadings[c]![j]!;
        q += (s[j]! - pls.xMean[j]! - fit) ** 2;
      }
      return { t2, q };
    });
  };
  const base = raw(rows.train.map((i) => x[i]!));
  const q95 = (v: number[]) => v.sort((p, q) => p - q)[Math.floor(0.95 * (v.length - 1))]!;
  const t2Limit = q95(base.map((b) => b.t2));
  const qLimit = q95(base.map((b) => b.q));
  return { components: a, score: (spectra: readonly Float32Array[]) => raw(pre(spectra)).map((r) => r.t2 / t2Limit + r.q / qLimit) };
}

function scoresOf(predictions: Prediction[]): Record<'default' | 'max-softmax' | 'energy', number[]> {
  return {
    default: predictions.map((p) => p.novelty!),
    'max-softmax': predictions.map((p) => 1 - Math.max(...Object.values(p.probabilities))),
    energy: predictions.map((p) => {
      const l = Object.values(p.logits);
      const top = Math.max(...l);
      return -(top + Math.log(l.reduce((s, v) => s + Math.exp(v - top), 0)));
    }),
  };
}

const results: Record<string, unknown>[] = [];
const dumped: Record<string, unknown>[] = [];
const before = machineInfo();
for (const set of args.sets!.split(',')) {
  for (const setup of await setups(set)) {
    const started = performance.now();
    const { record, model: trained, features } = await trainRun(setup.train, { seed: 1, ...setup.options });
    const seconds = (performance.now() - started) / 1000;
    const model = await loadModel(exportModel(record, trained, { novelty: { features } }));
    const { residual: _, ...gapOnly } = features;
    // Where the networks fitted the validation part too (training.fittedOn), no held-out features set the Mahalanobis
    // half's threshold: it is still ranked (AUROC), its threshold from the in-sample validation part.
    const { fittedOn, ...heldOutTraining } = record.training;
    const mahalanobisModel = await loadModel(exportModel({ ...record, training: heldOutTraining }, trained, { novelty: { features: gapOnly } }));
    trained.dispose();
    const row = new Map(setup.train.ids.map((id, i) => [id, i]));
    const rowsOf = (part: 'train' | 'validation' | 'test') => record.split.ids[part].map((id) => row.get(id)!);
    const spectraOf = (rows: number[]) => rows.map((i) => setup.train.spectra[i]!);
    const test = spectraOf(rowsOf('test'));
    const validation = spectraOf(rowsOf('validation'));
    const junkSpectra = junk(spectraOf(rowsOf('train')), test[0]!);
    const [onTest, onValidation, onUnknown, onJunk] = await Promise.all([test, validation, setup.unknown, Object.values(junkSpectra)].map((s) => model.predict(s)));
    const distances = async (spectra: Float32Array[]) => (await mahalanobisModel.predict(spectra)).map((p) => p.novelty!);
    const pls = plsScore(setup.train, { train: rowsOf('train'), validation: rowsOf('validation') });
    const inputs = (spectra: Float32Array[]) => applyPreprocessing(record.preprocessing, spectra);
    // The subspace the file's residual half carries (the run fitted it on the training part).
    const residual = features.residual!.model;
    const score = async (predictions: Prediction[], spectra: Float32Array[]) => ({
      ...scoresOf(predictions), mahalanobis: await distances(spectra), 'input Q': Array.from(inputResidualScores(residual, inputs(spectra))), 'pls T2+Q': pls.score(spectra),
    });
    const known = await score(onTest!, test);
    const held = await score(onValidation!, validation);
    const unknown = await score(onUnknown!, setup.unknown);
    const junkScores = await score(onJunk!, Object.values(junkSpectra));
    if (args.scores) {
      const train = spectraOf(rowsOf('train'));
      const trained = await score(await model.predict(train), train);
      const pick = (all: Record<Score, number[]>) => ({ default: all.default, mahalanobis: all.mahalanobis, 'input Q': all['input Q'] });
      const groupsOf = (part: 'train' | 'validation' | 'test') => (setup.train.groups ? rowsOf(part).map((i) => setup.train.groups![i]!) : undefined);
      dumped.push({
        setup: setup.name, threshold: model.metadata.novelty!.threshold, scale: model.metadata.novelty!.residual?.scale,
        groups: { train: groupsOf('train'), validation: groupsOf('validation'), test: groupsOf('test') },
        parts: { train: pick(trained), validation: pick(held), test: pick(known), unknown: pick(unknown), junk: pick(junkScores) },
      });
      await writeFileAtomic(args.scores, `${JSON.stringify(dumped)}\n`);
    }
    const novelty = model.metadata.novelty!;
    const methods = Object.fromEntries(
      SCORES.map((s) => {
        // The file's threshold for its own score; the same rule on the validation part for the others (shifted positive for the gamma fit).
        const shift = Math.min(0, ...held[s]) - 1e-9;
        const threshold = s === 'default' ? novelty.threshold : s === 'mahalanobis' ? mahalanobisModel.metadata.novelty!.threshold : heldThreshold(held[s].map((v) => v - shift), novelty.quantile) + shift;
        const flagged = (v: number[]) => v.filter((x) => x > threshold).length / v.length;
        return [s, {
          auroc: auroc(known[s], unknown[s]),
          inDistributionFlagged: flagged(known[s]),
          unknownFlagged: flagged(unknown[s]),
          junkFlagged: Object.fromEntries(Object.keys(junkSpectra).map((name, i) => [name, junkScores[s][i]! > threshold])),
        }];
      }),
    );
    // What `spectracam calibrate` gives with more reference groups: each test group in turn is the new data, the
    // validation part and the other test groups are the reference (the export's rule on their scores).
    const testGroups = setup.train.groups ? rowsOf('test').map((i) => setup.train.groups![i]!) : undefined;
    const calibration = testGroups && new Set(testGroups).size > 1 ? calibrated(known.default, held.default, unknown.default, testGroups, novelty.quantile) : undefined;
    results.push({
      setup: setup.name,
      classes: setup.train.classes,
      spectra: { train: record.split.ids.train.length, validation: validation.length, test: test.length, unknown: setup.unknown.length },
      testAccuracy: record.metrics.test.accuracy,
      training: { epochsRun: record.training.epochsRun, members: record.model.members ?? 1, seconds: Number(seconds.toFixed(1)), options: record.training.options },
      score: novelty.score,
      featureSkill: novelty.featureSkill,
      ...(fittedOn ? { fittedOn, mahalanobisThreshold: 'in-sample' } : {}),
      threshold: { value: novelty.threshold, quantile: novelty.quantile, from: novelty.thresholdFrom, shrinkage: novelty.fit.shrinkage, channels: novelty.features.channels },
      plsComponents: pls.components,
      inputSubspace: { components: residual.components, explained: residual.explained, ...(residual.binning ? { binning: residual.binning } : {}), scale: novelty.residual?.scale },
      methods,
      ...(calibration ? { calibration } : {}),
    });
    await model.dispose();
    await mahalanobisModel.dispose();
    const last = results[results.length - 1]!;
    console.log(`\n${setup.name}: test accuracy ${(record.metrics.test.accuracy * 100).toFixed(1)} %, ${record.training.epochsRun} epochs in ${seconds.toFixed(0)} s, K ${novelty.features.channels}; score ${novelty.score}${novelty.featureSkill ? ` (features' held-out accuracy ${novelty.featureSkill.accuracy.toFixed(3)} against ${novelty.featureSkill.noInformationRate.toFixed(3)}, p ${novelty.featureSkill.pValue.toPrecision(2)})` : ''}${fittedOn ? ' (networks fitted on train + validation: the mahalanobis row\'s threshold is in-sample)' : ''}`);
    console.log(table([['score', 'AUROC', 'in-dist flagged', 'unknown flagged', 'junk flagged'], ...SCORES.map((s) => {
      const m = (last.methods as Record<Score, { auroc: number; inDistributionFlagged: number; unknownFlagged: number; junkFlagged: Record<string, boolean> }>)[s];
      return [s, m.auroc.toFixed(3), `${(100 * m.inDistributionFlagged).toFixed(1)} %`, `${(100 * m.unknownFlagged).toFixed(1)} %`, `${Object.values(m.junkFlagged).filter(Boolean).length}/4`];
    })]));
    if (calibration) {
      console.log(`calibrated on the validation part + the other test groups (${calibration.groups} in turn): each held-out group's spectra flagged ${(100 * calibration.heldOutFlagged).toFixed(1)} % (the file's threshold ${(100 * methods.default.inDistributionFlagged).toFixed(1)} %), unknown flagged ${(100 * calibration.unknownFlagged).toFixed(1)} % on average (${(100 * methods.default.unknownFlagged).toFixed(1)} %)`);
    }
    const result = { machine: { ...before, loadAverageAfter: machineInfo().loadAverage }, backend, epochs: epochs ?? 'trainer defaults', measuredAt: new Date().toISOString(), results };
    await writeFileAtomic(args.out ?? fileURLToPath(new URL('../results/novelty.json', import.meta.url)), `${JSON.stringify(result, null, 2)}\n`);
  }
}
