/**
 * Explain throughput on cpu for a 1733-variable model of the study's shape (untrained, seeded
 * weights: speed does not depend on them): `predict` and `explain` (predicted class, full
 * resolution, regions) at batch 1, 256 and 1024, side by side with two peers: a plain
 * onnxruntime-node session + a naive JS CAM (dense basis product, full sort), and PyTorch eager
 * inference of the same network (Debian python3-torch).
 *
 *   node --conditions=source --import tsx bench/src/explainThroughput.ts [seconds=3] [threads=2] [rounds=7]
 *
 * The machine is shared, so predict and explain are measured interleaved, `rounds` times each
 * (seconds/rounds per measurement), and the medians are reported (with the median of the
 * per-round explain/predict ratio and the load average). Writes bench/results/explainThroughput.json
 * and prints a table.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { camBasis, coarseMaps } from '@spectracam/cam';
import { loadModel } from '@spectracam/runtime';
import { defaultConvSpec, writeFileAtomic } from '@spectracam/trainer';
import { testModel } from '../../runtime/src/__tests__/support/testModel.js';

const seconds = Number(process.argv[2] ?? 3);
const threads = Number(process.argv[3] ?? 2);
const rounds = Number(process.argv[4] ?? 7);
const p = 1733;
const spec = defaultConvSpec(p);
const built = await testModel({ p, classes: ['strain-1116', 'strain-498'], seed: 1, spec, axis: Array.from({ length: p }, (_, i) => 50 + (1950 * i) / (p - 1)) });
const batches = [1, 256, 1024];
const pool = Array.from({ length: 1024 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + Math.sin((i + 1) * j * 0.001) + Math.exp(-(((j - (i % p)) / 8) ** 2))));

/** Spectra per second of `work(batch)` repeated for about `seconds`. */
async function rate(batch: number, work: (x: Float32Array[]) => Promise<unknown>, budget = seconds, warmup = 3) {
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

const model = await loadModel(built.bytes, { threads, batchSize: 1024 });
const g3 = model.geometry.layers[2]!;

// Peer: the same ONNX file in a bare session, CAM done the obvious way.
const session = await ort.InferenceSession.create(built.bytes, { executionProviders: ['cpu'], intraOpNumThreads: threads, graphOptimizationLevel: 'all' });
const dense = camBasis(g3.centres, p, 'receptive-field');
const weight = model.classifier.weight;
async function naive(x: Float32Array[]) {
  const data = new Float32Array(x.length * p);
  x.forEach((r, i) => data.set(r, i * p));
  const out = await session.run({ spectra: new ort.Tensor('float32', data, [x.length, p]) }, ['probabilities', 'conv3']);
  const probs = out.probabilities!.data as Float32Array;
  const conv3 = out.conv3!.data as Float32Array;
  const size = 64 * g3.outputLength;
  return x.map((_, i) => {
    const c = probs[2 * i]! >= probs[2 * i + 1]! ? 0 : 1;
    const coarse = coarseMaps(conv3.subarray(i * size, (i + 1) * size), weight, g3.outputLength).subarray(c * g3.outputLength);
    const full = new Float64Array(p);
    for (let k = 0; k < g3.outputLength; k++) for (let j = 0; j < p; j++) full[j]! += coarse[k]! * dense[k * p + j]!;
    const order = Array.from(full.keys()).sort((a, b) => full[b]! - full[a]!);
    return order.slice(0, Math.round(0.1 * p));
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
/** Median spectra/s and ms per batch over the rounds. */
const summary = (runs: { spectraPerSecond: number; msPerBatch: number }[]) => ({
  spectraPerSecond: median(runs.map((r) => r.spectraPerSecond)),
  msPerBatch: median(runs.map((r) => r.msPerBatch)),
  rounds: runs.map((r) => Math.round(r.spectraPerSecond)),
});

const loadBefore = loadavg();
const rows: Record<string, unknown>[] = [];
for (const batch of batches) {
  const predicts: Awaited<ReturnType<typeof rate>>[] = [];
  const explains: Awaited<ReturnType<typeof rate>>[] = [];
  for (let round = 0; round < rounds; round++) {
    predicts.push(await rate(batch, (x) => model.predict(x), seconds / rounds, round === 0 ? 3 : 1));
    explains.push(await rate(batch, (x) => model.explain(x), seconds / rounds, round === 0 ? 3 : 1));
  }
  const predict = { batch, ...summary(predicts) };
  const explain = { batch, ...summary(explains) };
  const pairedRatio = median(explains.map((e, i) => e.spectraPerSecond / predicts[i]!.spectraPerSecond));
  const peer = await rate(batch, naive, seconds, 1);
  rows.push({ batch, predict, explain, naivePeer: peer, explainOverPredict: explain.spectraPerSecond / predict.spectraPerSecond, explainOverPredictPairedMedian: pairedRatio, explainOverNaive: explain.spectraPerSecond / peer.spectraPerSecond });
}

let torch: { torch: string; results: { batch: number; spectraPerSecond: number; msPerBatch: number }[] } | { error: string };
const script = fileURLToPath(new URL('../python/torch_cnn.py', import.meta.url));
const request = { p, classes: 2, layers: model.geometry.layers, threads, batches, seconds };
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
const result = { machine, spec, n3: g3.outputLength, seconds, rounds, measuredAt: new Date().toISOString(), rows, torch };
await writeFileAtomic(fileURLToPath(new URL('../results/explainThroughput.json', import.meta.url)), JSON.stringify(result, null, 2));

const f = (v: number) => v.toFixed(0).padStart(8);
console.log(`machine: ${machine.cpu} x${machine.cores}, load ${machine.loadAverageBefore.join(' ')} -> ${machine.loadAverageAfter.join(' ')}, node ${machine.node}, onnxruntime-node ${machine.ort}, ${threads} threads; model p=${p}, kernels ${spec.kernels}, strides ${spec.strides}, N3=${g3.outputLength}`);
console.log('batch  predict/s  explain/s  naive/s   torch/s  explain/predict  explain/naive  explain/torch  predict/torch');
for (const r of rows as { batch: number; predict: { spectraPerSecond: number }; explain: { spectraPerSecond: number }; naivePeer: { spectraPerSecond: number } }[]) {
  const t = 'results' in torch ? torch.results.find((x) => x.batch === r.batch)?.spectraPerSecond : undefined;
  console.log(
    `${String(r.batch).padStart(5)} ${f(r.predict.spectraPerSecond)}   ${f(r.explain.spectraPerSecond)} ${f(r.naivePeer.spectraPerSecond)} ${t ? f(t) : '     n/a'}` +
      `  ${(r.explain.spectraPerSecond / r.predict.spectraPerSecond).toFixed(2).padStart(14)}  ${(r.explain.spectraPerSecond / r.naivePeer.spectraPerSecond).toFixed(2).padStart(13)}` +
      `  ${t ? (r.explain.spectraPerSecond / t).toFixed(2).padStart(13) : '          n/a'}  ${t ? (r.predict.spectraPerSecond / t).toFixed(2).padStart(13) : ''}`,
  );
}
if ('error' in torch) console.log(`torch peer unavailable: ${torch.error}`);
await model.dispose();
await session.release();
