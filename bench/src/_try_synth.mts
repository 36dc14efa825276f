import { generateSynthetic } from '@spectracam/trainer';
import { trainRun } from '/work/main/trainer/src/train/index.ts';
import { exportModel } from '@spectracam/exporter';
import { loadModel } from '@spectracam/runtime';
import { peakOnBand } from '/work/main/test/src/support/explainTargets.ts';
function partOf(dataset: any, record: any, part: 'train'|'test') {
  const index = new Map(dataset.ids.map((id: string, i: number) => [id, i]));
  const rows = record.split.ids[part].map((id: string) => index.get(id)!) as number[];
  return { spectra: rows.map((i) => dataset.spectra[i]!), labels: rows.map((i) => dataset.labels[i]!) };
}
const spectra = Number(process.argv[2] ?? 200), epochs = Number(process.argv[3] ?? 15);
const t0 = performance.now();
const { dataset, groundTruth } = generateSynthetic({ seed: 1, spectra });
const { record, model: trained } = await trainRun(dataset, { epochs, patience: epochs, seed: 1, backend: 'cpu' });
console.log('train s', ((performance.now() - t0) / 1000).toFixed(1), record.metrics.test.accuracy, record.training.secondsPerEpoch, record.model.geometry.layers.map(l=>[l.kernel,l.stride,l.outputLength]));
const model = await loadModel(exportModel(record, trained));
const test = partOf(dataset, record, 'test');
const bands = groundTruth.bands.filter((b) => b.discriminative).map((b) => b.position);
for (const a of ['receptive-field', 'stretch'] as const) console.log(await peakOnBand(model, test.spectra, test.labels, bands, a));
const all = partOf(dataset, record, 'train');
for (const a of ['receptive-field', 'stretch'] as const) console.log('train', await peakOnBand(model, all.spectra, all.labels, bands, a));
