import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import type { io } from '@tensorflow/tfjs-core';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RUN_FILES } from '@spectracam/trainer';
import type { RunRecord } from '@spectracam/trainer';

async function readPart(runDir: string, file: string): Promise<Buffer> {
  const path = join(runDir, file);
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'is missing' : `cannot be read (${(error as Error).message})`;
    throw new Error(`run directory ${runDir} is incomplete: ${file} ${why} (a run holds ${Object.values(RUN_FILES).join(', ')})`, {
      cause: error,
    });
  }
}

function parseJson(runDir: string, file: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new SyntaxError(`${join(runDir, file)}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/**
 * Reads a run directory in the RUN_FILES layout (run.json + tfjs model.json + weights.bin) with
 * errors that name the missing or broken file. Complete runs only: an interrupted one is refused.
 */
export async function loadRunDir(runDir: string): Promise<{ record: RunRecord; model: tfl.LayersModel }> {
  const info = await stat(runDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`run directory ${runDir} does not exist (expected the --out folder of \`spectracam train\`)`);
  const record = parseJson(runDir, RUN_FILES.record, await readPart(runDir, RUN_FILES.record)) as RunRecord;
  if (record?.format !== 'spectracam-run') {
    throw new TypeError(`${join(runDir, RUN_FILES.record)}: not a SpectraCAM run record (format '${String(record?.format)}')`);
  }
  for (const key of ['data', 'preprocessing', 'split', 'model', 'training', 'metrics'] as const) {
    if (!record[key]) throw new TypeError(`${join(runDir, RUN_FILES.record)}: field '${key}' is missing`);
  }
  if (record.status !== 'complete') {
    throw new Error(`run ${runDir} is '${record.status}', not complete: finish or resume the training before exporting`);
  }
  const modelJson = parseJson(runDir, RUN_FILES.modelJson, await readPart(runDir, RUN_FILES.modelJson)) as {
    modelTopology?: object;
    weightsManifest?: io.WeightsManifestConfig;
  };
  if (!modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new TypeError(`${join(runDir, RUN_FILES.modelJson)}: missing modelTopology or weightsManifest`);
  }
  const weights = await readPart(runDir, RUN_FILES.weights);
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const expectedBytes = weightSpecs.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (weights.byteLength !== expectedBytes) {
    throw new RangeError(
      `${join(runDir, RUN_FILES.weights)}: ${weights.byteLength} bytes, the manifest in ${RUN_FILES.modelJson} needs ${expectedBytes}`,
    );
  }
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const model = await tfl.loadLayersModel({
    load: async () => ({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }),
  });
  return { record, model };
}
