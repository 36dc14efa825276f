import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '@spectracam/data';
import { noveltyThreshold } from '@spectracam/exporter';
import { METADATA_KEYS, type NoveltyMeta } from '@spectracam/format';
import { decodeModel, onnx } from '@spectracam/format/onnx';
import { loadModel } from '@spectracam/runtime';
import { testModel } from '@spectracam/test/support/testModel';

const bin = fileURLToPath(new URL('../../../bin/spectracam.js', import.meta.url));
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const p = 120;
const axis = Array.from({ length: p }, (_, i) => 400 + 2 * i);
const noise = seededRandom(23);
// 30 reference spectra: one band at one of six places, with detector noise.
const reference = Array.from({ length: 30 }, (_, k) => axis.map((x) => 1 + Math.exp(-(((x - (450 + 25 * (k % 6))) / 6) ** 2)) + 0.05 * (noise() - 0.5)));
const csv = (rows: number[][], ids = rows.map((_, k) => `r${k}`)) => [['id', ...axis].join(','), ...rows.map((s, k) => [ids[k], ...s].join(','))].join('\n');

async function setUp(t: import('node:test').TestContext, noNovelty = false) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-calibrate-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const { bytes } = await testModel({ p, axis, classes: ['a', 'b', 'c'], seed: 5, noNovelty });
  const model = join(dir, 'model.onnx');
  await writeFile(model, bytes);
  const data = join(dir, 'reference.csv');
  await writeFile(data, csv(reference));
  return { dir, model, data, bytes };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const noveltyOf = (bytes: Uint8Array) => JSON.parse(decodeModel(bytes, 'm').metadata.get(METADATA_KEYS.novelty)!) as NoveltyMeta;

