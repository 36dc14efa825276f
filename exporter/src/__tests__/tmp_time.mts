import './support/fakeRun.js';
import { generateSynthetic, trainRun } from '@spectracam/trainer';
const { dataset } = generateSynthetic({ seed: 5, spectra: 40 });
let t0 = performance.now();
const r = await trainRun(dataset, { backend: 'cpu', epochs: 1, batchSize: 16, preprocess: 'minmax-global', seed: 3 }, { onProgress: (p) => console.log(p.stage, p.epoch, ((performance.now() - t0) / 1000).toFixed(1)) });
console.log('total', (performance.now() - t0) / 1000, r.record.metrics.test);
