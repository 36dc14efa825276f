/**
 * @spectracam/study: the study's evaluation. Monte-Carlo cross-validation of the CNN and PLS-LDA,
 * PLS-LDA with VIP, explanation metrics, and the paper's figures as one HTML report.
 */
export * from './baseline/index.js';
export * from './evaluate/index.js';
export * from './report/index.js';
export * from './metrics/index.js';
export * from './model_selection/index.js';
