import { crossOriginIsolation } from './crossOriginIsolation.js';

/**
 * Response headers of every file of the built page, by its path under dist/ (the same rules as
 * the nginx set-up in README.md):
 * - the type by extension; `.wasm` must be `application/wasm`, or browsers refuse to compile it
 *   while it downloads (WebAssembly.instantiateStreaming);
 * - COOP/COEP (cross-origin isolation, wasm threads) on every file: ONNX Runtime's thread workers
 *   and the inference worker need them on their scripts too;
 * - content-hashed files (`assets/`) and the versioned ONNX Runtime folder (`ort/<version>/`) are
 *   cached for good; everything else is revalidated (ETag), so a new build is seen at once.
 */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  wasm: 'application/wasm',
  onnx: 'application/octet-stream',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webmanifest: 'application/manifest+json',
};

/** Extensions worth compressing (the build writes .br and .gz beside them). */
export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|onnx|csv|json|txt|svg|webmanifest)$/;

export function contentType(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

export function isImmutable(path: string): boolean {
  return /^\/?(assets|ort\/[^/]+)\//.test(path);
}

export function headersFor(path: string): Record<string, string> {
  return {
    'Content-Type': contentType(path),
    'Cache-Control': isImmutable(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...crossOriginIsolation,
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