test('cli calibrate: the threshold becomes the quantile of the reference spectra\'s scores by the export\'s rule; the graph, the other metadata and the model read are untouched', async (t) => {
  const { dir, model, data, bytes } = await setUp(t);
  const out = join(dir, 'calibrated.onnx');
  const run = cli(['calibrate', model, data, '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /unknown: +novelty > [\d.e+]+, the 99 % quantile of 30 reference spectra \(gamma: fewer than 100 for an empirical one\)/);

  const runtime = await loadModel(bytes);
  const scores = (await runtime.predict(reference)).map((r) => r.novelty!);
  await runtime.dispose();
  const expected = noveltyThreshold(scores, 0.99);
  const written = new Uint8Array(await readFile(out));
  const before = noveltyOf(bytes);
  const after = noveltyOf(written);
  assert.ok(Math.abs(after.threshold - expected.threshold) <= 1e-9 * expected.threshold, `${after.threshold} vs ${expected.threshold}`);
  assert.notEqual(after.threshold, before.threshold);
  assert.equal(after.thresholdFrom.part, 'reference');
  assert.equal(after.thresholdFrom.spectra, 30);
  assert.equal(after.thresholdFrom.method, 'gamma');
  assert.deepEqual(after.thresholdFrom.gamma, expected.gamma);
  assert.deepEqual(after.thresholdFrom.reference!.replaced, { threshold: before.threshold, quantile: 0.99, part: 'validation', spectra: before.thresholdFrom.spectra });
  assert.equal(after.thresholdFrom.reference!.source, data);
  assert.match(after.thresholdFrom.reference!.sha256, /^[0-9a-f]{64}$/);
  const hash = createHash('sha256');
  for (const s of reference) hash.update(new Uint8Array(Float32Array.from(s).buffer));
  assert.equal(after.thresholdFrom.reference!.sha256, hash.digest('hex'), 'the SHA-256 of the spectra as read, float32 values in order');
  assert.equal(after.flagged.reference, scores.filter((s) => s > after.threshold).length / scores.length);
  assert.deepEqual([after.flagged.train, after.flagged.validation, after.flagged.test], [null, null, null]);
  assert.equal(after.residual?.scale.residual, before.residual?.scale.residual, 'the score itself is unchanged');

  assert.ok(same(await readFile(model), bytes), 'the model read is left as it was');
  const graphBytes = (b: Uint8Array) => onnx.GraphProto.encode(decodeModel(b, 'm').proto.graph!).finish();
  assert.ok(same(graphBytes(written), graphBytes(bytes)), 'the graph and its weights are the same bytes');
  const props = (b: Uint8Array) => new Map([...decodeModel(b, 'm').metadata].filter(([k]) => k !== METADATA_KEYS.novelty));
  assert.deepEqual(props(written), props(bytes), 'every other metadata entry is as written');
  const doc = decodeModel(written, 'm').proto.docString!;
  assert.match(doc, /quantile on 30 reference spectra/);
  assert.doesNotMatch(doc, /validation spectra, metadata 'spectracam.novelty'/, 'the old threshold sentence is replaced, not kept beside the new one');

  // The runtime flags by the new threshold; info and predict say where it comes from.
  const calibrated = await loadModel(written);
  for (const r of await calibrated.predict(reference)) assert.equal(r.unknown, r.novelty! > after.threshold);
  await calibrated.dispose();
  const info = cli(['info', out]);
  assert.equal(info.status, 0, info.stderr);
  assert.match(info.stdout, /threshold: the 99 % quantile of 30 reference spectra .*calibrated \d{4}-\d\d-\d\dT.*replacing [\d.e+]+ \(the 99 % quantile of 12 validation spectra\)/);
  // --quantile: an empirical quantile needs 1 / (1 - q) spectra; 30 reach q = 0.95.
  const strict = cli(['calibrate', model, data, '--out', join(dir, 'q95.onnx'), '--quantile', '0.95', '--json']);
  assert.equal(strict.status, 0, strict.stderr);
  const q95 = JSON.parse(strict.stdout) as { novelty: NoveltyMeta };
  assert.equal(q95.novelty.thresholdFrom.method, 'empirical');
  assert.equal(q95.novelty.threshold, noveltyThreshold(scores, 0.95).threshold);

  // A reference spectrum the file already calls unknown (forty times as bright, with a band no class has) is named, since it raises the threshold.
  const oddData = join(dir, 'odd.csv');
  const odd = axis.map((x, j) => 40 * reference[0]![j]! + 30 * Math.exp(-(((x - 600) / 4) ** 2)));
  await writeFile(oddData, csv([...reference, odd], [...reference.map((_, k) => `r${k}`), 'odd-one']));
  const warned = cli(['calibrate', model, oddData, '--out', join(dir, 'odd.onnx')]);
  assert.equal(warned.status, 0, warned.stderr);
  const flaggedBefore = scores.filter((v) => v > before.threshold).length;
  assert.match(warned.stderr, new RegExp(`warning: the model's own threshold called ${flaggedBefore + 1} of these reference spectra unknown \\(highest scores: odd-one [\\d.e+]+[,)]`), 'the outlier is named first');
  assert.ok(noveltyOf(new Uint8Array(await readFile(join(dir, 'odd.onnx')))).threshold > after.threshold, 'and it raised the threshold');
});

test('cli calibrate: refuses to write over the model it reads, a constant reference spectrum (named), and a model without the score; nothing is written', async (t) => {
  const { dir, model, data, bytes } = await setUp(t);
  const over = cli(['calibrate', model, data, '--out', model]);
  assert.notEqual(over.status, 0);
  assert.match(over.stderr, /would replace an input of this command/);
  assert.ok(same(await readFile(model), bytes));

  const flat = join(dir, 'flat.csv');
  await writeFile(flat, csv([...reference.slice(0, 5), axis.map(() => 3)], ['r0', 'r1', 'r2', 'r3', 'r4', 'dark-line']));
  const out = join(dir, 'out.onnx');
  const constant = cli(['calibrate', model, flat, '--out', out]);
  assert.notEqual(constant.status, 0);
  assert.match(constant.stderr, /dark-line: a constant spectrum \(no shape\) is not an in-distribution reference/);
  assert.equal(existsSync(out), false);

  const bare = await setUp(t, true);
  const none = cli(['calibrate', bare.model, bare.data, '--out', out]);
  assert.notEqual(none.status, 0);
  assert.match(none.stderr, /has no unknown-sample score/);
  assert.equal(existsSync(out), false);
});
