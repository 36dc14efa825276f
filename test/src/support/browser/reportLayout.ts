import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.js';

/** What Chromium makes of a report: its figures, their text collisions and every request it made. */
export interface ReportLayout {
  millis: number;
  figures: { id: string; height: number; charts: number; images: number; tables: number }[];
  /** Pairs of text elements in one SVG whose boxes overlap by more than a pixel each way. */
  overlaps: string[];
  /** Requests other than the report file itself (a self-contained report makes none). */
  requests: string[];
  text: string;
}

export async function reportLayout(path: string): Promise<ReportLayout> {
  const chromium = await launchChromium();
  try {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 900 } });
    const url = pathToFileURL(path).href;
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url());
    });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    const millis = Date.now() - started;
    const found = await page.evaluate(() => {
      const overlaps: string[] = [];
      const figures = Array.from(document.querySelectorAll('section.figure')).map((section) => {
        Array.from(section.querySelectorAll('svg')).forEach((svg, k) => {
          const texts = Array.from(svg.querySelectorAll('text')).filter((t) => t.textContent?.trim()).map((t) => ({ s: t.textContent!.trim(), r: t.getBoundingClientRect() }));
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i]!.r;
              const b = texts[j]!.r;
              const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (w > 1 && h > 1) overlaps.push(`${section.id}, chart ${k + 1}: "${texts[i]!.s}" on "${texts[j]!.s}"`);
            }
          }
        });
        return { id: section.id, height: section.getBoundingClientRect().height, charts: section.querySelectorAll('svg').length, images: section.querySelectorAll('img').length, tables: section.querySelectorAll('table').length };
      });
      return { figures, overlaps, text: document.body.innerText };
    });
    return { millis, requests, ...found };
  } finally {
    await chromium.close();
  }
}
