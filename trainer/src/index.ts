/**
 * @spectracam/trainer: the study's network family, its training loop and TensorFlow.js backends,
 * the fitted preprocessing, and run directories. Data come from @spectracam/data; the model-file
 * contract (geometry, preprocessing kinds) from @spectracam/format.
 */
export type { LayersModel } from '@tensorflow/tfjs-layers';
export { buildModel, LAYER_NAMES } from './model/buildModel.js';
export type { BuildModelOptions } from './model/buildModel.js';
export { defaultConvSpec } from './model/defaultConvSpec.js';
export { featureMaps, classifierWeights } from './model/featureMaps.js';
export { gapFeatures } from './model/gapFeatures.js';
export { combineMembers, memberCount, memberLayer, memberLayerName } from './model/ensembleModel.js';
export { linearPathCam, linearPathLogits } from './model/linearPathLogits.js';
export { runPathCarrier } from './model/pathCarrier.js';
export type { DerivativeCarrier } from './model/pathCarrier.js';
export { VariableWeights } from './model/variableWeights.js';
export { LinearReadout } from './model/linearReadoutLayer.js';
export { MeanLogits } from './model/meanLogits.js';
export type { SpectrumFeatureMaps } from './model/featureMaps.js';
export * from './run/index.js';
export * from './preprocess/index.js';
export * from './backends/index.js';
export * from './train/index.js';
export { SYNTHETIC_TRAIN_OPTIONS } from './recipes/syntheticTrainOptions.js';
export * from './linear/index.js';
export { fitInputResidual, inputResidualScores, RESIDUAL_VARIANCE } from './novelty/inputResidual.js';
export type { InputResidual, InputResidualOptions, ResidualBinning } from './novelty/inputResidual.js';
export { computeResidualFeatures } from './novelty/residualFeatures.js';
export type { ResidualFeatures } from './novelty/residualFeatures.js';
