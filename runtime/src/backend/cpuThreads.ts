import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

/** Where Linux describes the CPUs and the process's cgroup limits; tests point them elsewhere. */
export interface CpuRoots {
  cpu?: string;
  cgroup?: string;
}

/**
 * ONNX Runtime's intra-op threads when the caller names none: one per physical core this process
 * may use, and no more than its container's CPU quota. ONNX Runtime's own default on Linux is half
 * the logical CPUs, which assumes two hardware threads per core: on machines without them (most
 * cloud vCPUs, ARM edge boards) it leaves half the cores idle; on a 2-vCPU VM it ran one thread,
 * and predict at batch 256 took 43 ms against 27 ms with two. Neither looks at a container's quota,
 * where threads beyond it only wait for their turn.
 */
export function defaultThreads(roots: CpuRoots = {}, platform: NodeJS.Platform = process.platform): number {
  // Windows: ONNX Runtime counts physical cores itself (0 = its choice). Elsewhere without
  // Linux's topology files (macOS) every logical CPU counts; Apple silicon has one thread a core.
  if (platform === 'win32') return 0;
  const cores = Math.floor(availableParallelism() / threadsPerCore(roots.cpu));
  return Math.max(1, Math.min(cores, cpuQuota(roots.cgroup) ?? Infinity));
}

/** Hardware threads per core, from cpu0's sibling list ("0,64", "0-1" or "0"); 1 where unknown. */
export function threadsPerCore(cpuRoot = '/sys/devices/system/cpu'): number {
  const list = readText(join(cpuRoot, 'cpu0', 'topology', 'thread_siblings_list'));
  if (list === undefined) return 1;
  let count = 0;
  for (const part of list.split(',')) {
    const [a, b] = part.split('-').map(Number);
    if (!Number.isInteger(a)) return 1;
    count += b === undefined ? 1 : Number.isInteger(b) && b >= a! ? b - a! + 1 : NaN;
  }
  return Number.isInteger(count) && count >= 1 ? count : 1;
}

/**
 * Whole CPUs the cgroup's quota allows (cgroup v2 `cpu.max`, else v1 `cpu.cfs_quota_us` over
 * `cpu.cfs_period_us`), at least 1; undefined without a quota.
 */
export function cpuQuota(cgroupRoot = '/sys/fs/cgroup'): number | undefined {
  const v2 = readText(join(cgroupRoot, 'cpu.max'));
  const [quota, period] = v2 !== undefined
    ? v2.split(/\s+/).map(Number)
    : [Number(readText(join(cgroupRoot, 'cpu', 'cpu.cfs_quota_us'))), Number(readText(join(cgroupRoot, 'cpu', 'cpu.cfs_period_us')))];
  // "max" (v2) and -1 (v1) mean no quota; both read as NaN or below zero here.
  if (!(quota! > 0 && period! > 0)) return undefined;
  return Math.max(1, Math.floor(quota! / period!));
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}
