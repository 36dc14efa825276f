/**
 * Argument checks shared by the cam functions. They throw TypeError for the wrong kind of value
 * and RangeError for a bad value, and quote the parameter, so a caller sees which argument failed.
 */

/** Any numeric array: plain arrays and typed arrays alike. */
export function assertNumericArray(value: unknown, name: string): asserts value is ArrayLike<number> {
  const ok =
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) &&
      !(value instanceof BigUint64Array));
  if (!ok) {
    throw new TypeError(`'${name}' must be an array or typed array of numbers, got ${describe(value)}`);
  }
}

/** Checks kind and finiteness; the message names the first bad index. */
export function assertFiniteArray(value: unknown, name: string): asserts value is ArrayLike<number> {
  assertNumericArray(value, name);
  if (value instanceof Float64Array || value instanceof Float32Array) {
    // Typed float arrays hold only numbers: one finiteness test per value (v - v is NaN for
    // NaN and +-Infinity), cheap enough for the per-spectrum calls of explain.
    for (let i = 0; i < value.length; i++) {
      const v = value[i]!;
      if (v - v !== 0) throw new RangeError(`'${name}[${i}]' must be finite, got ${v}`);
    }
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number') throw new TypeError(`'${name}[${i}]' must be a number, got ${describe(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`'${name}[${i}]' must be finite, got ${v}`);
  }
}

export function assertLength(value: ArrayLike<number>, expected: number, name: string, what: string): void {
  if (value.length !== expected) {
    throw new RangeError(`'${name}' must have ${expected} values (${what}), got ${value.length}`);
  }
}

export function assertPositiveInteger(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`'${name}' must be a number, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`'${name}' must be a positive integer, got ${value}`);
  }
}

/** A fraction of the variables: 0 < fraction <= 1. */
export function assertFraction(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`'${name}' must be a number, got ${describe(value)}`);
  if (!(value > 0 && value <= 1)) throw new RangeError(`'${name}' must be in (0, 1], got ${value}`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
