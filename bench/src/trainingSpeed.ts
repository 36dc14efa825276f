/**
 * Training speed: seconds per epoch of the study's CNN with TensorFlow.js (wasm by default,
 * `--backend NAME`) against PyTorch on the CPU, same network, geometry, data and batch size 32, at
 * one thread and at PyTorch's default threads, on (a) 597 synthetic spectra x 1733 variables (kernels 21,11,5, strides 2,2,1) and
 * (b) the meat training part. Wall and CPU seconds are both reported: on a shared machine the
 * CPU seconds are the fairer comparison.
 *
 *   npm run bench:training -w bench            (writes bench/results/training.json)
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { applyPreprocessing, buildModel, defaultConvSpec, fitPreprocessing, setBackend, trainEpoch } from '@spectracam/trainer';
import { generateSynthetic, loadDataset, splitDataset, seededRandom, shuffledIndices } from '@spectracam/data';
import type { ConvSpec } from '@spectracam/format';
import type { Dataset } from '@spectracam/data';
import { debianPython, machineInfo, MEAT, table } from './benchCommon.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const EPOCHS = Number(arg('epochs', '3'));
const BATCH = 32;
const L2 = 1e-3;
const LR = 1e-3;

interface Case { name: string; spectra: Float32Array[]; labels: Int32Array; classes: number; spec: ConvSpec }

async function cases(): Promise<Case[]> {
  const synth = generateSynthetic({ seed: 1, spectra: 597 }).dataset;
  const meat = await loadDataset({ data: MEAT });
  const meatSplit = await splitDataset(meat, { protocol: 'group-aware', seed: 1 });
  const pick = (d: Dataset, rows: number[]) => {
    const raw = rows.map((i) => d.spectra[i]!);
    const spectra = applyPreprocessing(fitPreprocessing('minmax-variable', raw), raw);
    const labels = Int32Array.from(rows, (i) => d.classes.indexOf(d.labels[i]!));
    return { spectra, labels, classes: d.classes.length };
  };
  return [
    { name: `(a) synthetic ${synth.spectra.length} x ${synth.axis.length}`, ...pick(synth, synth.spectra.map((_, i) => i)), spec: { kernels: [21, 11, 5], strides: [2, 2, 1], padding: 'same' } },
    { name: `(b) meat train part ${meatSplit.train.length} x ${meat.axis.length}`, ...pick(meat, meatSplit.train), spec: defaultConvSpec(meat.axis.length) },
  ];
}

async function timeTfjs(c: Case) {
  const model = buildModel({ inputLength: c.spectra[0]!.length, classes: c.classes, l2: L2, seed: 1, ...c.spec });
  const optimizer = tf.train.adam(LR);
  const random = seededRandom(1);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let epoch = 0; epoch <= EPOCHS; epoch++) {
    const order = shuffledIndices(c.spectra.length, random);
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    await trainEpoch(model, optimizer, c, order, BATCH);
    const used = process.cpuUsage(c0);
    if (epoch > 0) {
      wall.push((performance.now() - w0) / 1000);
      cpu.push((used.user + used.system) / 1e6);
    }
  }
  optimizer.dispose();
  model.dispose();
  return { wall, cpu };
}

function timeTorch(c: Case, python: string, dir: string, threads: number) {
  const p = c.spectra[0]!.length;
  const flat = new Float32Array(c.spectra.length * p);
  c.spectra.forEach((s, i) => flat.set(s, i * p));
  writeFileSync(join(dir, 'x.f32'), new Uint8Array(flat.buffer));
  writeFileSync(join(dir, 'y.i32'), new Uint8Array(c.labels.buffer));
  const spec = { data: join(dir, 'x.f32'), labels: join(dir, 'y.i32'), n: c.spectra.length, p, classes: c.classes, ...c.spec, batchSize: BATCH, l2: L2, lr: LR, epochs: EPOCHS, threads };
  writeFileSync(join(dir, 'case.json'), JSON.stringify(spec));
  const run = spawnSync(python, [new URL('../peers/torch_epoch.py', import.meta.url).pathname, join(dir, 'case.json')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`torch peer failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
  return { wall: out.epochSeconds as number[], cpu: out.epochCpuSeconds as number[], torch: out.torch as string, threads: out.threads as number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const backend = await setBackend(arg('backend', 'wasm') as 'wasm');
const python = debianPython(['torch', 'numpy']);
const dir = mkdtempSync(join(tmpdir(), 'spectracam-bench-'));
const machineBefore = machineInfo();
const results = [];
try {
  for (const c of await cases()) {
    const tfjs = await timeTfjs(c);
    const torch = python ? timeTorch(c, python, dir, 1) : undefined;
    // PyTorch at its default threads: what a user gets, against TensorFlow.js's one wasm thread.
    const torchDefault = python ? timeTorch(c, python, dir, 0) : undefined;
    results.push({
      case: c.name,
      kernels: c.spec.kernels,
      strides: c.spec.strides,
      tfjs: { backend, wallSeconds: tfjs.wall, cpuSeconds: tfjs.cpu, medianWall: median(tfjs.wall), medianCpu: median(tfjs.cpu) },
      torch: torch ? { version: torch.torch, threads: 1, wallSeconds: torch.wall, cpuSeconds: torch.cpu, medianWall: median(torch.wall), medianCpu: median(torch.cpu) } : null,
      ratioWall: torch ? median(tfjs.wall) / median(torch.wall) : null,
      ratioCpu: torch ? median(tfjs.cpu) / median(torch.cpu) : null,
      torchDefaultThreads: torchDefault ? { threads: torchDefault.threads, wallSeconds: torchDefault.wall, medianWall: median(torchDefault.wall) } : null,
      ratioWallDefaultThreads: torchDefault ? median(tfjs.wall) / median(torchDefault.wall) : null,
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const report = { benchmark: 'training-speed', date: new Date().toISOString(), batchSize: BATCH, epochsTimed: EPOCHS, machine: { ...machineBefore, loadAverageAfter: machineInfo().loadAverage }, results };
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL('../results/training.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
const f = (x: number | null | undefined) => (x == null ? 'n/a' : x.toFixed(3));
console.log(
  table([
    ['case', `tfjs ${backend} s/epoch (cpu)`, 'torch 1 thread s/epoch (cpu)', 'ratio wall', 'ratio cpu', 'torch default threads s/epoch', 'ratio wall'],
    ...results.map((r) => [r.case, `${f(r.tfjs.medianWall)} (${f(r.tfjs.medianCpu)})`, r.torch ? `${f(r.torch.medianWall)} (${f(r.torch.medianCpu)})` : 'torch missing', f(r.ratioWall), f(r.ratioCpu), r.torchDefaultThreads ? `${f(r.torchDefaultThreads.medianWall)} (${r.torchDefaultThreads.threads} threads)` : 'n/a', f(r.ratioWallDefaultThreads)]),
  ]),
);
console.log(`machine: ${report.machine.cpu}, ${report.machine.cores} cores, load ${report.machine.loadAverage.join(' ')} -> ${report.machine.loadAverageAfter.join(' ')}`);
