// Measures export time and file size against parameter bytes for a meat-sized (448 variables)
// and a 1733-variable run (random weights, default kernels). Run from the repository root:
//   node --conditions=source --import tsx exporter/scripts/measureExport.ts
// Prints one JSON line per case; a script, so printing is its job.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { defaultConvSpec, writeRun } from '@spectracam/trainer';
import { exportRun } from '../src/index.js';
import { fakeRun } from '../src/__tests__/support/fakeRun.js';

await tf.setBackend('cpu');
const dir = await mkdtemp(join(tmpdir(), 'spectracam-measure-'));
try {
  for (const p of [448, 1733]) {
    const spec = defaultConvSpec(p);
    const { record, model } = fakeRun({ p, kernels: spec.kernels, strides: spec.strides, preprocessing: 'minmax-variable' });
    const runDir = join(dir, `run${p}`);
    await writeRun(runDir, record, model);
    model.dispose();
    for (const cam of [false, true]) {
      const times: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await exportRun(runDir, { out: join(dir, `m${p}.onnx`), cam });
        times.push(last.seconds);
      }
      times.sort((a, b) => a - b);
      const preprocessingBytes = 2 * p * 4; // min and span vectors as float32 initializers
      const n3 = record.model.geometry.layers[2].outputLength;
      const camBytes = cam ? n3 * p * 4 : 0;
      const overhead = last!.bytes - last!.parameterBytes - last!.metadataBytes - preprocessingBytes - camBytes;
      console.log(
        JSON.stringify({
          p,
          kernels: spec.kernels,
          strides: spec.strides,
          n3,
          cam,
          fileBytes: last!.bytes,
          parameterBytes: last!.parameterBytes,
          metadataBytes: last!.metadataBytes,
          preprocessingBytes,
          camBasisBytes: camBytes,
          graphOverheadBytes: overhead,
          medianSeconds: Number(times[2]!.toFixed(3)),
        }),
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
