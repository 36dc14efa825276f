#!/usr/bin/env node
/**
 * Measures the web demo on this machine, headless Chromium against `vite preview` of the built
 * page: navigation -> first explanation drawn, explain latency per spectrum (wasm, batch 1 and
 * 64; all classes, full maps) against the Node runtime (onnxruntime-node, cpu), and the built
 * page's size with and without ONNX Runtime's wasm files. Prints one JSON object.
 *
 *   node --conditions=source --import tsx web-demo/bench/measureWebDemo.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '@spectracam/runtime';
import { launchChromium } from '@spectracam/test/support/browser/chromium';
import { distDir, ensureBuiltPage } from '@spectracam/test/support/browser/builtPage';
import { startPreview } from '@spectracam/test/support/browser/previewServer';
import { waitForResults } from '@spectracam/test/support/browser/pageResults';

const REPEATS = { 1: 20, 64: 5 } as const;

function bytesUnder(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    return sum + (s.isDirectory() ? bytesUnder(path) : s.size);
  }, 0);
}

async function nodeLatency(batch: number, repeats: number): Promise<number> {
  const lines = readFileSync(join(distDir, 'example', 'spectra.csv'), 'utf8').trim().split('\n');
  const axis = lines[0]!.split(',').slice(2).map(Number);
  const rows = lines.slice(1).map((l) => l.split(',').slice(2).map(Number));
  const model = await loadModel(new Uint8Array(readFileSync(join(distDir, 'example', 'model.onnx'))));
  try {
    const input = Array.from({ length: batch }, (_, i) => rows[i % rows.length]!);
    const run = () => model.explain(input, { axis, class: 'all', full: true });
    await run();
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]! / batch;
  } finally {
    await model.dispose();
  }
}

ensureBuiltPage();
const server = await startPreview();
const { browser, close } = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.goto(server.url);
  const results = await waitForResults(page, 0, 120_000);
  const browserMs: Record<number, number> = {};
  for (const batch of [1, 64] as const) {
    browserMs[batch] = await page.evaluate(
      ([b, r]) => (globalThis as unknown as { spectracamBench(b: number, r: number): Promise<number> }).spectracamBench(b, r),
      [batch, REPEATS[batch]] as const,
    );
  }
  const nodeMs = { 1: await nodeLatency(1, REPEATS[1]), 64: await nodeLatency(64, REPEATS[64]) };
  const total = bytesUnder(distDir);
  const ort = bytesUnder(join(distDir, 'ort'));
  const example = bytesUnder(join(distDir, 'example'));
  process.stdout.write(
    `${JSON.stringify(
      {
        firstExplanationMsAfterNavigation: Math.round(results.timings.firstExplanationMs ?? NaN),
        crossOriginIsolated: await page.evaluate(() => crossOriginIsolated),
        threads: await page.evaluate(() => navigator.hardwareConcurrency),
        explainMsPerSpectrum: { browserWasm: browserMs, node: nodeMs },
        pageBytes: { total, withoutOrtWasm: total - ort, ortWasm: ort, example },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await close();
  await server.close();
}
