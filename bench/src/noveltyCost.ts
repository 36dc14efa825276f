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
import { decodeModel } from '@spectracam/format/onnx';
import { machineInfo } from './benchCommon.js';
import { dispatchCost, type DispatchCost } from './ortDispatch.js';

/** Nodes the score adds to predict's graph: its own and the constant-spectrum flag's. */
export function scoreNodes(bytes: Uint8Array): string[] {
  const flagNodes = new Set(['input_max', 'input_min', 'input_is_constant', 'snv_flat_rows']);
  return (decodeModel(bytes, 'model').proto.graph?.node ?? []).filter((n) => n.name?.startsWith('novelty_') || flagNodes.has(n.name ?? '')).map((n) => n.opType ?? '');
}

/**
 * The least the score can cost at batch 1 on this machine: its nodes at ONNX Runtime's per-node
 * dispatch (each kind's own figure, the mean for a kind not measured) plus one more output,
 * against the 5 % of predict's time that a ratio of 0.95 allows.
 */
export function dispatchFloor(ops: string[], cost: DispatchCost, microsecondsWithout: number) {
  const values = Object.values(cost.perNode);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const floor = ops.reduce((sum, op) => sum + (cost.perNode[op] ?? mean), 0) + cost.perOutput;
  return { nodes: ops.length, floorMicroseconds: floor, budgetMicroseconds: microsecondsWithout * (1 / 0.95 - 1), bestRatio: microsecondsWithout / (microsecondsWithout + floor) };
}

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
      const without: number[] = [];
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
        without.push(tb / calls);
      }
      ratios.sort((p, q) => p - q);
      const at = (q: number) => ratios[Math.round(q * (ratios.length - 1))]!;
      without.sort((p, q) => p - q);
      const microsecondsWithout = (without[Math.floor(without.length / 2)]! * 1000) / batch;
      rows.push({ batch, withOverWithout: at(0.5), quartiles: [at(0.25), at(0.75)], pairs: ratios.length, microsecondsPerSpectrumWithout: microsecondsWithout });
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
  const dispatch = await dispatchCost(threads);
  const floor = dispatchFloor(scoreNodes(withScore.bytes), dispatch, rows[0]!.microsecondsPerSpectrumWithout);
  console.log(JSON.stringify({ machine: { ...before, loadAverageAfter: machineInfo().loadAverage }, threads, model: 'untrained, 1733 variables, study kernels, one network (K 64)', score: rows, mahalanobisHalfAlone: mahalanobisRows, dispatch, floorAtBatch1: floor }, null, 2));
}
