import type { Dataset } from '@spectracam/data';
import type { ExplainMethod, SpectraModel } from '@spectracam/runtime';
import type { CurveResult, PointingScore, TruthRegion } from '@spectracam/study';

export interface AuditOptions {
  model: string;
  bytes: Uint8Array;
  dataset: Dataset;
  methods: ExplainMethod[];
  /** Where the evidence truly is (ground truth), for the pointing games and the region shares. */
  truth?: TruthRegion[];
  tolerance: number;
  top: number;
  /** Spectra explained (the first ones that are correctly classified). */
  max: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface MethodAudit {
  method: ExplainMethod;
  pointing?: PointingScore;
  /** Share of explained spectra whose top region holding the map's peak overlaps a truth region. */
  topRegionOnTruth?: number;
  /** The same share per class (of the correctly classified spectra of each class explained), as the study reports the fat band. */
  topRegionOnTruthByClass?: Record<string, number>;
  curves: CurveResult;
  /**
   * Mean Spearman correlation of the maps with those of the model with the cascade's layers
   * randomised: `draws` per seeded draw of the random weights, `spearman` their mean.
   */
  randomisation: { layers: string[]; spearman: number; draws: number[] }[];
  /** False when the maps survive randomising the classifier and conv3 (|Spearman| >= 0.5): not a default. */
  passesSanity: boolean;
  /** One example: the first spectrum's scaled map. */
  example: number[];
}

export interface AuditResult {
  format: 'spectracam-audit';
  version: 1;
  model: string;
  data: { source: string; spectra: number; explained: number; classes: string[] };
  tolerance: number;
  truth?: TruthRegion[];
  random: CurveResult;
  vip?: CurveResult;
  /**
   * The classical reference for the ground truth: where PLS-LDA's VIP peaks and its pointing games
   * (one map, fitted on the audit data), and the energy a flat map would score (the truth's share of
   * the axis). A truth that VIP does not point at is not where these data separate the classes.
   */
  truthReference?: { vipPeak?: number; vipPointing?: PointingScore; flatEnergy: number };
  methods: MethodAudit[];
  axis: number[];
  exampleSpectrum: number[];
  seconds: number;
}

/**
 * The standard tests of an explanation on one model and data set: pointing games against the
 * ground truth, deletion and insertion curves against random orderings and PLS-LDA's VIP, the
 * model-randomisation cascade. Uses the runtime for every map, so it audits the file as deployed.
 */
/** Seeds of the random weights each cascade step is drawn with: one draw's verdict can flip for maps near the threshold. */
const RANDOMISATION_SEEDS = [17, 18, 19];

export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const started = performance.now();
  const [{ loadModel }, study, { resampleLinear }, { fitPlsLda }] = await Promise.all([import('@spectracam/runtime'), import('@spectracam/study'), import('@spectracam/cam'), import('@spectracam/trainer')]);
  const { dataset } = options;
  const model = await loadModel(options.bytes);
  const progress = options.onProgress ?? (() => {});
  try {
    const axisOption = sameAxis(dataset.axis, model.axis) ? {} : { axis: dataset.axis };
    const predicted = await model.predict(dataset.spectra, axisOption);
    const rows = predicted.map((p, i) => (p.predicted === dataset.labels[i] ? i : -1)).filter((i) => i >= 0).slice(0, options.max);
    if (rows.length === 0) throw new Error(`${dataset.source}: no spectrum is classified correctly; an explanation audit needs some`);
    const spectra = rows.map((i) => resampleTo(dataset, i, model, resampleLinear));
    const classIndex = rows.map((i) => predicted[i]!.predictedIndex);
    const probabilities = async (x: Float32Array[]) => (await model.predict(x)).map((p) => model.classes.map((c) => p.probabilities[c]!));
    // Random orderings, each method, the cascade, done.
    const steps = options.methods.length + 3;
    progress('random orderings', 0, steps);
    const random = await study.randomDeletionCurves(spectra, classIndex, probabilities);
    let vip: CurveResult | undefined;
    let vipMap: Float64Array | undefined;
    try {
      vipMap = sameAxis(dataset.axis, model.axis) ? vipOf(fitPlsLda, dataset, model) : undefined;
      if (vipMap) {
        const vipOrder = study.orderingOf(vipMap);
        vip = await study.deletionCurves(spectra, classIndex, spectra.map(() => vipOrder), probabilities);
      }
    } catch {
      // PLS-LDA needs a validation part of every class; without one there is no VIP baseline.
    }
    const truthReference = options.truth ? referenceFor(study, options.truth, options.tolerance, model.axis, vipMap) : undefined;
    const methods: MethodAudit[] = [];
    const trainedMaps: Float64Array[][] = [];
    for (const [k, method] of options.methods.entries()) {
      progress(method, k + 1, steps);
      const maps = await mapsOf(model, spectra, method);
      trainedMaps.push(maps);
      const curves = await study.deletionCurves(spectra, classIndex, maps.map(study.orderingOf), probabilities);
      const explained = await model.explain(spectra, { method, top: options.top });
      const audit: MethodAudit = { method, curves, randomisation: [], passesSanity: false, example: Array.from(maps[0]!, (v) => Number(v.toPrecision(4))) };
      if (options.truth) {
        audit.pointing = study.pointingGame(maps, model.axis, options.truth, options.tolerance);
        const onTruth = explained.map((e) => {
          const m = e.maps[0]!;
          const holding = m.regions.find((r) => r.startIndex <= m.peakIndex && m.peakIndex <= r.endIndex);
          return !!holding && options.truth!.some((t) => Math.min(holding.start, holding.end) <= Math.max(t.start, t.end) && Math.max(holding.start, holding.end) >= Math.min(t.start, t.end));
        });
        audit.topRegionOnTruth = onTruth.filter(Boolean).length / explained.length;
        audit.topRegionOnTruthByClass = {};
        model.classes.forEach((name, c) => {
          const of = onTruth.filter((_, i) => classIndex[i] === c);
          if (of.length > 0) audit.topRegionOnTruthByClass![name] = of.filter(Boolean).length / of.length;
        });
      }
      methods.push(audit);
    }
    // The cascade: each randomised file is built and opened once and explains with every method.
    progress('randomisation cascade', options.methods.length + 1, steps);
    const predictedClasses = classIndex.map((c) => model.classes[c]!);
    for (let depth = 1; depth <= study.RANDOMISATION_CASCADE.length; depth++) {
      const layers = study.RANDOMISATION_CASCADE.slice(0, depth);
      const draws: number[][] = methods.map(() => []);
      for (const seed of RANDOMISATION_SEEDS) {
        const randomised = await loadModel(study.randomizeLayers(options.bytes, layers, seed));
        try {
          for (const [k, audit] of methods.entries()) draws[k]!.push(study.sanityCheck(trainedMaps[k]!, await mapsOf(randomised, spectra, audit.method, predictedClasses)).spearman);
        } finally {
          await randomised.dispose();
        }
      }
      methods.forEach((audit, k) => audit.randomisation.push({ layers: [...layers], spearman: draws[k]!.reduce((a, b) => a + b, 0) / draws[k]!.length, draws: draws[k]! }));
    }
    // Judged after the classifier and conv3 are randomised (the cascade's second step).
    for (const audit of methods) audit.passesSanity = Math.abs(audit.randomisation[1]!.spearman) < 0.5;
    progress('done', steps, steps);
    return {
      format: 'spectracam-audit',
      version: 1,
      model: options.model,
      data: { source: dataset.source, spectra: dataset.spectra.length, explained: spectra.length, classes: [...model.classes] },
      tolerance: options.tolerance,
      ...(options.truth ? { truth: options.truth } : {}),
      random,
      ...(vip ? { vip } : {}),
      ...(truthReference ? { truthReference } : {}),
      methods,
      axis: Array.from(model.axis),
      exampleSpectrum: Array.from(spectra[0]!),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await model.dispose();
  }
}

/** Scaled maps of `method` for each spectrum, of its predicted class or the class named in `classes`. */
async function mapsOf(model: SpectraModel, spectra: Float32Array[], method: ExplainMethod, classes?: string[]): Promise<Float64Array[]> {
  if (!classes) return (await model.explain(spectra, { method, full: true })).map((e) => e.maps[0]!.map!);
  const all = await model.explain(spectra, { method, full: true, class: 'all' });
  return all.map((e, i) => e.maps.find((m) => m.class === classes[i])!.map!);
}

function sameAxis(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) <= 1e-9 * Math.max(1, Math.abs(v)));
}

