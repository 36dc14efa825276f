import { floatValueInfo, node, onnx } from '@spectracam/format/onnx';

let bytes: Uint8Array | undefined;

/**
 * A one-node model (y = Identity(x), float [1]): opening a session on it makes ONNX Runtime start
 * (fetch and compile its wasm, start its threads) before the real model's bytes are there.
 */
export function tinyModel(): Uint8Array {
  bytes ??= onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'spectracam-runtime warm-up',
    graph: {
      name: 'warm-up',
      node: [node('Identity', ['x'], ['y'], 'identity')],
      input: [floatValueInfo('x', [1])],
      output: [floatValueInfo('y', [1])],
    },
  }).finish();
  return bytes;
}
