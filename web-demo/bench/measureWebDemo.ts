#!/usr/bin/env node
/**
 * Measures the web demo on this machine, headless Chromium against `vite preview` of the built
 * page: navigation -> first explanation drawn, explain latency per spectrum (wasm, batch 1 and
 * 64; all classes, full maps) against the Node runtime (onnxruntime-node, cpu), and the built
 * page's size with and without ONNX Runtime's wasm files, and the bytes the browser transferred
 * (response bodies as they came over the wire, compressed where served so, plus headers) before
 * the first explanation was drawn, per file. Cold profile: every run launches a fresh browser
 * profile. Prints one JSON object with the machine's load average at the start.
 *
 *   node --conditions=source --import tsx web-demo/bench/measureWebDemo.ts [?threads=1]
 *
 * The optional argument is appended to the page's address (the page reads `?threads=N`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '@spectracam/runtime';
import { launchChromium } from '@spectracam/test/support/browser/chromium';
import { distDir, ensureBuiltPage } from '@spectracam/test/support/browser/builtPage';
import { startPreview } from '@spectracam/test/support/browser/previewServer';
import { waitForResults } from '@spectracam/test/support/browser/pageResults';

const REPEATS = { 1: 20, 64: 5 } as const;

/** Bytes of the files under `dir`; `encoded`: their brotli copies where the build wrote one. */
function bytesUnder(dir: string, encoded = false): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    if (s.isDirectory()) return sum + bytesUnder(path, encoded);
    if (/\.(br|gz)$/.test(name)) return sum;
    return sum + (encoded && existsSync(`${path}.br`) ? statSync(`${path}.br`).size : s.size);
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
const load = loadavg().map((l) => Number(l.toFixed(2)));
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  const navigated = Date.now();
  await page.goto(`${server.url}${process.argv[2] ?? ''}`);
  const results = await waitForResults(page, 0, 120_000);
  const firstMs = results.timings.firstExplanationMs ?? NaN;
  // What the server sent before the first explanation was drawn (bytes on the wire: cache hits
  // and service-worker answers never reach it).
  const before = server.served.filter((f) => f.at - navigated <= firstMs);
  // The probe is set once the example is fully shown (feature maps after the first explanation).
  await page.waitForFunction(() => typeof (globalThis as { spectracamBench?: unknown }).spectracamBench === 'function');
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
  const brotli = { total: bytesUnder(distDir, true), ortWasm: bytesUnder(join(distDir, 'ort'), true), example: bytesUnder(join(distDir, 'example'), true) };
  process.stdout.write(
    `${JSON.stringify(
      {
        loadAverage: load,
        firstExplanationMsAfterNavigation: Math.round(firstMs),
        timeline: Object.fromEntries(Object.entries(results.timings).map(([k, v]) => [k, Math.round(v)])),
        transferredBeforeFirstExplanation: {
          bytes: before.reduce((sum, f) => sum + f.bytes, 0),
          requests: before.length,
          files: Object.fromEntries(before.map((f) => [f.url, `${f.bytes}${f.encoding ? ` ${f.encoding}` : ''}${f.status === 200 ? '' : ` (${f.status})`}`])),
          fetchedTwice: [...new Set(before.map((f) => f.url).filter((u, i, all) => all.indexOf(u) !== i))],
        },
        crossOriginIsolated: await page.evaluate(() => crossOriginIsolated),
        threads: await page.evaluate(() => navigator.hardwareConcurrency),
        explainMsPerSpectrum: { browserWasm: browserMs, node: nodeMs },
        pageBytes: { total, withoutOrtWasm: total - ort, ortWasm: ort, example, brotli },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await close();
  await server.close();
}
