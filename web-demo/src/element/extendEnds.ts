import { byId } from '../app/dom.js';
import type { Root } from '../app/dom.js';

/** The "extend ends" allowance (the model's axis units) the visitor set; empty is 0. */
export function readExtendEnds(root: Root): number {
  const text = byId<HTMLInputElement>(root, 'extend-input').value.trim();
  const value = text === '' ? 0 : Number(text);
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`extend ends is "${text}": expected a number >= 0 (the model's axis units)`);
  return value;
}

/** The allowance a spectrum stopping short of the model's axis needs (the worker's AxisGapError), through wrapped errors. */
export function allowanceOf(error: unknown): number | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const allowance = (e as { extendEnds?: unknown }).extendEnds;
    if (typeof allowance === 'number') return allowance;
  }
  return undefined;
}

/** What the page adds to such a refusal: the runtime names its option and the CLI's flag, the page its own setting. */
export function allowanceHint(error: unknown, retried: boolean): string {
  const allowance = allowanceOf(error);
  if (allowance === undefined) return '';
  return `. In this page, set “extend ends” to ${allowance} or more${retried ? ' and they are explained again' : ', then drop the files again'}.`;
}
