import { open, stat } from 'node:fs/promises';

/**
 * `model` for a SpectraCAM (ONNX) model file, `data` for anything else (a folder, a spectrum
 * file, text): told by content, not by name. An ONNX model is a protobuf ModelProto: field 1
 * (ir_version, a small varint) first, then one of its other fields (producer, graph, opset, ...).
 */
export async function whatFile(path: string): Promise<'model' | 'data'> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new Error(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); expected a model file, or a data file or folder`, { cause: error });
  }
  if (info.isDirectory()) return 'data';
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && looksLikeOnnx(head) ? 'model' : 'data';
  } finally {
    await handle.close();
  }
}

/** ModelProto field tags that may follow ir_version: producer name/version, domain, model version, doc, graph, opset import, metadata. */
const NEXT_TAGS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72]);

export function looksLikeOnnx(head: Uint8Array): boolean {
  return head[0] === 0x08 && head[1]! > 0 && head[1]! < 0x80 && NEXT_TAGS.has(head[2]!);
}
