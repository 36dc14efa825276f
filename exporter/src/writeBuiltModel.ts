import { stat } from 'node:fs/promises';
import { writeFileAtomic } from '@spectracam/data';
import type { BuiltModel } from './assembleModel.js';
import { IR_VERSION, type ExportResult } from './exportOptions.js';

/** Writes a built model atomically and says what went into the file: what `export` and `wrap` both report. */
export async function writeBuiltModel(built: BuiltModel, out: string, opset: keyof typeof IR_VERSION, started: number): Promise<ExportResult> {
  await writeFileAtomic(out, built.bytes);
  const { camAlignment, novelty, outputs } = built.metadata;
  return {
    path: out,
    bytes: (await stat(out)).size,
    parameterBytes: built.parameterBytes,
    metadataBytes: built.metadataBytes,
    outputs,
    opset,
    irVersion: IR_VERSION[opset],
    ...(camAlignment ? { camAlignment } : {}),
    ...(novelty ? { novelty } : {}),
    seconds: (performance.now() - started) / 1000,
  };
}
