import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataDir, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { testModel } from '@spectracam/test/support/testModel';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));
const cli = (args: string[], input?: Uint8Array | string) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
const FILES = join(sharedDataDir, 'instrument-files');
const LINE = join(FILES, 'wdf', 'line.wdf');

async function tempDir(t: import('node:test').TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-inputs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An untrained model on `axis`, written to `dir`. */
async function model(dir: string, axis: number[], name = 'model.onnx'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, (await testModel({ p: axis.length, axis, classes: ['a', 'b'], seed: 2 })).bytes);
  return path;
}

test('predict MODEL line.wdf: one result per spectrum of the line scan, named by position; a model axis the file does not cover is refused with both ranges', async (t) => {
  if (skipWithoutSharedData(t, LINE)) return;
  const dir = await tempDir(t);
  // line.wdf covers 1226.27..2787.51 cm-1 (its XLST block).
  const inside = await model(dir, Array.from({ length: 120 }, (_, i) => 1300 + 10 * i));
  const run = cli(['predict', inside, LINE, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 235, 'the header says 235 spectra written');
  assert.equal(lines[0].id, 'line.wdf#x=80.027,y=-162.479');
  assert.equal(new Set(lines.map((l) => l.id)).size, 235);
  assert.ok(lines.every((l) => l.predicted === 'a' || l.predicted === 'b'));
  const outside = await model(dir, Array.from({ length: 120 }, (_, i) => 400 + 2 * i), 'low.onnx');
  const refused = cli(['predict', outside, LINE]);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /line\.wdf#x=80\.027,y=-162\.479\) cannot be resampled onto the model's axis: it covers 1226\.267578125\.\.2787\.509765625, the model's axis 400\.\.638/);
});

test('predict takes several files, a folder without class sub-folders, a quoted glob and - (standard input); --json carries true labels', async (t) => {
  const dir = await tempDir(t);
  const axis = Array.from({ length: 60 }, (_, i) => 500 + 10 * i);
  const path = await model(dir, axis);
  const curve = (k: number) => axis.map((x) => 1 + Math.exp(-(((x - 600 - 40 * k) / 20) ** 2)));
  // A labelled table (classes a and b are the model's), a folder of loose two-column files, a European x;y file.
  await writeFile(join(dir, 'table.csv'), [['id', 'label', ...axis].join(','), ['s1', 'a', ...curve(0)].join(','), ['s2', 'b', ...curve(1)].join(',')].join('\n'));
  await mkdir(join(dir, 'loose'));
  for (const k of [1, 2]) await writeFile(join(dir, 'loose', `p${k}.txt`), axis.map((x, i) => `${x}\t${curve(k)[i]}`).join('\n'));
  await writeFile(join(dir, 'eu.csv'), axis.map((x, i) => `${x},0;${String(curve(3)[i]).replace('.', ',')}`).join('\n'));
  const piped = axis.map((x, i) => `${x}\t${curve(4)[i]}`).join('\n');
  const run = cli(['predict', path, join(dir, 'table.csv'), join(dir, 'loose'), join(dir, 'e*.csv'), '-', '--json'], piped);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.id), ['s1', 's2', 'p1.txt', 'p2.txt', 'eu.csv', 'stdin']);
  assert.deepEqual(lines.map((l) => l.label), ['a', 'b', undefined, undefined, undefined, undefined], 'the table\'s labels are the model\'s classes');
  assert.match(run.stderr, /6 spectra .*accuracy against the labels .* \(2 labelled spectra\)/);
  // A pattern that matches nothing is named.
  const none = cli(['predict', path, join(dir, 'nothing-*.csv')]);
  assert.notEqual(none.status, 0);
  assert.match(none.stderr, /nothing-\*\.csv: no file matches this pattern/);
});

test('explain reads an OPUS file from standard input, its format told from the bytes', async (t) => {
  const file = join(FILES, 'opus', 'test.0000');
  if (skipWithoutSharedData(t, file)) return;
  const dir = await tempDir(t);
  // test.0000 covers 699.39..3998.34 cm-1.
  const path = await model(dir, Array.from({ length: 120 }, (_, i) => 1000 + 20 * i));
  const run = cli(['explain', path, '-', '--json'], new Uint8Array(await readFile(file)));
  assert.equal(run.status, 0, run.stderr);
  const [line] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(line.id, 'stdin');
  assert.ok(line.explanations[0].regions.length > 0);
});

