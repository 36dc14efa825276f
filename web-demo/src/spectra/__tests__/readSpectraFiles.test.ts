import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedDataDir, skipWithoutSharedData } from '@spectracam/test/support/sharedData';
import { readSpectraFiles } from '../readSpectraFiles.js';

const file = (name: string, text: string) => new File([text], name);

test('readSpectraFiles: spectra as rows keep names, labels and an ascending axis', async () => {
  const csv = 'id,label,1000,1001,1002\na,x,1,2,3\nb,y,4,5,6\n';
  const read = await readSpectraFiles([file('rows.csv', csv)]);
  assert.deepEqual(read.names, ['a', 'b']);
  assert.deepEqual(read.labels, ['x', 'y']);
  assert.deepEqual(read.axis, [1000, 1001, 1002]);
  assert.deepEqual(read.rows, [[1, 2, 3], [4, 5, 6]]);
  assert.equal(read.source, 'rows.csv');
});

test('readSpectraFiles: spectra as columns on a descending axis come back ascending', async () => {
  const csv = 'wavenumber,s1,s2\n1002,3,6\n1001,2,5\n1000,1,4\n';
  const read = await readSpectraFiles([file('cols.csv', csv)]);
  assert.deepEqual(read.names, ['s1', 's2']);
  assert.deepEqual(read.axis, [1000, 1001, 1002]);
  assert.deepEqual(read.rows, [[1, 2, 3], [4, 5, 6]]);
  assert.equal(read.labels, undefined, 'no label row, no labels');
});

test('readSpectraFiles: two-column files give one spectrum each, named after the file', async () => {
  const read = await readSpectraFiles([file('one.txt', '1000 1\n1001 2\n1002 3\n'), file('two.txt', '1000\t4\n1001\t5\n1002\t6\n')]);
  assert.deepEqual(read.names, ['one', 'two']);
  assert.deepEqual(read.rows, [[1, 2, 3], [4, 5, 6]]);
});

test('readSpectraFiles: JCAMP-DX is read through the trainer parser', async () => {
  const jdx = ['##TITLE=s', '##JCAMP-DX=4.24', '##DATA TYPE=RAMAN SPECTRUM', '##XUNITS=1/CM', '##YUNITS=ARBITRARY UNITS',
    '##FIRSTX=1000', '##LASTX=1003', '##NPOINTS=4', '##XFACTOR=1', '##YFACTOR=1', '##XYDATA=(X++(Y..Y))', '1000 1 2 3 4', '##END='].join('\n');
  const read = await readSpectraFiles([file('s.jdx', jdx)]);
  assert.deepEqual(read.axis, [1000, 1001, 1002, 1003]);
  assert.deepEqual(read.rows, [[1, 2, 3, 4]]);
});

test('readSpectraFiles: a non-numeric cell is refused with the file and the cell named', async () => {
  const csv = 'id,1000,1001,1002\na,1,abc,3\n';
  await assert.rejects(readSpectraFiles([file('bad.csv', csv)]), (error: Error) => /bad\.csv/.test(error.message) && /abc/.test(error.message));
});

test('readSpectraFiles: an SPC multifile gives each of its spectra, named after the file', async () => {
  // data's SPC fixture (scripts/fixtures/spc_files.py): three spectra on 500-1480 cm-1.
  const bytes = await readFile(new URL('../../../../data/src/__tests__/fixtures/spc/multi.spc', import.meta.url));
  const read = await readSpectraFiles([new File([bytes], 'multi.spc')]);
  assert.deepEqual(read.names, ['multi#1', 'multi#2', 'multi#3']);
  assert.equal(read.axis[0], 500);
  assert.equal(read.axis.at(-1), 1480);
  assert.equal(read.rows.length, 3);
  await assert.rejects(readSpectraFiles([new File(['not binary'], 'bad.spc')]), /bad\.spc: not readable as SPC/);
});

test('readSpectraFiles: dropped OPUS, WDF, OMNIC and LabSpec files are read by their bytes (the shared instrument files)', async (t) => {
  const dir = join(sharedDataDir, 'instrument-files');
  if (skipWithoutSharedData(t, dir)) return;
  const drop = async (path: string, name = path.split('/').pop()!) => new File([await readFile(join(dir, path))], name);
  // Names that say nothing: the bytes tell the format.
  const opus = await readSpectraFiles([await drop('opus/test.0000', 'sample')]);
  assert.equal(opus.rows.length, 1);
  assert.equal(opus.axis.length, 2567, 'NPT of the AB block');
  const line = await readSpectraFiles([await drop('wdf/line.wdf')]);
  assert.equal(line.rows.length, 235);
  assert.equal(line.names[0], 'line#x=80.027,y=-162.479');
  assert.ok(Math.abs(line.axis[0]! - 1226.267578125) < 1e-9 && Math.abs(line.axis.at(-1)! - 2787.509765625) < 1e-9);
  const spa = await readSpectraFiles([await drop('omnic/10-Z22-Si-S7_0.SPA')]);
  assert.equal(spa.axis.length, 11098);
  const si = await readSpectraFiles([await drop('labspec/532nm-191216-Si_200mu.txt')]);
  const peak = si.rows[0]!.indexOf(Math.max(...si.rows[0]!));
  assert.ok(Math.abs(si.axis[peak]! - 522.6) < 1, `silicon's band at ${si.axis[peak]}`);
});

test('readSpectraFiles: a European x;y export with decimal commas is one spectrum', async () => {
  const read = await readSpectraFiles([file('eu.csv', '1000,5;1,25\n1001,5;2,5\n1002,5;3,75\n')]);
  assert.deepEqual(read.axis, [1000.5, 1001.5, 1002.5]);
  assert.deepEqual(read.rows, [[1.25, 2.5, 3.75]]);
});
