import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@spectracam/data';
import { testModel } from '@spectracam/test/support/testModel';
import { startRedis } from '@spectracam/test/support/redisServer';
import { spectracamBin, startCli } from '@spectracam/test/support/cliProcess';

const p = 120;
const axis = Array.from({ length: p }, (_, i) => 400 + 2 * i);

/** A model, `count` spectra as rows (one band each somewhere, and noise) in a fresh folder, and `explain --json` of them. */
async function setUp(t: import('node:test').TestContext, count: number, extra: string[] = []) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-queue-explain-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const model = join(dir, 'model.onnx');
  await writeFile(model, (await testModel({ p, axis, classes: ['a', 'b', 'c'], seed: 5 })).bytes);
  const random = seededRandom(7);
  const rows = Array.from({ length: count }, (_, k) => {
    const centre = 420 + random() * 200;
    return [`s${k}`, ...axis.map((x) => (1 + Math.exp(-(((x - centre) / 6) ** 2)) + 0.01 * random()).toFixed(5))].join(',');
  });
  const data = join(dir, 'spectra.csv');
  await writeFile(data, [['id', ...axis].join(','), ...rows].join('\n'));
  const local = spawnSync(process.execPath, [spectracamBin, 'explain', model, data, '--json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { dir, model, data, local };
}

async function partsText(out: string): Promise<{ names: string[]; text: string }> {
  const names = (await readdir(out)).filter((n) => n.startsWith('part-')).sort();
  return { names, text: (await Promise.all(names.map((n) => readFile(join(out, n), 'utf8')))).join('') };
}

test('explain --queue: workers write one JSON-lines part per shard, equal to explain --json; a rerun redoes only missing parts', async (t) => {
  const redis = await startRedis(t);
  if (!redis) return;
  const { dir, model, data, local } = await setUp(t, 250, ['--full']);
  const out = join(dir, 'maps');
  const explain = (extra: string[] = []) =>
    spawnSync(process.execPath, [spectracamBin, 'explain', model, data, '--full', '--queue', redis.url, '--out', out, '--shard-size', '60', ...extra], { encoding: 'utf8' });
  const parts = () => partsText(out);
  const w1 = startCli(t, ['worker', '--queue', redis.url]);
  const w2 = startCli(t, ['worker', '--queue', redis.url]);
  await Promise.all([w1.waitFor(/worker ready/), w2.waitFor(/worker ready/)]);
  const first = explain();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /explained 250 spectra in 5 shards \(5 on the queue, 0 kept from an earlier run\)/);
  const written = await parts();
  assert.deepEqual(written.names, ['part-00000.jsonl', 'part-00001.jsonl', 'part-00002.jsonl', 'part-00003.jsonl', 'part-00004.jsonl']);
  assert.equal(written.text, local.stdout, 'the parts, in order, are the lines of explain --json');
  assert.deepEqual(await readdir(join(out, 'shards')), [], 'shard inputs are removed once their part is written');

  await rm(join(out, 'part-00002.jsonl'));
  const again = explain();
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stderr, /explained 250 spectra in 5 shards \(1 on the queue, 4 kept from an earlier run\)/);
  assert.equal((await parts()).text, local.stdout);
  const log = w1.output() + w2.output();
  const runs = (shard: number) => log.match(new RegExp(`started explain \\S+-s${shard} `, 'g'))?.length ?? 0;
  assert.deepEqual([0, 1, 2, 3, 4].map(runs), [1, 1, 2, 1, 1], 'only the missing part was explained again');

  const other = explain(['--top', '0.2']);
  assert.equal(other.status, 1);
  assert.match(other.stderr, /holds the parts of another explain \(other settings\); use another --out/);
});

test('explain --queue: a worker killed mid-shard has its shard explained by another, and the parts equal explain --json', async (t) => {
  const redis = await startRedis(t);
  if (!redis) return;
  const { dir, model, data, local } = await setUp(t, 30_000);
  assert.equal(local.status, 0, local.stderr);
  const short = ['--lock-duration', '3000', '--stalled-interval', '1000'];
  const w1 = startCli(t, ['worker', '--queue', redis.url, ...short]);
  await w1.waitFor(/worker ready/);
  const out = join(dir, 'maps');
  const coordinator = startCli(t, ['explain', model, data, '--queue', redis.url, '--out', out, '--shard-size', '10000']);
  const [, victim] = await w1.waitFor(/started explain (\S+) /);
  w1.child.kill('SIGKILL');
  assert.equal(await w1.exited, 137);
  const w2 = startCli(t, ['worker', '--queue', redis.url, ...short]);
  assert.equal(await coordinator.exited, 0, coordinator.output());
  assert.match(coordinator.output(), /explained 30000 spectra in 3 shards \(3 on the queue, 0 kept from an earlier run\)/);
  assert.doesNotMatch(w1.output(), new RegExp(`completed explain ${victim}`));
  assert.match(w2.output(), new RegExp(`completed explain ${victim}`), 'the dead worker\'s shard was taken over');
  assert.equal((await partsText(out)).text, local.stdout);
});

test('explain --queue: a shard whose worker sees another model file fails once, with the reason in the coordinator\'s output', async (t) => {
  const redis = await startRedis(t);
  if (!redis) return;
  const { dir, model, data } = await setUp(t, 250);
  const coordinator = startCli(t, ['explain', model, data, '--queue', redis.url, '--out', join(dir, 'maps'), '--shard-size', '100']);
  await coordinator.waitFor(/3 shards, 3 queued; waiting for workers/);
  // The model at the path is not the one the coordinator hashed: storage that is not shared.
  await writeFile(model, (await testModel({ p, axis, classes: ['a', 'b', 'c'], seed: 6 })).bytes);
  const worker = startCli(t, ['worker', '--queue', redis.url]);
  assert.equal(await coordinator.exited, 1);
  assert.match(coordinator.output(), /shard \d \(job \S+\) failed after 1 attempt: shard \d: \S+model\.onnx on \S+ is another file \(sha256 [0-9a-f]{12}\) than the coordinator's \([0-9a-f]{12}\)/);
  await worker.waitFor(/failed explain \S+-s2/);
  for (const shard of [0, 1, 2]) assert.equal(worker.output().match(new RegExp(`started explain \\S+-s${shard} `, 'g'))?.length, 1, `shard ${shard} tried once`);
});
