import { resampleLinear } from '@spectracam/cam';
import type { InputOptions, SpectraInput } from '../types.js';
import { AxisGapError } from './axisGapError.js';

/** Spectra as one row-major float32 block on the model's axis, ready for ONNX Runtime. */
export interface InputMatrix {
  data: Float32Array;
  rows: number;
  columns: number;
}

function isMatrix(input: SpectraInput): input is readonly ArrayLike<number>[] {
  return input.length > 0 && typeof (input as ArrayLike<unknown>)[0] === 'object' && (input as ArrayLike<unknown>)[0] !== null;
}

/**
 * Checks spectra and brings them onto the model's axis. A single spectrum counts as a matrix of
 * one row; `first` numbers the rows in error messages when spectra come in batches.
 */
export function toInputMatrix(
  input: SpectraInput,
  modelAxis: Float64Array,
  options: InputOptions = {},
  first = 0,
): InputMatrix {
  if (input == null || typeof input.length !== 'number') {
    throw new TypeError(`'spectra' must be a spectrum (array of numbers) or an array of spectra`);
  }
  if (input.length === 0) throw new RangeError(`'spectra' is empty: expected at least one spectrum`);
  const rows: readonly ArrayLike<number>[] = isMatrix(input) ? input : [input as ArrayLike<number>];
  const columns = modelAxis.length;
  const data = new Float32Array(rows.length * columns);
  const axis = options.axis;
  if (axis) checkAxis(axis);
  // "spectrum 3 (sample-7.spc)": the caller's name for it where it gave names.
  const names = options.names;
  rows.forEach((row, i) => {
    const index = first + i;
    const spectrum = names?.[index] !== undefined ? `spectrum ${index} (${names[index]})` : `spectrum ${index}`;
    if (row == null || typeof row.length !== 'number') throw new TypeError(`${spectrum} is not an array of numbers`);
    const expected = axis ? axis.length : columns;
    if (row.length !== expected) {
      throw new RangeError(
        `${spectrum} has ${row.length} values; expected ${expected} (${axis ? "the length of 'axis'" : "the model's variables; pass 'axis' to resample"})`,
      );
    }
    // Typed arrays hold numbers only, so their check waits for the float32 copy (one tight loop
    // over one array type, which also catches values beyond float32's range); other rows may hold
    // anything that is not a finite number.
    if (!ArrayBuffer.isView(row) || axis) {
      for (let j = 0; j < row.length; j++) if (!Number.isFinite(row[j])) throw nonFinite(spectrum, row, j, axis);
    }
    const values = axis ? resampled(spectrum, axis, row, modelAxis, options.extendEnds ?? 0) : row;
    data.set(values, i * columns);
    const bad = firstNonFinite(data, i * columns, columns);
    if (bad >= 0) {
      const subject = axis ? `${spectrum}, resampled onto the model's axis,` : spectrum;
      throw nonFinite(subject, values, bad - i * columns, axis ? modelAxis : undefined);
    }
  });
  return { data, rows: rows.length, columns };
}

/** Index of the first NaN or infinity in values[from .. from + length), or -1. */
function firstNonFinite(values: Float32Array, from: number, length: number): number {
  for (let j = from, end = from + length; j < end; j++) {
    const v = values[j]!;
    // v - v is 0 for finite v and NaN for NaN and the infinities.
    if (v - v !== 0) return j;
  }
  return -1;
}

function resampled(spectrum: string, axis: ArrayLike<number>, row: ArrayLike<number>, modelAxis: Float64Array, extendEnds: number): Float64Array {
  try {
    return resampleLinear(axis, row, modelAxis, extendEnds);
  } catch (error) {
    // The usual cause: data from another instrument range than the model was trained on. Both
    // ranges say what is missing; extending the ends is the caller's call, so the message says how far.
    const [lo, hi] = rangeOf(axis);
    const [mlo, mhi] = rangeOf(modelAxis);
    const gap = Math.max(lo - mlo, mhi - hi);
    const overlaps = lo < mhi && hi > mlo;
    // What would let it through: only where the spectrum overlaps the axis and the gap exceeds what was allowed.
    const allowance = overlaps && extendEnds < gap ? atLeast(gap) : undefined;
    const message =
      `${spectrum} cannot be resampled onto the model's axis: it covers ${lo}..${hi}, the model's axis ${mlo}..${mhi}` +
      (overlaps ? ` (${num(Math.max(lo - mlo, 0))} missing below, ${num(Math.max(mhi - hi, 0))} above)` : '') +
      '; expected spectra that cover the whole model axis' +
      (allowance === undefined ? '' : `, or extendEnds (--extend-ends) of at least ${allowance} to hold the end values over the gap`);
    throw allowance === undefined ? new RangeError(message, { cause: error }) : new AxisGapError(message, allowance, { cause: error });
  }
}

const num = (v: number) => String(Number(v.toPrecision(4)));

/** v to 4 significant digits, rounded up: an allowance a user copies from the message must suffice. */
function atLeast(v: number): number {
  const step = 10 ** (Math.floor(Math.log10(v)) - 3);
  return Number((Math.ceil(v / step - 1e-6) * step).toPrecision(4));
}

function rangeOf(axis: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < axis.length; i++) {
    lo = Math.min(lo, axis[i]!);
    hi = Math.max(hi, axis[i]!);
  }
  return [lo, hi];
}

/** The error for values[j], not finite or (finite) beyond float32's range; `subject` names the spectrum. */
function nonFinite(subject: string, values: ArrayLike<number>, j: number, axis?: ArrayLike<number>): RangeError {
  const where = `at variable ${j}${axis ? ` (axis ${axis[j]})` : ''}`;
  if (!Number.isFinite(values[j])) return new RangeError(`${subject} has ${values[j]} ${where}: expected finite numbers`);
  return new RangeError(`${subject} has ${values[j]} ${where}: beyond float32's range (about ±3.4e38), which the model computes in`);
}

function checkAxis(axis: ArrayLike<number>) {
  for (let j = 0; j < axis.length; j++) {
    if (!Number.isFinite(axis[j])) throw new RangeError(`'axis' has ${axis[j]} at ${j}: expected finite numbers`);
  }
}
