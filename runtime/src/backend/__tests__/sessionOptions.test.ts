import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeSessionOptions } from '../ortNode.js';
import { cpuQuota, defaultThreads, threadsPerCore } from '../cpuThreads.js';

test('session options: ONNX Runtime workers spin during a run and stop at its end unless told otherwise', () => {
  // Workers left spinning after one session's run take the cores from the model's other session
  // (predict and explain each have one): see LoadModelOptions.spinning.
  const sessionConfig = (o: ReturnType<typeof nodeSessionOptions>) => o.extra.session as Record<string, unknown>;
  assert.deepEqual(sessionConfig(nodeSessionOptions(['cpu'], {})), { intra_op: { allow_spinning: '1' }, force_spinning_stop: '1' });
  assert.deepEqual(sessionConfig(nodeSessionOptions(['cpu'], { spinning: 'during-runs', threads: 2 })), { intra_op: { allow_spinning: '1' }, force_spinning_stop: '1' });
  assert.deepEqual(sessionConfig(nodeSessionOptions(['cpu'], { spinning: 'always' })), { intra_op: { allow_spinning: '1' }, force_spinning_stop: '0' });
  assert.deepEqual(sessionConfig(nodeSessionOptions(['cpu'], { spinning: 'never' })), { intra_op: { allow_spinning: '0' } });
  assert.equal(nodeSessionOptions(['cpu'], { threads: 2 }).intraOpNumThreads, 2);
});

test('session options: one intra-op thread per physical core, within the CPU quota, unless told otherwise', async (t) => {
  // ONNX Runtime's default (half the logical CPUs) ran one thread on a 2-vCPU machine.
  const root = await mkdtemp(join(tmpdir(), 'spectracam-cpu-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const file = async (path: string, text: string) => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), `${text}\n`);
  };
  const siblings = async (list: string) => {
    await file('cpu/cpu0/topology/thread_siblings_list', list);
    return threadsPerCore(join(root, 'cpu'));
  };
  assert.equal(threadsPerCore(join(root, 'absent')), 1);
  assert.equal(await siblings('0'), 1);
  assert.equal(await siblings('0-1'), 2);
  assert.equal(await siblings('0,64'), 2);
  assert.equal(await siblings('0-3'), 4);
  assert.equal(await siblings('garbage'), 1);
  assert.equal(await siblings('3-1'), 1);

  assert.equal(cpuQuota(join(root, 'absent')), undefined);
  await file('v1/cpu/cpu.cfs_quota_us', '-1');
  await file('v1/cpu/cpu.cfs_period_us', '100000');
  assert.equal(cpuQuota(join(root, 'v1')), undefined, 'v1 without a quota');
  await file('v1/cpu/cpu.cfs_quota_us', '250000');
  assert.equal(cpuQuota(join(root, 'v1')), 2, 'v1: 2.5 CPUs');
  await file('v2/cpu.max', 'max 100000');
  assert.equal(cpuQuota(join(root, 'v2')), undefined, 'v2 without a quota');
  await file('v2/cpu.max', '50000 100000');
  assert.equal(cpuQuota(join(root, 'v2')), 1, 'v2: half a CPU still runs one thread');

  await siblings('0-3');
  const cores = Math.max(1, Math.floor(availableParallelism() / 4));
  assert.equal(defaultThreads({ cpu: join(root, 'cpu'), cgroup: join(root, 'absent') }), cores);
  assert.equal(defaultThreads({ cpu: join(root, 'absent'), cgroup: join(root, 'v2') }), 1);
  assert.equal(defaultThreads({}, 'win32'), 0, 'Windows: ONNX Runtime counts physical cores itself');
  assert.equal(nodeSessionOptions(['cpu'], {}).intraOpNumThreads, defaultThreads());
  if (process.platform !== 'win32') assert.ok(defaultThreads() >= 1);
  assert.equal(nodeSessionOptions(['cpu'], { threads: 0 }).intraOpNumThreads, 0, '0 leaves the choice to ONNX Runtime');
});