function resampleTo(dataset: Dataset, i: number, model: SpectraModel, resample: typeof import('@spectracam/cam').resampleLinear): Float32Array {
  if (sameAxis(dataset.axis, model.axis)) return dataset.spectra[i]!;
  return Float32Array.from(resample(dataset.axis, dataset.spectra[i]!, model.axis));
}

/** VIP's pointing games on the truth (absent without a VIP) and a flat map's energy. */
function referenceFor(study: typeof import('@spectracam/study'), truth: TruthRegion[], tolerance: number, axis: Float64Array, vip: Float64Array | undefined): NonNullable<AuditResult['truthReference']> {
  const flatEnergy = study.pointingGame([new Float64Array(axis.length).fill(1)], axis, truth, tolerance).energy;
  if (!vip) return { flatEnergy };
  let peak = 0;
  for (let j = 1; j < vip.length; j++) if (vip[j]! > vip[peak]!) peak = j;
  return { vipPeak: axis[peak]!, vipPointing: study.pointingGame([vip], axis, truth, tolerance), flatEnergy };
}

/** PLS-LDA's VIP fitted on the audit data (a classical explanation to compare with). */
function vipOf(fitPlsLda: typeof import('@spectracam/trainer').fitPlsLda, dataset: Dataset, model: SpectraModel): Float64Array {
  const byClass = new Map<string, number[]>();
  dataset.labels.forEach((l, i) => byClass.set(l, [...(byClass.get(l) ?? []), i]));
  const train: number[] = [];
  const validation: number[] = [];
  for (const rows of byClass.values()) rows.forEach((r, k) => (k % 5 === 4 ? validation : train).push(r));
  const part = (rows: number[]) => ({ spectra: rows.map((i) => dataset.spectra[i]!), labels: rows.map((i) => dataset.labels[i]!) });
  return fitPlsLda(part(train), part(validation), model.classes).vip;
}
