export { createMapExplainer, type MapExplainer, type MapExplainOptions, type MapExplanation } from './mapExplainer.js';
