/**
 * Issue 15's deploy-path target: `spectracam predict` and `spectracam explain --json` on ONE
 * spectrum, from the built CLI (`npm run build` first), against `node -e "require('onnxruntime-node')"`
 * (loading ONNX Runtime alone) and a bare `node`, in one run, each started `--runs` times in turn.
 *
 *   npm run build && npm run bench:startup -w bench [-- --runs 21]
 *
 * Writes bench/results/startup.json (median and fastest wall seconds per command).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '@spectracam/data';
import { testModel } from '@spectracam/test/support/testModel';
import { machineInfo, table } from './benchCommon.js';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
const runs = Number(args.runs);
const root = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(root, 'cli/dist/bundle/main.js');
const unbundled = join(root, 'cli/dist/main.js');
if (!existsSync(bundle) || !existsSync(unbundled)) throw new Error('build the CLI first: npm run build');

// A model of the study's shape on 1733 variables, and one spectrum to classify.
const work = mkdtempSync(join(tmpdir(), 'spectracam-startup-'));
const { bytes } = await testModel({ p: 1733, classes: ['a', 'b'], seed: 2, spec: { kernels: [21, 11, 5], strides: [2, 2, 1], padding: 'same' } });
const model = join(work, 'model.onnx');
writeFileSync(model, bytes);
const axis = Array.from({ length: 1733 }, (_, i) => 400 + 2 * i);
writeFileSync(join(work, 'one.csv'), `id,${axis.join(',')}\ns1,${axis.map((_, i) => (1 + Math.sin(i / 40)).toFixed(4)).join(',')}\n`);
const one = join(work, 'one.csv');

const runner = (entry: string) => `import { main } from ${JSON.stringify(entry)}; await main(process.argv.slice(1));`;
const commands: Record<string, string[]> = {
  'node (bare)': ['-e', '0'],
  "node -e \"require('onnxruntime-node')\"": ['-e', "require('onnxruntime-node')"],
  'spectracam predict MODEL one.csv': ['--input-type=module', '-e', runner(bundle), '--', 'predict', model, one],
  'spectracam explain MODEL one.csv --json': ['--input-type=module', '-e', runner(bundle), '--', 'explain', model, one, '--json'],
  'explain, unbundled dist (reference)': ['--input-type=module', '-e', runner(unbundled), '--', 'explain', model, one, '--json'],
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const before = machineInfo();
for (let r = 0; r < runs + 1; r++) {
  for (const [name, argv] of Object.entries(commands)) {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
    if (r > 0) times[name]!.push(seconds); // the first round warms the file cache
  }
}
rmSync(work, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const summary = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, { median: Number(median(xs).toFixed(3)), fastest: Number(Math.min(...xs).toFixed(3)) }]));
const ort = summary["node -e \"require('onnxruntime-node')\""]!.median;
const result = {
  machine: { ...before, loadAverageAfter: machineInfo().loadAverage },
  runs,
  target: 'predict and explain --json of one spectrum at most 0.3 s wall from the built package',
  seconds: summary,
  ratioToOrtLoad: Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, Number((v.median / ort).toFixed(2))])),
};
await writeFileAtomic(fileURLToPath(new URL('../results/startup.json', import.meta.url)), `${JSON.stringify(result, null, 2)}\n`);
console.log(table([['command', 'median s', 'fastest s', 'x ORT load'], ...Object.entries(summary).map(([k, v]) => [k, v.median, v.fastest, result.ratioToOrtLoad[k]!])]));
console.log(`load average ${before.loadAverage.join(' ')} -> ${result.machine.loadAverageAfter.join(' ')}, ${before.cores} cores, ${before.cpu}`);
