import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../loadDataset.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'spectracam-readers-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('loadDataset: spectra as rows with a numeric header axis, id/label/group columns', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'rows.csv');
  await writeFile(file, 'id,label,group,100,200,300\na1,A,g1,1,2,3\na2,A,g1,4,5,6\nb1,B,g2,7,8,9\nb2,B,g3,1.5,2.5,3.5\n');
  const data = await loadDataset({ data: file });
  assert.deepEqual(data.ids, ['a1', 'a2', 'b1', 'b2']);
  assert.deepEqual(data.labels, ['A', 'A', 'B', 'B']);
  assert.deepEqual(data.groups, ['g1', 'g1', 'g2', 'g3']);
  assert.deepEqual(data.classes, ['A', 'B']);
  assert.deepEqual(Array.from(data.axis), [100, 200, 300]);
  assert.deepEqual(Array.from(data.spectra[3]), [1.5, 2.5, 3.5]);
  assert.equal(data.unit, 'cm-1');
});

test('loadDataset: spectra as columns with a descending axis are flipped to ascending', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'columns.csv');
  // Semicolon-delimited, axis descending (common for mid-IR exports).
  await writeFile(file, 'wn;X_a_RunA;X_a_RunB;Y_b_RunA;Y_b_RunB\n3000;1;2;3;4\n2000;5;6;7;8\n1000;9;10;11;12\n');
  const data = await loadDataset({ data: file, labelPattern: '^([XY])_' });
  assert.deepEqual(Array.from(data.axis), [1000, 2000, 3000]);
  assert.deepEqual(Array.from(data.spectra[0]), [9, 5, 1]);
  assert.deepEqual(data.labels, ['X', 'X', 'Y', 'Y']);
  assert.deepEqual(data.groups, ['X_a', 'X_a', 'Y_b', 'Y_b']);
});

test('loadDataset: spectra as columns given explicitly, labels from an id,label side file', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'forced.csv');
  await writeFile(file, 'name,s1,s2,s3,s4\n10,1,2,3,4\n20,5,6,7,8\nlabel,a,a,b,b\n'.replace('\nlabel,a,a,b,b', ''));
  await writeFile(join(dir, 'labels.csv'), 'id,label\ns1,a\ns2,a\ns3,b\ns4,b\n');
  const data = await loadDataset({ data: file, orientation: 'columns', labels: join(dir, 'labels.csv') });
  assert.equal(data.spectra.length, 4);
  assert.deepEqual(data.labels, ['a', 'a', 'b', 'b']);
  assert.deepEqual(Array.from(data.spectra[1]), [2, 6]);
});

test('loadDataset: a UCR-style TSV (label first, no header) gets the index axis 1..p', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'Meat_TRAIN.tsv');
  await writeFile(file, '1\t0.1\t0.2\t0.3\n2\t0.4\t0.5\t0.6\n1\t0.7\t0.8\t0.9\n2\t1.0\t1.1\t1.2\n');
  const data = await loadDataset({ data: file });
  assert.deepEqual(data.labels, ['1', '2', '1', '2']);
  assert.deepEqual(Array.from(data.axis), [1, 2, 3]);
  assert.ok(Math.abs(data.spectra[3][2] - 1.2) < 1e-6);
  assert.ok(data.warnings.some((w) => /index 1\.\.3/.test(w)));
});

test('loadDataset: a folder of class sub-folders reads two-column text and JCAMP-DX, resampling differing axes', async (t) => {
  const dir = await tempDir(t);
  await mkdir(join(dir, 'good'));
  await mkdir(join(dir, 'bad'));
  const twoColumn = (offset: number) => Array.from({ length: 11 }, (_, i) => `${100 + i * 10 + offset}\t${2 * (100 + i * 10 + offset)}`).join('\n');
  await writeFile(join(dir, 'good', 'G1_cell1_a.txt'), twoColumn(0));
  await writeFile(join(dir, 'good', 'G1_cell2_a.txt'), twoColumn(0));
  await writeFile(join(dir, 'bad', 'B1_cell1_a.txt'), twoColumn(5));
  // JCAMP-DX, compressed XYDATA: y = 2x on 100..200 step 10.
  const ys = Array.from({ length: 11 }, (_, i) => 2 * (100 + i * 10));
  const jdx = ['##TITLE=B1 cell 2', '##JCAMP-DX=4.24', '##DATA TYPE=RAMAN SPECTRUM', '##XUNITS=1/CM', '##YUNITS=ARBITRARY UNITS', '##FIRSTX=100', '##LASTX=200', '##NPOINTS=11', '##XFACTOR=1', '##YFACTOR=1', '##XYDATA=(X++(Y..Y))', `100 ${ys.join(' ')}`, '##END='].join('\n');
  await writeFile(join(dir, 'bad', 'B1_cell2_a.jdx'), jdx);
  const data = await loadDataset({ data: dir });
  assert.deepEqual(data.classes, ['bad', 'good']);
  assert.deepEqual(data.labels, ['bad', 'bad', 'good', 'good']);
  assert.deepEqual(data.groups, ['B1', 'B1', 'G1', 'G1']);
  // Common range 105..200 (one file starts at 105), 10 points inside it for the dense axes.
  assert.equal(data.axis[0], 105);
  assert.equal(data.axis[data.axis.length - 1], 200);
  // y = 2x is linear, so resampling keeps it exact.
  data.spectra.forEach((s) => s.forEach((v, j) => assert.ok(Math.abs(v - 2 * data.axis[j]) < 1e-3)));
  assert.ok(data.warnings.some((w) => /resampled/.test(w)));
});

test('loadDataset: a group side file and a group pattern taking the whole match', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'rows.csv');
  await writeFile(file, 'id,class,1,2\nS1-x,A,1,2\nS1-y,A,3,4\nS2-x,B,5,6\nS2-y,B,7,8\n');
  await writeFile(join(dir, 'groups.csv'), 'S1-x,p\nS1-y,p\nS2-x,q\nS2-y,q\n');
  const fromFile = await loadDataset({ data: file, groups: join(dir, 'groups.csv') });
  assert.deepEqual(fromFile.groups, ['p', 'p', 'q', 'q']);
  const fromPattern = await loadDataset({ data: file, groupPattern: '^S\\d' });
  assert.deepEqual(fromPattern.groups, ['S1', 'S1', 'S2', 'S2']);
  assert.deepEqual(fromPattern.labels, ['A', 'A', 'B', 'B']);
});

test('loadDataset: a JCAMP-DX file given alone is read as its spectrum', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'sample.jdx');
  const jdx = ['##TITLE=s', '##JCAMP-DX=4.24', '##DATA TYPE=RAMAN SPECTRUM', '##XUNITS=1/CM', '##YUNITS=ARBITRARY UNITS',
    '##FIRSTX=1000', '##LASTX=1003', '##NPOINTS=4', '##XFACTOR=1', '##YFACTOR=1', '##XYDATA=(X++(Y..Y))', '1000 1 2 3 4', '##END='].join('\n');
  await writeFile(file, `${jdx}\n`);
  const data = await loadDataset({ data: file }, { labelsRequired: false });
  assert.deepEqual(data.ids, ['sample.jdx']);
  assert.deepEqual(Array.from(data.axis), [1000, 1001, 1002, 1003]);
  assert.deepEqual(Array.from(data.spectra[0]!), [1, 2, 3, 4]);
});
