import type { Argv } from 'yargs';
import { readerOptions } from './readerOptions.js';

/**
 * Arguments shared by the commands that run a model on spectra (predict, explain): MODEL and
 * DATA (positional or --data, any format the trainer reads), the ONNX Runtime device and batch.
 */
export function modelOptions<T>(yargs: Argv<T>) {
  return readerOptions(yargs, { dataRequired: false })
    .positional('model', { type: 'string', demandOption: true, describe: 'SpectraCAM ONNX model' })
    .positional('data', { type: 'string', describe: 'Spectra (or --data): any format `train` reads; labels optional' })
    .check((a) => {
      if (!a.data) throw new Error('DATA is missing: give the spectra file as the second argument or with --data');
      const threads = a['threads'];
      if (threads !== undefined && !(Number.isInteger(threads) && (threads as number) >= 1)) {
        throw new Error(`--threads must be a whole number of at least 1, got ${String(threads)}`);
      }
      return true;
    })
    .option('json', { type: 'boolean', default: false, describe: 'One JSON object per spectrum and line on stdout' })
    .option('device', { choices: ['cpu', 'webgpu', 'cuda'] as const, default: 'cpu' as const, describe: 'ONNX Runtime device' })
    .option('batch-size', { type: 'number', default: 256, describe: 'Spectra per ONNX Runtime call' })
    .option('threads', { type: 'number', describe: 'ONNX Runtime intra-op threads on cpu (default: one per physical core)' });
}

/** `| head` closes stdout early: stop quietly instead of crashing on EPIPE. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
