import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetToCsv, generateSynthetic } from '@spectracam/data';

// Issue 16: nothing a user has is ever lost. Every case runs in a temp folder beside a decoy that must survive.
const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));
const cli = (args: string[], cwd?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd });
const fast = ['--epochs', '2', '--backend', 'wasm', '--kernels', '21,11,5', '--strides', '4,4,2'];

const root = await mkdtemp(join(tmpdir(), 'spectracam-outputs-'));
process.on('exit', () => spawnSync('rm', ['-rf', root]));
const data = join(root, 'small.csv');
await writeFile(data, datasetToCsv(generateSynthetic({ seed: 2, spectra: 40 }).dataset));
const run = join(root, 'run');
const first = cli(['train', '--data', data, '--out', run, ...fast]);
const model = join(root, 'model.onnx');
const exported = first.status === 0 ? cli(['export', run, '--out', model]) : first;

async function decoy(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'notes'), { recursive: true });
  await writeFile(join(dir, 'thesis.txt'), 'my thesis');
  await writeFile(join(dir, 'notes', 'a.txt'), 'notes');
  return dir;
}
async function assertDecoyIntact(dir: string) {
  assert.deepEqual((await readdir(dir)).sort(), ['notes', 'thesis.txt']);
  assert.equal(await readFile(join(dir, 'thesis.txt'), 'utf8'), 'my thesis');
  assert.equal(await readFile(join(dir, 'notes', 'a.txt'), 'utf8'), 'notes');
}

test('outputs: the shared run trained and exported', () => {
  assert.equal(first.status, 0, first.stderr);
  assert.equal(exported.status, 0, exported.stderr);
});

test('train --out: a folder with documents, a file, or the current folder is refused before training, even with --force, and survives', async () => {
  const dir = await decoy('decoy-train');
  for (const force of [[], ['--force']]) {
    const r = cli(['train', '--data', data, '--out', dir, ...fast, ...force]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /folder with other content .* never replaced, not even with --force/);
    assert.doesNotMatch(r.stderr + r.stdout, /epoch/, 'refused before any training');
    await assertDecoyIntact(dir);
    const here = cli(['train', '--data', data, '--out', '.', ...fast, ...force], dir);
    assert.notEqual(here.status, 0);
    await assertDecoyIntact(dir);
    const file = cli(['train', '--data', data, '--out', join(dir, 'thesis.txt'), ...fast, ...force]);
    assert.match(file.stderr, /is a file; the run directory is a folder/);
    await assertDecoyIntact(dir);
  }
});

test('train --out: an existing run is kept unless --force, and the data file can never be the output', async () => {
  const again = cli(['train', '--data', data, '--out', run, ...fast]);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /already holds a run; --force replaces it/);
  const before = await readFile(join(run, 'run.json'), 'utf8');
  assert.equal(await readFile(join(run, 'run.json'), 'utf8'), before);
  const onData = cli(['train', '--data', data, '--out', data, ...fast]);
  assert.match(onData.stderr, /would replace an input/);
  assert.ok((await readFile(data, 'utf8')).startsWith('id,'), 'the data file is intact');
});

test('train --out: a path under a file is refused at once, before the data are read', async () => {
  const r = cli(['train', '--data', data, '--out', join(data, 'run'), ...fast]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /is a file, not a folder/);
  // Refused before any work (a timing bound would only measure the machine's load): no data read, no epoch run.
  assert.doesNotMatch(r.stderr + r.stdout, /epoch|spectra x|warning:/);
  assert.equal(await readFile(data, 'utf8').then((t) => t.length > 0), true, 'the data file is intact');
});

