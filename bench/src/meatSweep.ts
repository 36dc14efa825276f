/**
 * Hyperparameter sweep on meat, laid out like `spectracam evaluate`: partition k = group-aware
 * split with seed k, repeat r = init seed r. Prints per-partition mean test accuracy, epochs run
 * and training seconds for each configuration (JSON list of TrainOptions overrides).
 *
 *   npm run bench:meat-sweep -w bench -- --partitions 0,1,2,3,4,5 --repeats 1,2 --configs '[{"batchSize":16,"learningRate":0.005}]'
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { applyPreprocessing, setBackend, trainRun } from '@spectracam/trainer';
import { loadDataset, splitDataset } from '@spectracam/data';
import type { TrainOptions } from '@spectracam/trainer';
import { machineInfo, MEAT } from './benchCommon.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
await setBackend(arg('backend', 'wasm') as 'wasm');
const partitions = arg('partitions', '0,1,2,3,4,5').split(',').map(Number);
const repeats = arg('repeats', '1,2').split(',').map(Number);
const configs = JSON.parse(arg('configs', '[{}]')) as TrainOptions[];
// Same table as the evaluation's split files (column position, part).
function splitTable(count: number, parts: { train: number[]; validation: number[]; test: number[] }): string {
  const part = new Array<string>(count);
  for (const name of ['train', 'validation', 'test'] as const) for (const i of parts[name]) part[i] = name;
  return `column,split\n${part.map((x, i) => `${i + 1},${x}`).join('\n')}\n`;
}
const dataset = await loadDataset({ data: MEAT });
const dir = '/tmp/meat-sweep-splits';
mkdirSync(dir, { recursive: true });
const splitFiles = new Map<number, string>();
for (const p of partitions) {
  const split = await splitDataset(dataset, { protocol: 'group-aware', seed: p, ratios: [0.7, 0.1, 0.2] });
  const file = `${dir}/p${p}.csv`;
  writeFileSync(file, splitTable(dataset.spectra.length, split));
  splitFiles.set(p, file);
}
for (const config of configs) {
  const started = performance.now();
  const perPartition: Record<number, number[]> = {};
  let epochs = 0;
  let runs = 0;
  const missed: string[] = [];
  for (const p of partitions) {
    perPartition[p] = [];
    for (const r of repeats) {
      const { record, model } = await trainRun(dataset, { ...config, seed: r, split: 'file', splitFile: splitFiles.get(p)! });
      if (record.metrics.test.accuracy < 1) {
        const rows = record.split.ids.test.map((id) => dataset.ids.indexOf(id));
        const x = applyPreprocessing(record.preprocessing, rows.map((i) => dataset.spectra[i]!));
        const probs = tf.tidy(() => tf.argMax(model.predict(tf.tensor3d(x.flatMap((v) => Array.from(v)), [x.length, x[0]!.length, 1])) as tf.Tensor2D, -1).arraySync() as number[]);
        probs.forEach((c, k) => {
          if (dataset.classes[c] !== dataset.labels[rows[k]!]) missed.push(`p${p}r${r}:${dataset.ids[rows[k]!]}(${dataset.labels[rows[k]!]}->${dataset.classes[c]})`);
        });
      }
      model.dispose();
      perPartition[p]!.push(record.metrics.test.accuracy);
      epochs += record.training.epochsRun;
      runs++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const means = partitions.map((p) => perPartition[p]!.reduce((a, b) => a + b, 0) / perPartition[p]!.length);
  const all = Object.values(perPartition).flat();
  console.log(
    JSON.stringify({
      config,
      mean: Number((all.reduce((a, b) => a + b, 0) / all.length).toFixed(4)),
      minPartition: Number(Math.min(...means).toFixed(4)),
      partitions: Object.fromEntries(partitions.map((p, i) => [p, Number(means[i]!.toFixed(3))])),
      wrong: all.map((a) => Math.round((1 - a) * 24)).join(''),
      missed,
      epochsPerRun: Math.round(epochs / runs),
      secondsPerRun: Number((seconds / runs).toFixed(2)),
      load: machineInfo().loadAverage[0],
    }),
  );
}
