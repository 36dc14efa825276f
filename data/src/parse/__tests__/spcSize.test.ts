import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSpcSize } from '../spcSize.js';
import { parseSpc } from '../parseSpc.js';

const FIXTURES = fileURLToPath(new URL('../../__tests__/fixtures/spc/', import.meta.url));
const fixture = (name: string) => Uint8Array.from(readFileSync(join(FIXTURES, name)));

/** A new-format header (little-endian unless `version` is 0x4C) followed by `extra` bytes. */
function header(flags: number, points: number, subfiles: number, extra: number, version = 0x4b): Uint8Array {
  const bytes = new Uint8Array(512 + extra);
  const view = new DataView(bytes.buffer);
  bytes[0] = flags;
  bytes[1] = version;
  view.setUint32(4, points, version === 0x4b);
  view.setUint32(24, subfiles, version === 0x4b);
  return bytes;
}

test('checkSpcSize: every SPC fixture fits the size its header declares', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.spc'));
  assert.ok(files.length >= 4);
  for (const f of files) assert.doesNotThrow(() => checkSpcSize(fixture(f), f), f);
});

test('checkSpcSize: huge point and subfile counts are refused with what they need and what the file has', () => {
  const bytes = fixture('even-float.spc');
  const view = new DataView(bytes.buffer);
  const points = view.getUint32(4, true);
  view.setUint32(4, 1e9, true);
  // Evenly spaced float Y: 512 + 1 x (32 + 1e9 x 4) bytes.
  assert.throws(() => checkSpcSize(bytes, 'big.spc'), {
    message: `big.spc: SPC header declares 1000000000 points x 1 subfile, which needs at least 4000000544 bytes; the file has ${bytes.length} (truncated or not an SPC file)`,
  });
  view.setUint32(4, points, true);
  view.setUint32(24, 4e9, true);
  assert.throws(() => checkSpcSize(bytes, 'many.spc'), /many\.spc: SPC header declares \d+ points x 4000000000 subfiles, which needs at least \d+ bytes/);
  // Through parseSpc, before spc-parser allocates anything.
  assert.throws(() => parseSpc(bytes, 'many.spc'), /many\.spc: SPC header declares/);
});

test('checkSpcSize: a truncated file is refused, naming both sizes', () => {
  const whole = fixture('even-float.spc');
  const points = new DataView(whole.buffer).getUint32(4, true);
  assert.throws(() => checkSpcSize(whole.subarray(0, 600), 'cut.spc'), {
    message: `cut.spc: SPC header declares ${points} points x 1 subfile, which needs at least ${512 + 32 + 4 * points} bytes; the file has 600 (truncated or not an SPC file)`,
  });
  assert.throws(() => checkSpcSize(whole.subarray(0, 300), 'stub.spc'), /stub\.spc: 300 bytes, shorter than the 512-byte SPC header/);
});

test('checkSpcSize: stored X, 16-bit Y, big-endian and per-subfile X are counted as the layout says', () => {
  // TXVALS: 10 float X once, then 2 subfiles of 10 float Y.
  assert.doesNotThrow(() => checkSpcSize(header(0x80 | 0x04, 10, 2, 40 + 2 * (32 + 40)), 'xyy.spc'));
  assert.throws(() => checkSpcSize(header(0x80 | 0x04, 10, 2, 40 + 2 * (32 + 40) - 1), 'xyy.spc'), /needs at least 696 bytes; the file has 695/);
  // TSPREC: 2 bytes per Y.
  assert.doesNotThrow(() => checkSpcSize(header(0x01, 10, 1, 32 + 20), 'y16.spc'));
  assert.throws(() => checkSpcSize(header(0x00, 10, 1, 32 + 20), 'y32.spc'), /needs at least 584 bytes; the file has 564/);
  // 0x4C is big-endian: the same counts read the other way round.
  assert.doesNotThrow(() => checkSpcSize(header(0x00, 10, 1, 32 + 40, 0x4c), 'be.spc'));
  // TXYXYS: each subfile has its own X; the second declares more points than remain.
  const xyxy = header(0x80 | 0x40 | 0x04, 0, 2, 2 * (32 + 3 * 8));
  const view = new DataView(xyxy.buffer);
  view.setUint32(512 + 16, 3, true);
  view.setUint32(512 + 32 + 24 + 16, 3, true);
  assert.doesNotThrow(() => checkSpcSize(xyxy, 'xyxy.spc'));
  view.setUint32(512 + 32 + 24 + 16, 2 ** 31, true);
  assert.throws(() => checkSpcSize(xyxy, 'xyxy.spc'), /xyxy\.spc: SPC subfile 2 declares 2147483648 points, which needs at least \d+ bytes; the file has 624/);
  view.setUint32(24, 1e6, true);
  view.setUint32(512 + 32 + 24 + 16, 3, true);
  assert.throws(() => checkSpcSize(xyxy, 'xyxy.spc'), /xyxy\.spc: SPC header declares 1000000 subfiles \(each with its own X\), which needs at least \d+ bytes; the file has 624/);
});

test('checkSpcSize: the old format (0x4D) declares its points as a float, which must be a whole number that fits', () => {
  const old = new Uint8Array(224 + 32 + 40);
  old[1] = 0x4d;
  const view = new DataView(old.buffer);
  view.setFloat32(4, 10, true);
  assert.doesNotThrow(() => checkSpcSize(old, 'old.spc'));
  view.setFloat32(4, 3.5, true);
  assert.throws(() => checkSpcSize(old, 'old.spc'), /old\.spc: SPC header \(old format\) declares 3\.5 points; expected a whole number/);
  view.setFloat32(4, 2e9, true);
  assert.throws(() => checkSpcSize(old, 'old.spc'), /old\.spc: SPC header declares 2000000000 points \(old format\), which needs at least 8000000256 bytes; the file has 296/);
});