test('train --out: a second writer of the same path fails fast and names the first', async () => {
  const out = join(root, 'locked');
  // A live process holds the lock: this test's own.
  await writeFile(join(root, '.locked.lock'), JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), started: new Date().toISOString(), command: 'spectracam train (first)' }));
  const r = cli(['train', '--data', data, '--out', out, ...fast]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, new RegExp(`being written by another process \\(pid ${process.pid}.*spectracam train \\(first\\)`));
  // A lock whose process has gone is stale and taken over.
  await writeFile(join(root, '.locked.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), started: 'x', command: 'gone' }));
  const after = cli(['train', '--data', data, '--out', out, ...fast]);
  assert.equal(after.status, 0, after.stderr);
  assert.ok(!(await readdir(root)).includes('.locked.lock'), 'the lock is released');
});

test('explain --plot and export --out never replace an input or a foreign file without --force', async () => {
  const dir = await decoy('decoy-plot');
  for (const target of [model, data]) {
    const before = await readFile(target);
    const r = cli(['explain', model, data, '--plot', target]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /would replace an input/);
    assert.deepEqual(await readFile(target), before);
  }
  const foreign = join(dir, 'thesis.txt');
  const plot = cli(['explain', model, data, '--plot', foreign]);
  assert.match(plot.stderr, /exists and is not a plot written by SpectraCAM; pass --force/);
  const onto = cli(['export', run, '--out', foreign]);
  assert.match(onto.stderr, /exists and is not a model file written by SpectraCAM; pass --force/);
  await assertDecoyIntact(dir);
  // Their own earlier outputs are replaced.
  const svg = join(root, 'first.svg');
  assert.equal(cli(['explain', model, data, '--plot', svg]).status, 0);
  assert.equal(cli(['explain', model, data, '--plot', svg, '--plot-index', '1']).status, 0);
  assert.equal(cli(['export', run, '--out', model]).status, 0);
});