/** What `info FILE --json` must say of each instrument file: its own header's counts, range and unit. */
const INFO = [
  { file: 'opus/test.0000', format: 'opus', spectra: 1, points: 2567, first: 699.3889538645833, last: 3998.3449384537757, unit: 'cm-1' },
  { file: 'opus/background.0', format: 'opus', spectra: 1, points: 4096, first: 0, last: 5264.701775874023, unit: 'cm-1' },
  { file: 'opus/test.0001', format: 'opus', spectra: 1, points: 2567, first: 699.3889538645833, last: 3998.3449384537757, unit: 'cm-1' },
  { file: 'opus/not_opus.spa', format: 'spa', spectra: 1, points: 5549, first: 649.9207153320312, last: 5999.71337890625, unit: 'cm-1' },
  { file: 'omnic/10-Z22-Si-S7_0.SPA', format: 'spa', spectra: 1, points: 11098, first: 649.9039916992188, last: 6000.041015625, unit: 'cm-1' },
  { file: 'omnic/11-Z25-CP_0.SPA', format: 'spa', spectra: 1, points: 11098, first: 649.9039916992188, last: 6000.041015625, unit: 'cm-1' },
  { file: 'wdf/sp.wdf', format: 'wdf', spectra: 1, points: 1015, first: 1226.2752685546875, last: 2787.514404296875, unit: 'cm-1' },
  { file: 'wdf/line.wdf', format: 'wdf', spectra: 235, points: 1015, first: 1226.267578125, last: 2787.509765625, unit: 'cm-1' },
  { file: 'wdf/depth.wdf', format: 'wdf', spectra: 40, points: 1015, first: 1226.6053466796875, last: 2787.782958984375, unit: 'cm-1' },
  { file: 'wdf/undefined.wdf', format: 'wdf', spectra: 2, points: 1015, first: 1170.947265625, last: 2742.587890625, unit: 'cm-1' },
  { file: 'labspec/532nm-191216-Si_200mu.txt', format: 'labspec', spectra: 1, points: 1024, first: 46.6417, last: 1754.52, unit: 'cm-1' },
  { file: 'labspec/SMC1-Initial_RT.txt', format: 'labspec', spectra: 1, points: 1024, first: 12.5534, last: 1726.5, unit: 'cm-1' },
  { file: 'labspec/serie190214-1.txt', format: 'labspec', spectra: 168, points: 1024, first: 12.5534, last: 1726.5, unit: 'cm-1' },
  { file: 'spc/TOLUENE.SPC', format: 'spc', spectra: 1, points: 801, first: 500, last: 3700, unit: 'cm-1' },
  { file: 'spc/BENZENE.SPC', format: 'spc', spectra: 1, points: 1842, first: 449.4299621582031, last: 4000.5, unit: 'cm-1' },
  { file: 'spc/DEMO_3D.SPC', format: 'spc', spectra: 32, points: 171, first: 200, last: 800, unit: 'nm' },
  { file: 'spc/IG_MULTI.SPC', format: 'spc', spectra: 10, points: 4096, first: 0, last: 7900.41175, unit: 'cm-1' },
  { file: 'spc/XYTRACE.SPC', format: 'spc', spectra: 1, points: 3469, first: 317.2349853515625, last: 870.333984375, unit: 'nm' },
];

test('info FILE --json: every instrument file\'s format, spectra, points, x range and unit', async (t) => {
  if (skipWithoutSharedData(t, FILES)) return;
  for (const c of INFO) {
    const run = cli(['info', join(FILES, c.file), '--json']);
    assert.equal(run.status, 0, `${c.file}: ${run.stderr}`);
    const info = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(info).sort(), ['axis', 'classes', 'file', 'format', 'groups', 'points', 'spectra', 'warnings']);
    assert.deepEqual([info.format, info.spectra, info.points, info.axis.unit], [c.format, c.spectra, c.points, c.unit], c.file);
    const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    assert.ok(near(info.axis.first, c.first) && near(info.axis.last, c.last), `${c.file}: ${info.axis.first}..${info.axis.last}`);
  }
});

test('info DATA tells data from a model by content: a folder of class sub-folders gives its classes; a model file is still described as a model', async (t) => {
  const dir = await tempDir(t);
  const path = await model(dir, Array.from({ length: 60 }, (_, i) => 500 + 10 * i));
  const renamed = join(dir, 'model.dat');
  await copyFile(path, renamed);
  const asModel = cli(['info', renamed, '--json']);
  assert.equal(asModel.status, 0, asModel.stderr);
  assert.deepEqual(JSON.parse(asModel.stdout).classes, ['a', 'b']);
  for (const [cls, sample] of [['A', 'x_Run1_a'], ['A', 'x_Run2_a'], ['B', 'y_Run1_a']]) {
    await mkdir(join(dir, 'data', cls!), { recursive: true });
    await writeFile(join(dir, 'data', cls!, `${sample}.txt`), '100\t1\n200\t2\n300\t3\n');
  }
  const run = cli(['info', join(dir, 'data')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /data: folder \(two-column\), 3 spectra/);
  assert.match(run.stdout, /axis: +3 points, 100 \.\. 300 cm-1/);
  assert.match(run.stdout, /classes: +A, B \(2\)/);
  assert.match(run.stdout, /groups: +x, y \(2\)/);
});
