export type { ConvLayerGeometry, ConvSpec, ConvStackLayer, LayerPadding, ModelGeometry, Padding, TrainedLayerGeometry } from './modelGeometry.js';
export { convOutput, convStackGeometry, modelGeometry, FILTERS } from './modelGeometry.js';
export { axisAt, geometryMeta } from './geometryMeta.js';
export { coverage, linearPathScale } from './coverage.js';
