import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METADATA_KEYS, parseMetadata } from '@spectracam/format';
import { decodeModel } from '@spectracam/format/onnx';
import { skipWithoutPython, PYTHON } from '@spectracam/test/support/python';
import { torchAxis, torchExpected, torchModelPath, torchPreprocessing, torchSpectra, torchVariants } from '@spectracam/test/support/torchFixtures';
import { ortRun, maxAbsDiff } from '../../__tests__/support/ortRun.js';
import { wrapOnnxModel } from '../wrapFiles.js';
import { FamilyError } from '../foreignNetwork.js';

const { classes, variants, refused } = torchVariants();
const { spectra: raw } = torchSpectra();
const spectra = raw.map((s) => Float32Array.from(s));
const checkScript = fileURLToPath(new URL('../../../scripts/check_onnx.py', import.meta.url));

async function wrapped(name: string, extra: Parameters<typeof wrapOnnxModel>[2] extends infer O ? Partial<O> : never = {}) {
  const v = variants.find((x) => x.name === name)!;
  const bytes = new Uint8Array(await readFile(torchModelPath(name)));
  return wrapOnnxModel(bytes, torchModelPath(name), { classes, axis: torchAxis(v.axis), preprocessing: torchPreprocessing(v), ...extra });
}

/** Largest difference between two maps, as a share of the reference map's range. */
function relativeToRange(got: ArrayLike<number>, want: number[]): number {
  const range = Math.max(...want) - Math.min(...want);
  assert.ok(range > 0, 'flat reference map');
  return maxAbsDiff(got, want) / range;
}

for (const v of variants) {
  test(`wrap (PyTorch ${v.twoD ? '2-D one-row' : '1-D'}${v.batchNorm ? ' + BatchNorm' : ''}, opset ${v.opset}, ${v.head}, ${v.preprocess}): probabilities, logits, conv3 and CAM equal PyTorch's within 1e-5`, async () => {
    const built = await wrapped(v.name, { cam: true });
    const expected = torchExpected(v.name);
    const out = await ortRun(built.bytes, spectra);
    assert.ok(maxAbsDiff(out.probabilities!, expected.probabilities.flat()) < 1e-5, `probabilities: ${maxAbsDiff(out.probabilities!, expected.probabilities.flat())}`);
    assert.ok(maxAbsDiff(out.logits!, expected.logits.flat()) < 1e-4, `logits: ${maxAbsDiff(out.logits!, expected.logits.flat())}`);
    const k = expected.features[0]!.length;
    const n3 = expected.centres.length;
    // float32 sums in another order: within 1e-5 of the maps' range.
    assert.ok(relativeToRange(out.conv3!.subarray(0, k * n3), expected.features[0]!.flat()) < 1e-5, 'conv3 of the first spectrum');
    // The file's geometry is the one PyTorch's layers give (computed independently in the script).
    const meta = parseMetadata(decodeModel(built.bytes, v.name).metadata, v.name);
    assert.deepEqual(meta.geometry.layers.find((l) => l.name === 'conv3')!.centres, expected.centres);
    assert.equal(meta.training, undefined);
    assert.equal(meta.origin?.format, 'onnx');
    assert.equal(meta.origin?.foldedBatchNorms.length, v.batchNorm ? 3 : 0);
    const p = spectra[0]!.length;
    for (let s = 0; s < spectra.length; s++) {
      for (let c = 0; c < classes.length; c++) {
        const at = (s * classes.length + c) * p;
        const worst = relativeToRange(out.cam!.subarray(at, at + p), expected.cam[s]![c]!);
        assert.ok(worst < 1e-5, `spectrum ${s} class ${classes[c]}: cam off by ${worst} of its range`);
      }
    }
  });
}

test('wrap: a MaxPool after the last conv and a second dense layer are refused, naming the node', async () => {
  for (const [name, node] of Object.entries(refused)) {
    const bytes = new Uint8Array(await readFile(torchModelPath(name)));
    assert.throws(
      () => wrapOnnxModel(bytes, `${name}.onnx`, { classes, axis: torchAxis('axis.txt') }),
      (error: unknown) => error instanceof FamilyError && error.node.includes(`'${node}'`) && error.message.includes(name === 'maxpool' ? 'global average pooling' : 'second dense layer'),
    );
  }
});

test('wrap: the class count, the axis length and a malformed axis are checked against the model', async () => {
  const bytes = new Uint8Array(await readFile(torchModelPath('conv1d')));
  const axis = torchAxis('axis.txt');
  assert.throws(() => wrapOnnxModel(bytes, 'conv1d.onnx', { classes: ['a', 'b', 'c'], axis }), /'\/fc\/Gemm' has 2 outputs, but 3 classes/);
  assert.throws(() => wrapOnnxModel(bytes, 'conv1d.onnx', { classes, axis: axis.slice(1) }), /takes 311 variables, the axis has 310/);
  assert.throws(() => wrapOnnxModel(bytes, 'conv1d.onnx', { classes, axis: [...axis.slice(0, 10), 0, ...axis.slice(11)] }), /not strictly monotonic at index 10/);
  assert.throws(() => wrapOnnxModel(bytes, 'conv1d.onnx', { classes: ['a', 'a'], axis }), /distinct/);
});

