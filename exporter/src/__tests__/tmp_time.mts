import './support/fakeRun.js';
import { generateSynthetic, trainRun, loadDataset } from '@spectracam/trainer';
const backend = process.argv[2] as 'cpu' | 'wasm';
const { dataset: full } = generateSynthetic({ seed: 5, spectra: 40 });
const keep = (_: unknown, j: number) => j % 4 === 0;
const dataset = { ...full, axis: full.axis.filter(keep), spectra: full.spectra.map((s) => s.filter(keep)) };
for (const d of [dataset, await loadDataset({ data: '/work/shared/data/fresh-meat-ftir/FreshMeatFTIR.csv' })]) {
  const t0 = performance.now();
  const r = await trainRun(d, { backend, epochs: 2, batchSize: 16, preprocess: 'minmax-global', seed: 3 });
  console.log(backend, d.axis.length, 'total', (performance.now() - t0) / 1000, r.record.metrics.test.accuracy);
}
