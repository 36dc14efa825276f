import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import { testModel } from '@spectracam/test/support/testModel';
import { fileSha256, runExplainShardJob, type ModelCache } from '../explainShardJob.js';
import type { ExplainJobData } from '../queueJobs.js';
import { writeShard } from '../shardFiles.js';

const p = 40;
const axis = Float64Array.from({ length: p }, (_, i) => 400 + 5 * i);
const settings = { class: 'predicted', top: 0.1, alignment: 'receptive-field', method: 'cam', full: false, bands: 'none' } as const;

/** What runExplainShardJob uses of a BullMQ job: its data and updateProgress. */
const job = (data: ExplainJobData) => ({ data, updateProgress: async () => {} }) as unknown as Job<ExplainJobData>;

async function setUp(t: import('node:test').TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-shard-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const model = join(dir, 'model.onnx');
  await writeFile(model, (await testModel({ p, axis: [...axis], classes: ['a', 'b'], seed: 3, spec: { kernels: [5, 3, 3], strides: [2, 1, 1], padding: 'same' } })).bytes);
  const input = join(dir, 's00000');
  const spectra = [0, 1, 2].map((k) => Float32Array.from(axis, (x) => 1 + Math.exp(-(((x - 450 - 20 * k) / 8) ** 2))));
  await writeShard(input, { source: 'x.csv', ids: ['a0', 'a1', 'a2'], labels: ['', '', ''], axis, unit: 'cm-1', points: p, spectra });
  const data: ExplainJobData = { shard: 0, model, modelSha: await fileSha256(model), input, part: join(dir, 'part-00000.jsonl'), settings };
  return { dir, data };
}

test('explain shard job: writes one JSON line per spectrum and removes the shard input', async (t) => {
  const { data } = await setUp(t);
  const models: ModelCache = new Map();
  const result = await runExplainShardJob(job(data), models);
  assert.equal(result.spectra, 3);
  const lines = (await readFile(data.part, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string });
  assert.deepEqual(lines.map((l) => l.id), ['a0', 'a1', 'a2']);
  await assert.rejects(readFile(`${data.input}.f32`), /ENOENT/);
  // Retried after its worker died between the part and the report: done, nothing read again.
  const again = await runExplainShardJob(job({ ...data, model: '/nonexistent.onnx' }), new Map());
  assert.equal(again.spectra, 3);
  for (const m of models.values()) await (await m).model.dispose();
});

test('explain shard job: another model file, or a truncated shard, fails for good naming what differs', async (t) => {
  const { data } = await setUp(t);
  const models: ModelCache = new Map();
  await assert.rejects(runExplainShardJob(job({ ...data, modelSha: '0'.repeat(64) }), models), (e: Error) => e instanceof UnrecoverableError && /is another file \(sha256 [0-9a-f]{12}\) than the coordinator's \(000000000000\)/.test(e.message));
  const bytes = await readFile(`${data.input}.f32`);
  await writeFile(`${data.input}.f32`, bytes.subarray(0, bytes.length - 4));
  await assert.rejects(runExplainShardJob(job(data), models), (e: Error) => e instanceof UnrecoverableError && /s00000\.f32: 476 bytes, expected 480 \(3 spectra x 40 float32\)/.test(e.message));
  for (const m of models.values()) await (await m).model.dispose();
});
