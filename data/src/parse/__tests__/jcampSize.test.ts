import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJcamp } from '../parseJcamp.js';
import { checkJcampSize, jcampPointCap } from '../jcampSize.js';

const head = ['##TITLE=t', '##JCAMP-DX=4.24', '##DATA TYPE=INFRARED SPECTRUM', '##XUNITS=1/CM', '##YUNITS=ABSORBANCE', '##FIRSTX=1000', '##LASTX=1005', '##XFACTOR=1', '##YFACTOR=1'];
/** 1, 1, 1, 1, 1, 2 as SQZ A, DIF % with DUP V (4 times in all), DIF J, then the y-check line. */
const compressed = (npoints = '6', data = '1000 A%VJ', end = '##END=') =>
  [...head, `##NPOINTS=${npoints}`, '##XYDATA=(X++(Y..Y))', data, '1005 B', end, ''].join('\n');

test('parseJcamp: compressed data with DUP counts within the declared points read as written', () => {
  const { axis, values } = parseJcamp(compressed(), 'ok.jdx');
  assert.deepEqual(Array.from(values), [1, 1, 1, 1, 1, 2]);
  assert.deepEqual(Array.from(axis), [1000, 1001, 1002, 1003, 1004, 1005]);
});

test('parseJcamp: a DUP count past ##NPOINTS is refused on its line, before anything is expanded', () => {
  const started = performance.now();
  // Line 12: the data line under ##XYDATA (line 11).
  assert.throws(() => parseJcamp(compressed('6', '1000 A%Z99999999999J'), 'dup.jdx'), /^Error: dup\.jdx:12: DUP counts \(S-Z, s\) in the compressed data repeat values more than \d+ times by this line, more than the 6 points ##NPOINTS declares/);
  assert.throws(() => parseJcamp(compressed('6', '1000 A%S1J'), 'dup.jdx'), /dup\.jdx:12: .* repeat values 10 times by this line, more than the 6 points/);
  assert.ok(performance.now() - started < 1000);
});

test('checkJcampSize: without ##NPOINTS the text length bounds the DUP counts; counts past it are refused', () => {
  const text = [...head, '##XYDATA=(X++(Y..Y))', '1000 A%s99999', '1005 B', '##END='].join('\n');
  const cap = jcampPointCap(text.length);
  assert.equal(cap, 64 * text.length);
  assert.throws(() => checkJcampSize(text, 'nocount.jdx'), new RegExp(`nocount\\.jdx:11: .* more than the ${cap} points a text of ${text.length} characters may hold`));
  assert.equal(jcampPointCap(1e9), 50_000_000, 'at most 50 million points whatever the length');
});

test('checkJcampSize: ##NPOINTS beyond the text, or not a number, and (a..b) ranges beyond it are refused by line', () => {
  assert.throws(() => checkJcampSize(compressed('999999999'), 'n.jdx'), /n\.jdx:10: ##NPOINTS=999999999 is more than a JCAMP-DX text of \d+ characters may hold \(at most \d+ points\)/);
  assert.throws(() => checkJcampSize(compressed('12x'), 'n.jdx'), /n\.jdx:10: ##NPOINTS=12x is not a whole number; expected ##NPOINTS=<number of points>/);
  assert.doesNotThrow(() => checkJcampSize(compressed('6 $$ six points'), 'n.jdx'), 'a $$ comment after the count');
  const ranged = compressed().replace('##END=', '##$RELAX=(0..999999999)\n1 2 3\n##END=');
  assert.throws(() => checkJcampSize(ranged, 'r.jdx'), /r\.jdx:14: ##\$RELAX=\(0\.\.999999999\) declares 1000000000 values, more than the \d+ characters of the file hold/);
  assert.doesNotThrow(() => checkJcampSize(compressed().replace('##END=', '##$RELAX=(0..2)\n1 2 3\n##END='), 'r.jdx'));
});

test('parseJcamp: a truncated file is refused: no ##END=, a block without one, or fewer points than declared', () => {
  assert.throws(() => parseJcamp(compressed('6', '1000 A%VJ', ''), 'cut.jdx'), /cut\.jdx: 1 ##TITLE= block but 0 ##END=; expected each block to close with ##END= \(a truncated file\?\)/);
  const linked = ['##TITLE=link', '##JCAMP-DX=4.24', '##BLOCKS=1', compressed()].join('\n');
  assert.throws(() => parseJcamp(linked, 'link.jdx'), /link\.jdx: 2 ##TITLE= blocks but 1 ##END=/);
  assert.throws(() => parseJcamp(compressed('7'), 'short.jdx'), /short\.jdx: ##NPOINTS=7 but the data hold 6 points; expected as many as declared \(a truncated file\?\)/);
  assert.throws(() => parseJcamp(compressed('5'), 'long.jdx'), /long\.jdx: ##NPOINTS=5 but the data hold 6 points; expected as many as declared \(a corrupted file\?\)/);
  const pairs = [...head, '##NPOINTS=3', '##XYPOINTS=(XY..XY)', '1000, 1', '1001, 2', '##END='].join('\n');
  assert.throws(() => parseJcamp(pairs, 'pairs.jdx'), /pairs\.jdx: ##NPOINTS=3 but the data hold 2 points/);
});
