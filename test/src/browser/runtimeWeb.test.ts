import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import type { Browser } from 'playwright-core';
import { loadModel } from '@spectracam/runtime';
import { chromiumMissing, launchChromium } from '../support/browser/chromium.js';
import { distDir, ensureBuiltPage } from '../support/browser/builtPage.js';
import { freePort } from '../support/browser/previewServer.js';

/** What makes the page cross-origin isolated (wasm threads), as the demo's servers send it. */
const crossOriginIsolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const missing = chromiumMissing();
const fixture = fileURLToPath(new URL('./fixtures/runtimePage/', import.meta.url));

interface PageOut {
  gpu: boolean;
  devices: string[];
  device: string;
  explanations: { predicted: string; maps: number[][] }[];
  webgpu: string;
  otherPaths: string;
  error?: string;
}

describe('@spectracam/runtime in a browser page of its own', { skip: missing }, () => {
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let server: PreviewServer;
  let out: string;
  let port: number;

  before(async () => {
    ensureBuiltPage();
    out = mkdtempSync(join(tmpdir(), 'spectracam-runtime-page-'));
    // The page bundled as an application would: the runtime's browser entry, no onnxruntime-web import of its own.
    await build({
      root: fixture,
      configFile: false,
      logLevel: 'silent',
      base: './',
      resolve: { conditions: ['source', 'onnxruntime-web-use-extern-wasm', 'browser', 'module', 'import', 'default'] },
      build: { outDir: out, emptyOutDir: true, target: 'es2022' },
    });
    // ONNX Runtime's files (the demo's copy, dist/ort/<version>/) where this application keeps
    // them, not beside its scripts.
    mkdirSync(join(out, 'vendor', 'onnx'), { recursive: true });
    const ort = join(distDir, 'ort', readdirSync(join(distDir, 'ort'))[0]!);
    for (const file of readdirSync(ort).filter((f) => /\.(wasm|mjs)$/.test(f))) copyFileSync(join(ort, file), join(out, 'vendor', 'onnx', file));
    copyFileSync(join(distDir, 'example', 'model.onnx'), join(out, 'model.onnx'));
    copyFileSync(join(distDir, 'example', 'spectra.csv'), join(out, 'spectra.csv'));
    server = await preview({
      root: out,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: out },
      preview: { port: (port = await freePort()), strictPort: true, host: '127.0.0.1', open: false, headers: crossOriginIsolation },
    });
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  after(async () => {
    await closeBrowser?.();
    await server?.close();
  });

  test('wasmPaths places ONNX Runtime\'s files; availableDevices lists only devices that start; the maps match Node', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.getElementById('result')?.textContent, undefined, { timeout: 120_000 });
    const result = JSON.parse((await page.locator('#result').textContent())!) as PageOut;
    assert.equal(result.error, undefined);

    assert.ok(requests.includes('/vendor/onnx/ort-wasm-simd-threaded.wasm'), `ONNX Runtime's wasm from wasmPaths: ${requests.join(' ')}`);
    assert.deepEqual(requests.filter((r) => /ort-wasm/.test(r) && !r.startsWith('/vendor/onnx/')), [], 'no ONNX Runtime file from anywhere else');
    assert.deepEqual(requests.filter((r) => r.includes('.jsep.')), [], 'the JSEP build is not fetched when WebGPU cannot start');

    const adapter = await page.evaluate(async () => {
      const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      return gpu ? (await gpu.requestAdapter()) !== null : false;
    });
    assert.deepEqual(result.devices, adapter ? ['webgpu', 'wasm'] : ['wasm'], `navigator.gpu ${result.gpu}, adapter ${adapter}`);
    if (!adapter) assert.match(result.webgpu, /webgpu.*cannot start.*devices that work here: wasm/);
    assert.match(result.otherPaths, /wasmPaths .*elsewhere.* must be given before the first model/);
    assert.equal(result.device, 'wasm');

    const lines = readFileSync(join(out, 'spectra.csv'), 'utf8').trim().split('\n');
    const axis = lines[0]!.split(',').slice(2).map(Number);
    const rows = lines.slice(1, 4).map((l) => l.split(',').slice(2).map(Number));
    const model = await loadModel(new Uint8Array(readFileSync(join(out, 'model.onnx'))));
    try {
      const node = await model.explain(rows, { axis, class: 'all', full: true });
      assert.deepEqual(result.explanations.map((e) => e.predicted), node.map((e) => e.predicted));
      let worst = 0;
      node.forEach((e, i) => e.maps.forEach((m, k) => m.map!.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - result.explanations[i]!.maps[k]![j]!))))));
      assert.ok(worst <= 1e-4, `maps differ browser vs Node by ${worst}`);
    } finally {
      await model.dispose();
    }
  });
});
