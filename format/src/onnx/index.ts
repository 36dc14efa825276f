export { onnx } from './onnxProto.js';
export type { AttributeProto, GraphProto, ModelProto, NodeProto, TensorProto, ValueInfoProto } from './onnxProto.js';
export { floatTensor, int64Tensor } from './tensorProto.js';
export { node } from './nodeProto.js';
export type { AttributeValue } from './nodeProto.js';
export { floatValueInfo, tensorValueInfo } from './valueInfo.js';
export { decodeModel } from './decodeModel.js';
export type { DecodedModel, Initializer, ModelMessage } from './decodeModel.js';
