import { generateSynthetic } from '/work/main/trainer/src/synth/index.ts';
import { trainRun } from '/work/main/trainer/src/train/index.ts';
const [n, epochs, lr, pre, bs] = process.argv.slice(2);
const t0 = Date.now();
const { dataset } = generateSynthetic({ seed: 7, spectra: Number(n) });
const { record } = await trainRun(dataset, { seed: 7, epochs: Number(epochs), learningRate: Number(lr), preprocess: pre as any, batchSize: Number(bs), patience: 1000, backend: (process.env.BK ?? 'auto') as any });
console.log(n, epochs, lr, pre, bs, 'sec', (Date.now() - t0) / 1000, 'acc', record.metrics.train.accuracy, record.metrics.validation.accuracy, record.metrics.test.accuracy, record.training.backend, record.training.secondsPerEpoch);
console.log(record.training.history.map((h) => `${h.epoch}: ${h.loss.toFixed(3)} ${h.accuracy.toFixed(2)} ${h.valLoss.toFixed(3)}`).join(' | '), 'best', record.training.bestEpoch, record.model.l2);
