import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableDevices, loadModel } from '@spectracam/runtime';
import { testModel } from '../../support/testModel.js';
import { foreignOnnx } from '../../support/foreignOnnx.js';

const built = await testModel({ p: 96, classes: ['x', 'y', 'z'], seed: 3 });

test('loadModel: classes, axis, unit and geometry come from the file alone', async () => {
  const model = await loadModel(built.bytes);
  try {
    assert.deepEqual(model.classes, ['x', 'y', 'z']);
    assert.deepEqual([...model.axis], built.record.data.axis);
    assert.equal(model.unit, 'cm-1');
    assert.equal(model.geometry.inputLength, 96);
    assert.deepEqual(model.geometry.layers[2]!.centres, built.record.model.geometry.layers[2].centres);
    assert.equal(model.device, 'cpu');
  } finally {
    await model.dispose();
  }
});

test('loadModel: classifier weights read with protobufjs equal the dense kernel of the tfjs model', async () => {
  const model = await loadModel(built.bytes);
  const [kernel, bias] = built.model.getLayer('classifier').getWeights();
  const k = await kernel!.data(); // [64, C] in tfjs; the file stores [C, 64]
  const C = 3;
  for (let c = 0; c < C; c++) for (let i = 0; i < 64; i++) assert.equal(model.classifier.weight[c * 64 + i], k[i * C + c]);
  assert.deepEqual([...model.classifier.bias], [...(await bias!.data())]);
  await model.dispose();
});

test('loadModel: a path and a file: URL load the same model', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-runtime-'));
  try {
    const path = join(dir, 'm.onnx');
    await writeFile(path, built.bytes);
    for (const source of [path, pathToFileURL(path)]) {
      const model = await loadModel(source);
      assert.deepEqual(model.classes, ['x', 'y', 'z']);
      await model.dispose();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('loadModel: a foreign ONNX file is refused as not a SpectraCAM model', async () => {
  await assert.rejects(loadModel(foreignOnnx()), /not a SpectraCAM model: missing metadata spectracam\.classes/);
});

test('loadModel: corrupt bytes and missing files get errors naming the file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-runtime-'));
  try {
    const path = join(dir, 'corrupt.onnx');
    await writeFile(path, built.bytes.subarray(0, 200));
    await assert.rejects(loadModel(path), (e: Error) => e.message.includes(path) && /not a readable ONNX model/.test(e.message));
    await assert.rejects(loadModel(join(dir, 'absent.onnx')), /cannot read model .*absent\.onnx/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('loadModel: a device that is not installed gets an error listing the available ones', async (t) => {
  const devices = availableDevices();
  assert.ok(devices.includes('cpu'));
  if (devices.includes('cuda')) return t.skip('CUDA binaries are installed here');
  await assert.rejects(
    loadModel(built.bytes, { device: 'cuda' }),
    (e: Error) => /available: .*cpu/.test(e.message) && /ONNXRUNTIME_NODE_INSTALL=cuda12/.test(e.message),
  );
  await assert.rejects(loadModel(built.bytes, { device: 'wasm' }), /does not exist in Node.*available: .*cpu/);
});
