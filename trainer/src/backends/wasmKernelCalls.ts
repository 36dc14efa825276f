import { getKernel } from '@tensorflow/tfjs-core';
import type { KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Calls another wasm kernel from inside a kernel (no tape, no engine bookkeeping), the way
 * tfjs backends compose their own kernels. Intermediate results must be released with `release`.
 */
export function callWasm(name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap, backend: KernelBackend): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm backend has no '${name}' kernel`);
  return kernel.kernelFunc({ inputs, attrs, backend }) as TensorInfo;
}

export function release(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
