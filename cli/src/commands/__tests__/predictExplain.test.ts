import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '@spectracam/test/support/testModel';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const p = 120;
const axis = Array.from({ length: p }, (_, i) => 400 + 2 * i);
// Six spectra with one band each at different places, rows with a numeric header (the axis), no labels.
const spectra = Array.from({ length: 6 }, (_, k) => axis.map((x) => 1 + Math.exp(-(((x - (450 + 25 * k)) / 6) ** 2))));

async function setUp(t: import('node:test').TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { bytes } = await testModel({ p, axis, classes: ['a', 'b', 'c'], seed: 5 });
  const model = join(dir, 'model.onnx');
  await writeFile(model, bytes);
  const data = join(dir, 'spectra.csv');
  await writeFile(data, [['id', ...axis].join(','), ...spectra.map((s, k) => [`s${k}`, ...s].join(','))].join('\n'));
  return { dir, model, data, bytes };
}

test('cli explain --json: one object per spectrum with the runtime\'s class, probabilities and regions; --plot writes an SVG', async (t) => {
  const { dir, model, data, bytes } = await setUp(t);
  const plot = join(dir, 'one.svg');
  const run = cli(['explain', model, data, '--json', '--full', '--plot', plot, '--plot-index', '2']);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, spectra.length);
  const runtime = await loadModel(bytes);
  const expected = await runtime.explain(spectra, { full: true });
  await runtime.dispose();
  lines.forEach((line, k) => {
    assert.equal(line.id, `s${k}`);
    assert.equal(line.predicted, expected[k]!.predicted);
    assert.deepEqual(Object.keys(line.probabilities).sort(), ['a', 'b', 'c']);
    assert.ok(Math.abs(line.probabilities[line.predicted] - expected[k]!.probabilities[line.predicted]!) < 1e-6);
    assert.ok(Math.abs(line.novelty - expected[k]!.novelty!) <= 1e-5 * Math.max(1, expected[k]!.novelty!), `novelty ${line.novelty} vs ${expected[k]!.novelty}`);
    assert.equal(line.unknown, expected[k]!.unknown);
    const [first] = line.explanations;
    assert.equal(first.class, line.predicted, 'the predicted class is explained by default');
    assert.ok(first.regions.length > 0, `spectrum ${k} has top regions`);
    assert.equal(first.map.length, p, '--full gives the scaled map on the model axis');
    assert.ok(Math.max(...first.map.map((v: number, i: number) => Math.abs(v - expected[k]!.maps[0]!.map![i]!))) < 1e-5);
  });
  const svg = await readFile(plot, 'utf8');
  assert.match(svg, /^<svg|<\?xml/);
  assert.match(svg, /s2/, 'the plot names the spectrum it draws');
});

test('cli predict: a line per spectrum; a missing data file is named in the error', async (t) => {
  const { dir, model, data } = await setUp(t);
  const run = cli(['predict', model, data]);
  assert.equal(run.status, 0, run.stderr);
  for (let k = 0; k < spectra.length; k++) assert.match(run.stdout, new RegExp(`^s${k}\\t[abc]\\t[\\d.]+\\tnovelty [\\d.e+]+(\\tunknown)?$`, 'm'));
  const unknown = run.stdout.split('\n').filter((l) => l.endsWith('\tunknown')).length;
  if (unknown > 0) assert.match(run.stderr, new RegExp(`${unknown} of ${spectra.length} spectra are unknown`));
  // info shows the threshold and where it comes from.
  const info = cli(['info', model]);
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /unknown if: +novelty > [\d.e+]+ \(the larger of the scaled squared Mahalanobis distance of the 64 GAP features.*and the scaled Q residual of the spectrum off the \d+ principal components/);
  assert.match(info.stdout, /threshold: the 99 % quantile of 12 validation spectra/);
  assert.equal(JSON.parse(cli(['info', model, '--json']).stdout).novelty.thresholdFrom.spectra, 12);
  const missing = join(dir, 'nope.csv');
  const bad = cli(['predict', model, missing]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /nope\.csv/);
  // Spectra that do not cover the model's axis (400-638): named by their id, with both ranges.
  const short = join(dir, 'short.csv');
  await writeFile(short, ['id,500,510,520', 'first,1,2,3', 'second,4,5,6'].join('\n'));
  for (const command of ['predict', 'explain']) {
    const uncovered = cli([command, model, short]);
    assert.notEqual(uncovered.status, 0);
    assert.match(uncovered.stderr, /spectrum 0 \(first\) cannot be resampled onto the model's axis: it covers 500\.\.520, the model's axis 400\.\.638/);
  }
});

test('cli predict and explain --extend-ends: spectra 4 cm-1 short of each end are refused with the gap named, and classified as with their end values held when the option allows it', async (t) => {
  const { dir, model } = await setUp(t);
  // Another instrument's range: 404..634 of the model's 400..638.
  const inner = axis.slice(2, p - 2);
  const short = join(dir, 'short.csv');
  await writeFile(short, [['id', ...inner].join(','), ...spectra.map((s, k) => [`s${k}`, ...s.slice(2, p - 2)].join(','))].join('\n'));
  const held = join(dir, 'held.csv');
  const hold = (s: number[]) => s.map((v, j) => (j < 2 ? s[2]! : j >= p - 2 ? s[p - 3]! : v));
  await writeFile(held, [['id', ...axis].join(','), ...spectra.map((s, k) => [`s${k}`, ...hold(s)].join(','))].join('\n'));
  const refused = cli(['predict', model, short]);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /\(4 missing below, 4 above\); expected spectra that cover the whole model axis, or extendEnds \(--extend-ends\) of at least 4/);
  assert.match(cli(['predict', model, short, '--extend-ends', '3']).stderr, /4 missing below/, 'less than the gap is still refused');
  assert.match(cli(['predict', model, short, '--extend-ends', '-1']).stderr, /--extend-ends must be a number >= 0/);
  for (const command of ['predict', 'explain']) {
    const extended = cli([command, model, short, '--extend-ends', '4', '--json']);
    assert.equal(extended.status, 0, extended.stderr);
    const direct = cli([command, model, held, '--json']);
    assert.equal(extended.stdout, direct.stdout, `${command}: the same answers as the spectra with their end values held`);
  }
  const plot = join(dir, 'extended.svg');
  assert.equal(cli(['explain', model, short, '--extend-ends', '4', '--plot', plot]).status, 0);
  assert.match(await readFile(plot, 'utf8'), /^<svg/);
});

test('cli predict and explain: a file exported before the unknown-sample score works, prints no score and says so once', async (t) => {
  const { dir, data } = await setUp(t);
  const old = join(dir, 'old.onnx');
  await writeFile(old, (await testModel({ p, axis, classes: ['a', 'b', 'c'], seed: 5, noNovelty: true })).bytes);
  for (const command of ['predict', 'explain']) {
    const run = cli([command, old, data]);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /novelty|unknown/);
    assert.equal(run.stderr.match(/has no unknown-sample score/g)?.length, 1, run.stderr);
    const json = cli([command, old, data, '--json']).stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(json.every((line) => !('novelty' in line) && !('unknown' in line)));
  }
  assert.match(cli(['info', old]).stdout, /no unknown-sample score in this file/);
});
