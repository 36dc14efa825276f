import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  minMaxScaled,
  torchExpected,
  torchFixtureDir,
  torchModelPath,
  torchPreprocessArgument,
  torchSpectra,
  torchVariants,
} from '@spectracam/test/support/torchFixtures';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const tfjsDir = fileURLToPath(new URL('../../../../exporter/src/wrap/__tests__/fixtures/tfjs/', import.meta.url));

const { classes, variants, refused } = torchVariants();
const fixture = torchSpectra();

async function setUp(t: import('node:test').TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-cli-wrap-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data = join(dir, 'spectra.csv');
  await writeFile(data, [['id', 'label', ...fixture.axis].join(','), ...fixture.spectra.map((s, k) => [`s${k}`, fixture.labels[k], ...s].join(','))].join('\n'));
  return { dir, data };
}

const axisArgument = (spec: string) => (spec.endsWith('.txt') ? join(torchFixtureDir, spec) : spec);

for (const v of variants.filter((x) => x.name === 'conv2d-bn' || x.name === 'conv1d')) {
  test(`cli wrap (${v.name}: ${v.preprocess}, axis ${v.axis.endsWith('.txt') ? 'from a file' : 'start:stop:count'}): explain --json gives PyTorch's probabilities and CAMs (scaled) within 1e-5`, async (t) => {
    const { dir, data } = await setUp(t);
    const out = join(dir, 'wrapped.onnx');
    const wrap = cli(['wrap', torchModelPath(v.name), '--classes', classes.join(','), '--axis', axisArgument(v.axis), '--preprocess', torchPreprocessArgument(v), '--out', out]);
    assert.equal(wrap.status, 0, wrap.stderr);
    assert.match(wrap.stdout, /wrote .*wrapped\.onnx/);
    assert.match(wrap.stdout, /layers: +\/features\/features\.0\/Conv -> /);
    const run = cli(['explain', out, data, '--json', '--class', 'all', '--full']);
    assert.equal(run.status, 0, run.stderr);
    const expected = torchExpected(v.name);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { probabilities: Record<string, number>; explanations: { class: string; map: number[] }[] });
    assert.equal(lines.length, fixture.spectra.length);
    lines.forEach((line, s) => {
      classes.forEach((c, ci) => {
        assert.ok(Math.abs(line.probabilities[c]! - expected.probabilities[s]![ci]!) < 1e-5, `spectrum ${s} ${c}: ${line.probabilities[c]} vs ${expected.probabilities[s]![ci]}`);
        const map = line.explanations.find((e) => e.class === c)!.map;
        const want = minMaxScaled(expected.cam[s]![ci]!);
        const worst = Math.max(...map.map((m, j) => Math.abs(m - want[j]!)));
        assert.ok(worst < 1e-5, `spectrum ${s} ${c}: scaled CAM off by ${worst}`);
      });
    });
  });
}

test('cli wrap: info tells where the network came from; audit runs on the wrapped file', async (t) => {
  const { dir, data } = await setUp(t);
  const v = variants.find((x) => x.name === 'conv1d-bn')!;
  const out = join(dir, 'wrapped.onnx');
  const wrap = cli(['wrap', torchModelPath(v.name), '--classes', classes.join(','), '--axis', v.axis, '--preprocess', torchPreprocessArgument(v), '--attributions', 'gradient-x-input', '--out', out]);
  assert.equal(wrap.status, 0, wrap.stderr);
  const info = cli(['info', out, '--json']);
  assert.equal(info.status, 0, info.stderr);
  const json = JSON.parse(info.stdout);
  assert.equal(json.training, null);
  assert.equal(json.origin.format, 'onnx');
  assert.equal(json.origin.producer, 'pytorch 1.13.0');
  assert.equal(json.origin.foldedBatchNorms.length, 3);
  assert.match(cli(['info', out]).stdout, /wrapped from onnx conv1d-bn\.onnx/);
  const audit = cli(['audit', out, data, '--regions', '615-665', '--methods', 'cam,gradient-x-input', '--out', join(dir, 'audit')]);
  assert.equal(audit.status, 0, audit.stderr);
  const report = JSON.parse(await readFile(join(dir, 'audit', 'audit.json'), 'utf8'));
  assert.equal(report.data.explained, fixture.spectra.length);
});

test('cli wrap: a model outside the family exits non-zero naming the node, and writes nothing', async (t) => {
  const { dir } = await setUp(t);
  for (const [name, node] of Object.entries(refused)) {
    const out = join(dir, `${name}.onnx`);
    const run = cli(['wrap', torchModelPath(name), '--classes', classes.join(','), '--axis', join(torchFixtureDir, 'axis.txt'), '--out', out]);
    assert.notEqual(run.status, 0);
    assert.ok(run.stderr.includes(`node '${node}'`), run.stderr);
    assert.equal(existsSync(out), false);
  }
});

test('cli wrap / export --from-tfjs: options are checked before any work', async (t) => {
  const { dir } = await setUp(t);
  const out = join(dir, 'x.onnx');
  const model = torchModelPath('conv1d');
  const bad = (args: string[], pattern: RegExp) => {
    const run = cli(args);
    assert.notEqual(run.status, 0, args.join(' '));
    assert.match(run.stderr, pattern, args.join(' '));
  };
  bad(['wrap', model, '--classes', 'a,b', '--axis', '1:2', '--out', out], /--axis 1:2: neither start:stop:count nor a readable file/);
  bad(['wrap', model, '--classes', 'a,b', '--axis', '400:800:311', '--preprocess', 'minmax-global:3', '--out', out], /minmax-global:MIN,MAX/);
  bad(['wrap', model, '--classes', 'a,b', '--axis', '400:800:311', '--preprocess', 'zscore', '--out', out], /expected none, snv/);
  bad(['wrap', model, '--axis', '400:800:311', '--out', out], /classes/);
  bad(['export', '--out', out], /a run directory or --from-tfjs/);
  bad(['export', '--from-tfjs', join(tfjsDir, 'layers', 'model.json'), '--out', out], /needs --classes and --axis/);
  assert.equal(existsSync(out), false);
});

test('cli export --from-tfjs: a TensorFlow.js layers model (Keras) becomes a file predict reads', async (t) => {
  const { dir } = await setUp(t);
  const tfjs = JSON.parse(await readFile(join(tfjsDir, 'spectra.json'), 'utf8')) as { axis: number[]; classes: string[]; spectra: number[][] };
  const axisFile = join(dir, 'axis.txt');
  await writeFile(axisFile, `${tfjs.axis.join('\n')}\n`);
  const data = join(dir, 'keras.csv');
  await writeFile(data, [['id', ...tfjs.axis].join(','), ...tfjs.spectra.map((s, k) => [`k${k}`, ...s].join(','))].join('\n'));
  const out = join(dir, 'keras.onnx');
  const run = cli(['export', '--from-tfjs', join(tfjsDir, 'layers', 'model.json'), '--classes', tfjs.classes.join(','), '--axis', axisFile, '--preprocess', 'snv', '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /folded: +batch normalisation batch_normalization/);
  const predict = cli(['predict', out, data]);
  assert.equal(predict.status, 0, predict.stderr);
  assert.equal(predict.stdout.trim().split('\n').filter((l) => /^k\d/.test(l)).length, tfjs.spectra.length);
});
