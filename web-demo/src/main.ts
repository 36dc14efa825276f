// The demo page: one <spectracam-explain> (index.html) with the example model and spectra, the
// test hook, a latency probe, and the service worker that keeps the page working offline.
import type { ExplainedDetail } from './spectracam-explain.js';
import './spectracam-explain.js';
import { publishTestResults } from './app/testResults.js';

const element = document.querySelector('spectracam-explain')!;
const results = document.getElementById('test-results')!;

element.addEventListener('spectracam-explained', (event) => {
  publishTestResults(results, (event as CustomEvent<ExplainedDetail>).detail);
  registerServiceWorker();
});

/**
 * After the first explanation is on screen (so it never competes with it), the service worker
 * keeps the page, ONNX Runtime's files and the example for offline use. Production builds only:
 * the dev server's files change under it.
 */
let registered = false;
function registerServiceWorker(): void {
  if (registered || !import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registered = true;
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI)).catch((error: unknown) => {
    console.warn(`offline use is not available: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** Latency probe for measurements (web-demo/bench): explain ms per spectrum at a batch size. */
(globalThis as { spectracamBench?: (batch: number, repeats: number) => Promise<number> }).spectracamBench = (batch, repeats) =>
  element.bench(batch, repeats);
