import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readNumericRow } from '../readNumericRow.js';
import { TextRow } from '../splitDelimited.js';
import { parseNumberCell } from '../parseNumberCell.js';

/** The general path: split the row, parse each cell as parseNumberCell does. */
function general(row: TextRow, skip: number, width: number): { texts: string[]; values: number[] } | 'refused' {
  const cells = row.cells;
  if (cells.length !== skip + width) return 'refused';
  try {
    return { texts: cells.slice(0, skip).map((c) => c.trim()), values: cells.slice(skip).map((c) => parseNumberCell(c, 'test')) };
  } catch {
    return 'refused';
  }
}

function fast(row: TextRow, skip: number, width: number): { texts: string[]; values: number[] } | 'refused' {
  const values = new Float64Array(width);
  const texts: string[] = [];
  return readNumericRow(row, skip, values, texts) ? { texts, values: [...values] } : 'refused';
}

/** How instruments, spreadsheets and numpy write numbers. */
const formatted = fc
  .tuple(
    fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      fc.integer({ min: -1e6, max: 1e6 }).map((i) => i / 1000),
    ),
    fc.constantFrom('string', 'fixed', 'exponential', 'precision', 'plus', 'padded', 'leading-zero', 'upper-e'),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([v, style, digits]) => {
    switch (style) {
      case 'fixed':
        return Math.abs(v) < 1e21 ? v.toFixed(Math.min(digits, 20)) : String(v);
      case 'exponential':
        return v.toExponential(Math.min(digits, 20));
      case 'precision':
        return v.toPrecision(Math.max(1, Math.min(digits, 21)));
      case 'plus':
        return v >= 0 ? `+${v}` : String(v);
      case 'padded':
        return ` ${v} `;
      case 'leading-zero':
        return Math.abs(v) < 1 ? String(v).replace(/^(-?)0\./, '$1000.') : String(v);
      case 'upper-e':
        return v.toExponential(Math.min(digits, 20)).toUpperCase();
      default:
        return String(v);
    }
  });

test('readNumericRow reads every row exactly as splitting it and Number() do (property)', () => {
  let runs = 0;
  let read = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(',', ';', '\t', ' '),
      fc.array(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { maxLength: 3 }),
      fc.array(formatted, { minLength: 1, maxLength: 12 }),
      fc.constantFrom('', ',', ' '),
      (delimiter, texts, numbers, tail) => {
        const cells = delimiter === ' ' ? [...texts, ...numbers.map((n) => n.trim())] : [...texts, ...numbers];
        const text = cells.join(delimiter) + (delimiter === ' ' ? tail.trim() : tail === ',' ? delimiter : tail);
        const row = new TextRow(1, text, delimiter);
        const expected = general(new TextRow(1, text, delimiter), texts.length, numbers.length);
        const got = fast(row, texts.length, numbers.length);
        runs++;
        if (got === 'refused') return;
        read++;
        assert.notEqual(expected, 'refused', `read "${text}" that the general path refuses`);
        assert.deepEqual(got.texts, (expected as { texts: string[] }).texts);
        got.values.forEach((v, j) => assert.ok(Object.is(v, (expected as { values: number[] }).values[j]), `"${text}" cell ${j}: ${v}`));
      },
    ),
    { numRuns: 3000 },
  );
  // Rows it refuses go the general path, which is correct but slow: most must be read here.
  assert.ok(read > 0.9 * runs, `read ${read} of ${runs} rows`);
});

test('readNumericRow reads plain rows itself and leaves the rest to the general path', () => {
  const read = (text: string, skip: number, width: number, delimiter = ',') => fast(new TextRow(7, text, delimiter), skip, width);
  assert.deepEqual(read('a,1.5,-2e3,0.000123', 1, 3), { texts: ['a'], values: [1.5, -2000, 0.000123] });
  assert.deepEqual(read(' id 7 ,1,2,', 1, 2), { texts: ['id 7'], values: [1, 2] }, 'one trailing empty cell, as spreadsheets export');
  assert.deepEqual(read('  x   1\t2  ', 1, 2, ' '), { texts: ['x'], values: [1, 2] }, 'runs of blanks');
  assert.deepEqual(read('0x1F,5.', 0, 2), { texts: [], values: [31, 5] }, 'what Number() reads');
  assert.ok(Object.is(read('-0.0', 0, 1) !== 'refused' && (read('-0.0', 0, 1) as { values: number[] }).values[0], -0));
  assert.equal(read('0.1234567890123456789', 0, 1) !== 'refused' && (read('0.1234567890123456789', 0, 1) as { values: number[] }).values[0], 0.1234567890123456789);
  for (const [text, why] of [
    ['a,"1",2', 'quoted cell'],
    ['a,1', 'too few cells'],
    ['a,1,2,3', 'too many cells'],
    ['a,1,2,,', 'two trailing cells'],
    ['a,,2', 'empty cell'],
    ['a,NaN,2', 'NaN'],
    ['a,1e999,2', 'overflow to Infinity'],
    ['a,Infinity,2', 'Infinity'],
    ['a,1.2.3,2', 'not a number'],
  ] as const) {
    assert.equal(read(text, 1, 2), 'refused', why);
  }
  assert.equal(read('x 1 2 3', 1, 2, ' '), 'refused', 'too many blank-separated cells');
  assert.equal(read('x 1', 1, 2, ' '), 'refused', 'too few blank-separated cells');
});
