export { camKnots, type CamAlignment } from './camKnots.js';
export { camBasis } from './camBasis.js';
export { createCamInterpolator } from './camInterpolator.js';
export { coarseMaps } from './coarseMaps.js';
export { fullMap } from './fullMap.js';
export { minMaxScale } from './minMaxScale.js';
