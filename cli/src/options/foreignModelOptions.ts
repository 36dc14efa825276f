import { readFile } from 'node:fs/promises';
import type { Argv } from 'yargs';
import type { Preprocessing } from '@spectracam/format';
import { unitOption } from './units.js';

/** What `wrap` and `export --from-tfjs` need that a foreign model does not say. */
export interface ForeignModelArgs {
  classes?: string[];
  axis?: string;
  unit: string;
  preprocess: string;
}

/** --classes, --axis, --unit, --preprocess. */
export function foreignModelOptions<T>(yargs: Argv<T>, required: boolean) {
  return yargs
    .option('classes', {
      type: 'string',
      array: true,
      demandOption: required,
      describe: 'class names in the order of the model\'s outputs (comma-separated or repeated)',
      coerce: (values: string[]) => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''),
    })
    .option('axis', {
      type: 'string',
      demandOption: required,
      describe: 'the model\'s axis: a file with one value per variable (in the order the model reads them), or start:stop:count',
    })
    .option('unit', { type: 'string', default: 'cm-1', describe: 'unit of the axis: cm-1, nm, um or index' })
    .option('preprocess', {
      type: 'string',
      default: 'none',
      describe:
        'what the model expects done to raw spectra, put inside the file: none, snv, minmax-global:MIN,MAX (one min and max of the training matrix), ' +
        'minmax-variable:FILE (JSON {"min": [...], "max": [...]}, one value per variable)',
    });
}

/** The axis an --axis names: `start:stop:count` (evenly spaced, ends included) or a file of numbers. */
export async function readAxisOption(spec: string): Promise<number[]> {
  const range = /^\s*(-?[\d.]+(?:e-?\d+)?)\s*:\s*(-?[\d.]+(?:e-?\d+)?)\s*:\s*(\d+)\s*$/i.exec(spec);
  if (range) {
    const [start, stop, count] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!Number.isFinite(start) || !Number.isFinite(stop) || count < 2 || start === stop) {
      throw new Error(`--axis ${spec}: expected start:stop:count with two different ends and a count of at least 2`);
    }
    return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : start + ((stop - start) * i) / (count - 1)));
  }
  let text: string;
  try {
    text = await readFile(spec, 'utf8');
  } catch (error) {
    throw new Error(`--axis ${spec}: neither start:stop:count nor a readable file (${(error as Error).message})`, { cause: error });
  }
  const cells = text.split(/[\s,;]+/).filter((c) => c !== '');
  const values = cells.map(Number);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`--axis ${spec}: value ${bad + 1} ('${cells[bad]}') is not a number; expected one number per variable`);
  return values;
}

/** The preprocessing an --preprocess names. */
export async function readPreprocessOption(spec: string): Promise<Preprocessing> {
  const [kind, rest] = [spec.split(':')[0]!, spec.slice(spec.indexOf(':') + 1)];
  if (spec === 'none' || spec === 'snv') return { kind: spec };
  if (kind === 'minmax-global' && spec.includes(':')) {
    const [min, max, extra] = rest.split(',').map((v) => Number(v.trim()));
    if (extra !== undefined || !Number.isFinite(min) || !Number.isFinite(max) || !(max! > min!)) {
      throw new Error(`--preprocess ${spec}: expected minmax-global:MIN,MAX with MIN < MAX`);
    }
    return { kind, min: min!, max: max! };
  }
  if (kind === 'minmax-variable' && spec.includes(':')) {
    let parsed: { min?: unknown; max?: unknown };
    try {
      parsed = JSON.parse(await readFile(rest, 'utf8'));
    } catch (error) {
      throw new Error(`--preprocess ${spec}: cannot read ${rest} as JSON {"min": [...], "max": [...]} (${(error as Error).message})`, { cause: error });
    }
    const numbers = (xs: unknown) => Array.isArray(xs) && xs.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!numbers(parsed.min) || !numbers(parsed.max)) throw new Error(`--preprocess ${spec}: ${rest} must hold "min" and "max" arrays of numbers`);
    return { kind, min: parsed.min as number[], max: parsed.max as number[] };
  }
  throw new Error(`--preprocess ${spec}: expected none, snv, minmax-global:MIN,MAX or minmax-variable:FILE`);
}

/** The library options for a foreign model from the parsed arguments. */
export async function foreignModelInputs(args: ForeignModelArgs): Promise<{ classes: string[]; axis: number[]; unit: string; preprocessing: Preprocessing }> {
  if (!args.classes?.length) throw new Error('--classes: name the classes, in the order of the model\'s outputs');
  if (!args.axis) throw new Error('--axis: give the model\'s axis (a file with one value per variable, or start:stop:count)');
  const [axis, preprocessing] = await Promise.all([readAxisOption(args.axis), readPreprocessOption(args.preprocess)]);
  return { classes: args.classes, axis, unit: unitOption(args.unit)!, preprocessing };
}
