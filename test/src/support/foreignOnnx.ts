import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** A valid ONNX model that is not a SpectraCAM model: y = Identity(x), no metadata. */
export function foreignOnnx(): Uint8Array {
  const info = (name: string) => ({
    name,
    type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 3 }] } } },
  });
  return onnx.ModelProto.encode({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    graph: { name: 'g', node: [{ opType: 'Identity', input: ['x'], output: ['y'] }], input: [info('x')], output: [info('y')] },
  }).finish();
}
