/**
 * WebGPU through @tensorflow/tfjs-backend-webgpu (optional, not a dependency). Browsers give
 * `navigator.gpu`; in Node the `webgpu` package's Dawn bindings provide it, so both are loaded
 * on demand and a clear error says what is missing.
 */
export async function loadWebgpuBackend(): Promise<string> {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    let dawn: { create?: (flags: string[]) => unknown; globals?: Record<string, unknown> };
    try {
      dawn = (await import(/* @vite-ignore */ 'webgpu' as string)) as typeof dawn;
    } catch {
      throw new Error(
        'the webgpu backend needs navigator.gpu: in Node install the Dawn bindings with `npm install -w trainer webgpu` ' +
          'and @tensorflow/tfjs-backend-webgpu@4.22.0 (a GPU with Vulkan, Metal or D3D12 drivers is required)',
      );
    }
    if (!dawn.create) throw new Error("the 'webgpu' package does not export create(): expected the Dawn Node bindings");
    Object.assign(globalThis, dawn.globals ?? {});
    const gpu = dawn.create([]);
    if (g.navigator) Object.assign(g.navigator, { gpu });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  }
  try {
    await import(/* @vite-ignore */ '@tensorflow/tfjs-backend-webgpu' as string);
  } catch {
    throw new Error(
      'the webgpu backend needs @tensorflow/tfjs-backend-webgpu: `npm install -w trainer @tensorflow/tfjs-backend-webgpu@4.22.0`',
    );
  }
  return 'webgpu';
}
