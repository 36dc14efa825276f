/**
 * Explain throughput on cpu for 1733-variable models of the study's shape (kernels 21,11,5,
 * strides 2,2,1, 'same'): `predict` and `explain` (predicted class, full-resolution map, regions)
 * at batch 1, 256 and 1024, side by side with two peers: a plain onnxruntime-node session + a
 * naive JS CAM (dense basis product, full sort), and PyTorch eager inference of the same network
 * (Debian python3-torch).
 *
 * Two models, because explain's cost depends on what the maps look like:
 * - `trained`: trained here on the synthetic set (seed 1, its recipe with the study's kernels),
 *   explaining its test spectra. Smooth maps with a few regions each: what users explain.
 * - `untrained`: seeded random weights on made-up spectra. Noisy maps with about 30 regions each:
 *   the worst case for the CAM, reported beside it.
 *
 *   node --conditions=source --import tsx bench/src/explainThroughput.ts [seconds=8] [threads=2]
 *
 * The machine is shared and its speed drifts, so predict and explain are measured in alternation
 * for `seconds` per batch size (see `paired`), and explain/predict is the median of the ratios of
 * neighbouring samples, with its quartiles. Writes bench/results/explainThroughput.json
 * and prints a table per model.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { camBasis, coarseMaps } from '@spectracam/cam';
import { exportModel } from '@spectracam/exporter';
import { loadModel } from '@spectracam/runtime';
import type { SpectraModel } from '@spectracam/runtime';
import { defaultConvSpec, SYNTHETIC_TRAIN_OPTIONS, trainRun } from '@spectracam/trainer';
import { generateSynthetic, writeFileAtomic } from '@spectracam/data';
import { testModel } from '@spectracam/test/support/testModel';
import { partOf } from '@spectracam/test/support/synthModel';
import { dispatchFloor, noveltyCost, scoreNodes } from './noveltyCost.js';
import { dispatchCost } from './ortDispatch.js';

const seconds = Number(process.argv[2] ?? 8);
const threads = Number(process.argv[3] ?? 2);
const spec = defaultConvSpec(1733);
const batches = [1, 256, 1024];

/** Spectra per second of `work(batch)` repeated for about `seconds`. */
async function rate(pool: Float32Array[], batch: number, work: (x: Float32Array[]) => Promise<unknown>, budget = seconds, warmup = 3) {
  const x = pool.slice(0, batch);
  for (let i = 0; i < warmup; i++) await work(x);
  let runs = 0;
  const start = performance.now();
  while (runs === 0 || performance.now() - start < budget * 1000) {
    await work(x);
    runs++;
  }
  const ms = (performance.now() - start) / runs;
  return { batch, spectraPerSecond: (batch * 1000) / ms, msPerBatch: ms };
}

/** 1024 spectra from `spectra`, repeated in order where there are fewer. */
const poolOf = (spectra: Float32Array[]) => Array.from({ length: 1024 }, (_, i) => spectra[i % spectra.length]!);

// The trained model: the synthetic set has 1733 variables; the study's kernels replace the
// recipe's (21,11,11) so both models share one shape and one PyTorch peer.
const synthetic = generateSynthetic({ seed: 1 });
const trainStart = performance.now();
const trained = await trainRun(synthetic.dataset, { ...SYNTHETIC_TRAIN_OPTIONS, ...spec, seed: 1, backend: 'auto' });
const trainSeconds = (performance.now() - trainStart) / 1000;
const trainedBytes = exportModel(trained.record, trained.model, { novelty: { features: trained.features } });
const trainedWithoutScore = exportModel(trained.record, trained.model, { novelty: false });
trained.model.dispose();
const p = synthetic.dataset.axis.length;
if (p !== 1733) throw new Error(`the synthetic set has ${p} variables; this benchmark expects 1733`);

const untrained = await testModel({ p, classes: synthetic.dataset.classes, seed: 1, spec, axis: Array.from(synthetic.dataset.axis) });
// 256 made-up spectra, repeated like the trained model's test spectra: the later ones of a longer
// series oscillate faster and gave maps with 2.4 times the regions, which made batch 1024 look slow.
const madeUp = poolOf(Array.from({ length: 256 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + Math.sin((i + 1) * j * 0.001) + Math.exp(-(((j - (i % p)) / 8) ** 2)))));

const models = [
  {
    name: 'trained',
    about: `synthetic set seed 1, ${trained.record.training.epochsRun} epochs in ${trainSeconds.toFixed(0)} s, test accuracy ${trained.record.metrics.test.accuracy.toFixed(3)}; its ${partOf(synthetic.dataset, trained.record, 'test').spectra.length} test spectra, repeated`,
    bytes: trainedBytes,
    pool: poolOf(partOf(synthetic.dataset, trained.record, 'test').spectra),
  },
  { name: 'untrained', about: 'seeded random weights; made-up spectra (noisy maps: worst case)', bytes: untrained.bytes, pool: madeUp },
];