test('wrap: a model that reads a decreasing axis is mirrored; the file reads the increasing axis and gives the same classes and maps', async () => {
  const v = variants.find((x) => x.name === 'conv1d')!;
  const expected = torchExpected('conv1d');
  const axis = torchAxis(v.axis).reverse(); // the model read its variables from the high end
  const built = await wrapped('conv1d', { axis, cam: true, attributions: ['contribution'] });
  const meta = parseMetadata(decodeModel(built.bytes, 'mirrored').metadata, 'mirrored');
  assert.ok(meta.axis[0]! < meta.axis[1]!, 'the file stores the increasing axis');
  assert.equal(meta.origin?.mirrored, true);
  const reversed = spectra.map((s) => Float32Array.from(s).reverse());
  const out = await ortRun(built.bytes, reversed);
  assert.ok(maxAbsDiff(out.probabilities!, expected.probabilities.flat()) < 1e-5);
  const p = axis.length;
  for (let c = 0; c < classes.length; c++) {
    const map = Array.from(out.cam!.subarray(c * p, (c + 1) * p)).reverse();
    assert.ok(relativeToRange(map, expected.cam[0]![c]!) < 1e-5, `class ${classes[c]}`);
  }
  // The contribution map, reversed back onto the file's axis like the CAM, still sums to logit - bias.
  const bias = decodeModel(built.bytes, 'mirrored').initializers.get('classifier.bias')!.data;
  for (let k = 0; k < reversed.length * classes.length; k++) {
    const sum = out.contribution!.subarray(k * p, (k + 1) * p).reduce((a, b) => a + b, bias[k % classes.length]!);
    assert.ok(Math.abs(sum - out.logits![k]!) <= 1e-4 * Math.max(1, Math.abs(out.logits![k]!)), `contribution sums to ${sum}, logit ${out.logits![k]}`);
  }
  const peak = (row: Float32Array) => row.indexOf(Math.max(...row));
  assert.equal(peak(out.contribution!.subarray(0, p)), peak(out.cam!.subarray(0, p)), 'without a linear path the contribution peaks where the CAM does');
});

test('wrap: feature maps and every attribution run on a wrapped network', async () => {
  const built = await wrapped('conv2d-bn', { features: ['conv1', 'conv2'], attributions: ['gradient', 'gradient-x-input', 'guided-gradcam', 'contribution'] });
  const out = await ortRun(built.bytes, spectra);
  const p = spectra[0]!.length;
  for (const name of ['conv1', 'conv2', 'gradient', 'gradient_x_input', 'guided_gradcam', 'contribution']) assert.ok(out[name]!.some((x) => x !== 0), name);
  assert.equal(out.gradient!.length, spectra.length * classes.length * p);
  const meta = parseMetadata(decodeModel(built.bytes, 'x').metadata, 'x');
  assert.deepEqual(meta.outputs, ['logits', 'probabilities', 'conv3', 'conv1', 'conv2', 'gradient', 'gradient_x_input', 'guided_gradcam', 'contribution']);
});

test('wrap: the gradient attribution of the wrapped file equals PyTorch\'s autograd gradient (with respect to the preprocessed spectrum)', async () => {
  for (const v of variants) {
    const built = await wrapped(v.name, { attributions: ['gradient'] });
    const out = await ortRun(built.bytes, [spectra[0]!]);
    const want = torchExpected(v.name).gradient;
    const p = spectra[0]!.length;
    for (let c = 0; c < classes.length; c++) {
      const worst = relativeToRange(out.gradient!.subarray(c * p, (c + 1) * p), want[c]!);
      assert.ok(worst < 1e-5, `${v.name} class ${classes[c]}: off by ${worst} of the gradient's range`);
    }
  }
});

test('wrap: python onnx.checker (full check) and strict shape inference pass on every wrapped file', async (t) => {
  if (skipWithoutPython(t, ['onnx'])) return;
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-wrap-check-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const paths: string[] = [];
  for (const [i, v] of variants.entries()) {
    const options = i % 2 === 0 ? { cam: true, opset: 17 as const } : { features: ['conv1' as const], attributions: ['guided-gradcam' as const] };
    const path = join(dir, `${v.name}.onnx`);
    await writeFile(path, (await wrapped(v.name, options)).bytes);
    paths.push(path);
  }
  const run = spawnSync(PYTHON, [checkScript, ...paths], { encoding: 'utf8' });
  type Check = { error?: string; mismatches: Record<string, { declared: unknown[]; inferred: unknown[] }> };
  const results = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Check);
  assert.equal(results.length, paths.length, run.stderr);
  results.forEach((r, i) => {
    assert.equal(r.error, undefined, `${paths[i]}: ${r.error}`);
    // Inference cannot name the batch of the attributions (a Reshape to [-1, C, p]), in our own
    // exports too; every other declared output shape is the inferred one.
    for (const [name, m] of Object.entries(r.mismatches)) {
      assert.ok(['gradient', 'gradient_x_input', 'guided_gradcam'].includes(name), `${paths[i]}: ${name} ${JSON.stringify(m)}`);
      assert.deepEqual(m.inferred.slice(1), m.declared.slice(1), `${paths[i]}: ${name}`);
    }
  });
  const meta = decodeModel(new Uint8Array(await readFile(paths[0]!)), 'x').metadata;
  assert.ok(meta.has(METADATA_KEYS.origin));
});
