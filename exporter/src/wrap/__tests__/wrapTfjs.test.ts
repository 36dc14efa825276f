import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import { camBasis, coarseMaps, fullMap } from '@spectracam/cam';
import { parseMetadata } from '@spectracam/format';
import { decodeModel } from '@spectracam/format/onnx';
import { applyPreprocessing } from '@spectracam/trainer';
import { maxAbsDiff, ortRun } from '../../__tests__/support/ortRun.js';
import { exportTfjsModel } from '../wrapFiles.js';
import { FamilyError } from '../foreignNetwork.js';

const fixtures = fileURLToPath(new URL('./fixtures/tfjs/', import.meta.url));
const fixture = JSON.parse(await readFile(join(fixtures, 'spectra.json'), 'utf8')) as { axis: number[]; classes: string[]; spectra: number[][] };
const spectra = fixture.spectra.map((s) => Float32Array.from(s));
const { classes, axis } = fixture;
const p = axis.length;

/** Model files as TensorFlow.js reads them (model.json and its one weights file). */
async function artifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const weights = new Uint8Array(await readFile(join(dir, json.weightsManifest[0].paths[0])));
  return { ...json, weightSpecs: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights), weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) };
}

/** The layers model's own outputs on the SNV spectra: probabilities [n, C] and the last conv maps channels-first [n, K, N]. */
async function layersOutputs() {
  await tf.setBackend('cpu');
  const model = await tfl.loadLayersModel({ load: async () => artifacts(join(fixtures, 'layers')) });
  const x = tf.tensor3d(Float32Array.from(applyPreprocessing({ kind: 'snv' }, spectra).flatMap((s) => Array.from(s))), [spectra.length, p, 1]);
  const maps = tfl.model({ inputs: model.inputs, outputs: model.getLayer('conv1d_2').output as tfl.SymbolicTensor });
  const probabilities = (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
  const conv3 = tf.transpose(maps.predict(x) as tf.Tensor, [0, 2, 1]).dataSync() as Float32Array;
  const [kernel] = model.getLayer('dense').getWeights();
  const [k, c] = kernel!.shape as [number, number];
  const values = kernel!.dataSync();
  const weight = Float32Array.from({ length: c * k }, (_, i) => values[(i % k) * c + Math.floor(i / k)]!);
  model.dispose();
  x.dispose();
  return { probabilities, conv3, weight, k };
}

async function exported(kind: 'layers' | 'graph', dir: string, options: { cam?: boolean } = {}) {
  const out = join(dir, `${kind}.onnx`);
  const result = await exportTfjsModel(join(fixtures, kind, 'model.json'), { classes, axis, preprocessing: { kind: 'snv' }, out, ...options });
  return { result, bytes: new Uint8Array(await readFile(out)) };
}

for (const kind of ['layers', 'graph'] as const) {
  test(`export --from-tfjs (${kind} model): probabilities, conv3 and CAM equal the TensorFlow.js layers model's within 1e-5`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'spectracam-tfjs-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const { result, bytes } = await exported(kind, dir, { cam: true });
    const want = await layersOutputs();
    const out = await ortRun(bytes, spectra);
    assert.ok(maxAbsDiff(out.probabilities!, want.probabilities) < 1e-5, `probabilities ${maxAbsDiff(out.probabilities!, want.probabilities)}`);
    const meta = parseMetadata(decodeModel(bytes, kind).metadata, kind);
    const g3 = meta.geometry.layers.find((l) => l.name === 'conv3')!;
    const n3 = g3.outputLength;
    const range = Math.max(...want.conv3) - Math.min(...want.conv3);
    assert.ok(maxAbsDiff(out.conv3!, want.conv3) < 1e-5 * range, 'conv3');
    assert.equal(meta.origin?.format, kind === 'layers' ? 'tfjs-layers' : 'tfjs-graph');
    assert.equal(result.foldedBatchNorms.length, kind === 'layers' ? 1 : 0, 'the layers model names its BatchNormalization; the graph has it as Mul/AddV2 by constants');
    const basis = camBasis(g3.centres, p, 'receptive-field');
    for (let s = 0; s < spectra.length; s++) {
      const coarse = coarseMaps(want.conv3.subarray(s * want.k * n3, (s + 1) * want.k * n3), want.weight, n3);
      for (let c = 0; c < classes.length; c++) {
        const map = fullMap(coarse.subarray(c * n3, (c + 1) * n3), basis, n3, p);
        const span = Math.max(...map) - Math.min(...map);
        const got = out.cam!.subarray((s * classes.length + c) * p, (s * classes.length + c + 1) * p);
        assert.ok(maxAbsDiff(got, map) <= 1e-5 * span, `spectrum ${s} class ${c}`);
      }
    }
  });
}

test('tfjs fixtures: tfjs-converter runs the graph model to the layers model\'s probabilities (the two are one network)', async () => {
  await tf.setBackend('cpu');
  const graph = await loadGraphModel({ load: async () => artifacts(join(fixtures, 'graph')) });
  const x = tf.tensor3d(Float32Array.from(applyPreprocessing({ kind: 'snv' }, spectra).flatMap((s) => Array.from(s))), [spectra.length, p, 1]);
  const got = (graph.predict(x) as tf.Tensor).dataSync();
  const want = await layersOutputs();
  assert.ok(maxAbsDiff(got, want.probabilities) < 1e-5);
  graph.dispose();
  x.dispose();
});

