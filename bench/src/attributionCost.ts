/**
 * Issue 18's cost figure: explain throughput with each in-graph attribution against the CAM alone,
 * at batch 1 and 256, on one model of the study's shape (1733 variables, kernels 21/11/5) exported
 * with every attribution output. Writes bench/results/attributionCost.json.
 *
 *   npm run bench:attributions -w bench [-- SECONDS]
 */
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@spectracam/data';
import { loadModel, type ExplainMethod } from '@spectracam/runtime';
import { testModel } from '@spectracam/test/support/testModel';
import { machineInfo, table } from './benchCommon.js';

const seconds = Number(process.argv[2] ?? 4);
const p = 1733;
const before = machineInfo();
const { bytes } = await testModel({ p, classes: ['a', 'b'], seed: 1, spec: { kernels: [21, 11, 5], strides: [2, 2, 1], padding: 'same' }, attributions: ['gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'] });
const model = await loadModel(bytes);
const pool = Array.from({ length: 256 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + Math.sin((i + 3) * j * 0.002) + 0.2 * Math.cos(j / (i + 7))));

async function rate(batch: number, work: (x: Float32Array[]) => Promise<unknown>): Promise<number> {
  const x = pool.slice(0, batch);
  for (let w = 0; w < 3; w++) await work(x);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    await work(x);
    n += batch;
  }
  return n / ((performance.now() - t0) / 1000);
}

const rows: { what: string; batch: number; spectraPerSecond: number; msPerBatch: number }[] = [];
for (const batch of [1, 256]) {
  const predict = await rate(batch, (x) => model.predict(x));
  rows.push({ what: 'predict', batch, spectraPerSecond: predict, msPerBatch: (1000 * batch) / predict });
  for (const method of ['cam', 'gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'] as ExplainMethod[]) {
    const r = await rate(batch, (x) => model.explain(x, { method }));
    rows.push({ what: `explain, ${method}`, batch, spectraPerSecond: r, msPerBatch: (1000 * batch) / r });
  }
}
await model.dispose();
const cam = (batch: number) => rows.find((r) => r.what === 'explain, cam' && r.batch === batch)!.spectraPerSecond;
const result = {
  machine: { ...before, loadAverageAfter: machineInfo().loadAverage },
  seconds,
  rows: rows.map((r) => ({ ...r, relativeToCam: r.spectraPerSecond / cam(r.batch) })),
};
await writeFileAtomic(fileURLToPath(new URL('../results/attributionCost.json', import.meta.url)), `${JSON.stringify(result, null, 2)}\n`);
console.log(table([['what', 'batch', 'spectra/s', 'ms/batch', 'x CAM'], ...result.rows.map((r) => [r.what, r.batch, r.spectraPerSecond.toFixed(0), r.msPerBatch.toFixed(2), r.relativeToCam.toFixed(2)])]));
console.log(`load ${before.loadAverage.join(' ')} -> ${result.machine.loadAverageAfter.join(' ')}, ${before.cores} cores ${before.cpu}`);
