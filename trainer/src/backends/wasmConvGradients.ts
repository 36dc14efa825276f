import { backend_util, getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { callWasm, release } from './wasmKernelCalls.js';

/*
 * The model's 1-D convolutions reach the backend as 2-D ones of height 1. The wasm backend has no
 * Conv2DBackpropFilter at all and a naive-loop Conv2DBackpropInput (~70 % of a training step), so
 * both are rewritten here as ONE call of the wasm forward Conv2D (XNNPACK, SIMD):
 * - input gradient: the output gradient, spread by the stride (zeros between samples), convolved
 *   with the flipped filter whose in/out channels are swapped;
 * - filter gradient: the input convolved with the output gradient used as a filter, batch and
 *   channels swapped so the sum over the batch becomes XNNPACK's sum over input channels, and the
 *   stride becoming the filter's dilation.
 * Other shapes (real 2-D convolutions, NCHW, dilated convs) keep the original kernel or the error.
 */

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
}

type Shape4 = [number, number, number, number];

let originalBackpropInput: KernelConfig | undefined;
let registered = false;

/** Registers the fast gradient kernels for 'wasm' (idempotent). */
export function registerWasmConvGradients(): void {
  if (registered) return;
  originalBackpropInput = getKernel('Conv2DBackpropInput', 'wasm');
  for (const name of ['Conv2DBackpropInput', 'Conv2DBackpropFilter']) {
    // Re-registering an existing kernel makes tfjs print a warning; unregister it first.
    if (getKernel(name, 'wasm')) unregisterKernel(name, 'wasm');
  }
  registerKernel({ kernelName: 'Conv2DBackpropInput', backendName: 'wasm', kernelFunc: backpropInput as unknown as KernelFunc });
  registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: backpropFilter as unknown as KernelFunc });
  registered = true;
}

function convInfo(xShape: Shape4, filterShape: Shape4, attrs: ConvAttrs) {
  return backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    backend_util.convertConv2DDataFormat(attrs.dataFormat),
  );
}

/** True for the convolutions this file handles: height 1, channels-last, no dilation. */
function isOneD(info: backend_util.Conv2DInfo): boolean {
  return (
    info.dataFormat === 'channelsLast' &&
    info.inHeight === 1 &&
    info.filterHeight === 1 &&
    info.strideHeight === 1 &&
    info.dilationWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.bottom === 0
  );
}

function backpropInput(args: { inputs: { dy: TensorInfo; filter: TensorInfo }; backend: KernelBackend; attrs: ConvAttrs & { inputShape: Shape4 } }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  const info = convInfo(attrs.inputShape, filter.shape as Shape4, attrs);
  if (!isOneD(info)) {
    if (!originalBackpropInput) throw new Error('Conv2DBackpropInput: wasm has no kernel for this convolution');
    return originalBackpropInput.kernelFunc(args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  const [batch, , width, inChannels] = attrs.inputShape;
  const { filterWidth: k, strideWidth: s, outWidth, outChannels } = info;
  const padLeft = info.padInfo.left;
  const temps: TensorInfo[] = [];
  try {
    // Flipped filter with channels swapped: [1, K, Cout, Cin].
    const swapped = callWasm('Transpose', { x: filter }, { perm: [0, 1, 3, 2] }, backend);
    temps.push(swapped);
    const flipped = callWasm('Reverse', { x: swapped }, { dims: [1] }, backend);
    temps.push(flipped);
    // dy spread by the stride: s-1 zeros after each sample (the trailing ones count as right padding).
    let spread: TensorInfo = dy;
    let spreadLength = outWidth;
    if (s > 1) {
      const rows = callWasm('Reshape', { x: dy }, { shape: [batch * outWidth, outChannels] }, backend);
      temps.push(rows);
      const padded = callWasm('PadV2', { x: rows }, { paddings: [[0, 0], [0, (s - 1) * outChannels]], constantValue: 0 }, backend);
      temps.push(padded);
      spreadLength = outWidth * s;
      spread = callWasm('Reshape', { x: padded }, { shape: [batch, 1, spreadLength, outChannels] }, backend);
      temps.push(spread);
    }
    // Full correlation: output position w sees dy positions (w + padLeft - k') / s for k' < K.
    const left = k - 1 - padLeft;
    let right = width + k - 1 - left - spreadLength;
    if (right < 0) {
      spread = callWasm('Slice', { x: spread }, { begin: [0, 0, 0, 0], size: [batch, 1, spreadLength + right, outChannels] }, backend);
      temps.push(spread);
      right = 0;
    }
    const convAttrs = { strides: [1, 1], pad: [[0, 0], [0, 0], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [1, 1] };
    const dx = callWasm('Conv2D', { x: spread, filter: flipped }, convAttrs as unknown as NamedAttrMap, backend);
    if (dx.shape[2] !== width || dx.shape[3] !== inChannels) {
      release(backend, dx);
      throw new Error(`Conv2DBackpropInput: produced shape ${dx.shape} instead of ${attrs.inputShape}`);
    }
    return dx;
  } finally {
    release(backend, ...temps);
  }
}

function backpropFilter(args: { inputs: { x: TensorInfo; dy: TensorInfo }; backend: KernelBackend; attrs: ConvAttrs & { filterShape: Shape4 } }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  const info = convInfo(x.shape as Shape4, attrs.filterShape, attrs);
  if (!isOneD(info)) {
    throw new Error(
      `Conv2DBackpropFilter: the wasm backend supports 1-D convolutions (height 1, channels-last, no dilation) only; got input ${x.shape}, filter ${attrs.filterShape}`,
    );
  }
  const { filterWidth: k, strideWidth: s, outWidth, inChannels, outChannels, batchSize } = info;
  const width = x.shape[2]!;
  const padLeft = info.padInfo.left;
  const temps: TensorInfo[] = [];
  try {
    // Input positions used: padLeft zeros, the input, then up to (outWidth-1)*s + K in all.
    const needed = (outWidth - 1) * s + k;
    let right = needed - padLeft - width;
    let source: TensorInfo = x;
    if (right < 0) {
      source = callWasm('Slice', { x }, { begin: [0, 0, 0, 0], size: [batchSize, 1, width + right, inChannels] }, backend);
      temps.push(source);
      right = 0;
    }
    // Batch <-> channels: [Cin, 1, W, B]; dy as a filter [1, Wout, B, Cout] dilated by the stride.
    const xt = callWasm('Transpose', { x: source }, { perm: [3, 1, 2, 0] }, backend);
    temps.push(xt);
    const dyt = callWasm('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend);
    temps.push(dyt);
    const convAttrs = { strides: [1, 1], pad: [[0, 0], [0, 0], [padLeft, right], [0, 0]], dataFormat: 'NHWC', dilations: [1, s] };
    const grad = callWasm('Conv2D', { x: xt, filter: dyt }, convAttrs as unknown as NamedAttrMap, backend);
    temps.push(grad); // [Cin, 1, K, Cout]
    return callWasm('Transpose', { x: grad }, { perm: [1, 2, 0, 3] }, backend); // [1, K, Cin, Cout]
  } finally {
    release(backend, ...temps);
  }
}
