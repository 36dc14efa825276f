export type { ConvLayerGeometry, ConvSpec, ModelGeometry, Padding } from './modelGeometry.js';
export { convOutput, modelGeometry, FILTERS } from './modelGeometry.js';
export { axisAt, geometryMeta } from './geometryMeta.js';
export { coverage } from './coverage.js';
