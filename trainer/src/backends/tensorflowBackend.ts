/**
 * Native TensorFlow through @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node. Both are optional:
 * their install downloads libtensorflow from Google's servers, which fails on machines that
 * cannot reach them, so the workspace never depends on them.
 */
export async function loadTensorflowBackend(): Promise<string> {
  const failures: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      // A variable specifier keeps TypeScript and bundlers from requiring the optional package.
      await import(/* @vite-ignore */ pkg);
      return 'tensorflow';
    } catch (error) {
      failures.push(`${pkg}: ${firstLine(error)}`);
    }
  }
  throw new Error(
    'the tensorflow backend needs @tensorflow/tfjs-node (CPU) or @tensorflow/tfjs-node-gpu (CUDA), version 4.22; ' +
      'install one with `npm install -w trainer @tensorflow/tfjs-node@4.22.0` (its install downloads libtensorflow, ' +
      `about 100 MB, from storage.googleapis.com). Not loaded: ${failures.join('; ')}`,
  );
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
