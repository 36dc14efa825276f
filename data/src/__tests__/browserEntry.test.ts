import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetFromText, parseSpectrumFile } from '../index.js';

const src = fileURLToPath(new URL('..', import.meta.url));

/** Every file the module at `entry` reaches through relative imports, with the bare imports it makes. */
function reach(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
    seen.set(file, specifiers.filter((s) => !s.startsWith('.')));
    for (const s of specifiers) if (s.startsWith('.')) visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
  };
  visit(entry);
  return seen;
}

test('data: the browser entry reaches no node: module and no TensorFlow.js (it runs in browsers)', () => {
  const files = reach(resolve(src, 'index.ts'));
  assert.ok(files.size > 20, `only ${files.size} files reached`);
  for (const [file, bare] of files) {
    for (const s of bare) assert.doesNotMatch(s, /^(node:|fs$|path$|@tensorflow)/, `${file} imports ${s}`);
  }
  const node = reach(resolve(src, 'index.node.ts'));
  assert.ok([...node.values()].flat().some((s) => s.startsWith('node:')), 'the node entry is expected to reach node: modules');
});

test('data: the browser entry turns dropped text and bytes into spectra', async () => {
  const data = datasetFromText('id,label,1,2\na,x,1,2\nb,y,3,4\n', { source: 'drop.csv' });
  assert.deepEqual(data.classes, ['x', 'y']);
  assert.deepEqual(Array.from(data.spectra[1]!), [3, 4]);
  const jcamp = new TextEncoder().encode('##TITLE=t\n##JCAMP-DX=4.24\n##XUNITS=1/CM\n##YUNITS=ABSORBANCE\n##XYPOINTS=(XY..XY)\n100,1\n200,2\n300,4\n##END=\n');
  const [spectrum] = await parseSpectrumFile('dropped.bin', jcamp);
  assert.deepEqual(Array.from(spectrum!.values), [1, 2, 4], 'a JCAMP-DX file is known by its bytes, whatever its name');
});
