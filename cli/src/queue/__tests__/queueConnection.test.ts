import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobId, queueConnection } from '../queueConnection.js';

test('queueConnection: host, port, database and credentials from a redis:// address', () => {
  assert.deepEqual(queueConnection('redis://10.0.0.5:6380/2'), { host: '10.0.0.5', port: 6380, db: 2, maxRetriesPerRequest: null });
  assert.deepEqual(queueConnection('redis://gpu-box'), { host: 'gpu-box', port: 6379, db: 0, maxRetriesPerRequest: null });
  const secure = queueConnection('rediss://me:p%40ss@[::1]:7000');
  assert.equal(secure.host, '::1');
  assert.equal(secure.password, 'p@ss');
  assert.equal(secure.username, 'me');
  assert.deepEqual(secure.tls, {});
});

test('queueConnection: a malformed address fails naming it', () => {
  assert.throws(() => queueConnection('10.0.0.5:6379'), /--queue 10\.0\.0\.5:6379: expected a redis:\/\/ or rediss:\/\/ address|expected redis:\/\/HOST:PORT/);
  assert.throws(() => queueConnection('http://x:1'), /expected a redis:\/\/ or rediss:\/\/ address, got http:/);
  assert.throws(() => queueConnection('redis://x:1/abc'), /database number .* got abc/);
});

test('jobId: no colon (BullMQ refuses them), the same for the same content', () => {
  const id = jobId('train', 'ab'.repeat(32), 'p1-r2');
  assert.equal(id, `train-${'ab'.repeat(10)}-p1-r2`);
  assert.doesNotMatch(id, /:/);
});
