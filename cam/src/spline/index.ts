export { createQuadraticInterpolator, type QuadraticInterpolator } from './quadraticInterpolator.js';
export { quadraticSplineBasis } from './quadraticSplineBasis.js';
export { quadraticInterpolate } from './quadraticInterpolate.js';
