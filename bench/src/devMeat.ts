import { readFileSync } from 'node:fs';
import { setBackend } from '../../trainer/src/backends/index.js';
import { buildModel } from '../../trainer/src/model/buildModel.js';
import { defaultConvSpec } from '../../trainer/src/model/defaultConvSpec.js';
import { fitModel } from '../../trainer/src/train/fitModel.js';
import { evaluateModel } from '../../trainer/src/train/evaluateModel.js';
import { seededRandom, shuffledIndices } from '../../trainer/src/train/seededRandom.js';

const lines = readFileSync('/work/shared/data/fresh-meat-ftir/FreshMeatFTIR.csv', 'utf8').trim().split(/\r?\n/);
const header = lines[0]!.split(',').slice(1).map((s) => s.trim());
const rows = lines.slice(1).map((l) => l.split(',').map(Number));
const n = header.length, p = rows.length;
const spectraRaw = Array.from({ length: n }, (_, j) => Float32Array.from(rows.map((r) => r[j + 1]!)));
const classNames = header.map((h) => h.match(/Fresh(\w+?)_/)![1]!);
const classes = [...new Set(classNames)].sort();
const labels = Int32Array.from(classNames.map((c) => classes.indexOf(c)));
const groups = header.map((h, j) => (j === 70 ? 'FreshPork_SupplierD_Sample1' : h.replace(/_Run[AB]$/, '')));

const mean = (s: Float32Array) => s.reduce((a, b) => a + b, 0) / s.length;
const std = (s: Float32Array) => { const m = mean(s); return Math.sqrt(s.reduce((a, b) => a + (b - m) ** 2, 0) / (s.length - 1)); };
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const backend = await setBackend((args.backend ?? 'wasm') as 'wasm');
const seeds = (args.seeds ?? '1,2,3,4,5').split(',').map(Number);
const spec = args.kernels ? { kernels: args.kernels.split(',').map(Number), strides: args.strides.split(',').map(Number), padding: 'same' } : defaultConvSpec(p);
const accs: number[] = [];
for (const seed of seeds) {
  // group-aware stratified 7:1:2
  const rnd = seededRandom(seed * 7919);
  const train: number[] = [], val: number[] = [], test: number[] = [];
  for (let c = 0; c < classes.length; c++) {
    const gs = [...new Set(groups.filter((_, i) => labels[i] === c))];
    const order = shuffledIndices(gs.length, rnd).map((i) => gs[i]!);
    const nTest = Math.round(gs.length * 0.2), nVal = Math.round(gs.length * 0.1);
    order.forEach((g, k) => {
      const idx = groups.map((gg, i) => (gg === g ? i : -1)).filter((i) => i >= 0);
      (k < nTest ? test : k < nTest + nVal ? val : train).push(...idx);
    });
  }
  const mode = args.pre ?? 'minmax-variable';
  const mins = new Float32Array(p).fill(Infinity), maxs = new Float32Array(p).fill(-Infinity);
  let gmin = Infinity, gmax = -Infinity;
  for (const i of train) for (let j = 0; j < p; j++) { mins[j] = Math.min(mins[j]!, spectraRaw[i]![j]!); maxs[j] = Math.max(maxs[j]!, spectraRaw[i]![j]!); gmin=Math.min(gmin,spectraRaw[i]![j]!); gmax=Math.max(gmax,spectraRaw[i]![j]!); }
  const spectra = spectraRaw.map((s) => s.map((v, j) => mode === 'minmax-variable' ? (v - mins[j]!) / (maxs[j]! - mins[j]!) : mode==='global' ? (v-gmin)/(gmax-gmin) : mode==='snv' ? (v - mean(s)) / std(s) : v));
  const model = buildModel({ inputLength: p, classes: classes.length, l2: Number(args.l2 ?? 1e-3), seed, ...(spec as any) });
  const t0 = performance.now();
  const fit = await fitModel(model, { spectra, labels, classes: classes.length, train, validation: val }, { epochs: Number(args.epochs ?? 200), batchSize: Number(args.bs ?? 16), learningRate: Number(args.lr ?? 1e-3), patience: Number(args.patience ?? 30), seed, noise: Number(args.noise ?? 0) });
  if (args.verbose) for (const h of fit.history) if (h.epoch % 10 === 0) console.log(h.epoch, h.loss.toFixed(3), h.accuracy.toFixed(3), h.valLoss.toFixed(3), h.valAccuracy.toFixed(3));
  const te = evaluateModel(model, spectra, labels, classes.length, test);
  accs.push(te.accuracy);
  console.log(`seed ${seed}: test ${te.accuracy.toFixed(3)} (n=${te.n}) best ${fit.bestEpoch}/${fit.history.length} ${fit.secondsPerEpoch.toFixed(3)}s/ep total ${((performance.now()-t0)/1000).toFixed(1)}s valAcc ${fit.history[fit.bestEpoch-1]?.valAccuracy}`);
  model.dispose();
}
console.log(backend, JSON.stringify(spec), 'mean', (accs.reduce((a, b) => a + b) / accs.length).toFixed(4));
