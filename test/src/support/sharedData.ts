import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { TestContext } from 'node:test';

/** Repository root (this file sits in test/src/support). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The real data sets live beside the checkout in ../shared/data and are never copied in. */
export const sharedDataDir = resolve(repoRoot, '..', 'shared', 'data');

export const sharedData = {
  meatCsv: resolve(sharedDataDir, 'fresh-meat-ftir', 'FreshMeatFTIR.csv'),
  meatUcrSplit: resolve(sharedDataDir, 'fresh-meat-ftir', 'ucr-split.csv'),
  ramanDir: resolve(sharedDataDir, 'raman-bacteria-resistance'),
};

/**
 * Skips the calling test, saying why, when ../shared/data is absent (a user's machine).
 * Returns true when the test should stop.
 */
export function skipWithoutSharedData(t: TestContext, path: string = sharedDataDir): boolean {
  if (existsSync(path)) return false;
  t.skip(`needs ${path} (the shared data sets beside the checkout), which is absent here`);
  return true;
}
