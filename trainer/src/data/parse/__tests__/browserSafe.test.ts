import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

test('parsers: the parse folder imports no node: modules and no tfjs (it runs in browsers)', async () => {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 5);
  for (const file of files) {
    const text = await readFile(`${dir}/${file}`, 'utf8');
    assert.doesNotMatch(text, /from '(node:|fs|path|@tensorflow)/, file);
  }
});

test('parsers: the @spectracam/trainer/parsers subpath turns a dropped CSV text into a data set', async () => {
  const { datasetFromText } = await import('@spectracam/trainer/parsers');
  const data = datasetFromText('id,label,1,2\na,x,1,2\nb,y,3,4\n', { source: 'drop.csv' });
  assert.deepEqual(data.classes, ['x', 'y']);
  assert.deepEqual(Array.from(data.spectra[1]), [3, 4]);
});