async function savedLayers(dir: string, layers: tfl.layers.Layer[]): Promise<string> {
  const model = tfl.sequential({ layers });
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      await writeFile(join(dir, 'model.json'), JSON.stringify({ format: 'layers-model', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }] }));
      await writeFile(join(dir, 'w.bin'), new Uint8Array(a.weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return join(dir, 'model.json');
}

test('export --from-tfjs: a MaxPooling1D after the last conv and a second Dense layer are refused, naming the layer', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-tfjs-refused-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const conv = () => tfl.layers.conv1d({ inputShape: [40, 1], filters: 4, kernelSize: 3, activation: 'relu' });
  const pooled = await savedLayers(join(dir, 'pool'), [conv(), tfl.layers.maxPooling1d({ name: 'pool_after_conv', poolSize: 2 }), tfl.layers.globalAveragePooling1d({}), tfl.layers.dense({ units: 2, activation: 'softmax' })]);
  const twoDense = await savedLayers(join(dir, 'dense'), [conv(), tfl.layers.globalAveragePooling1d({}), tfl.layers.dense({ name: 'hidden', units: 5, activation: 'relu' }), tfl.layers.dense({ name: 'second_dense', units: 2, activation: 'softmax' })]);
  const options = { classes: ['a', 'b'], axis: Array.from({ length: 40 }, (_, i) => i), out: join(dir, 'x.onnx') };
  await assert.rejects(exportTfjsModel(pooled, options), (e: unknown) => e instanceof FamilyError && /'pool_after_conv' \(MaxPooling1D\)/.test(e.node) && /global/i.test(e.message));
  await assert.rejects(exportTfjsModel(twoDense, options), (e: unknown) => e instanceof FamilyError && /'second_dense' \(Dense\)/.test(e.node) && /second dense layer/.test(e.message));
});

test('export --from-tfjs: a graph model with a MaxPool after the last conv is refused, naming the node', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-tfjs-graph-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const json = JSON.parse(await readFile(join(fixtures, 'graph', 'model.json'), 'utf8'));
  const nodes = json.modelTopology.node as { name: string; op: string; input?: string[]; attr?: object }[];
  const squeeze = nodes.find((n) => n.name === 'StatefulPartitionedCall/sequential/conv1d_2/Conv1D/Squeeze')!;
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const list = (xs: number[]) => ({ list: { i: xs.map(String) } });
  nodes.push({ name: 'max_pooling1d/MaxPool', op: 'MaxPool', input: [squeeze.input![0]!], attr: { T: { type: 'DT_FLOAT' }, ksize: list([1, 1, 2, 1]), strides: list([1, 1, 2, 1]), padding: { s: b64('VALID') }, data_format: { s: b64('NHWC') } } });
  squeeze.input = ['max_pooling1d/MaxPool'];
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await writeFile(join(dir, 'weights.bin'), await readFile(join(fixtures, 'graph', 'weights.bin')));
  await assert.rejects(
    exportTfjsModel(join(dir, 'model.json'), { classes, axis, out: join(dir, 'x.onnx') }),
    (e: unknown) => e instanceof FamilyError && e.node === "node 'max_pooling1d/MaxPool' (MaxPool)" && /after the last conv layer/.test(e.message),
  );
});

test('export --from-tfjs: a graph model with a second dense layer is refused, naming its MatMul', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-tfjs-graph-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const json = JSON.parse(await readFile(join(fixtures, 'graph', 'model.json'), 'utf8'));
  const nodes = json.modelTopology.node as { name: string; op: string; input?: string[]; attr?: object }[];
  const softmax = nodes.find((n) => n.op === 'Softmax')!;
  const T = { T: { type: 'DT_FLOAT' } };
  nodes.push(
    { name: 'hidden/Relu', op: 'Relu', input: [softmax.input![0]!], attr: T },
    { name: 'dense_1/MatMul/ReadVariableOp', op: 'Const', attr: { value: { tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }, { size: '2' }] } } }, dtype: { type: 'DT_FLOAT' } } },
    { name: 'dense_1/MatMul', op: 'MatMul', input: ['hidden/Relu', 'dense_1/MatMul/ReadVariableOp'], attr: { ...T, transpose_a: { b: false }, transpose_b: { b: false } } },
  );
  softmax.input = ['dense_1/MatMul'];
  json.weightsManifest[0].weights.push({ name: 'dense_1/MatMul/ReadVariableOp', shape: [2, 2], dtype: 'float32' });
  const weights = await readFile(join(fixtures, 'graph', 'weights.bin'));
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await writeFile(join(dir, 'weights.bin'), Buffer.concat([weights, Buffer.from(new Float32Array([1, 0, 0, 1]).buffer)]));
  await assert.rejects(
    exportTfjsModel(join(dir, 'model.json'), { classes, axis, out: join(dir, 'x.onnx') }),
    (e: unknown) => e instanceof FamilyError && e.node === "node 'dense_1/MatMul' (MatMul)" && /second dense layer/.test(e.message),
  );
});
