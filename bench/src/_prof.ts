import { loadModel } from '@spectracam/runtime';
import { defaultConvSpec } from '@spectracam/trainer';
import { testModel } from '../../runtime/src/__tests__/support/testModel.js';
const p = 1733;
const spec = defaultConvSpec(p);
const built = await testModel({ p, classes: ['strain-1116', 'strain-498'], seed: 1, spec, axis: Array.from({ length: p }, (_, i) => 50 + (1950 * i) / (p - 1)) });
const pool = Array.from({ length: 256 }, (_, i) => Float32Array.from({ length: p }, (_, j) => 1 + Math.sin((i + 1) * j * 0.001) + Math.exp(-(((j - (i % p)) / 8) ** 2))));
const model = await loadModel(built.bytes, { threads: 2, batchSize: 1024 });
const mode = process.argv[2] ?? 'both';
for (let i = 0; i < 5; i++) { await model.predict(pool); await model.explain(pool); }
for (let round = 0; round < 5; round++) {
  let t = performance.now();
  if (mode !== 'explain') for (let i = 0; i < 20; i++) await model.predict(pool);
  const pr = (performance.now() - t) / 20;
  t = performance.now();
  if (mode !== 'predict') for (let i = 0; i < 20; i++) await model.explain(pool);
  const ex = (performance.now() - t) / 20;
  console.log(`predict ${pr.toFixed(2)} ms  explain ${ex.toFixed(2)} ms  ratio ${(pr / ex).toFixed(3)}`);
}
await model.dispose();
