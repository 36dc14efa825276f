import type { OutputTensor, SessionHandle } from './ortBackend.js';
import { TENSORS } from '@spectracam/format';

/** The parts of onnxruntime-node / -web that the runtime uses (their types are identical). */
export interface OrtModule {
  Tensor: new (type: 'float32' | 'int64', data: Float32Array | BigInt64Array, dims: readonly number[]) => unknown;
  InferenceSession: {
    create(bytes: Uint8Array, options: object): Promise<OrtSession>;
  };
}

interface OrtSession {
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>, fetches: readonly string[]): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
  release(): Promise<void>;
}

/** Wraps a session from either ONNX Runtime package in the runtime's SessionHandle. */
export async function openSession(ort: OrtModule, bytes: Uint8Array, options: object): Promise<SessionHandle> {
  const session = await ort.InferenceSession.create(bytes, options);
  return {
    outputNames: session.outputNames,
    async run(input, rows, columns, outputs, extra = {}) {
      const feeds: Record<string, unknown> = { [TENSORS.input]: new ort.Tensor('float32', input, [rows, columns]) };
      for (const [name, feed] of Object.entries(extra)) feeds[name] = new ort.Tensor('int64', feed.data, feed.dims);
      const result = await session.run(feeds, outputs);
      const out: Record<string, OutputTensor> = {};
      for (const name of outputs) {
        const tensor = result[name]!;
        out[name] = { data: tensor.data as Float32Array | Int32Array, dims: tensor.dims };
      }
      return out;
    },
    release: () => session.release(),
  };
}

/**
 * Opens a session on `device`; if it does not start, probes the other installed devices and
 * names those that do, so the error tells the user what to use instead.
 */
export async function openOrExplain(
  open: (device: import('../types.js').Device) => Promise<SessionHandle>,
  device: import('../types.js').Device,
  installed: readonly import('../types.js').Device[],
  hint = '',
): Promise<SessionHandle> {
  try {
    return await open(device);
  } catch (error) {
    const working: string[] = [];
    for (const other of installed) {
      if (other === device) continue;
      try {
        await (await open(other)).release();
        working.push(other);
      } catch {
        // not working either; left out of the list
      }
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `device '${device}' failed to start (${reason.split('\n')[0]}); devices that work here: ${working.join(', ') || 'none'}${hint}`,
      { cause: error },
    );
  }
}
