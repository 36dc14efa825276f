import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJcamp } from '../parseJcamp.js';

const header = ['##TITLE=film', '##JCAMP-DX=4.24', '##DATA TYPE=INFRARED SPECTRUM', '##XUNITS=1/CM', '##YUNITS=ABSORBANCE', '##NPOINTS=4'];

test('parseJcamp: ##XYPOINTS pairs are read as the spectrum, with the unit', () => {
  const text = [...header, '##XYPOINTS=(XY..XY)', '1000.0, 0.10', '1002.0, 0.20', '1004.0, 0.30', '1006.0, 0.25', '##END='].join('\n');
  const { axis, values, unit } = parseJcamp(text, 'film.jdx');
  assert.deepEqual(Array.from(axis), [1000, 1002, 1004, 1006]);
  assert.deepEqual(Array.from(values), [0.1, 0.2, 0.3, 0.25]);
  assert.equal(unit, 'cm-1');
});

test('parseJcamp: ##XYDATA is read as before, and a file with no data is refused by name', () => {
  const text = [...header, '##FIRSTX=1000', '##LASTX=1006', '##XFACTOR=1', '##YFACTOR=1', '##XYDATA=(X++(Y..Y))', '1000 1 2 3 4', '##END='].join('\n');
  const { axis, values } = parseJcamp(text, 'film.jdx');
  assert.deepEqual(Array.from(values), [1, 2, 3, 4]);
  assert.equal(axis.length, 4);
  assert.throws(() => parseJcamp([...header, '##END='].join('\n'), 'empty.jdx'), /empty\.jdx: no XYDATA, XYPOINTS or PEAK TABLE/);
});
