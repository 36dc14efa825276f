/**
 * What the unknown-sample score costs `predict`: the same network exported with and without it
 * (`novelty: false`), predict measured in alternation (pairs of samples, order swapped every pair,
 * as bench:explain does), the ratio reported as the median of the pairs' throughput ratios.
 * bench:explain runs it on its trained model; alone it runs on an untrained 1733-variable network
 * of the study's shape (the cost does not depend on the weights):
 *
 *   node --conditions=source --import tsx bench/src/noveltyCost.ts [seconds=6] [threads=2]
 */
import { fileURLToPath } from 'node:url';
import { loadModel } from '@spectracam/runtime';
import { defaultConvSpec } from '@spectracam/trainer';
import { testModel } from '@spectracam/test/support/testModel';
import { machineInfo } from './benchCommon.js';

export async function noveltyCost(withScore: Uint8Array, withoutScore: Uint8Array, pool: Float32Array[], seconds: number, threads: number) {
  const a = await loadModel(withScore, { threads, batchSize: 1024 });
  const b = await loadModel(withoutScore, { threads, batchSize: 1024 });
  const rows = [];
  try {
    for (const batch of [1, 256]) {
      const x = pool.slice(0, batch);
      const calls = Math.max(1, Math.round(256 / batch));
      const sample = async (m: typeof a) => {
        const start = performance.now();
        for (let i = 0; i < calls; i++) await m.predict(x);
        return performance.now() - start;
      };
      for (let i = 0; i < 3; i++) {
        await sample(a);
        await sample(b);
      }
      const ratios: number[] = [];
      const start = performance.now();
      for (let pair = 0; pair < 6 || performance.now() - start < seconds * 1000; pair++) {
        let ta: number;
        let tb: number;
        if (pair % 2) {
          ta = await sample(a);
          tb = await sample(b);
        } else {
          tb = await sample(b);
          ta = await sample(a);
        }
        // Throughput with the score over throughput without: time without / time with.
        ratios.push(tb / ta);
      }
      ratios.sort((p, q) => p - q);
      const at = (q: number) => ratios[Math.round(q * (ratios.length - 1))]!;
      rows.push({ batch, withOverWithout: at(0.5), quartiles: [at(0.25), at(0.75)], pairs: ratios.length });
    }
  } finally {
    await a.dispose();
    await b.dispose();
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.argv[2] ?? 6);
  const threads = Number(process.argv[3] ?? 2);
  const p = 1733;
  const spec = defaultConvSpec(p);
  const options = { p, classes: ['a', 'b'], seed: 1, spec };
  const withScore = await testModel(options);
  const withoutScore = await testModel({ ...options, noNovelty: true });
  const mahalanobisOnly = await testModel({ ...options, noResidual: true });
  const pool = Array.from({ length: 256 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + Math.sin((i + 1) * j * 0.001) + Math.exp(-(((j - (i % p)) / 8) ** 2))));
  const before = machineInfo();
  const rows = await noveltyCost(withScore.bytes, withoutScore.bytes, pool, seconds, threads);
  const mahalanobisRows = await noveltyCost(mahalanobisOnly.bytes, withoutScore.bytes, pool, seconds, threads);
  console.log(JSON.stringify({ machine: { ...before, loadAverageAfter: machineInfo().loadAverage }, threads, model: 'untrained, 1733 variables, study kernels, one network (K 64)', score: rows, mahalanobisHalfAlone: mahalanobisRows }, null, 2));
}
