export { setBackend, backendNames } from './setBackend.js';
export type { BackendName } from './setBackend.js';
export { registerWasmConvGradients } from './wasmConvGradients.js';