test('options are checked as values: --seed abc, kernels longer than the input, a unit that is not the model\'s', () => {
  const seed = cli(['train', '--data', data, '--out', join(root, 'x'), '--seed', 'abc']);
  assert.match(seed.stderr, /--seed must be a whole number/);
  const ratios = cli(['evaluate', '--data', data, '--out', join(root, 'ev'), '--ratios', '7:1']);
  assert.match(ratios.stderr, /--ratios takes three non-negative numbers/);
  assert.ok(!existsSync(join(root, 'ev')), 'refused before the evaluation folder is made');
  const kernels = cli(['train', '--data', data, '--out', join(root, 'y'), '--kernels', '999,999,999', '--epochs', '1']);
  assert.match(kernels.stderr, /kernel 999 is longer than its input of \d+ values/);
  const unit = cli(['predict', model, data, '--unit', 'nm']);
  assert.match(unit.stderr, /axis is in nm but the model's is in cm-1/);
  const unknown = cli(['predict', model, data, '--unit', 'furlongs']);
  assert.match(unknown.stderr, /--unit furlongs: not a unit SpectraCAM knows/);
});

test('values: 1e38 is refused naming the spectrum; ten orders of magnitude out of range are flagged, never NaN', async () => {
  const text = await readFile(data, 'utf8');
  const [header, firstRow, ...rest] = text.trim().split('\n');
  const cells = firstRow!.split(',');
  const huge = [cells[0], cells[1], ...cells.slice(2).map(() => '1e38')].join(',');
  const scaled = [cells[0], cells[1], ...cells.slice(2).map((v) => String(Number(v) * 1e10))].join(',');
  await writeFile(join(root, 'huge.csv'), `${header}\n${huge}\n`);
  await writeFile(join(root, 'scaled.csv'), `${header}\n${scaled}\n${rest[0]}\n`);
  const r = cli(['predict', model, join(root, 'huge.csv'), '--json']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /spectrum 0 \(.*\) has 1e\+38 at variable 0 .*overflows/);
  const e = cli(['explain', model, join(root, 'huge.csv')]);
  assert.match(e.stderr, /spectrum 0 \(.*\) has 1e\+38/);
  const flagged = cli(['predict', model, join(root, 'scaled.csv'), '--json']);
  assert.equal(flagged.status, 0, flagged.stderr);
  const lines = flagged.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines[0].outOfRange, true);
  assert.ok(lines[0].rangeExcess > 1e6);
  assert.equal(lines[1].outOfRange, false, 'a training-like spectrum is not flagged');
  assert.ok(lines.every((l) => Object.values(l.probabilities).every((p) => typeof p === 'number')));
  assert.match(flagged.stderr, /1 spectra lie far outside the training data's range/);
});

test('predict: a tab inside a quoted id does not shift the TSV columns; --json carries the true label', async () => {
  const text = await readFile(data, 'utf8');
  const [header, firstRow] = text.trim().split('\n');
  const cells = firstRow!.split(',');
  await writeFile(join(root, 'tab.csv'), `${header}\n"a\tb",${cells.slice(1).join(',')}\n`);
  const r = cli(['predict', model, join(root, 'tab.csv')]);
  assert.equal(r.status, 0, r.stderr);
  // id, class, probability, unknown-sample score (and `unknown` when above the threshold): the tab did not add a column.
  const columns = r.stdout.trim().split('\t');
  assert.equal(columns[0], 'a b', r.stdout);
  assert.match(columns[3]!, /^novelty [\d.e+]+$/, r.stdout);
  assert.ok(columns.length === 4 || (columns.length === 5 && columns[4] === 'unknown'), r.stdout);
  const json = cli(['predict', model, join(root, 'tab.csv'), '--json']);
  assert.equal(JSON.parse(json.stdout).label, cells[1]);
});

test('signals: SIGINT to the CLI process keeps the best checkpoint and exits 130; --resume continues it; --allow-interrupted exports it', async () => {
  const out = join(root, 'interrupted');
  const child = spawn(process.execPath, [bin, 'train', '--data', data, '--out', out, '--epochs', '400', '--backend', 'wasm', '--kernels', '21,11,5', '--strides', '4,4,2', '--patience', '400'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  // Interrupt once training is under way (the progress bar is off without a TTY: wait for the lock).
  for (let i = 0; i < 600 && !(await readdir(root)).includes('.interrupted.lock'); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 3000));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 130, stderr);
  const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
  assert.equal(record.status, 'interrupted');
  const exportedEarly = cli(['export', out, '--out', join(root, 'early.onnx')]);
  assert.match(exportedEarly.stderr, /not complete: resume it .* or export its checkpoint with --allow-interrupted/);
  const early = cli(['export', out, '--out', join(root, 'early.onnx'), '--allow-interrupted']);
  assert.equal(early.status, 0, early.stderr);
  const info = JSON.parse(cli(['info', join(root, 'early.onnx'), '--json']).stdout);
  assert.equal(info.training.status, 'interrupted');
  // Resume with a short budget: the recorded settings, so cap the epochs through a copy of the record.
  // Members stop on their own (a separated set), so one may be complete while another was interrupted.
  const epochsOf = (r: { training: { epochsRun: number; members?: { epochsRun: number }[] } }) => (r.training.members ?? [r.training]).map((m) => m.epochsRun);
  const total = (r: Parameters<typeof epochsOf>[0]) => epochsOf(r).reduce((a, b) => a + b, 0);
  record.training.options.epochs = Math.max(...epochsOf(record)) + 2;
  await writeFile(join(out, 'run.json'), JSON.stringify(record));
  const resumed = cli(['train', '--resume', out]);
  assert.equal(resumed.status, 0, resumed.stderr);
  const done = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
  assert.equal(done.status, 'complete');
  assert.ok(total(done) > total(record), `training went on: epochs per member ${epochsOf(record).join(',')} -> ${epochsOf(done).join(',')}`);
  assert.deepEqual(done.split.ids, record.split.ids, 'the same split');
  assert.match(cli(['train', '--resume', out]).stderr, /the run is complete; nothing to continue/);
});
