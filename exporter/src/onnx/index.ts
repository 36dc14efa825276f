export { onnx } from './onnxProto.js';
export type { AttributeProto, GraphProto, ModelProto, NodeProto, TensorProto, ValueInfoProto } from './onnxProto.js';
export { floatTensor, int64Tensor } from './tensorProto.js';
export { node } from './nodeProto.js';
export type { AttributeValue } from './nodeProto.js';
export { floatValueInfo } from './valueInfo.js';
