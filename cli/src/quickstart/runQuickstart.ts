import { join } from 'node:path';
import { mkdir, readFile } from 'node:fs/promises';
import { bandTables } from '@spectracam/cam';
import type { Explanation } from '@spectracam/runtime';
import { explanationSvg } from '../plot/index.js';
import { explanationJson } from '../runtime/explanationJson.js';

export interface QuickstartOptions {
  out: string;
  seed?: number;
  /** Maximum training epochs (early stopping usually ends sooner). */
  epochs?: number;
  backend?: 'auto' | 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
}

export interface QuickstartStep {
  step: 'synth' | 'train' | 'export' | 'explain' | 'report';
  message: string;
  /** 0..1 within the step, when known. */
  fraction?: number;
}

export interface QuickstartResult {
  files: { data: string; groundTruth: string; run: string; model: string; explanations: string; plot: string; report: string };
  testAccuracy: number;
  /** Correctly classified test spectra whose map peak lies within 10 cm-1 of a discriminative band's position. */
  onBand: { hits: number; correct: number; share: number };
  /** The same within 10 cm-1 of a discriminative band's region (position +- half its width): the pointing game of `audit --truth`. */
  onBandRegion: { hits: number; correct: number; share: number };
  /** Explanations per second (predicted class, full map, regions), batch 256, cpu. */
  throughput: number;
  backend: string;
  seconds: Record<QuickstartStep['step'], number>;
}

const BAND_TOLERANCE = 10;

/**
 * The whole story on the built-in synthetic data set: generate, train (one run of the
 * evaluation, so the report comes with it), export, explain the held-out spectra, report.
 */
export async function runQuickstart(options: QuickstartOptions, onStep: (s: QuickstartStep) => void = () => {}): Promise<QuickstartResult> {
  const [trainer, data, study] = await Promise.all([import('@spectracam/trainer'), import('@spectracam/data'), import('@spectracam/study')]);
  const { exportRun } = await import('@spectracam/exporter');
  const { loadModel } = await import('@spectracam/runtime');
  const seconds = { synth: 0, train: 0, export: 0, explain: 0, report: 0 };
  const timed = async <T>(step: QuickstartStep['step'], work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await work();
    seconds[step] = (performance.now() - t0) / 1000;
    return value;
  };
  const out = options.out;
  const seed = options.seed ?? 1;
  // Everything goes into one folder of its own: a new or empty one, or an earlier quickstart's.
  await data.checkOutput(out, { what: 'quickstart folder', folder: true, isOwn: isQuickstartFolder });
  await mkdir(out, { recursive: true });
  const unlock = await data.lockOutput(out, 'quickstart folder');
  try {
    await data.writeFileAtomic(join(out, QUICKSTART_MARK), `${JSON.stringify({ format: 'spectracam-quickstart', version: 1, seed })}\n`);
    return await quickstartIn(out, seed, options, onStep, { trainer, data, study, exportRun, loadModel }, seconds, timed);
  } finally {
    await unlock();
  }
}

/** The marker file of a quickstart folder. */
export const QUICKSTART_MARK = 'quickstart.json';

async function isQuickstartFolder(dir: string): Promise<boolean> {
  try {
    return (JSON.parse(await readFile(join(dir, QUICKSTART_MARK), 'utf8')) as { format?: string }).format === 'spectracam-quickstart';
  } catch {
    return false;
  }
}

type Packages = {
  trainer: typeof import('@spectracam/trainer');
  data: typeof import('@spectracam/data');
  study: typeof import('@spectracam/study');
  exportRun: typeof import('@spectracam/exporter').exportRun;
  loadModel: typeof import('@spectracam/runtime').loadModel;
};

