import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/sharedData.js';
import { ALLOWED, leavesPackage, ourPackage, PACKAGES, sourceFiles } from '../packageGraph.js';

const files = sourceFiles();

test('architecture: every import of one of our packages follows the arrows of DESIGN.md (tests included)', () => {
  const wrong: string[] = [];
  for (const file of files) {
    for (const s of file.specifiers) {
      const target = ourPackage(s);
      if (target === undefined || target === file.pkg) continue;
      // Tests anywhere may use the shared test support (@spectracam/test).
      if (!ALLOWED[file.pkg].includes(target) && !(file.isTest && target === 'test')) wrong.push(`${file.path} imports ${s} (${file.pkg} -> ${target})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('architecture: the packages import one another without a cycle', () => {
  const edges = new Map<string, Set<string>>(PACKAGES.map((p) => [p, new Set<string>()]));
  for (const file of files) {
    if (file.pkg === 'test' || file.pkg === 'bench') continue;
    for (const s of file.specifiers) {
      const target = ourPackage(s);
      if (target && target !== file.pkg && target !== 'test') edges.get(file.pkg)!.add(target);
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path, node];
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const p of PACKAGES) assert.equal(visit(p, [])?.join(' -> '), undefined);
});

test('architecture: no relative import reaches into another package (import it by name)', () => {
  const wrong = files.flatMap((file) => file.specifiers.filter((s) => leavesPackage(file, s) !== undefined).map((s) => `${file.path}: ${s}`));
  assert.deepEqual(wrong, []);
});

test('architecture: each package declares the packages its code imports', () => {
  const missing: string[] = [];
  for (const pkg of PACKAGES) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, pkg, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
    const any = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {})]);
    for (const file of files.filter((f) => f.pkg === pkg)) {
      for (const s of file.specifiers) {
        if (s.startsWith('.') || s.startsWith('node:') || /\$\{/.test(s)) continue;
        const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!;
        if (name === (manifest.name as unknown as string)) continue;
        // A lazily imported devDependency is an optional path (the checkout's TypeScript loader).
        const declared = file.isTest || (file.lazy.includes(s) && any.has(name)) || pkg === 'bench' || pkg === 'test' || pkg === 'web-demo' ? any.has(name) || rootDevDependency(name) : runtime.has(name);
        if (!declared) missing.push(`${file.path} imports ${name}, which ${pkg}/package.json does not list${file.isTest ? '' : ' in dependencies'}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});

const rootManifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
function rootDevDependency(name: string): boolean {
  return name in rootManifest.devDependencies;
}

test('architecture: a package lists no dependency that nothing of it imports', () => {
  const unused: string[] = [];
  for (const pkg of ['cam', 'format', 'data', 'runtime', 'trainer', 'exporter', 'study', 'cli'] as const) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const used = new Set(files.filter((f) => f.pkg === pkg && !f.isTest).flatMap((f) => f.specifiers));
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      if (![...used].some((s) => s === dep || s.startsWith(`${dep}/`))) unused.push(`${pkg}: ${dep}`);
    }
  }
  assert.deepEqual(unused, []);
});
