import { RUN_FILES } from '@spectracam/trainer';
import { loadRunDir } from './run/loadRunDir.js';
import { buildOnnx } from './exportModel.js';
import { writeBuiltModel } from './writeBuiltModel.js';
import type { ExportResult, ExportRunOptions } from './exportOptions.js';

/**
 * Reads a run directory, builds its ONNX model and writes it to `options.out` atomically
 * (temp file + rename: a failed export leaves no partial .onnx behind).
 */
export async function exportRun(runDir: string, options: ExportRunOptions): Promise<ExportResult> {
  if (typeof options?.out !== 'string' || options.out === '') throw new TypeError("'out' must name the .onnx file to write");
  const started = performance.now();
  const progress = (step: string, done: number) => options.onProgress?.({ step, done, total: 3 });
  const { record, model, features } = await loadRunDir(runDir, { allowInterrupted: options.allowInterrupted });
  progress('read run', 1);
  let built: ReturnType<typeof buildOnnx>;
  try {
    if (options.novelty !== false && !features) {
      throw new Error(
        `${runDir}: no training features (${RUN_FILES.featuresIndex} and ${RUN_FILES.features}), which the unknown-sample score is fitted on; ` +
          'runs trained before the score have none. Train it again (spectracam train ... --out RUN), or export a file without the score (--no-novelty)',
      );
    }
    const novelty = options.novelty === false ? false : { ...options.novelty, features: features! };
    built = buildOnnx(record, model, { ...options, novelty });
  } finally {
    model.dispose();
  }
  progress('build graph', 2);
  const written = await writeBuiltModel(built, options.out, options.opset ?? 13, started);
  progress('write file', 3);
  return written;
}
