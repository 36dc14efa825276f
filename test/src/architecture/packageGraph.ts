import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../support/sharedData.js';

/** The workspace folders whose code is checked, in layer order (lowest first). */
export const PACKAGES = ['cam', 'format', 'data', 'runtime', 'trainer', 'exporter', 'study', 'cli', 'web-demo', 'bench', 'test'] as const;
export type PackageDir = (typeof PACKAGES)[number];

/** Which of our packages each may import (DESIGN.md's arrows, with what lies below them). */
export const ALLOWED: Record<PackageDir, readonly string[]> = {
  cam: [],
  format: ['cam'],
  data: ['cam', 'format'],
  runtime: ['cam', 'format', 'data'],
  trainer: ['data', 'format'],
  exporter: ['cam', 'format', 'data', 'trainer'],
  study: ['cam', 'format', 'data', 'trainer'],
  cli: ['cam', 'format', 'data', 'runtime', 'trainer', 'exporter', 'study'],
  'web-demo': ['cam', 'format', 'data', 'runtime'],
  bench: ['cam', 'format', 'data', 'runtime', 'trainer', 'exporter', 'study', 'test'],
  test: ['cam', 'format', 'data', 'runtime', 'trainer', 'exporter', 'study', 'cli', 'test'],
};

export interface SourceFile {
  pkg: PackageDir;
  path: string;
  isTest: boolean;
  text: string;
  /** Every module specifier it imports (static, dynamic and re-exports). */
  specifiers: string[];
  /** The specifiers it only imports lazily (`import(...)`): optional or checkout-only paths. */
  lazy: string[];
}

const SKIP = new Set(['node_modules', 'dist', 'public', '.git']);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export function specifiersOf(text: string): string[] {
  const found = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'/gm),
    ...text.matchAll(/^\s*import\s*'([^']+)'/gm),
    ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
  ].map((m) => m[1]!);
  return [...new Set(found)];
}

/** Every source file of the workspace packages (scripts, bench and vite config included). */
export function sourceFiles(): SourceFile[] {
  return PACKAGES.flatMap((pkg) =>
    walk(join(repoRoot, pkg), []).map((path) => {
      const text = readFileSync(path, 'utf8');
      const rel = relative(repoRoot, path);
      const lazy = [...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
      return { pkg, path: rel, lazy, isTest: /__tests__|\.test\.ts$|\/(scripts|bench)\//.test(rel) || pkg === 'test' || pkg === 'bench', text, specifiers: specifiersOf(text) };
    }),
  );
}

/** `@spectracam/<name>` (and subpaths) -> `<name>`, the workspace folder. */
export function ourPackage(specifier: string): string | undefined {
  const m = /^@spectracam\/([a-z-]+)/.exec(specifier);
  return m ? m[1] : undefined;
}

/** The package folder a relative import from `file` lands in, or undefined when it stays inside. */
export function leavesPackage(file: SourceFile, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(repoRoot, resolve(repoRoot, dirname(file.path), specifier));
  const top = target.split(/[\\/]/)[0]!;
  return top === file.pkg ? undefined : top;
}
