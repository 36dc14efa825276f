import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { datasetToCsv, generateSynthetic } from '@spectracam/data';
import { startRedis } from '@spectracam/test/support/redisServer';
import { spectracamBin, startCli } from '@spectracam/test/support/cliProcess';

// Tiny evaluations: 40 synthetic spectra, the base partition only, 2 repeats of 3 epochs (one preprocessing, no choice).
const EVAL = ['--partitions', '0', '--repeats', '2', '--epochs', '3', '--preprocess', 'minmax-variable', '--backend', 'wasm', '--baseline', 'none', '--no-report'];
// Short locks, so a killed worker's job is taken over in seconds rather than the default 30; not
// shorter, since training blocks the event loop for seconds at a time (the linear path's fit, the
// input subspace) and on a loaded 2-core machine a 3 s lock expired under the surviving worker.
const WORKER = ['--lock-duration', '10000', '--stalled-interval', '1000'];

async function workspace(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-queue-eval-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const data = join(dir, 'small.csv');
  await writeFile(data, datasetToCsv(generateSynthetic({ seed: 2, spectra: 40 }).dataset));
  return { dir, data };
}

/** results.json without what depends on the clock (seconds, dates). */
async function results(out: string): Promise<unknown> {
  const text = await readFile(join(out, 'results.json'), 'utf8');
  return JSON.parse(text, (k, v) => (['seconds', 'createdAt', 'secondsPerEpoch'].includes(k) ? undefined : v));
}

/** Resolves once the job reports training progress (an epoch done): from then on it is mid-training. */
async function trainingProgress(url: string, id: string): Promise<string> {
  const redis = new Redis(url);
  try {
    for (let i = 0; i < 1200; i++) {
      const progress = await redis.hget(`bull:spectracam:${id}`, 'progress');
      if (progress && /epoch/.test(progress)) return progress;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${id} reported no training progress within 60 s`);
  } finally {
    redis.disconnect();
  }
}

const started = (log: string, run: string) => log.match(new RegExp(`started train \\S+-${run} `, 'g'))?.length ?? 0;

test('evaluate --queue: a worker killed mid-job has its job retried by another (concurrency 2), and the results equal an in-process evaluation', async (t) => {
  const redis = await startRedis(t);
  if (!redis) return;
  const { dir, data } = await workspace(t);
  const w1 = startCli(t, ['worker', '--queue', redis.url, ...WORKER]);
  await w1.waitFor(/worker ready/);
  const coordinator = startCli(t, ['evaluate', '--data', data, '--out', join(dir, 'queued'), ...EVAL, '--queue', redis.url]);
  const [, victim] = await w1.waitFor(/started train (\S+) /);
  // Two jobs at once in one process: the taken-over one may train beside the other, with equal results.
  const w2 = startCli(t, ['worker', '--queue', redis.url, ...WORKER, '--concurrency', '2']);
  assert.match(await trainingProgress(redis.url, victim!), /"message":"p0-r\d( member \d)? epoch \d\/3"/, 'progress goes through the queue');
  w1.child.kill('SIGKILL');
  assert.equal(await w1.exited, 137);
  await w2.waitFor(new RegExp(`started train ${victim} .*attempt`), 90_000);
  assert.equal(await coordinator.exited, 0, coordinator.output());
  assert.doesNotMatch(w1.output(), new RegExp(`completed train ${victim}`), 'the first worker died before finishing');
  assert.match(w2.output(), new RegExp(`completed train ${victim}`), 'the second worker finished the dead one\'s job');

  const local = spawnSync(process.execPath, [spectracamBin, 'evaluate', '--data', data, '--out', join(dir, 'local'), ...EVAL], { encoding: 'utf8' });
  assert.equal(local.status, 0, local.stderr);
  assert.deepEqual(await results(join(dir, 'queued')), await results(join(dir, 'local')), 'results.json, timings aside');
  for (const run of ['p0-r0', 'p0-r1']) {
    const weights = (out: string) => readFile(join(dir, out, 'runs', run, 'model', 'weights.bin'));
    assert.ok((await weights('queued')).equals(await weights('local')), `${run}: the same weights, byte for byte`);
  }
});

test('evaluate --queue: a job on bad input (other data at the path) fails once, and the coordinator says why', async (t) => {
  const redis = await startRedis(t);
  if (!redis) return;
  const { dir, data } = await workspace(t);
  const coordinator = startCli(t, ['evaluate', '--data', data, '--out', join(dir, 'eval'), ...EVAL, '--queue', redis.url]);
  await coordinator.waitFor(/runs queued/);
  // What a worker sees at the path is not what the coordinator read: storage that is not shared.
  await writeFile(data, datasetToCsv(generateSynthetic({ seed: 3, spectra: 40 }).dataset));
  const worker = startCli(t, ['worker', '--queue', redis.url, ...WORKER]);
  assert.equal(await coordinator.exited, 1, coordinator.output());
  assert.match(coordinator.output(), /queued run p0-r0 \(job \S+\) failed after 1 attempt: run p0-r0: .*small\.csv .* is other data \(fingerprint [0-9a-f]{12}\) than the coordinator read/);
  await worker.waitFor(/failed train \S+-p0-r1/);
  assert.equal(started(worker.output(), 'p0-r0'), 1, 'tried once, not retried');
  assert.equal(started(worker.output(), 'p0-r1'), 1);
});

test('evaluate --queue: SIGTERM lets a worker finish its job, and a restarted coordinator re-attaches without redoing finished runs', async (t) => {
  const redis = await startRedis(t);
  if (!redis) return;
  const { dir, data } = await workspace(t);
  const args = ['evaluate', '--data', data, '--out', join(dir, 'eval'), ...EVAL, '--queue', redis.url];
  const first = startCli(t, args);
  const w1 = startCli(t, ['worker', '--queue', redis.url, ...WORKER]);
  await w1.waitFor(/started train \S+-p0-r0 /);
  first.child.kill('SIGKILL');
  w1.child.kill('SIGTERM');
  assert.equal(await w1.exited, 0, w1.output());
  assert.match(w1.output(), /SIGTERM: finishing the active jobs[\s\S]*completed train \S+-p0-r0[\s\S]*worker stopped/);
  assert.equal(started(w1.output(), 'p0-r1'), 0, 'a stopping worker takes no new job');

  const second = startCli(t, args);
  await second.waitFor(/1 runs queued or found queued, 1 of 2 finished earlier/);
  const w2 = startCli(t, ['worker', '--queue', redis.url, ...WORKER]);
  assert.equal(await second.exited, 0, second.output());
  assert.equal(started(w2.output(), 'p0-r0'), 0, 'the finished run is not trained again');
  assert.equal(started(w2.output(), 'p0-r1'), 1);
  const saved = JSON.parse(await readFile(join(dir, 'eval', 'results.json'), 'utf8'));
  assert.deepEqual(saved.partitions[0].cnn.runs.map((r: { dir: string }) => r.dir), ['runs/p0-r0', 'runs/p0-r1']);
  for (const r of saved.partitions[0].cnn.runs as { seconds: number }[]) assert.ok(r.seconds > 0 && Number.isFinite(r.seconds), `a run's training time: ${r.seconds}`);
});
