import '@tensorflow/tfjs-backend-cpu';

/** The plain JavaScript backend: always present, slowest; the reference for gradient checks. */
export async function loadCpuBackend(): Promise<string> {
  return 'cpu';
}
