import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';

// A change to a package's public API shows up here and in review. After a deliberate change,
// rerun with SPECTRACAM_UPDATE_EXPORTS=1 to rewrite the snapshots, and commit them.
const entries: Record<string, () => Promise<Record<string, unknown>>> = {
  cam: () => import('@spectracam/cam'),
  format: () => import('@spectracam/format'),
  'format-onnx': () => import('@spectracam/format/onnx'),
  data: () => import('@spectracam/data'),
  runtime: () => import('@spectracam/runtime'),
  trainer: () => import('@spectracam/trainer'),
  exporter: () => import('@spectracam/exporter'),
  study: () => import('@spectracam/study'),
};

for (const [name, load] of Object.entries(entries)) {
  test(`exports: @spectracam/${name.replace('-', '/')} exports the committed list`, async () => {
    const actual = Object.keys(await load()).sort();
    const file = new URL(`../exports/${name}.json`, import.meta.url);
    if (process.env.SPECTRACAM_UPDATE_EXPORTS === '1') writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as string[];
    assert.deepEqual(actual, expected);
  });
}