/** The naive peer: the same ONNX file in a bare session, CAM done the obvious way. */
async function naivePeer(bytes: Uint8Array, model: SpectraModel) {
  // Workers that stop spinning when a run ends, as the runtime opens its sessions (LoadModelOptions.spinning).
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: '1' }, force_spinning_stop: '1' } },
  });
  const g3 = model.geometry.layers[2]!;
  const dense = camBasis(g3.centres, p, 'receptive-field');
  const weight = model.classifier.weight;
  const C = model.classes.length;
  const run = async (x: Float32Array[]) => {
    const data = new Float32Array(x.length * p);
    x.forEach((r, i) => data.set(r, i * p));
    const out = await session.run({ spectra: new ort.Tensor('float32', data, [x.length, p]) }, ['probabilities', 'conv3']);
    const probs = out.probabilities!.data as Float32Array;
    const conv3 = out.conv3!.data as Float32Array;
    const size = 64 * g3.outputLength;
    return x.map((_, i) => {
      let c = 0;
      for (let j = 1; j < C; j++) if (probs[i * C + j]! > probs[i * C + c]!) c = j;
      const coarse = coarseMaps(conv3.subarray(i * size, (i + 1) * size), weight, g3.outputLength).subarray(c * g3.outputLength);
      const full = new Float64Array(p);
      for (let k = 0; k < g3.outputLength; k++) for (let j = 0; j < p; j++) full[j]! += coarse[k]! * dense[k * p + j]!;
      const order = Array.from(full.keys()).sort((a, b) => full[b]! - full[a]!);
      return order.slice(0, Math.round(0.1 * p));
    });
  };
  return { run, release: () => session.release() };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  return sorted[lo]! + (at - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
};
const median = (values: number[]) => quantile(values, 0.5);

/**
 * predict and explain measured in alternation, one sample each at a time (order swapped every
 * pair), for about `budget` seconds: a sample is enough calls for 256 spectra (one call from
 * batch 256 up). The VM's speed drifts by 10-30 % within seconds, so each explain sample is
 * compared with the predict sample taken next to it; the ratio reported is the median of those
 * pair ratios, with its quartiles.
 */
async function paired(pool: Float32Array[], batch: number, predict: Work, explain: Work, budget: number) {
  const x = pool.slice(0, batch);
  const calls = Math.max(1, Math.round(256 / batch));
  const sample = async (work: Work) => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await work(x);
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) {
    await sample(predict);
    await sample(explain);
  }
  const times = { predict: [] as number[], explain: [] as number[] };
  const pairRatios: number[] = [];
  const start = performance.now();
  for (let pair = 0; pair < 5 || performance.now() - start < budget * 1000; pair++) {
    let tp: number;
    let te: number;
    if (pair % 2) {
      te = await sample(explain);
      tp = await sample(predict);
    } else {
      tp = await sample(predict);
      te = await sample(explain);
    }
    times.predict.push(tp);
    times.explain.push(te);
    pairRatios.push(tp / te);
  }
  const rateOf = (ms: number[]) => ({ batch, spectraPerSecond: (batch * calls * 1000) / median(ms), msPerBatch: median(ms) / calls });
  return { predict: rateOf(times.predict), explain: rateOf(times.explain), pairRatios };
}
type Work = (x: Float32Array[]) => Promise<unknown>;

const loadBefore = loadavg();
const results: { model: string; about: string; rows: Record<string, unknown>[] }[] = [];
for (const entry of models) {
  const model = await loadModel(entry.bytes, { threads, batchSize: 1024 });
  const peer = await naivePeer(entry.bytes, model);
  const rows: Record<string, unknown>[] = [];
  for (const batch of batches) {
    const { predict, explain, pairRatios } = await paired(entry.pool, batch, (x) => model.predict(x), (x) => model.explain(x), seconds);
    const pairedRatio = median(pairRatios);
    const naive = await rate(entry.pool, batch, peer.run, Math.min(seconds, 3), 1);
    rows.push({
      batch,
      predict,
      explain,
      naivePeer: naive,
      explainOverPredict: explain.spectraPerSecond / predict.spectraPerSecond,
      explainOverPredictPairedMedian: pairedRatio,
      explainOverPredictQuartiles: [quantile(pairRatios, 0.25), quantile(pairRatios, 0.75)].map((r) => Number(r.toFixed(3))),
      pairs: pairRatios.length,
      explainOverNaive: explain.spectraPerSecond / naive.spectraPerSecond,
    });
  }
  const explained = await model.explain(entry.pool.slice(0, 256));
  const regionsPerMap = explained.reduce((s, e) => s + e.maps[0]!.regions.length, 0) / explained.length;
  results.push({ model: entry.name, about: `${entry.about}; ${regionsPerMap.toFixed(1)} regions per map`, rows });
  await peer.release();
  await model.dispose();
}