async function quickstartIn(
  out: string,
  seed: number,
  options: QuickstartOptions,
  onStep: (s: QuickstartStep) => void,
  { trainer, data, study, exportRun, loadModel }: Packages,
  seconds: QuickstartResult['seconds'],
  timed: <T>(step: QuickstartStep['step'], work: () => Promise<T>) => Promise<T>,
): Promise<QuickstartResult> {

  onStep({ step: 'synth', message: 'generating the synthetic Raman set' });
  const synthetic = data.generateSynthetic({ seed });
  const { dataset, groundTruth } = synthetic;
  const written = await timed('synth', () => data.writeSynthetic(join(out, 'data'), synthetic));

  // One run of the study's evaluation (base partition, one CNN, PLS-LDA): trains the model and
  // gathers everything the report needs.
  const evaluationDir = join(out, 'evaluation');
  const results = await timed('train', () =>
    study.evaluate(
      {
        dataset,
        out: evaluationDir,
        partitions: 0,
        repeats: 1,
        backend: options.backend ?? 'auto',
        train: { ...(options.epochs !== undefined ? { epochs: options.epochs } : {}), reader: { format: 'synthetic', seed } },
        plsPreprocess: { baseline: true, derivative: true },
        // The evaluation folder is this quickstart's own: other settings retrain it.
        force: true,
      },
      {
        onProgress: (p) => onStep({ step: 'train', message: p.message, fraction: p.total ? p.done / p.total : undefined }),
      },
    ),
  );
  const runDir = join(evaluationDir, study.runDirName(0, 0));

  onStep({ step: 'export', message: 'exporting model.onnx' });
  const modelPath = join(out, 'model.onnx');
  await timed('export', () => exportRun(runDir, { out: modelPath }));

  onStep({ step: 'explain', message: 'explaining the held-out test spectra' });
  const { record } = await trainer.readRun(runDir);
  const index = new Map(dataset.ids.map((id, i) => [id, i]));
  const testRows = record.split.ids.test.map((id) => index.get(id)!);
  const spectra = testRows.map((i) => dataset.spectra[i]!);
  const model = await loadModel(modelPath, { device: 'cpu' });
  const bands = groundTruth.bands.filter((b) => b.discriminative).map((b) => b.position);
  let explained: Explanation[] = [];
  let first: Explanation | undefined;
  let throughput = 0;
  try {
    explained = await timed('explain', () => model.explain(spectra, { bands: bandTables.raman }));
    first = (await model.explain([spectra[0]!], { full: true, bands: bandTables.raman }))[0]!;
    // Throughput over repeated passes of at least a second, batch 256 as the runtime's default.
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      await model.explain(spectra);
      n += spectra.length;
    }
    throughput = n / ((performance.now() - t0) / 1000);
  } finally {
    await model.dispose();
  }
  const truthLabels = testRows.map((i) => dataset.labels[i]!);
  const { hits, correct, share } = study.peakOnBand(explained, truthLabels, bands, BAND_TOLERANCE);
  const regions = groundTruth.bands.filter((b) => b.discriminative).map((b) => ({ start: b.position - b.width / 2, end: b.position + b.width / 2 }));
  const onRegion = study.peakOnBand(explained, truthLabels, regions, BAND_TOLERANCE);
  const explanationsPath = join(out, 'explanations.jsonl');
  const lines = explained.map((e, k) => explanationJson(dataset.ids[testRows[k]!]!, e, false)).join('\n');
  await data.writeFileAtomic(explanationsPath, `${lines}\n`);
  const plotPath = join(out, 'explanation.svg');
  await data.writeFileAtomic(
    plotPath,
    explanationSvg({
      title: `${dataset.ids[testRows[0]!]} (true ${dataset.labels[testRows[0]!]}): predicted ${first!.predicted}`,
      axis: dataset.axis,
      unit: dataset.unit,
      spectrum: spectra[0]!,
      map: first!.maps[0]!.map!,
      regions: first!.maps[0]!.regions,
    }),
  );

  onStep({ step: 'report', message: 'writing report.html' });
  const report = await timed('report', () => study.writeReport(evaluationDir, results));
  return {
    files: { data: written.spectra, groundTruth: written.groundTruth, run: runDir, model: modelPath, explanations: explanationsPath, plot: plotPath, report },
    testAccuracy: record.metrics.test.accuracy,
    onBand: { hits, correct, share },
    onBandRegion: { hits: onRegion.hits, correct: onRegion.correct, share: onRegion.share },
    throughput,
    backend: record.training.backend,
    seconds,
  };
}
