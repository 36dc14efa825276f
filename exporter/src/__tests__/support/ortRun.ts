import * as ort from 'onnxruntime-node';

/** Runs an exported model with onnxruntime-node on raw spectra; returns every output by name. */
export async function ortRun(bytes: Uint8Array, spectra: Float32Array[]): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    return await runSession(session, ort.Tensor, spectra);
  } finally {
    await session.release();
  }
}

interface SessionLike {
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown }>>;
}

export async function runSession(
  session: SessionLike,
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown,
  spectra: Float32Array[],
): Promise<Record<string, Float32Array>> {
  const p = spectra[0]!.length;
  const flat = new Float32Array(spectra.length * p);
  spectra.forEach((s, i) => flat.set(s, i * p));
  const results = await session.run({ spectra: new Tensor('float32', flat, [spectra.length, p]) });
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, v.data as Float32Array]));
}

/** Largest absolute difference; fails loudly on a length mismatch rather than comparing a prefix. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
