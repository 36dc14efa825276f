import type { Argv } from 'yargs';
import { readerOptions } from './readerOptions.js';

/**
 * Arguments shared by the commands that run a model on spectra (predict, explain): MODEL and
 * DATA (positional or --data, any format the trainer reads), the ONNX Runtime device and batch.
 */
export function modelOptions<T>(yargs: Argv<T>) {
  return readerOptions(yargs, { dataRequired: false })
    .positional('model', { type: 'string', demandOption: true, describe: 'SpectraCAM ONNX model' })
    .positional('data', { type: 'string', array: true, describe: 'Spectra: files, folders, glob patterns, or - for standard input (or --data); any format `train` reads; labels optional' })
    .check((a) => {
      if (dataInputs(a.data).length === 0) throw new Error('DATA is missing: give spectra files or folders after the model (or - for standard input), or --data');
      const extend = a['extend-ends'];
      if (extend !== undefined && !(Number.isFinite(extend) && (extend as number) >= 0)) throw new Error(`--extend-ends must be a number >= 0 (axis units), got ${String(extend)}`);
      const threads = a['threads'];
      if (threads !== undefined && !(Number.isInteger(threads) && (threads as number) >= 1)) {
        throw new Error(`--threads must be a whole number of at least 1, got ${String(threads)}`);
      }
      return true;
    })
    .option('json', { type: 'boolean', default: false, describe: 'One JSON object per spectrum and line on stdout' })
    .option('device', { choices: ['cpu', 'webgpu', 'cuda'] as const, default: 'cpu' as const, describe: 'ONNX Runtime device' })
    .option('batch-size', { type: 'number', default: 256, describe: 'Spectra per ONNX Runtime call' })
    .option('threads', { type: 'number', describe: 'ONNX Runtime intra-op threads on cpu (default: one per physical core)' })
    .option('extend-ends', {
      type: 'number',
      describe: "axis units (e.g. cm-1) the spectra may stop short of either end of the model's axis; the model's points there take the spectrum's end value (default 0: such spectra are refused)",
    });
}

/**
 * DATA as a list of inputs: the positional list, `--data` values and `-` (standard input), in
 * the order given. yargs drops a bare `-` from positional lists and `--data` when the positional
 * list is empty, so both are looked up in the raw arguments (`raw`, the command line).
 */
export function dataInputs(data: unknown, raw: readonly string[] = process.argv.slice(2)): string[] {
  const parsed = [data].flat(2).filter((d): d is string | number => typeof d === 'string' || typeof d === 'number').map(String).filter((d) => d !== '');
  // How often yargs saw each: an option's value equal to a DATA path is not taken for DATA.
  const left = new Map<string, number>();
  for (const d of parsed) left.set(d, (left.get(d) ?? 0) + 1);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const arg = raw[i]!;
    if (arg === '--') continue;
    if (arg === '-') out.push(arg);
    else if (arg === '--data' && i + 1 < raw.length) out.push(raw[++i]!);
    else if (arg.startsWith('--data=')) out.push(arg.slice('--data='.length));
    else if ((left.get(arg) ?? 0) > 0) {
      left.set(arg, left.get(arg)! - 1);
      out.push(arg);
    }
  }
  // Arguments not in the raw list (main called with another argv) keep yargs' reading.
  for (const [d, n] of left) for (let k = 0; k < n; k++) out.push(d);
  return out;
}

/** `| head` closes stdout early: stop quietly instead of crashing on EPIPE. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