// Issue 21's cost target: predict with the unknown-sample score at least 0.95 x without it.
const noveltyCostRows = await noveltyCost(trainedBytes, trainedWithoutScore, models[0]!.pool, seconds, threads);
// What ONNX Runtime's dispatch alone charges for the score's nodes and output, against the 5 % that 0.95 allows.
const dispatch = await dispatchCost(threads);
const scoreOps = scoreNodes(trainedBytes);
const noveltyFloor = { ops: scoreOps, dispatch, ...dispatchFloor(scoreOps, dispatch, noveltyCostRows[0]!.microsecondsPerSpectrumWithout) };

let torch: { torch: string; results: { batch: number; spectraPerSecond: number; msPerBatch: number }[] } | { error: string };
const script = fileURLToPath(new URL('../python/torch_cnn.py', import.meta.url));
const request = { p, classes: synthetic.dataset.classes.length, layers: untrained.record.model.geometry.layers, threads, batches, seconds };
const run = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify(request), encoding: 'utf8' });
torch = run.status === 0 ? JSON.parse(run.stdout) : { error: (run.stderr || String(run.error)).trim().split('\n').pop()! };

const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  node: process.version,
  ort: ort.env.versions.node,
  threads,
  shared: 'machine shared with other engineers; load average (1, 5, 15 min) before and after below',
  loadAverageBefore: loadBefore.map((v) => Number(v.toFixed(2))),
  loadAverageAfter: loadavg().map((v) => Number(v.toFixed(2))),
};
const result = { machine, spec, n3: untrained.record.model.geometry.layers[2]!.outputLength, seconds, measuredAt: new Date().toISOString(), models: results, noveltyCost: noveltyCostRows, noveltyFloor, torch };
await writeFileAtomic(fileURLToPath(new URL('../results/explainThroughput.json', import.meta.url)), JSON.stringify(result, null, 2));

const f = (v: number) => v.toFixed(0).padStart(8);
console.log(`machine: ${machine.cpu} x${machine.cores}, load ${machine.loadAverageBefore.join(' ')} -> ${machine.loadAverageAfter.join(' ')}, node ${machine.node}, onnxruntime-node ${machine.ort}, ${threads} threads; p=${p}, kernels ${spec.kernels}, strides ${spec.strides}, N3=${result.n3}`);
for (const { model, about, rows } of results) {
  console.log(`\n${model}: ${about}`);
  console.log('batch  predict/s  explain/s  naive/s   torch/s  explain/predict, paired (quartiles, pairs)  explain/naive  explain/torch  predict/torch');
  for (const r of rows as { batch: number; predict: { spectraPerSecond: number }; explain: { spectraPerSecond: number }; naivePeer: { spectraPerSecond: number }; explainOverPredictPairedMedian: number; explainOverPredictQuartiles: number[]; pairs: number }[]) {
    const range = `${r.explainOverPredictQuartiles.map((q) => q.toFixed(2)).join('-')}, ${r.pairs}`;
    const t = 'results' in torch ? torch.results.find((x) => x.batch === r.batch)?.spectraPerSecond : undefined;
    console.log(
      `${String(r.batch).padStart(5)} ${f(r.predict.spectraPerSecond)}   ${f(r.explain.spectraPerSecond)} ${f(r.naivePeer.spectraPerSecond)} ${t ? f(t) : '     n/a'}` +
        `  ${r.explainOverPredictPairedMedian.toFixed(2).padStart(14)} (${range})          ${(r.explain.spectraPerSecond / r.naivePeer.spectraPerSecond).toFixed(2).padStart(13)}` +
        `  ${t ? (r.explain.spectraPerSecond / t).toFixed(2).padStart(13) : '          n/a'}  ${t ? (r.predict.spectraPerSecond / t).toFixed(2).padStart(13) : ''}`,
    );
  }
}
if ('error' in torch) console.log(`torch peer unavailable: ${torch.error}`);
console.log(`\npredict with the unknown-sample score / without (trained model, paired median): ${noveltyCostRows.map((r) => `batch ${r.batch}: ${r.withOverWithout.toFixed(3)}`).join(', ')}`);
console.log(
  `the score's ${noveltyFloor.nodes} nodes and one output at ONNX Runtime's dispatch alone: ${noveltyFloor.floorMicroseconds.toFixed(1)} us a spectrum at batch 1, ` +
    `against ${noveltyFloor.budgetMicroseconds.toFixed(1)} us that 0.95 allows (predict without it: ${noveltyCostRows[0]!.microsecondsPerSpectrumWithout.toFixed(1)} us); best ratio dispatch allows ${noveltyFloor.bestRatio.toFixed(3)}`,
);
