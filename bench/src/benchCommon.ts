import { cpus, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Machine facts every result file carries: CPU timings mean little without the load beside them. */
export function machineInfo() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** Debian's python with the oracle packages, or undefined when it is missing. */
export function debianPython(modules: string[]): string | undefined {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  return probe.status === 0 ? python : undefined;
}

// The shared data sets sit beside the checkout (bench/src -> ../../../shared/data).
const sharedData = (path: string) => fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));
export const MEAT = sharedData('fresh-meat-ftir/FreshMeatFTIR.csv');
export const MEAT_UCR_SPLIT = sharedData('fresh-meat-ftir/ucr-split.csv');

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((v, c) => String(v).padEnd(widths[c]!)).join('  ')).join('\n');
}
