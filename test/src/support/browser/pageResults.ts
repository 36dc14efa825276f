import type { Page } from 'playwright-core';

/** The JSON the page publishes in <pre id="test-results"> after every explanation. */
export interface PageResults {
  version: number;
  model: string;
  device: string;
  classes: string[];
  source: string;
  names: string[];
  predicted: string[];
  probabilities: number[][];
  maps: number[][][];
  regions: { start: number; end: number; peak: number; score: number; band?: string }[][];
  /** The unknown-sample score and flag per spectrum (null where the file has no score). */
  novelty: (number | null)[];
  unknown: (boolean | null)[];
  timings: Record<string, number>;
}

export async function readResults(page: Page): Promise<PageResults | undefined> {
  const text = await page.locator('#test-results').textContent();
  return text ? (JSON.parse(text) as PageResults) : undefined;
}

/** Waits until the page has published a result newer than `after`. */
export async function waitForResults(page: Page, after = 0, timeout = 60_000): Promise<PageResults> {
  await page.waitForFunction(
    (v) => Number(document.getElementById('test-results')?.dataset.version ?? 0) > v,
    after,
    { timeout },
  );
  return (await readResults(page))!;
}

/** Waits until the message next to the drop zone says something of `kind`. */
export async function waitForMessage(page: Page, kind: 'error' | 'ok', timeout = 60_000): Promise<string> {
  await page.waitForSelector(`#message.${kind}`, { timeout });
  return (await page.locator('#message').textContent()) ?? '';
}
